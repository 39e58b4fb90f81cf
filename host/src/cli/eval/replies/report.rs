//! What `chorus eval replies` prints: the figures (see [`super::figures`])
//! as text with the offending texts under them, or as JSON, and every case
//! for `--show`.

use std::path::Path;

use chorus_host::model::Triage;
use serde::Serialize;
use serde_json::{Value, json};

use super::super::super::Failure;
use super::case::Situation;
use super::figures::Figures;
use super::verdict::{Fault, Verdict};
use super::{Kept, Outcome};

/// How many offending texts are printed per criterion.
const SHOWN: usize = 5;
/// Re-asks are printed up to this many.
const SHOWN_RE_ASKS: usize = 20;
/// Texts printed in lists are cut at this many characters.
const TEXT_CHARS: usize = 240;
/// The width of the figure names.
const LABEL: usize = 32;

/// What the run was: the file, the brand, the split, the lines skipped.
#[derive(Debug)]
pub(super) struct Heading<'a> {
    pub file: &'a Path,
    pub brand: &'a str,
    pub split: Option<&'a str>,
    /// Lines of other brands.
    pub skipped: usize,
}

fn label(name: &str, value: impl std::fmt::Display) {
    println!("{name:<LABEL$} {value}");
}

/// Prints the figures, then the offending texts.
pub(super) fn print_text(heading: &Heading<'_>, figures: &Figures, outcomes: &[Outcome<'_>]) {
    println!(
        "{}{}: {} cases of brand {} ({} lines of other brands skipped)",
        heading.file.display(),
        heading
            .split
            .map(|s| format!(" (split {s})"))
            .unwrap_or_default(),
        outcomes.len(),
        heading.brand,
        heading.skipped
    );
    let f = figures;
    label(
        "knowledge answered",
        format!(
            "{}  {}  (in the first sentence after the greeting: {})",
            f.knowledge.text("cases"),
            f.knowledge.percent(),
            f.knowledge_first_sentence
        ),
    );
    label(
        "off-target answers",
        format!(
            "{}  {}",
            f.off_target.text("answers from knowledge"),
            f.off_target.percent()
        ),
    );
    label("tone violations on severe cases", f.tone.text("cases"));
    label("questions to praise", f.praise.text("cases"));
    label("re-asks for given facts", f.re_asks.text("cases"));
    label(
        "email sender greeted by name",
        format!("{}  {}", f.greeted.text("cases"), f.greeted.percent()),
    );
    label(
        "language match",
        format!("{}  {}", f.language.text("cases"), f.language.percent()),
    );
    for (language, rate) in &f.per_language {
        label(
            &format!("  {language}"),
            format!("{}  {}", rate.text("cases"), rate.percent()),
        );
    }
    if f.repeated.is_empty() {
        label("most repeated sentence", "– (no suggestion)");
    }
    for (i, r) in f.repeated.iter().enumerate() {
        let share = 100.0 * f64::from(r.suggestions) / f64::from(f.suggestions.max(1));
        label(
            if i == 0 { "most repeated sentence" } else { "" },
            format!(
                "{share:.1}% of {} suggestions ({}): \"{}\"",
                f.suggestions, r.suggestions, r.sentence
            ),
        );
    }
    label(
        "lint-clean",
        format!(
            "{}  {}  ({} dropped by the gate{})",
            f.lint.text("suggestions"),
            f.lint.percent(),
            f.dropped,
            if f.dropped_otherwise > 0 {
                format!(
                    "; {} dropped for other reasons, not counted",
                    f.dropped_otherwise
                )
            } else {
                String::new()
            }
        ),
    );
    label(
        "left without a suggestion",
        format!(
            "{} cases (not spam){}",
            f.unanswered.len(),
            ids(&f.unanswered)
        ),
    );
    let spam_answered: Vec<String> = outcomes
        .iter()
        .filter(|o| o.case.situation == Situation::Spam && !o.kept.is_empty())
        .map(|o| o.case.id.clone())
        .collect();
    label(
        "spam answered",
        format!("{}{}", f.spam.text("cases"), ids(&spam_answered)),
    );
    if !f.unpatterned.is_empty() {
        let kinds: Vec<String> = f
            .unpatterned
            .iter()
            .map(|(kind, n)| format!("{kind} ({n})"))
            .collect();
        println!(
            "note: given kinds with no ask patterns, checked through must_avoid only: {}",
            kinds.join(", ")
        );
    }
    print_offences(figures, outcomes);
}

fn ids(ids: &[String]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(": {}", ids.join(", "))
    }
}

/// A text on one line, cut to [`TEXT_CHARS`].
fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= TEXT_CHARS {
        return line;
    }
    let cut: String = line.chars().take(TEXT_CHARS).collect();
    format!("{cut}…")
}

/// Each faulty suggestion of one criterion: (case id, fault, text).
fn faults<'o>(
    outcomes: &'o [Outcome<'_>],
    verdicts: &'o [Verdict],
    pick: impl Fn(&Verdict) -> Option<&Vec<Fault>>,
) -> Vec<(&'o str, &'o Fault, &'o Kept)> {
    outcomes
        .iter()
        .zip(verdicts)
        .flat_map(|(outcome, verdict)| {
            pick(verdict)
                .into_iter()
                .flatten()
                .filter_map(move |fault| {
                    let kept = outcome.kept.get(fault.rank - 1)?;
                    Some((outcome.case.id.as_str(), fault, kept))
                })
        })
        .collect()
}

fn print_offences(figures: &Figures, outcomes: &[Outcome<'_>]) {
    let verdicts = &figures.verdicts;
    let lists: [(&str, usize, Vec<_>); 3] = [
        (
            "tone violations",
            SHOWN,
            faults(outcomes, verdicts, |v| v.tone.as_ref()),
        ),
        (
            "re-asks",
            SHOWN_RE_ASKS,
            faults(outcomes, verdicts, |v| v.re_asks.as_ref()),
        ),
        (
            "questions to praise",
            SHOWN,
            faults(outcomes, verdicts, |v| v.praise_asks.as_ref()),
        ),
    ];
    for (name, shown, list) in lists {
        if list.is_empty() {
            continue;
        }
        println!("\n{name} ({} suggestions):", list.len());
        for (id, fault, kept) in list.iter().take(shown) {
            println!(
                "  {id} #{} [{}]: {}",
                fault.rank,
                fault.why.join("; "),
                one_line(&kept.text)
            );
        }
        if list.len() > shown {
            println!("  … and {} more", list.len() - shown);
        }
    }
    let missed: Vec<String> = outcomes
        .iter()
        .zip(verdicts)
        .filter_map(|(o, v)| {
            let k = v.knowledge.as_ref().filter(|k| !k.answered)?;
            let top = o
                .kept
                .first()
                .map_or("(no suggestion)", |k| k.text.as_str());
            Some(format!(
                "  {} lacks \"{}\": {}",
                o.case.id,
                k.missing.join("\", \""),
                one_line(top)
            ))
        })
        .collect();
    print_list("knowledge not answered", &missed);
    let off_target: Vec<String> = outcomes
        .iter()
        .zip(verdicts)
        .filter_map(|(o, v)| {
            let id = v.off_target.as_ref()?.as_ref()?;
            let top = o.kept.first()?;
            Some(format!(
                "  {} answered with `{id}`: {}",
                o.case.id,
                one_line(&top.text)
            ))
        })
        .collect();
    print_list("off-target answers", &off_target);
    let wrong_language: Vec<String> = outcomes
        .iter()
        .zip(verdicts)
        .filter_map(|(o, v)| {
            let l = v.language.as_ref().filter(|l| !l.matches())?;
            Some(format!(
                "  {} want {}, found {}: {}",
                o.case.id,
                l.expected,
                l.detected.as_deref().unwrap_or("none"),
                one_line(&o.kept.first()?.body)
            ))
        })
        .collect();
    print_list("language mismatches", &wrong_language);
    let not_greeted: Vec<String> = outcomes
        .iter()
        .zip(verdicts)
        .filter(|(_, v)| v.greeted == Some(false))
        .filter_map(|(o, _)| {
            let first_line = o.kept.first()?.text.lines().next().unwrap_or("");
            Some(format!(
                "  {} ({}): first line \"{first_line}\"",
                o.case.id,
                o.case.name.as_deref().unwrap_or_default()
            ))
        })
        .collect();
    print_list("email senders not greeted by name", &not_greeted);
}

fn print_list(name: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    println!("\n{name} ({}):", lines.len());
    for line in lines.iter().take(SHOWN) {
        println!("{line}");
    }
    if lines.len() > SHOWN {
        println!("  … and {} more", lines.len() - SHOWN);
    }
}

/// Prints every case: the message, its triage, the kept suggestions in
/// full with the plugin's rationale, the dropped ones, and the verdicts.
pub(super) fn print_cases(outcomes: &[Outcome<'_>], verdicts: &[Verdict]) {
    for (outcome, verdict) in outcomes.iter().zip(verdicts) {
        let case = outcome.case;
        println!(
            "── {} (line {}) {} {} {} {} {}",
            case.id,
            outcome.line,
            case.split.name(),
            case.channel.name(),
            kebab(&case.visibility),
            case.language,
            case.situation.name()
        );
        let who = match &case.name {
            Some(name) => format!("{name} <{}>", case.author),
            None => case.author.clone(),
        };
        println!("   from {who}: {}", one_line(&case.text));
        match (&outcome.triage, &outcome.ignored) {
            (_, Some(reason)) => println!("   ignored by listen: {reason}"),
            (Some(t), None) => println!("   triage: {}", triage_line(t)),
            (None, None) => println!("   no triage"),
        }
        if outcome.kept.is_empty() {
            println!("   no suggestion");
        }
        for (i, kept) in outcome.kept.iter().enumerate() {
            println!("   {}. [{}]", i + 1, kept.strategy);
            for line in kept.text.lines() {
                println!("      {line}");
            }
            println!("      why: {}", one_line(&kept.rationale));
        }
        for dropped in &outcome.dropped {
            println!(
                "   dropped [{}] ({}): {}",
                dropped.strategy,
                dropped.reason,
                one_line(&dropped.text)
            );
        }
        let judged = verdict_line(verdict);
        if !judged.is_empty() {
            println!("   judged: {}", judged.join("; "));
        }
        println!();
    }
}

fn triage_line(t: &Triage) -> String {
    format!(
        "intent {}, route {}, priority {}, language {}{}",
        t.intent,
        kebab(&t.route),
        kebab(&t.priority),
        t.language.as_deref().unwrap_or("none"),
        if t.labels.is_empty() {
            String::new()
        } else {
            format!(", labels {}", t.labels.join(" "))
        }
    )
}

fn mark(ok: bool) -> &'static str {
    if ok { "ok" } else { "FAIL" }
}

/// The verdicts of one case, briefly.
fn verdict_line(v: &Verdict) -> Vec<String> {
    let mut out = Vec::new();
    let brief = |faults: &Vec<Fault>| -> String {
        if faults.is_empty() {
            "ok".to_owned()
        } else {
            let all: Vec<String> = faults
                .iter()
                .map(|f| format!("#{} {}", f.rank, f.why.join(", ")))
                .collect();
            format!("FAIL ({})", all.join("; "))
        }
    };
    if let Some(k) = &v.knowledge {
        out.push(format!(
            "knowledge {}{}",
            mark(k.answered),
            if k.answered && !k.first_sentence {
                " (not in the first sentence)"
            } else {
                ""
            }
        ));
    }
    if let Some(off) = &v.off_target {
        out.push(match off {
            Some(id) => format!("answer FAIL (off-target `{id}`)"),
            None => "answer ok".to_owned(),
        });
    }
    if let Some(f) = &v.tone {
        out.push(format!("tone {}", brief(f)));
    }
    if let Some(f) = &v.praise_asks {
        out.push(format!("praise asks {}", brief(f)));
    }
    if let Some(f) = &v.re_asks {
        out.push(format!("re-asks {}", brief(f)));
    }
    if let Some(g) = v.greeted {
        out.push(format!("greeted {}", mark(g)));
    }
    if let Some(l) = &v.language {
        out.push(format!(
            "language {} (want {}, found {})",
            mark(l.matches()),
            l.expected,
            l.detected.as_deref().unwrap_or("none")
        ));
    }
    out
}

/// The serde (kebab-case) name of a route, priority or visibility.
fn kebab(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Prints the figures as JSON; with `show`, every case too.
pub(super) fn print_json(
    heading: &Heading<'_>,
    figures: &Figures,
    outcomes: &[Outcome<'_>],
    show: bool,
) -> Result<(), Failure> {
    let f = figures;
    let per_language: serde_json::Map<String, Value> = f
        .per_language
        .iter()
        .map(|(language, rate)| (language.clone(), rate.to_json()))
        .collect();
    let failures = f.failures();
    let mut report = json!({
        "file": heading.file.display().to_string(),
        "brand": heading.brand,
        "split": heading.split,
        "cases": outcomes.len(),
        "skipped_other_brands": heading.skipped,
        "knowledge_answered": {
            "rate": f.knowledge.to_json(),
            "in_first_sentence": f.knowledge_first_sentence,
        },
        "off_target_answers": f.off_target.to_json(),
        "tone_violations_on_severe": f.tone.to_json(),
        "questions_to_praise": f.praise.to_json(),
        "re_asks_for_given_facts": f.re_asks.to_json(),
        "given_kinds_without_patterns": f.unpatterned,
        "email_sender_greeted_by_name": f.greeted.to_json(),
        "language_match": { "rate": f.language.to_json(), "per_language": per_language },
        "most_repeated_sentences": {
            "suggestions": f.suggestions,
            "top": f.repeated,
        },
        "lint_clean": {
            "rate": f.lint.to_json(),
            "dropped": f.dropped,
            "dropped_otherwise": f.dropped_otherwise,
        },
        "left_without_suggestion": f.unanswered,
        "spam_answered": f.spam.to_json(),
        "check": { "passed": failures.is_empty(), "failed": failures },
    });
    if show {
        report["results"] = outcomes
            .iter()
            .zip(&f.verdicts)
            .map(|(o, v)| case_json(o, v))
            .collect::<Vec<_>>()
            .into();
    }
    let text = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::other(format!("cannot print JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

fn case_json(outcome: &Outcome<'_>, verdict: &Verdict) -> Value {
    json!({
        "id": outcome.case.id,
        "line": outcome.line,
        "situation": outcome.case.situation.name(),
        "language": outcome.case.language,
        "triage": outcome.triage,
        "ignored": outcome.ignored,
        "suggestions": outcome.kept.iter().map(|k| json!({
            "strategy": k.strategy,
            "text": k.text,
            "body": k.body,
            "lint_clean": k.lint_clean,
        })).collect::<Vec<_>>(),
        "dropped": outcome.dropped.iter().map(|d| json!({
            "strategy": d.strategy,
            "reason": d.reason,
            "text": d.text,
            "for_voice": d.for_voice,
        })).collect::<Vec<_>>(),
        "verdict": verdict,
    })
}
