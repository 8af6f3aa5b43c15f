/**
 * The Train screen: a form for the model spec and the training recipe with validated ranges and
 * per-dataset defaults, live loss and accuracy curves, the trained model's summary, and saving and
 * opening {@code .lethe} model files.
 */
package org.lethe.ui.train;
