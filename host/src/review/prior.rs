//! What a brand's agents taught the host: a smoothed success rate per
//! strategy and intent, learnt from feedback on earlier suggestions.
//!
//! An accepted suggestion counts as one success, an edited one as half (the
//! strategy was right, the words were not), a rejected one as none. The rate
//! for (strategy, intent) is shrunk toward the strategy's rate over all
//! intents, which is itself shrunk toward ½, so one verdict moves the ranking
//! a little and many verdicts move it a lot:
//!
//! ```text
//! strategy rate  p_s      = (successes_s + 1) / (trials_s + 2)
//! prior          p_(s,i)  = (successes_(s,i) + M · p_s) / (trials_(s,i) + M),  M = 2
//! ```

use serde::Serialize;

/// How strongly the per-intent rate is pulled toward the strategy's rate.
const SHRINK: f64 = 2.0;

/// Feedback counts for one strategy on one intent.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StrategyStat {
    /// Strategy name, e.g. `ask-detail`.
    pub strategy: String,
    /// Intent of the message the suggestion answered.
    pub intent: String,
    /// Verdicts given.
    pub trials: f64,
    /// Accepted + ½ edited.
    pub successes: f64,
}

/// The learnt priors of one brand.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StrategyPriors {
    stats: Vec<StrategyStat>,
}

impl StrategyPriors {
    /// Priors from feedback counts.
    pub fn new(stats: Vec<StrategyStat>) -> Self {
        Self { stats }
    }

    /// The prior for `strategy` on a message of `intent`, in (0, 1); ½ with
    /// no feedback at all.
    pub fn prior(&self, strategy: &str, intent: &str) -> f32 {
        let (mut trials, mut successes) = (0.0, 0.0);
        let (mut intent_trials, mut intent_successes) = (0.0, 0.0);
        for stat in self.stats.iter().filter(|s| s.strategy == strategy) {
            trials += stat.trials;
            successes += stat.successes;
            if stat.intent == intent {
                intent_trials += stat.trials;
                intent_successes += stat.successes;
            }
        }
        let strategy_rate = (successes + 1.0) / (trials + 2.0);
        ((intent_successes + SHRINK * strategy_rate) / (intent_trials + SHRINK)) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(strategy: &str, intent: &str, trials: f64, successes: f64) -> StrategyStat {
        StrategyStat {
            strategy: strategy.into(),
            intent: intent.into(),
            trials,
            successes,
        }
    }

    #[test]
    fn no_feedback_is_neutral() {
        assert_eq!(StrategyPriors::default().prior("answer", "refund"), 0.5);
    }

    #[test]
    fn acceptance_raises_and_rejection_lowers() {
        let priors = StrategyPriors::new(vec![
            stat("answer", "refund", 10.0, 9.0),
            stat("acknowledge", "refund", 10.0, 0.0),
        ]);
        assert!(priors.prior("answer", "refund") > 0.8);
        assert!(priors.prior("acknowledge", "refund") < 0.2);
    }

    #[test]
    fn other_intents_inform_a_new_one_through_the_strategy_rate() {
        let priors = StrategyPriors::new(vec![stat("ask-detail", "delivery", 20.0, 20.0)]);
        let unseen = priors.prior("ask-detail", "billing");
        assert!(unseen > 0.9 && unseen < 1.0, "{unseen}");
        assert!(priors.prior("ask-detail", "delivery") > unseen);
    }
}
