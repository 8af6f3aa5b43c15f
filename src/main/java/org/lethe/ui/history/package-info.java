/**
 * The experiments-history screen: every training and unlearning run of the session in a sortable
 * table, with its parameters, and actions to run it again, delete it or export the table as CSV.
 */
package org.lethe.ui.history;
