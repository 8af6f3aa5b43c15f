/** Fine-tuning (FT): continue training the original on the retain set only. */
package org.lethe.engine.unlearning.ft;
