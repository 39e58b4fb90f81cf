//! X/Twitter plugin (being written).
