/**
 * Reliability and security tests (issue #8): fuzzed input files, archive safety, cancellation of
 * every job type, kill-during-save persistence, determinism, and the helpers they share
 * ({@link org.lethe.reliability.Mutator}, {@link org.lethe.reliability.FuzzRunner}).
 */
package org.lethe.reliability;
