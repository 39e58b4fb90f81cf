//! Brand voice profiles for Chorus, and the engine that applies them.
//!
//! A [`VoiceProfile`] is a brand's voice written down as data: how formal it
//! is, which words it avoids, how it greets and signs off on each channel.
//! The host loads one profile per brand (from TOML) and hands the same profile
//! to every channel plugin, so the brand sounds the same on X, Slack and email.
//!
//! The engine has three entry points, all pure functions of a profile, a
//! reply text and a [`Target`] (where the reply is going):
//!
//! - [`lint()`] lists the rules a reply breaks ([`Violation`]s, hard or soft);
//! - [`fix`] rewrites what can be rewritten safely and is idempotent;
//! - [`score()`] rates how much the reply sounds like the brand, 0..1.
//!
//! [`retrieve`] finds, before any of that, the brand's snippet that answers a
//! customer message ("answer first"): BM25 over its knowledge snippets,
//! canned responses and accepted replies, in English, Spanish, French and
//! German.
//!
//! This crate is pure Rust with no I/O: it parses text it is given and builds
//! for `wasm32-wasip2` as well as natively. The default `toml` feature adds
//! [`VoiceProfile::from_toml_str`]; plugins that receive the profile from the
//! host can use `default-features = false` and carry no TOML parser.

mod emoji;
mod fix;
mod language;
pub mod lint;
mod localize;
mod markers;
mod profile;
mod reply;
pub mod retrieve;
mod rules;
pub mod score;
mod situation;
mod template;
mod text;
pub mod tone;

pub use fix::{MAX_PASSES, MIN_BODY};
pub use language::{primary_subtag, reply_language};
pub use lint::{Fixed, Rule, Severity, Target, Violation, fix, lint};
pub use profile::{
    CannedResponse, ChannelVoice, ChannelWords, EmojiPolicy, Formality, KnowledgeSnippet, Person,
    ProfileError, Replacement, VoiceProfile,
};
pub use score::{Feature, Score, WEIGHTS, score};
pub use situation::Situation;
pub use template::{after_greeting, fill_name, fill_template, first_given_name, given_name};
pub use text::split_sentences;
