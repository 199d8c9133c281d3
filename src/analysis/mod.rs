//! French analysis chain.
