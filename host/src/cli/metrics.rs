//! Classification metrics for `chorus eval`: a confusion matrix with
//! accuracy, per-class precision / recall / F1 and macro-F1.
//!
//! Macro-F1 averages F1 over every label that occurs as expected or as
//! predicted (a predicted label that never occurs in the data counts with
//! F1 = 0), as scikit-learn does by default.

use serde::Serialize;

/// Counts of (expected, predicted) label pairs.
#[derive(Debug, Clone, Default)]
pub struct Confusion {
    /// Labels in first-seen order, then sorted.
    labels: Vec<String>,
    /// `counts[expected][predicted]`, indexed like `labels`.
    counts: Vec<Vec<u32>>,
}

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassScore {
    /// The label.
    pub label: String,
    /// Of the messages predicted as this label, the share that are.
    pub precision: f64,
    /// Of the messages that are this label, the share predicted so.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Messages that are this label.
    pub support: u32,
}

impl Confusion {
    /// Records one message.
    pub fn add(&mut self, expected: &str, predicted: &str) {
        let e = self.index(expected);
        let p = self.index(predicted);
        self.counts[e][p] += 1;
    }

    fn index(&mut self, label: &str) -> usize {
        if let Some(i) = self.labels.iter().position(|l| l == label) {
            return i;
        }
        self.labels.push(label.to_owned());
        for row in &mut self.counts {
            row.push(0);
        }
        self.counts.push(vec![0; self.labels.len()]);
        self.labels.len() - 1
    }

    /// The labels, sorted.
    pub fn labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        labels.sort_unstable();
        labels
    }

    /// How many messages were `expected` and predicted `predicted`.
    pub fn count(&self, expected: &str, predicted: &str) -> u32 {
        let find = |l: &str| self.labels.iter().position(|x| x == l);
        match (find(expected), find(predicted)) {
            (Some(e), Some(p)) => self.counts[e][p],
            _ => 0,
        }
    }

    /// Messages recorded.
    pub fn total(&self) -> u32 {
        self.counts.iter().flatten().sum()
    }

    /// Share of messages predicted correctly (0 when empty).
    pub fn accuracy(&self) -> f64 {
        let correct: u32 = (0..self.labels.len()).map(|i| self.counts[i][i]).sum();
        ratio(correct, self.total())
    }

    /// Per-label scores, sorted by label.
    pub fn per_class(&self) -> Vec<ClassScore> {
        self.labels()
            .into_iter()
            .map(|label| {
                let tp = self.count(label, label);
                let predicted: u32 = self.labels.iter().map(|e| self.count(e, label)).sum();
                let support: u32 = self.labels.iter().map(|p| self.count(label, p)).sum();
                let precision = ratio(tp, predicted);
                let recall = ratio(tp, support);
                let f1 = if precision + recall > 0.0 {
                    2.0 * precision * recall / (precision + recall)
                } else {
                    0.0
                };
                ClassScore {
                    label: label.to_owned(),
                    precision,
                    recall,
                    f1,
                    support,
                }
            })
            .collect()
    }

    /// Unweighted mean F1 over all labels (0 when empty).
    pub fn macro_f1(&self) -> f64 {
        let scores = self.per_class();
        if scores.is_empty() {
            return 0.0;
        }
        scores.iter().map(|s| s.f1).sum::<f64>() / scores.len() as f64
    }
}

fn ratio(numerator: u32, denominator: u32) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        f64::from(numerator) / f64::from(denominator)
    }
}

/// Confidence against correctness, in ten equal-width bins: a reliability
/// table and the expected calibration error (ECE, Guo et al. 2017): the
/// mean over messages of |accuracy − confidence| of each message's bin.
#[derive(Debug, Clone, Default)]
pub struct Reliability {
    /// Per bin: (messages, summed confidence, correct).
    bins: [(u32, f64, u32); BINS],
}

const BINS: usize = 10;

/// One bin of a [`Reliability`] table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReliabilityBin {
    /// Lower edge of the confidence range.
    pub low: f64,
    /// Upper edge.
    pub high: f64,
    /// Messages whose confidence falls in the range.
    pub count: u32,
    /// Their mean confidence.
    pub confidence: f64,
    /// The share of them that are right.
    pub accuracy: f64,
}

impl Reliability {
    /// Records one decision with its confidence (0..1, clamped).
    pub fn add(&mut self, confidence: f64, correct: bool) {
        let confidence = if confidence.is_finite() {
            confidence.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let bin = ((confidence * BINS as f64) as usize).min(BINS - 1);
        let entry = &mut self.bins[bin];
        entry.0 += 1;
        entry.1 += confidence;
        entry.2 += u32::from(correct);
    }

    /// The non-empty bins.
    pub fn bins(&self) -> Vec<ReliabilityBin> {
        self.bins
            .iter()
            .enumerate()
            .filter(|(_, b)| b.0 > 0)
            .map(|(i, &(count, confidence, correct))| ReliabilityBin {
                low: i as f64 / BINS as f64,
                high: (i + 1) as f64 / BINS as f64,
                count,
                confidence: confidence / f64::from(count),
                accuracy: f64::from(correct) / f64::from(count),
            })
            .collect()
    }

    /// Expected calibration error, 0 (perfect) to 1; 0 when empty.
    pub fn ece(&self) -> f64 {
        let total: u32 = self.bins.iter().map(|b| b.0).sum();
        if total == 0 {
            return 0.0;
        }
        self.bins()
            .iter()
            .map(|b| f64::from(b.count) / f64::from(total) * (b.accuracy - b.confidence).abs())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn known_matrix_gives_known_scores() {
        // expected a: 3 → a, 1 → b; expected b: 2 → b; expected c: 1 → a, 1 → c.
        let mut m = Confusion::default();
        for (e, p) in [
            ("a", "a"),
            ("a", "a"),
            ("a", "a"),
            ("a", "b"),
            ("b", "b"),
            ("b", "b"),
            ("c", "a"),
            ("c", "c"),
        ] {
            m.add(e, p);
        }
        assert_eq!(m.total(), 8);
        assert!(close(m.accuracy(), 6.0 / 8.0));
        let s = m.per_class();
        // a: P 3/4, R 3/4; b: P 2/3, R 1; c: P 1, R 1/2.
        assert!(close(s[0].f1, 0.75));
        assert!(close(s[1].f1, 0.8));
        assert!(close(s[2].f1, 2.0 / 3.0));
        assert!(close(m.macro_f1(), (0.75 + 0.8 + 2.0 / 3.0) / 3.0));
        assert_eq!(m.count("c", "a"), 1);
        assert_eq!(s[2].support, 2);
    }

    #[test]
    fn a_label_only_predicted_counts_with_zero_f1() {
        let mut m = Confusion::default();
        m.add("a", "a");
        m.add("a", "x");
        let s = m.per_class();
        assert_eq!(m.labels(), ["a", "x"]);
        assert!(close(s[0].f1, 2.0 / 3.0));
        assert!(close(s[1].f1, 0.0));
        assert!(close(m.macro_f1(), 1.0 / 3.0));
    }

    #[test]
    fn empty_is_zero() {
        let m = Confusion::default();
        assert!(close(m.accuracy(), 0.0));
        assert!(close(m.macro_f1(), 0.0));
    }

    #[test]
    fn calibration_error_is_the_weighted_gap() {
        let mut r = Reliability::default();
        // Bin 0.9: confidence 0.9, 1 of 2 right (gap 0.4); bin 0.5: 0.5, 1 of 2 right (gap 0).
        r.add(0.9, true);
        r.add(0.9, false);
        r.add(0.5, true);
        r.add(0.5, false);
        assert_eq!(r.bins().len(), 2);
        assert!(close(r.ece(), 0.2));
        let mut perfect = Reliability::default();
        perfect.add(1.0, true);
        assert!(close(perfect.ece(), 0.0));
        assert!(close(Reliability::default().ece(), 0.0));
    }
}
