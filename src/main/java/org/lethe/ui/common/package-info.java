/** Shared GUI plumbing: FXML loading, dialogs, thumbnails, the services a screen receives. */
package org.lethe.ui.common;
