//! The figures `chorus eval triage` prints: route, priority and intent
//! scores, spam precision and recall, urgent cases missed, sentiment sign,
//! language, calibration, signals, and the same per language.

use std::collections::BTreeMap;

use chorus_host::model::{Priority, Triage};
use serde::Serialize;
use serde_json::{Value, json};

use super::super::metrics::{Confusion, Reliability};
use super::input::Labelled;

/// Sentiment scores within this of zero count as neutral (VADER's rule).
const NEUTRAL_BAND: f32 = 0.05;
/// The language figure counts messages of at least this many words.
const LANGUAGE_MIN_WORDS: usize = 4;
/// Intents whose messages must never be below `high`.
const URGENT_INTENTS: &[&str] = &["safety", "legal", "outage"];
/// Signals whose labels are scored.
const SIGNALS: &[&str] = &[
    "repeat-contact",
    "double-charge",
    "fraud",
    "churn-risk",
    "angry",
];

/// Everything counted over a set of messages.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub route: Confusion,
    pub priority: Confusion,
    pub intent: Confusion,
    pub sentiment: Confusion,
    /// Messages of four words or more with a language label: (found and right, total).
    pub language: (u32, u32),
    /// Urgent messages (by intent or label) triaged below `high`, by id.
    pub urgent_missed: Vec<String>,
    /// Urgent messages seen.
    pub urgent: u32,
    pub calibration: Reliability,
    /// Per signal: (true positives, predicted, expected).
    pub signals: BTreeMap<&'static str, (u32, u32, u32)>,
}

impl Tally {
    /// Counts one message.
    pub fn add(&mut self, line: &Labelled, triage: &Triage) {
        self.route.add(&kebab(&line.route), &kebab(&triage.route));
        self.priority
            .add(&kebab(&line.priority), &kebab(&triage.priority));
        self.intent.add(&line.intent, &triage.intent);
        if let Some(expected) = line.sentiment {
            self.sentiment
                .add(&sign_name(expected), &sign_name(sign(triage.sentiment)));
        }
        if let Some(expected) = &line.language
            && line.words() >= LANGUAGE_MIN_WORDS
        {
            self.language.1 += 1;
            if triage.language.as_deref() == Some(expected.as_str()) {
                self.language.0 += 1;
            }
        }
        if URGENT_INTENTS.contains(&line.intent.as_str()) || line.priority == Priority::Urgent {
            self.urgent += 1;
            if triage.priority < Priority::High {
                self.urgent_missed.push(line.id.clone());
            }
        }
        self.calibration
            .add(f64::from(triage.confidence), line.intent == triage.intent);
        for signal in SIGNALS {
            let expected = line.signals.iter().any(|s| s == signal);
            let predicted = triage.labels.iter().any(|l| l == signal);
            let entry = self.signals.entry(signal).or_default();
            entry.0 += u32::from(expected && predicted);
            entry.1 += u32::from(predicted);
            entry.2 += u32::from(expected);
        }
    }

    /// Spam (precision, recall, support).
    fn spam(&self) -> (f64, f64, u32) {
        self.intent
            .per_class()
            .into_iter()
            .find(|s| s.label == "spam")
            .map_or((1.0, 1.0, 0), |s| (s.precision, s.recall, s.support))
    }

    fn language_rate(&self) -> f64 {
        ratio(self.language.0, self.language.1)
    }

    /// The headline figures, as JSON.
    pub fn summary(&self) -> Value {
        let (spam_precision, spam_recall, spam_support) = self.spam();
        json!({
            "messages": self.route.total(),
            "route": { "accuracy": self.route.accuracy(), "macro_f1": self.route.macro_f1() },
            "priority": { "accuracy": self.priority.accuracy(), "macro_f1": self.priority.macro_f1() },
            "intent": { "accuracy": self.intent.accuracy(), "macro_f1": self.intent.macro_f1() },
            "spam": { "precision": spam_precision, "recall": spam_recall, "support": spam_support },
            "urgent_below_high": { "count": self.urgent_missed.len(), "of": self.urgent, "ids": self.urgent_missed },
            "sentiment_sign": { "accuracy": self.sentiment.accuracy(), "messages": self.sentiment.total() },
            "language": { "found_and_right": self.language_rate(), "messages": self.language.1, "min_words": LANGUAGE_MIN_WORDS },
            "calibration": { "ece": self.calibration.ece(), "bins": self.calibration.bins() },
            "signals": self.signals.iter().map(|(name, &(tp, predicted, expected))| {
                ((*name).to_owned(), json!({ "precision": ratio(tp, predicted), "recall": ratio(tp, expected), "support": expected }))
            }).collect::<serde_json::Map<_, _>>(),
        })
    }

    /// The headline figures, as text.
    pub fn print_summary(&self) {
        for (name, m) in [
            ("route", &self.route),
            ("priority", &self.priority),
            ("intent", &self.intent),
        ] {
            println!(
                "{name:<9} accuracy {:.3}  macro-F1 {:.3}",
                m.accuracy(),
                m.macro_f1()
            );
        }
        let (precision, recall, support) = self.spam();
        println!(
            "spam      precision {precision:.3}  recall {recall:.3}  ({support} spam messages)"
        );
        println!(
            "urgent    {} of {} urgent messages (safety, legal, outage, fraud) below high{}",
            self.urgent_missed.len(),
            self.urgent,
            if self.urgent_missed.is_empty() {
                String::new()
            } else {
                format!(": {}", self.urgent_missed.join(", "))
            }
        );
        println!(
            "sentiment sign accuracy {:.3}  ({} messages)",
            self.sentiment.accuracy(),
            self.sentiment.total()
        );
        println!(
            "language  found and right {:.3}  ({} messages of {LANGUAGE_MIN_WORDS}+ words)",
            self.language_rate(),
            self.language.1
        );
        println!(
            "calibration ECE {:.3}  (intent confidence against intent correct)",
            self.calibration.ece()
        );
    }

    /// Per-class scores, signals, reliability table and confusion matrices.
    pub fn print_details(&self) {
        for (name, m) in [
            ("route", &self.route),
            ("priority", &self.priority),
            ("intent", &self.intent),
            ("sentiment", &self.sentiment),
        ] {
            println!();
            print_scores(name, m);
        }
        println!("\nsignals\n  {:<15}  precision  recall  support", "signal");
        for (name, &(tp, predicted, expected)) in &self.signals {
            println!(
                "  {name:<15}  {:>9.3}  {:>6.3}  {expected:>7}",
                ratio(tp, predicted),
                ratio(tp, expected)
            );
        }
        println!(
            "\nreliability (intent confidence)\n  {:<9}  messages  confidence  accuracy",
            "bin"
        );
        for bin in self.calibration.bins() {
            println!(
                "  {:.1}–{:.1}   {:>8}  {:>10.3}  {:>8.3}",
                bin.low, bin.high, bin.count, bin.confidence, bin.accuracy
            );
        }
        for (name, m) in [("route", &self.route), ("intent", &self.intent)] {
            println!();
            print_confusion(name, m);
        }
    }

    /// Everything, as JSON.
    pub fn to_json(&self) -> Value {
        let mut value = self.summary();
        let tables = [
            ("route", &self.route),
            ("priority", &self.priority),
            ("intent", &self.intent),
            ("sentiment", &self.sentiment),
        ];
        for (name, m) in tables {
            let confusion: Vec<_> = m
                .labels()
                .iter()
                .map(|e| {
                    let row: Vec<u32> = m.labels().iter().map(|p| m.count(e, p)).collect();
                    json!({ "expected": e, "predicted": row })
                })
                .collect();
            value[name]["per_class"] = json!(m.per_class());
            value[name]["labels"] = json!(m.labels());
            value[name]["confusion"] = json!(confusion);
        }
        value
    }
}

/// Prints one line of headline figures per language.
pub(super) fn print_languages(per_language: &BTreeMap<String, Tally>) {
    println!(
        "\nper language\n  lang  messages  route-F1  priority-F1  intent-acc  sentiment  language  ECE"
    );
    for (language, t) in per_language {
        println!(
            "  {language:<4}  {:>8}  {:>8.3}  {:>11.3}  {:>10.3}  {:>9.3}  {:>8.3}  {:.3}",
            t.route.total(),
            t.route.macro_f1(),
            t.priority.macro_f1(),
            t.intent.accuracy(),
            t.sentiment.accuracy(),
            t.language_rate(),
            t.calibration.ece()
        );
    }
}

fn ratio(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        1.0
    } else {
        f64::from(part) / f64::from(whole)
    }
}

/// One line per message whose triage differs from its labels (intent,
/// route, priority, sentiment sign or signals), with the triage's reasons:
/// for reading the misses of the `dev` split while tuning.
pub fn print_miss(line: &Labelled, triage: &Triage) {
    let mut diffs = Vec::new();
    let mut differ = |what: &str, expected: String, got: String| {
        if expected != got {
            diffs.push(format!("{what} {expected}→{got}"));
        }
    };
    differ("intent", line.intent.clone(), triage.intent.clone());
    differ("route", kebab(&line.route), kebab(&triage.route));
    differ("priority", kebab(&line.priority), kebab(&triage.priority));
    if let Some(expected) = line.sentiment
        && expected != sign(triage.sentiment)
    {
        diffs.push(format!(
            "sentiment {}→{} ({:.2})",
            sign_name(expected),
            sign_name(sign(triage.sentiment)),
            triage.sentiment
        ));
    }
    for signal in SIGNALS {
        let expected = line.signals.iter().any(|s| s == signal);
        let predicted = triage.labels.iter().any(|l| l == signal);
        if expected != predicted {
            diffs.push(format!(
                "{}{signal}",
                if expected { "missed " } else { "extra " }
            ));
        }
    }
    if diffs.is_empty() {
        return;
    }
    println!(
        "{} [{} {}] {}\n    text: {}\n    why: {}",
        line.id,
        line.language.as_deref().unwrap_or("-"),
        line.channel.name(),
        diffs.join("; "),
        line.text.replace('\n', " ⏎ "),
        triage.reasons.join(" | ")
    );
}

fn sign(score: f32) -> i8 {
    if score > NEUTRAL_BAND {
        1
    } else if score < -NEUTRAL_BAND {
        -1
    } else {
        0
    }
}

fn sign_name(sign: i8) -> String {
    match sign {
        1 => "positive",
        -1 => "negative",
        _ => "neutral",
    }
    .to_owned()
}

/// The serde (kebab-case) name of a route or priority.
fn kebab(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn print_scores(name: &str, m: &Confusion) {
    let width = m.labels().iter().map(|l| l.len()).max().unwrap_or(5).max(5);
    println!(
        "{name} per class\n  {:<width$}  precision  recall     f1  support",
        "class"
    );
    for s in m.per_class() {
        println!(
            "  {:<width$}  {:>9.3}  {:>6.3}  {:>5.3}  {:>7}",
            s.label, s.precision, s.recall, s.f1, s.support
        );
    }
}

fn print_confusion(name: &str, m: &Confusion) {
    let labels = m.labels();
    let width = labels.iter().map(|l| l.len()).max().unwrap_or(8).max(8);
    println!("{name} confusion (rows: expected, columns: predicted; columns numbered as rows)");
    let header: Vec<String> = (1..=labels.len()).map(|i| format!("{i:>4}")).collect();
    println!("  {:>2} {:<width$} {}", "", "", header.join(""));
    for (i, expected) in labels.iter().enumerate() {
        let row: Vec<String> = labels
            .iter()
            .map(|p| format!("{:>4}", m.count(expected, p)))
            .collect();
        println!("  {:>2} {expected:<width$} {}", i + 1, row.join(""));
    }
}
