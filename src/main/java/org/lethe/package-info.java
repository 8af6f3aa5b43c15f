/** Lethe, a desktop workbench for machine unlearning. */
package org.lethe;
