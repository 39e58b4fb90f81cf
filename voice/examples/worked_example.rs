//! The worked example of `docs/brand-voice-guide.md`: lint, fix and score
//! one draft reply with the Acme profile. Run it with
//! `cargo run -p chorus-voice --example worked_example`.

fn main() {}
