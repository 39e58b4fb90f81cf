//! The runtime half of the build-time classifiers (`build/classifier.rs`):
//! a logistic-regression table and the one way to score a text with it.
//!
//! A text's features (see [`super::features`]) each weigh `1/√n`, so the
//! feature vector has unit length as in training; the logits are the
//! class biases plus the weights of the features the table knows, and the
//! probabilities their tempered softmax.

use super::features::{hash, split_features};

/// A feature's row: (its [`hash`], the feature, its weights as (class
/// index, weight in 1/`scale` of a logit)).
pub type Row = (u64, &'static str, &'static [(u8, i16)]);

/// A trained model, as generated into `$OUT_DIR/<name>_model.rs`.
#[derive(Debug)]
pub struct Table {
    /// Class names, in the order of `bias` and the row weights.
    pub classes: &'static [&'static str],
    /// Bias (log-odds) per class.
    pub bias: &'static [f32],
    /// Weight units per logit.
    pub scale: f32,
    /// Feature rows, sorted by hash.
    pub features: &'static [Row],
}

/// A text scored by a [`Table`].
#[derive(Debug)]
pub struct Scored {
    /// Probability per class, in the table's class order.
    pub probabilities: Vec<f32>,
    /// The rows of the text's features that the table knows.
    pub rows: Vec<&'static Row>,
}

impl Scored {
    /// Class indices, most probable first.
    pub fn ranked(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.probabilities.len()).collect();
        order.sort_by(|&a, &b| self.probabilities[b].total_cmp(&self.probabilities[a]));
        order
    }

    /// Up to `n` features of the text that favour `class` most, stems shown
    /// without their `~`.
    pub fn top_features(&self, class: usize, n: usize) -> Vec<&'static str> {
        let mut favour: Vec<(&'static str, i16)> = self
            .rows
            .iter()
            .filter_map(|(_, feature, row)| {
                let weight = row.iter().find(|(c, _)| usize::from(*c) == class)?.1;
                (weight > 0).then_some((*feature, weight))
            })
            .collect();
        favour.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        favour
            .iter()
            .map(|(f, _)| f.trim_start_matches('~'))
            .take(n)
            .collect()
    }
}

/// A text's features, extracted once for every table that scores it.
#[derive(Debug)]
pub struct Features {
    /// Sorted, without repeats.
    all: Vec<String>,
    /// How many content words (not stems, not bigrams) the text has.
    content_words: usize,
}

impl Features {
    /// The features of `text`.
    pub fn of(text: &str) -> Self {
        let (mut all, bigrams) = split_features(text);
        // A run of more than 20 letters is a broken link or a code, not a word.
        let content_words = all
            .iter()
            .filter(|f| !f.starts_with('~') && f.chars().count() <= 20)
            .count();
        all.extend(bigrams);
        all.sort_unstable();
        all.dedup();
        Self { all, content_words }
    }

    /// How many content words (not function words) the text has.
    pub fn content_words(&self) -> usize {
        self.content_words
    }
}

impl Table {
    /// Scores `text` with the softmax tempered by `temperature`; `None` when
    /// the text has no feature the table knows.
    #[cfg(test)]
    pub fn score(&self, text: &str, temperature: f32) -> Option<Scored> {
        self.score_features(&Features::of(text), temperature)
    }

    /// [`Table::score`] on features already extracted.
    pub fn score_features(&self, features: &Features, temperature: f32) -> Option<Scored> {
        let features = &features.all;
        if features.is_empty() {
            return None;
        }
        let value = 1.0 / (features.len() as f32).sqrt();
        let rows: Vec<&'static Row> = features.iter().filter_map(|f| self.lookup(f)).collect();
        if rows.is_empty() {
            return None;
        }
        let mut logits = self.bias.to_vec();
        for (_, _, row) in &rows {
            for &(class, weight) in *row {
                if let Some(logit) = logits.get_mut(usize::from(class)) {
                    *logit += f32::from(weight) / self.scale * value;
                }
            }
        }
        Some(Scored {
            probabilities: softmax(&logits, temperature),
            rows,
        })
    }

    fn lookup(&self, feature: &str) -> Option<&'static Row> {
        let features = self.features;
        // The hash alone: no two rows share one (the build checks), and a
        // feature the table lacks meets a row's 64-bit hash about once in
        // 10^15 lookups, where comparing the strings reads a second place
        // in memory for every feature found.
        interpolation_search(features, hash(feature)).map(|i| &features[i])
    }
}

/// The index of the row with hash `key` in `rows` (sorted by hash), found by
/// interpolation: the hashes are spread evenly over `u64`, so the first
/// guess lands near the row and a few more find it, where a binary search
/// over ~20,000 rows takes 15 steps, each a likely cache miss.
fn interpolation_search(rows: &[Row], key: u64) -> Option<usize> {
    let (mut low, mut high) = (0, rows.len().checked_sub(1)?);
    while low <= high {
        let (low_key, high_key) = (rows[low].0, rows[high].0);
        if key < low_key || key > high_key {
            return None;
        }
        let at = if high_key == low_key {
            low
        } else {
            // In floating point: a guess needs no exact quotient, and a
            // 128-bit division is a library call in wasm.
            let fraction = (key - low_key) as f64 / (high_key - low_key) as f64;
            low + ((fraction * (high - low) as f64) as usize).min(high - low)
        };
        match rows[at].0.cmp(&key) {
            std::cmp::Ordering::Equal => return Some(at),
            std::cmp::Ordering::Less => low = at + 1,
            std::cmp::Ordering::Greater => high = at.checked_sub(1)?,
        }
    }
    None
}

/// Softmax of `logits / temperature`.
fn softmax(logits: &[f32], temperature: f32) -> Vec<f32> {
    let top = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut out: Vec<f32> = logits
        .iter()
        .map(|l| ((l - top) / temperature).exp())
        .collect();
    let total: f32 = out.iter().sum();
    for p in &mut out {
        *p /= total;
    }
    out
}

/// The generated tables.
mod generated {
    /// The intent model.
    pub mod intent {
        include!(concat!(env!("OUT_DIR"), "/intent_model.rs"));
    }
    /// The learnt half of sentiment.
    pub mod sentiment {
        include!(concat!(env!("OUT_DIR"), "/sentiment_model.rs"));
    }
}

/// What a customer wants.
pub static INTENT: Table = Table {
    classes: &generated::intent::CLASSES,
    bias: &generated::intent::BIAS,
    scale: generated::intent::SCALE,
    features: generated::intent::FEATURES,
};

/// The sign of the customer's feeling: `-1`, `0`, `1`.
pub static SENTIMENT: Table = Table {
    classes: &generated::sentiment::CLASSES,
    bias: &generated::sentiment::BIAS,
    scale: generated::sentiment::SCALE,
    features: generated::sentiment::FEATURES,
};

#[cfg(test)]
mod tests {
    use super::super::features::features;
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        for table in [&INTENT, &SENTIMENT] {
            assert!(
                table.features.len() > 100,
                "{} features",
                table.features.len()
            );
            assert!(table.features.windows(2).all(|w| w[0].0 < w[1].0));
            assert!(table.features.iter().all(|row| hash(row.1) == row.0));
            assert_eq!(table.classes.len(), table.bias.len());
        }
    }

    #[test]
    fn interpolation_finds_every_row_and_nothing_else() {
        for table in [&INTENT, &SENTIMENT] {
            let rows = table.features;
            for (i, row) in rows.iter().enumerate() {
                assert_eq!(interpolation_search(rows, row.0), Some(i), "{}", row.1);
            }
            for key in [0, 1, u64::MAX, rows[0].0 - 1, rows[rows.len() - 1].0 + 1]
                .into_iter()
                .chain(rows.windows(2).map(|w| w[0].0 + (w[1].0 - w[0].0) / 2))
            {
                let expected = rows.binary_search_by_key(&key, |row| row.0).ok();
                assert_eq!(interpolation_search(rows, key), expected, "{key}");
            }
        }
        assert_eq!(interpolation_search(&[], 7), None);
        let one: &[Row] = &[(7, "seven", &[])];
        assert_eq!(interpolation_search(one, 7), Some(0));
        assert_eq!(interpolation_search(one, 8), None);
    }

    #[test]
    fn tokenizer_matches_the_trainer() {
        for checks in [
            generated::intent::TOKENIZER_CHECKS,
            generated::sentiment::TOKENIZER_CHECKS,
        ] {
            for (text, expected) in checks {
                assert_eq!(features(text), *expected, "{text:?}");
            }
        }
    }

    #[test]
    fn probabilities_sum_to_one() {
        let p = softmax(INTENT.bias, 0.5);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        let scored = INTENT
            .score("where is my parcel", 1.0)
            .expect("known words");
        assert!((scored.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        assert!(INTENT.score("zzz qqq", 1.0).is_none());
    }
}
