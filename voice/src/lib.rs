//! Brand voice profiles for Chorus.
//!
//! A [`VoiceProfile`] is a brand's voice written down as data: how formal it
//! is, which words it avoids, how it greets and signs off on each channel.
//! The host loads one profile per brand (from TOML) and hands the same profile
//! to every channel plugin, so the brand sounds the same on X, Slack and email.
//!
//! This crate is pure Rust with no I/O: it parses text it is given and builds
//! for `wasm32-wasip2` as well as natively.

mod profile;

pub use profile::{
    CannedResponse, ChannelVoice, EmojiPolicy, Formality, KnowledgeSnippet, Person, ProfileError,
    Replacement, VoiceProfile,
};
