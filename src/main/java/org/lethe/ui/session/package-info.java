/**
 * Session handling in the GUI: New / Open / Save / Save as / Open recent in the File menu, the
 * snapshot of the workbench that is saved, applying a restored session, and autosave into the
 * user's data folder. The file format itself is {@code org.lethe.engine.session}.
 */
package org.lethe.ui.session;
