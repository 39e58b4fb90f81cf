//! Incidents: many customers reporting that something is down or broken
//! within minutes is one incident, not many tickets. When the brand's recent
//! reports reach a threshold, every new report is raised to urgent and
//! labelled, so the team sees the burst before it reads the tickets.

use serde::Deserialize;

use crate::model::{Priority, Triage};

/// Intents that count as reports of an outage or a failure.
pub const REPORT_INTENTS: &[&str] = &["outage", "technical"];

/// The label a report in a burst gets.
pub const BURST_LABEL: &str = "outage-burst";

/// When reports make a burst: `reports` or more within `minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BurstConfig {
    /// Reports (this one included) that make a burst.
    pub reports: u32,
    /// The window, in minutes.
    pub minutes: u32,
}

impl Default for BurstConfig {
    fn default() -> Self {
        Self {
            reports: 5,
            minutes: 10,
        }
    }
}

impl BurstConfig {
    /// The window in milliseconds.
    pub fn window_ms(&self) -> i64 {
        i64::from(self.minutes) * 60_000
    }
}

/// Whether `triage` is a report of an outage or a failure.
pub fn is_report(triage: &Triage) -> bool {
    REPORT_INTENTS.contains(&triage.intent.as_str())
}

/// Raises a report to urgent, with the label and a reason, when it is the
/// `earlier + 1`-th report in the window and that reaches the threshold.
pub fn apply(config: &BurstConfig, earlier: u64, triage: &mut Triage) {
    let reports = earlier + 1;
    if !is_report(triage) || reports < u64::from(config.reports) {
        return;
    }
    triage.priority = Priority::Urgent;
    if !triage.labels.iter().any(|l| l == BURST_LABEL) {
        triage.labels.push(BURST_LABEL.to_owned());
    }
    triage.reasons.push(format!(
        "{reports} reports of an outage or failure in the last {} minutes: likely an incident",
        config.minutes
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Route;

    fn triage(intent: &str) -> Triage {
        Triage {
            priority: Priority::Normal,
            route: Route::ReplyPublic,
            intent: intent.into(),
            sentiment: -0.3,
            language: None,
            labels: vec!["needs-reply".into()],
            reasons: vec![],
            confidence: 0.6,
        }
    }

    #[test]
    fn the_report_that_reaches_the_threshold_is_urgent_and_labelled() {
        let config = BurstConfig::default();
        let mut quiet = triage("technical");
        apply(&config, 3, &mut quiet);
        assert_eq!(
            quiet.priority,
            Priority::Normal,
            "4 reports are not a burst"
        );
        let mut burst = triage("technical");
        apply(&config, 4, &mut burst);
        assert_eq!(burst.priority, Priority::Urgent);
        assert!(burst.labels.contains(&BURST_LABEL.to_owned()));
        assert_eq!(
            burst.reasons,
            ["5 reports of an outage or failure in the last 10 minutes: likely an incident"]
        );
    }

    #[test]
    fn other_intents_are_not_reports() {
        let mut billing = triage("billing");
        apply(&BurstConfig::default(), 50, &mut billing);
        assert_eq!(billing.priority, Priority::Normal);
        assert!(billing.reasons.is_empty());
    }
}
