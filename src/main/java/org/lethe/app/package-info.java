/**
 * The composition root: {@link org.lethe.app.Launcher} starts the GUI or the CLI and
 * {@link org.lethe.app.AppServices} wires the engine services both use.
 */
package org.lethe.app;
