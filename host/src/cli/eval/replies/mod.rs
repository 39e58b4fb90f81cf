//! `chorus eval replies`: judges the replies the real plugin components
//! suggest, after the host's voice gate, on a JSONL file of cases
//! ([`case`]).
//!
//! # The path
//!
//! Only the cases whose `brand` is the loaded brand's id are run (the
//! others are counted as skipped), and with `--split` only that split.
//! Each case runs the same path as `chorus plugin run`
//! ([`chorus_host::pipeline::process_message`]): an email is posted to the
//! email plugin's `listen` as raw mail (`From: Name <address>`), an X post
//! or chat message becomes the plugin's message (with `name` as the
//! author's display name); then triage, the brand's listening rules (with
//! `--config`), suggest, and the voice gate ([`chorus_host::review::review`]). What is
//! judged is the suggestions the gate kept, best first: the **top**
//! suggestion is the first. The reply's **body** is its text without the
//! leading `@handle` mentions and without the channel's greeting and
//! sign-off as the gate fills them (the brand's `channels` templates with
//! the customer's first name and the persona).
//!
//! Phrases are matched ignoring case at the start of a word (see
//! [`judge`]; the word lists are in [`words`]). Per case, [`verdict`]
//! applies each criterion; [`figures`] counts them; [`report`] prints.
//!
//! # The criteria
//!
//! 1. **Knowledge answered** — cases with a non-empty `answer`: the top
//!    suggestion contains every `must_include` string (ignoring case). A
//!    case with no suggestion is not answered. Also counted (for
//!    information): cases where every string is in the first sentence of
//!    the body, a hello ("Hey Jonas!") not counting as one.
//! 2. **Tone violations on severe cases** — cases with `situation` `severe`
//!    where any kept suggestion has an emoji (pictographs, emoticons,
//!    dingbats, ZWJ sequences, see [`judge::is_emoji`]) or a text emoticon
//!    (`:)`, `;)`, `:D`, ...), an exclamation mark (`!`, `¡`), a tip or
//!    promotion marker (`tip:`, `pro tip`, `consejo:`, `astuce`, `tipp:`,
//!    `% off`, `discount`, `promo`), a cheery greeting or interjection
//!    (`hey`, `yay`, `woohoo`, `awesome`, `aw,`, `great news`, `good news`,
//!    `ugh`), or one of the case's `must_avoid` strings. The whole text is
//!    judged, greeting and sign-off included: that is what the customer
//!    reads.
//! 3. **Questions to praise** — cases with `situation` `praise` where any
//!    kept suggestion has `?` or `¿`, or an ask (`send us`, `let us know`,
//!    `could you`, `can you`, `pourriez-vous`, `podrías`, `könnten Sie`,
//!    `kannst du`, ...).
//! 4. **Re-asks for given facts** — cases with a non-empty `given` or
//!    `must_avoid`, where any kept suggestion contains a `must_avoid`
//!    string, or has a sentence that names a given fact's kind in any of
//!    en/es/fr/de (`order_id`: order number, número de pedido, numéro de
//!    commande, Bestellnummer; `email`/`account_email`, `phone`, `amount`,
//!    `date`, `product`, `invoice_id` likewise), asks (a question mark or a
//!    request: send us, share, provide, DM us, envía, envoyez, schicken,
//!    teilen, nennen, ...) and does not mention the fact's value itself
//!    ("we'll check order 4471-2290" is a mention, not a re-ask). Kinds
//!    with no patterns are checked through `must_avoid` only, and listed.
//! 5. **Email sender greeted by name** — email cases with a `name` that got
//!    a suggestion: the top suggestion's first line contains the first
//!    given name ("Maria" of "Maria Lopez" or of "Lopez, Maria").
//! 6. **Language match** — cases that got a suggestion: the top
//!    suggestion's body is written (by the SDK's language detector, as
//!    triage uses it) in the case's `language` when the brand answers in it
//!    (`languages` of its voice), else in the brand's first language. Shown
//!    overall and per case language.
//! 7. **Most repeated sentence** — over all kept suggestions of the run:
//!    each body is split into sentences, normalised (lower case, the
//!    customer's name as `{name}`, every digit `0`, final punctuation
//!    removed), and each sentence counted once per suggestion that has it;
//!    the three most frequent are shown with their share of suggestions.
//!    Acceptance: the most repeated one in at most 30% of them.
//! 8. **Lint-clean** — kept suggestions with no hard violation when linted
//!    again ([`chorus_voice::lint()`]) for the gate's target, over kept and
//!    dropped suggestions (a dropped one is not clean). Only drops for the
//!    reply's voice count: a voice rule ([`chorus_voice::Rule`]) or
//!    nothing left after fixing; a suggestion a gate drops for another
//!    reason (such as a message that needs no reply) is shown but not
//!    counted. Also: the cases other than spam left without any
//!    suggestion, and the spam cases that got one.
//!
//! `--check` fails (exit 1, one line per failed criterion on stderr)
//! unless lint-clean is 100%, there is no tone violation, no re-ask and no
//! question to praise, knowledge answered is at least 90%, language match
//! at least 95%, the most repeated sentence at most 30%, and no spam case
//! is answered. A criterion with no case to judge passes.

mod case;
mod figures;
mod judge;
mod report;
mod verdict;
mod words;

use std::path::Path;

use chorus_host::brand::Brand;
use chorus_host::model::Triage;
use chorus_host::review::{self, ReplyTarget};
use chorus_voice::{Rule, Severity, VoiceProfile};

use super::super::Failure;
use super::Common;
use super::shared::{Listened, Loaded, Plugins, listen, load_brand, process};
use case::Case;
use figures::Figures;

/// How to print the result.
#[derive(Debug, Clone, Copy)]
pub(super) struct Output {
    /// Print every case with its triage and suggestions.
    pub show: bool,
    /// Fail unless every acceptance threshold is met.
    pub check: bool,
}

/// A suggestion the gate kept, ready to judge.
#[derive(Debug, Clone)]
struct Kept {
    pub strategy: String,
    /// The text as the gate left it.
    pub text: String,
    /// The reply's own words (see [`judge::body`]).
    pub body: String,
    /// No hard lint violation for the gate's target.
    pub lint_clean: bool,
    /// The knowledge snippet it answers with, by base id (its rationale
    /// names it: ``knowledge `returns-window.es` answers …``).
    pub answers_with: Option<String>,
    /// Why the plugin suggested it, as it said.
    pub rationale: String,
}

/// A suggestion the gate dropped.
#[derive(Debug, Clone)]
struct Dropped {
    pub strategy: String,
    pub reason: String,
    pub text: String,
    /// Dropped for its voice: a voice rule, or nothing left after fixing.
    pub for_voice: bool,
}

/// What became of one case.
#[derive(Debug, Clone)]
struct Outcome<'c> {
    pub case: &'c Case,
    /// The case's line in the file.
    pub line: usize,
    /// Triage after the listening rules (none when `listen` ignored it).
    pub triage: Option<Triage>,
    /// Why the email plugin's `listen` ignored the mail.
    pub ignored: Option<String>,
    /// The kept suggestions, best first.
    pub kept: Vec<Kept>,
    pub dropped: Vec<Dropped>,
}

/// Runs `chorus eval replies` on `file`.
pub(super) async fn run(
    file: &Path,
    brand: Option<&Path>,
    common: &Common,
    output: Output,
) -> Result<(), Failure> {
    let brand = load_brand(brand, common.config.as_deref(), common.brand_id.as_deref())?;
    let id = &brand.info.id.clone();
    let all = case::read(file)?;
    let total = all.len();
    let ours: Vec<(usize, Case)> = all.into_iter().filter(|(_, c)| &c.brand == id).collect();
    let skipped = total - ours.len();
    let split = common.split.as_deref();
    let cases: Vec<(usize, Case)> = ours
        .into_iter()
        .filter(|(_, c)| split.is_none_or(|s| c.split.name() == s))
        .collect();
    for (line, case) in &cases {
        case.check_brand(&brand.voice)
            .map_err(|e| Failure::refused(format!("{}:{line}: {e}", file.display())))?;
    }
    if cases.is_empty() {
        return Err(Failure::refused(format!(
            "{}: no cases of brand `{id}`{} ({skipped} of {total} lines are other brands')",
            file.display(),
            split
                .map(|s| format!(" in split `{s}`"))
                .unwrap_or_default(),
        )));
    }
    let languages = brand.voice.languages.clone();
    let mut plugins = Plugins::new(common.plugins.clone(), brand)?;
    let mut outcomes = Vec::with_capacity(cases.len());
    for (line, case) in &cases {
        let (loaded, brand) = plugins.get(case.channel).await?;
        let outcome = run_case(loaded, brand, case, *line)
            .await
            .map_err(|e| Failure::other(format!("{}:{line}: {e}", file.display())))?;
        outcomes.push(outcome);
    }
    let figures = Figures::of(&outcomes, &languages);
    let heading = report::Heading {
        file,
        brand: id,
        split,
        skipped,
    };
    if common.json {
        report::print_json(&heading, &figures, &outcomes, output.show)?;
    } else {
        if output.show {
            report::print_cases(&outcomes, &figures.verdicts);
        }
        report::print_text(&heading, &figures, &outcomes);
    }
    if output.check {
        let failures = figures.failures();
        if !failures.is_empty() {
            for failure in &failures {
                eprintln!("check failed: {failure}");
            }
            return Err(Failure::other(format!(
                "{} of {} acceptance criteria failed",
                failures.len(),
                figures::CHECKED
            )));
        }
    }
    Ok(())
}

/// One case through its channel's plugin: listen (email), triage, the
/// listening rules, suggest, the voice gate.
async fn run_case<'c>(
    loaded: &Loaded,
    brand: &Brand,
    case: &'c Case,
    line: usize,
) -> Result<Outcome<'c>, String> {
    let mut outcome = Outcome {
        case,
        line,
        triage: None,
        ignored: None,
        kept: Vec::new(),
        dropped: Vec::new(),
    };
    let plugin = &loaded.plugin;
    let message = match listen(plugin, &loaded.services, brand, &case.inbound()).await? {
        Listened::Message(message) => *message,
        Listened::Ignored(reason) => {
            outcome.ignored = Some(reason);
            return Ok(outcome);
        }
    };
    let (processed, context) = process(loaded, brand, message).await?;
    let Some(triage) = processed.triage else {
        return Ok(outcome);
    };
    // As the pipeline replied: in the reply's language.
    let context = context.for_reply(&triage);
    let target = ReplyTarget::new(&context, plugin.info(), &processed.message, &triage, None);
    let voice = &context.voice;
    let (greeting, sign_off) = templates(voice, &target);
    outcome.kept = processed
        .suggestions
        .into_iter()
        .map(|reviewed| {
            let text = reviewed.suggestion.text;
            let violations =
                chorus_voice::lint(voice, &text, &review::voice_target(&target, &text));
            Kept {
                answers_with: judge::answers_with(&reviewed.suggestion.rationale),
                rationale: reviewed.suggestion.rationale,
                strategy: reviewed.suggestion.strategy,
                body: judge::body(&text, &greeting, &sign_off).to_owned(),
                lint_clean: violations.iter().all(|v| v.severity != Severity::Hard),
                text,
            }
        })
        .collect();
    outcome.dropped = processed
        .dropped_suggestions
        .into_iter()
        .map(|d| Dropped {
            for_voice: d.rules.is_empty()
                || d.rules
                    .iter()
                    .any(|r| Rule::ALL.iter().any(|v| v.name() == r)),
            strategy: d.suggestion.strategy,
            reason: d.reason,
            text: d.suggestion.text,
        })
        .collect();
    outcome.triage = Some(triage);
    Ok(outcome)
}

/// The channel's greeting and sign-off as the gate fills them for
/// `target` (empty when the brand has none).
fn templates(voice: &VoiceProfile, target: &ReplyTarget) -> (String, String) {
    let fill = |template: &str| {
        chorus_voice::fill_template(
            template.trim(),
            target.first_name.as_deref(),
            &voice.persona,
        )
    };
    voice
        .channel(&target.channel)
        .map(|c| (fill(&c.greeting), fill(&c.sign_off)))
        .unwrap_or_default()
}
