//! `chorus eval`: measures the real plugin components on JSONL files.
//!
//! - `chorus eval triage` ([`triage`]) scores triage (route, priority,
//!   intent, ...) against labelled messages (`tests/data/LABELLING.md`).
//! - `chorus eval replies` ([`replies`]) runs each case through the same
//!   path as `chorus plugin run` (listen, triage, the brand's listening
//!   rules, suggest, the host's voice gate) and judges the suggestions that
//!   the gate kept on eight criteria.
//!
//! Both turn a line into what its channel's plugin would see
//! ([`inbound`]): an email is posted to `email.wasm`'s `listen` as the raw
//! mail a client sends (so the plugin strips quoted history and
//! signatures, as in the server); X posts and chat messages become the
//! plugin's message.

mod inbound;
mod input;
mod replies;
mod report;
mod shared;
mod triage;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Failure;

#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// Scores triage (route, priority, intent) on a labelled JSONL file.
    Triage {
        /// The labelled file: one JSON object a line with id, channel,
        /// visibility, text, intent, route, priority (and split).
        file: PathBuf,
        /// Brand file (identity, plugin config). Default: an example brand.
        #[arg(long, conflicts_with = "config")]
        brand: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
        /// Also print every message whose triage differs from its labels,
        /// with the triage's reasons (for tuning on `dev`).
        #[arg(long)]
        misses: bool,
    },
    /// Judges suggested replies (after the voice gate) on a JSONL file of cases.
    ///
    /// Each case runs listen, triage, the listening rules, suggest and the
    /// voice gate, as `chorus plugin run` does. Criteria: knowledge
    /// answered, tone on severe cases, questions to praise, re-asks for
    /// given facts, email sender greeted by name, language, the most
    /// repeated sentence, lint-clean (see docs/EVAL.md).
    Replies {
        /// The cases: one JSON object a line with id, split, brand,
        /// channel, visibility, author, name, text, language, situation,
        /// answer, must_include, given, must_avoid (see docs/EVAL.md).
        /// Only the loaded brand's cases are run.
        file: PathBuf,
        /// Brand file (identity, voice, plugin config).
        #[arg(long, conflicts_with = "config", required_unless_present = "config")]
        brand: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
        /// Print every case with its triage and the suggestions the gate
        /// kept (and dropped), for a person to read.
        #[arg(long)]
        show: bool,
        /// Exit 1, naming each failed criterion, unless every acceptance
        /// threshold is met (lint-clean 100%, no tone violation, re-ask or
        /// question to praise, knowledge answered ≥ 90%, language match
        /// ≥ 95%, most repeated sentence ≤ 30%, no spam answered).
        #[arg(long)]
        check: bool,
    },
}

/// Options every eval command takes.
#[derive(Debug, Args)]
pub(crate) struct Common {
    /// Directory with twitter.wasm, chat.wasm and email.wasm.
    #[arg(long, default_value = "target/plugins")]
    pub(super) plugins: PathBuf,
    /// Server configuration: take the brand (identity, plugin config and
    /// listening rules) from it.
    #[arg(long)]
    pub(super) config: Option<PathBuf>,
    /// With --config: the brand's id (default: the first brand).
    #[arg(long, requires = "config")]
    pub(super) brand_id: Option<String>,
    /// Only lines whose `split` is this, e.g. `heldout`.
    #[arg(long)]
    pub(super) split: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub(super) json: bool,
}

/// Runs an `eval` subcommand.
pub(crate) async fn run(command: EvalCommand) -> Result<(), Failure> {
    match command {
        EvalCommand::Triage {
            file,
            brand,
            common,
            misses,
        } => triage::run(&file, brand.as_deref(), &common, misses).await,
        EvalCommand::Replies {
            file,
            brand,
            common,
            show,
            check,
        } => {
            let output = replies::Output { show, check };
            replies::run(&file, brand.as_deref(), &common, output).await
        }
    }
}
