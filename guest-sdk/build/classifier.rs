//! Trains the triage toolkit's text classifiers — intent, and the learnt
//! half of sentiment — as multinomial logistic regressions over the
//! features of `src/triage/features.rs`, from `label<TAB>text` files in
//! `data/` (`#` starts a comment line). Each [`Model`] becomes
//! `$OUT_DIR/<name>_model.rs`: the class names, a bias per class, and a
//! `const` table of (feature, sparse weights per class) sorted by feature,
//! so the classifier binary-searches it. Nothing is trained or built per
//! event.
//!
//! Training is deterministic: plain stochastic gradient descent in a fixed
//! shuffled order, L2-regularised, with classes weighted to equal total
//! weight (the files' class sizes reflect what the sources offer, not what a
//! care team receives). Each text's feature vector has unit length, so a
//! long email is not more confident than a short post for saying more.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::features::{features, hash};

/// One classifier to train.
pub struct Model {
    /// Output name: `$OUT_DIR/<name>_model.rs`.
    pub name: &'static str,
    /// The training files, relative to the crate.
    pub files: &'static [&'static str],
}

/// What a customer wants (`refund`, `outage`, ...).
pub const INTENT: Model = Model {
    name: "intent",
    files: &[
        "data/intent-written-en.tsv",
        "data/intent-written-en-2.tsv",
        "data/intent-written-en-3.tsv",
        "data/intent-written-en-4.tsv",
        "data/intent-written-es-fr-de.tsv",
        "data/intent-written-es-fr-de-2.tsv",
        "data/intent-written-es-fr-de-3.tsv",
        "data/intent-written-5.tsv",
        "data/intent-written-6.tsv",
    ],
};

/// The sign of the customer's feeling (`-1`, `0`, `1`), on the same texts.
pub const SENTIMENT: Model = Model {
    name: "sentiment",
    files: &[
        "data/sentiment-train-1.tsv",
        "data/sentiment-train-2.tsv",
        "data/sentiment-train-3.tsv",
        "data/sentiment-train-4.tsv",
        "data/sentiment-train-5.tsv",
        "data/sentiment-train-6.tsv",
        "data/sentiment-train-7.tsv",
        "data/sentiment-train-8.tsv",
    ],
};
/// A feature must occur this often in the training set to be kept.
const MIN_COUNT: u32 = 2;
/// Passes over the training set.
const EPOCHS: u32 = 80;
/// Initial learning rate; it decays as 1 / (1 + DECAY · epoch).
const LEARNING_RATE: f64 = 0.8;
const DECAY: f64 = 0.15;
/// L2 penalty per update on the weights an example touches.
const L2: f64 = 3e-4;
/// Weights are stored as integers in these units (1/SCALE of a logit).
const SCALE: f64 = 1000.0;
/// Weights smaller than this are left out of the table.
const PRUNE: f64 = 0.1;

/// Strings whose tokens the generated file records, so a unit test can check
/// that the classifier tokenizes exactly as this trainer did.
const TOKENIZER_CHECKS: &[&str] = &[
    "I can't log in!! My card #1234 was charged twice.",
    "Où est ma commande? Thanks :) @AcmeOutdoor",
    "  refund   REFUND-me https://t.co/x 502 ",
];

struct Example {
    class: usize,
    /// Indices into the vocabulary.
    features: Vec<usize>,
    /// Each feature's value: 1 / sqrt(number of features of the text).
    value: f64,
}

/// Reads the model's training files, trains, and writes its table.
pub fn generate(model: &Model, manifest: &Path, out_dir: &Path) {
    let mut texts: Vec<(String, String)> = Vec::new();
    for file in model.files {
        println!("cargo::rerun-if-changed={file}");
        let path = manifest.join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((intent, body)) = line.split_once('\t') else {
                panic!("{}:{}: expected label<TAB>text", path.display(), number + 1);
            };
            texts.push((intent.trim().to_owned(), body.to_owned()));
        }
    }
    let classes: Vec<String> = texts
        .iter()
        .map(|(c, _)| c.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(classes.len() < 256, "class indices are stored as u8");
    let featured: Vec<(usize, Vec<String>)> = texts
        .iter()
        .map(|(c, body)| {
            let class = classes.iter().position(|x| x == c).unwrap_or(0);
            let mut feats = features(body);
            feats.sort();
            feats.dedup();
            (class, feats)
        })
        .collect();
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for (_, feats) in &featured {
        for f in feats {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let vocab: Vec<&str> = counts
        .iter()
        .filter(|&(_, &n)| n >= MIN_COUNT)
        .map(|(f, _)| *f)
        .collect();
    let index: BTreeMap<&str, usize> = vocab.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let examples: Vec<Example> = featured
        .iter()
        .filter(|(_, feats)| !feats.is_empty())
        .map(|(class, feats)| Example {
            class: *class,
            features: feats
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect(),
            value: 1.0 / (feats.len() as f64).sqrt(),
        })
        .collect();
    let (weights, bias) = train(&examples, vocab.len(), classes.len());
    let mut out = String::new();
    let n = classes.len();
    writeln!(out, "// Generated by guest-sdk/build.rs ({} model): multinomial logistic regression on {} examples, {n} classes, {} features (count >= {MIN_COUNT}), {EPOCHS} epochs, L2 {L2}.", model.name, examples.len(), vocab.len()).ok();
    writeln!(
        out,
        "/// Number of classes.\npub const CLASS_COUNT: usize = {n};"
    )
    .ok();
    writeln!(out, "/// Class names, in the order of the biases and weights.\npub const CLASSES: [&str; CLASS_COUNT] = {classes:?};").ok();
    let bias: Vec<String> = bias.iter().map(|b| format!("{b:.4}")).collect();
    writeln!(
        out,
        "/// Bias (log-odds) per class.\npub const BIAS: [f32; CLASS_COUNT] = [{}];",
        bias.join(", ")
    )
    .ok();
    writeln!(
        out,
        "/// Weight units per logit.\npub const SCALE: f32 = {SCALE:.1};"
    )
    .ok();
    writeln!(out, "/// (hash of the feature, feature, [(class, weight in 1/SCALE)]) sorted by hash; weights under {PRUNE} are left out.\npub const FEATURES: &[super::super::Row] = &[").ok();
    let mut rows: Vec<(u64, &str, String)> = Vec::new();
    for (f, feature) in vocab.iter().enumerate() {
        let row: Vec<String> = (0..n)
            .filter(|&c| weights[f * n + c].abs() >= PRUNE)
            .map(|c| format!("({c}, {})", quantize(weights[f * n + c])))
            .collect();
        if !row.is_empty() {
            rows.push((hash(feature), feature, row.join(", ")));
        }
    }
    rows.sort_by_key(|r| r.0);
    assert!(
        rows.windows(2).all(|w| w[0].0 != w[1].0),
        "two features share a hash"
    );
    for (h, feature, row) in rows {
        writeln!(out, "    ({h}, {feature:?}, &[{row}]),").ok();
    }
    writeln!(out, "];").ok();
    writeln!(out, "/// Texts and their features as the trainer saw them.\n#[cfg(test)]\npub const TOKENIZER_CHECKS: &[(&str, &[&str])] = &[").ok();
    for check in TOKENIZER_CHECKS {
        writeln!(out, "    ({check:?}, &{:?}),", features(check)).ok();
    }
    writeln!(out, "];").ok();
    let target = out_dir.join(format!("{}_model.rs", model.name));
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// A weight in 1/SCALE units, within `i16`.
fn quantize(weight: f64) -> i16 {
    (weight * SCALE)
        .round()
        .clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16
}

/// Stochastic gradient descent on the class-weighted cross-entropy.
/// Returns (weights, row-major vocabulary × class, and biases).
fn train(examples: &[Example], vocab: usize, classes: usize) -> (Vec<f64>, Vec<f64>) {
    let mut per_class = vec![0usize; classes];
    for e in examples {
        per_class[e.class] += 1;
    }
    let class_weight: Vec<f64> = per_class
        .iter()
        .map(|&k| examples.len() as f64 / (classes as f64 * k.max(1) as f64))
        .collect();
    let mut weights = vec![0f64; vocab * classes];
    let mut bias = vec![0f64; classes];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut logits = vec![0f64; classes];
    for epoch in 0..EPOCHS {
        // Fisher–Yates with a fixed linear congruential generator.
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let rate = LEARNING_RATE / (1.0 + DECAY * f64::from(epoch));
        for &i in &order {
            let e = &examples[i];
            logits.copy_from_slice(&bias);
            for &f in &e.features {
                for (logit, w) in logits
                    .iter_mut()
                    .zip(&weights[f * classes..(f + 1) * classes])
                {
                    *logit += w * e.value;
                }
            }
            let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let total: f64 = logits.iter().map(|l| (l - top).exp()).sum();
            let step = rate * class_weight[e.class];
            for c in 0..classes {
                let p = (logits[c] - top).exp() / total;
                let gradient = p - if c == e.class { 1.0 } else { 0.0 };
                bias[c] -= step * gradient;
                for &f in &e.features {
                    let w = &mut weights[f * classes + c];
                    *w -= step * (gradient * e.value + L2 * *w);
                }
            }
        }
    }
    (weights, bias)
}
