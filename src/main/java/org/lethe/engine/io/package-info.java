/** File plumbing shared by the engine: atomic writes (temp file in the same folder, then a move). */
package org.lethe.engine.io;
