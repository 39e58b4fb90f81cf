//! The host's voice gate: every suggestion from any plugin — ours or a third
//! party's — is linted, fixed, scored and ranked in the brand's voice before
//! it is stored or shown.
//!
//! For each suggestion, in the plugin's order:
//!
//! 1. Host placeholders are filled: `{response_time}` (the SLA promise, e.g.
//!    "within 4 business hours"), and `{first_name}` / `{agent}` when a
//!    plugin left them.
//! 2. [`chorus_voice::fix`] rewrites what it safely can (replacements, emoji,
//!    `!`, contractions, greeting and sign-off, trimming to the limit). On a
//!    severe case (safety, legal, outage, strong anger, repeat contact: see
//!    [`Situation::of`]) it also sobers the tone: no emoji, no `!`, no tips
//!    or promotions, no cheery interjection, whichever plugin wrote it.
//! 3. [`chorus_voice::lint()`] runs on the fixed text: a hard violation left
//!    (a banned phrase, disallowed emoji, over length) drops the suggestion,
//!    with the reason kept.
//! 4. [`chorus_voice::score()`] gives the voice score; the rank score is
//!    relevance (the plugin's order) × voice score × the brand's learnt
//!    prior for the strategy on this intent ([`StrategyPriors`]).
//!
//! Kept suggestions are sorted by rank score, best first. A message triaged
//! `no-reply` (spam, auto-replies) keeps none: every suggestion is dropped
//! with that reason.

mod diff;
mod prior;
mod promise;

use chorus_voice::{Severity, Situation, Target, VoiceProfile};
use serde::{Deserialize, Serialize};

pub use diff::word_diff;
pub use prior::{StrategyPriors, StrategyStat};
pub use promise::{Sla, promise};

use crate::model::{Context, Message, PluginInfo, Suggestion, Triage};

/// The placeholder plugins write where the host should promise a response
/// time, e.g. "we'll get back to you {response_time}."
pub const RESPONSE_TIME: &str = "{response_time}";

/// How much each step down the plugin's own order costs in relevance.
const RELEVANCE_STEP: f32 = 0.15;

/// Where the reviewed replies go and what they must respect.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyTarget {
    /// The profile's channel name (`twitter`, `slack`, `email`, ...).
    pub channel: String,
    /// Hard length limit in characters (0 = none).
    pub max_length: usize,
    /// How many suggestions to keep.
    pub max_suggestions: usize,
    /// The customer's first name, when known.
    pub first_name: Option<String>,
    /// Whether the customer's message was negative (empathy expected).
    pub needs_empathy: bool,
    /// The triaged intent, for the learnt priors.
    pub intent: String,
    /// What `{response_time}` becomes: the SLA promise in the reply's
    /// language.
    pub response_time: String,
    /// The moment, read from triage: severe cases get the severe tone
    /// ([`chorus_voice::tone`]); no-reply cases get no suggestion.
    pub situation: Situation,
}

impl ReplyTarget {
    /// The target for replies to `message` after `triage`, on a channel
    /// served by `plugin`; `sla` is the message's first-response target,
    /// when the brand has one.
    pub fn new(
        context: &Context,
        plugin: &PluginInfo,
        message: &Message,
        triage: &Triage,
        sla: Option<Sla>,
    ) -> Self {
        let (language, _) = chorus_voice::reply_language(
            &context.voice.languages,
            triage.language.as_deref(),
            promise::LANGUAGES,
        );
        // As the SDK reads it (`chorus_sdk::suggest::first_name`).
        let record = context.customer.as_ref().and_then(|c| c.name.as_deref());
        let first_name =
            chorus_voice::first_given_name([record, message.author.display_name.as_deref()]);
        Self {
            channel: voice_channel(&context.voice, &plugin.voice_channels()),
            max_length: context.limits.max_reply_length as usize,
            max_suggestions: context.limits.max_suggestions as usize,
            first_name,
            needs_empathy: triage.situation().needs_empathy(triage.sentiment),
            intent: triage.intent.clone(),
            response_time: promise::promise(sla, language),
            situation: triage.situation(),
        }
    }
}

/// The profile channel that replies follow: the first of `candidates` (the
/// plugin's voice channels, most specific first) that the profile
/// configures, else the first.
pub fn voice_channel(profile: &VoiceProfile, candidates: &[String]) -> String {
    candidates
        .iter()
        .find(|name| profile.channel(name).is_some())
        .or(candidates.first())
        .cloned()
        .unwrap_or_default()
}

/// What the host made of one kept suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VoiceReview {
    /// How well the text fits the brand's voice, 0..1.
    pub voice_score: f32,
    /// The plugin's own ordering, 1.0 for its first suggestion.
    pub relevance: f32,
    /// The brand's learnt prior for this strategy on this intent.
    pub prior: f32,
    /// relevance × voice score × prior: what the ranking sorts by.
    pub rank_score: f32,
    /// Rules the fixer applied (`emoji`, `length`, ...).
    pub fixes: Vec<String>,
    /// Soft violations left, as messages.
    pub warnings: Vec<String>,
    /// The plugin's text, when the host changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_text: Option<String>,
}

/// A suggestion that passed the voice gate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReviewedSuggestion {
    /// The suggestion, with the fixed text.
    #[serde(flatten)]
    pub suggestion: Suggestion,
    /// Scores, fixes and warnings.
    pub review: VoiceReview,
}

/// A suggestion the voice gate refused, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DroppedSuggestion {
    /// The suggestion as the plugin wrote it.
    #[serde(flatten)]
    pub suggestion: Suggestion,
    /// The hard violations left after fixing, as one sentence.
    pub reason: String,
    /// Their rule names (`banned-phrase`, `length`, ...).
    pub rules: Vec<String>,
}

/// The outcome of reviewing one message's suggestions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Review {
    /// Kept suggestions, best first.
    pub kept: Vec<ReviewedSuggestion>,
    /// Refused suggestions.
    pub dropped: Vec<DroppedSuggestion>,
}

/// Reviews a plugin's suggestions for `target` in `profile`'s voice.
pub fn review(
    profile: &VoiceProfile,
    target: &ReplyTarget,
    suggestions: Vec<Suggestion>,
    priors: &StrategyPriors,
) -> Review {
    let mut review = Review::default();
    if target.situation == Situation::NoReply {
        // Spam, auto-replies, the brand's own posts: whatever a plugin
        // suggests, nobody should send it.
        review.dropped = suggestions
            .into_iter()
            .map(|suggestion| DroppedSuggestion {
                suggestion,
                reason: "nothing to answer: triage routed this message `no-reply`".to_owned(),
                rules: vec!["no-reply".to_owned()],
            })
            .collect();
        return review;
    }
    for (index, suggestion) in suggestions.into_iter().enumerate() {
        let relevance = (1.0 - RELEVANCE_STEP * index as f32).max(0.1);
        let prior = priors.prior(&suggestion.strategy, &target.intent);
        match gate(profile, target, suggestion, relevance, prior) {
            Ok((suggestion, voice)) => {
                let duplicate = review
                    .kept
                    .iter()
                    .any(|k| k.suggestion.text == suggestion.text);
                if !duplicate {
                    review.kept.push(ReviewedSuggestion {
                        suggestion,
                        review: voice,
                    });
                }
            }
            Err(dropped) => review.dropped.push(dropped),
        }
    }
    review
        .kept
        .sort_by(|a, b| b.review.rank_score.total_cmp(&a.review.rank_score));
    review.kept.truncate(target.max_suggestions.max(1));
    review
}

/// Lints one suggestion (fixing and linting again only when it breaks a
/// rule), scores it and ranks it with its relevance
/// and prior; `Err` when it must be dropped.
fn gate(
    profile: &VoiceProfile,
    target: &ReplyTarget,
    suggestion: Suggestion,
    relevance: f32,
    prior: f32,
) -> Result<(Suggestion, VoiceReview), DroppedSuggestion> {
    let filled = fill_placeholders(&suggestion.text, profile, target);
    let voice_target = voice_target(target, &filled);
    let prefix = voice_target.prefix;
    // A plugin built on the SDK has fixed its text already: lint it first,
    // and fix (then lint again) only what breaks a rule.
    let first = chorus_voice::lint(profile, &filled, &voice_target);
    let (fixed, violations) = if first.is_empty() {
        let clean = chorus_voice::Fixed {
            text: filled.clone(),
            applied: Vec::new(),
        };
        (clean, first)
    } else {
        let fixed = chorus_voice::fix(profile, &filled, &voice_target);
        let violations = chorus_voice::lint(profile, &fixed.text, &voice_target);
        (fixed, violations)
    };
    let (hard, soft): (Vec<_>, Vec<_>) = violations
        .into_iter()
        .partition(|v| v.severity == Severity::Hard);
    if fixed.text.trim().is_empty() || fixed.text.trim() == prefix.trim() {
        return Err(DroppedSuggestion {
            suggestion,
            reason: "nothing left after fixing".to_owned(),
            rules: Vec::new(),
        });
    }
    if !hard.is_empty() {
        let reason = hard
            .iter()
            .map(|v| v.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let mut rules: Vec<String> = hard.iter().map(|v| v.rule.to_string()).collect();
        rules.dedup();
        return Err(DroppedSuggestion {
            suggestion,
            reason,
            rules,
        });
    }
    let score = chorus_voice::score(profile, &fixed.text, &voice_target);
    let original_text = (fixed.text != suggestion.text).then(|| suggestion.text.clone());
    let review = VoiceReview {
        voice_score: score.total,
        relevance,
        prior,
        rank_score: relevance * score.total * prior,
        fixes: fixed.applied.iter().map(ToString::to_string).collect(),
        warnings: soft.into_iter().map(|v| v.message).collect(),
        original_text,
    };
    Ok((
        Suggestion {
            text: fixed.text,
            ..suggestion
        },
        review,
    ))
}

/// Fills the placeholders the host owns, and the plugin's own if it left any.
fn fill_placeholders(text: &str, profile: &VoiceProfile, target: &ReplyTarget) -> String {
    if !text.contains('{') {
        return text.to_owned();
    }
    chorus_voice::fill_template(
        &text.replace(RESPONSE_TIME, &target.response_time),
        target.first_name.as_deref(),
        &profile.persona,
    )
}

/// What the voice engine checks `text` against when it goes to `target`:
/// the gate's fixer, linter and scorer all use this (the reply's leading
/// mentions are its prefix, see [`mention_prefix`]).
pub fn voice_target<'a>(target: &'a ReplyTarget, text: &'a str) -> Target<'a> {
    Target {
        channel: &target.channel,
        max_length: target.max_length,
        prefix: mention_prefix(text),
        first_name: target.first_name.as_deref(),
        needs_empathy: target.needs_empathy,
        situation: target.situation,
    }
}

/// The leading `@handle ` mentions of a reply (X replies must start with
/// them), with the spaces after them: not the brand's words, so kept first
/// and not scored.
pub fn mention_prefix(text: &str) -> &str {
    let mut end = 0;
    let mut rest = text;
    while let Some(after_at) = rest.strip_prefix('@') {
        let handle = after_at
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after_at.len());
        if handle == 0 {
            break;
        }
        let after_handle = &after_at[handle..];
        let spaces = after_handle.len() - after_handle.trim_start_matches(' ').len();
        if spaces == 0 {
            break;
        }
        let taken = 1 + handle + spaces;
        end += taken;
        rest = &rest[taken..];
    }
    &text[..end]
}

#[cfg(test)]
mod tests;
