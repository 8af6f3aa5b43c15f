/**
 * The engine: everything Lethe computes, with no knowledge of screens or consoles. Imports no
 * JavaFX, ControlsFX or JFreeChart and never writes to the standard streams (an ArchUnit test keeps
 * it so).
 */
package org.lethe.engine;
