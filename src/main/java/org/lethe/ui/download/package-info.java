/**
 * The "Download dataset" window: choose MNIST, Fashion-MNIST or CIFAR-10, see where the files come
 * from and go, and fetch them with the engine's verifying downloader as a cancellable job.
 */
package org.lethe.ui.download;
