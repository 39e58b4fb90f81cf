//! Email plugin (being written).
