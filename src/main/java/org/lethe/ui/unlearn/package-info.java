/**
 * The Unlearn screen: the registry's methods with checkboxes, a description and a validated
 * parameter form for each, the forget set's summary and warnings, and queueing Retrain plus the
 * checked methods as jobs whose results join the workbench's comparison.
 */
package org.lethe.ui.unlearn;
