/**
 * Workbench sessions on disk: the dataset reference, forget set, original model, compared models
 * and the experiments history in one versioned zip file ({@code .lethe-session}, described in
 * {@code docs/session-format.md}). {@link org.lethe.engine.session.SessionStore} writes and reads the
 * file, {@link org.lethe.engine.session.SessionRestorer} turns a read session back into a loaded
 * dataset and a re-evaluated comparison. No JavaFX here: the GUI glue lives in
 * {@code org.lethe.ui.session}.
 */
package org.lethe.engine.session;
