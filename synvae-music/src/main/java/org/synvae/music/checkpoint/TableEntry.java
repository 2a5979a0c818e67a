package org.synvae.music.checkpoint;

/** One key/value pair of a LevelDB table; the arrays are owned by whoever made the entry. */
record TableEntry(byte[] key, byte[] value) {
}
