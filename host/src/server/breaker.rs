//! A circuit breaker per brand × channel plugin. After `failures` plugin
//! failures (trap, timeout, out-of-memory, out-of-fuel, bad output) within
//! `window`, the pair is quarantined for `cool_down`: its events still enter
//! the ledger and wait as dead letters with the reason, for replay. Then one
//! event is let through as a probe: success closes the breaker, failure
//! opens it again. An admin can reset it.
//!
//! A plugin's own refusals (bad input, a failed signature) are the
//! payload's fault, not the plugin's, and never count.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::runtime::PluginError;

/// When a breaker opens and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerPolicy {
    /// Failures within `window` that open the breaker.
    pub failures: usize,
    /// The window failures are counted in.
    pub window: Duration,
    /// How long an open breaker refuses before letting a probe through.
    pub cool_down: Duration,
}

impl Default for BreakerPolicy {
    fn default() -> Self {
        Self {
            failures: 5,
            window: Duration::from_secs(60),
            cool_down: Duration::from_secs(30),
        }
    }
}

/// Whether a call may go ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    /// Closed: call.
    Call,
    /// Half-open: this call is the probe.
    Probe,
    /// Open: do not call; the reason says why and until when.
    Refuse(String),
}

/// A breaker's state, as `GET /v1/admin/plugins` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BreakerState {
    /// Calls go through.
    Closed,
    /// Quarantined: events become dead letters.
    Open,
    /// A probe is in flight.
    HalfOpen,
}

#[derive(Debug)]
enum State {
    Closed,
    Open { until: Instant, last_error: String },
    HalfOpen,
}

#[derive(Debug)]
struct Inner {
    state: State,
    failures: VecDeque<Instant>,
}

/// One brand × channel's breaker (`policy` `None`: always closed).
#[derive(Debug)]
pub struct Breaker {
    policy: Option<BreakerPolicy>,
    inner: Mutex<Inner>,
}

/// Whether `error` is the plugin's failure (and counts): not an error the
/// plugin reported through the contract, nor the host's own.
pub fn counts(error: &PluginError) -> bool {
    !matches!(error, PluginError::Plugin(_) | PluginError::Host(_))
}

impl Breaker {
    /// A closed breaker; with no policy, one that never opens.
    pub fn new(policy: Option<BreakerPolicy>) -> Self {
        Self {
            policy,
            inner: Mutex::new(Inner {
                state: State::Closed,
                failures: VecDeque::new(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A poisoned lock only means a panic elsewhere while holding it; the
        // state is still consistent (every update is one assignment).
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether a call may go ahead now.
    pub fn admit(&self, now: Instant) -> Admission {
        let mut inner = self.lock();
        match &inner.state {
            State::Closed => Admission::Call,
            State::HalfOpen => Admission::Refuse(
                "quarantined: a probe call is in flight after repeated failures".to_owned(),
            ),
            State::Open { until, .. } if now >= *until => {
                inner.state = State::HalfOpen;
                Admission::Probe
            }
            State::Open { until, last_error } => Admission::Refuse(format!(
                "quarantined after {} failures within {} s (last: {last_error}); a probe in {} s",
                self.policy.map_or(0, |p| p.failures),
                self.policy.map_or(0, |p| p.window.as_secs()),
                until.saturating_duration_since(now).as_secs() + 1
            )),
        }
    }

    /// Records a call's outcome: `None` for success, or its error.
    pub fn record(&self, now: Instant, error: Option<&PluginError>) {
        let Some(policy) = self.policy else {
            return;
        };
        let mut inner = self.lock();
        let Some(error) = error.filter(|e| counts(e)) else {
            // The plugin worked (or the payload was at fault): a probe that
            // gets here closes the breaker.
            if matches!(inner.state, State::HalfOpen) {
                inner.state = State::Closed;
                inner.failures.clear();
            }
            return;
        };
        let window = policy.window;
        inner.failures.push_back(now);
        while inner
            .failures
            .front()
            .is_some_and(|t| now.duration_since(*t) > window)
        {
            inner.failures.pop_front();
        }
        let probe_failed = matches!(inner.state, State::HalfOpen);
        if probe_failed || inner.failures.len() >= policy.failures {
            inner.state = State::Open {
                until: now + policy.cool_down,
                last_error: error.to_string(),
            };
        }
    }

    /// Closes the breaker and forgets its failures (an admin's reset).
    pub fn reset(&self) {
        let mut inner = self.lock();
        inner.state = State::Closed;
        inner.failures.clear();
    }

    /// The state and the failures counted in the current window.
    pub fn status(&self, now: Instant) -> (BreakerState, usize) {
        let inner = self.lock();
        let recent = inner
            .failures
            .iter()
            .filter(|t| {
                self.policy
                    .is_some_and(|p| now.duration_since(**t) <= p.window)
            })
            .count();
        let state = match inner.state {
            State::Closed => BreakerState::Closed,
            State::Open { .. } => BreakerState::Open,
            State::HalfOpen => BreakerState::HalfOpen,
        };
        (state, recent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::ContractError;

    const POLICY: BreakerPolicy = BreakerPolicy {
        failures: 3,
        window: Duration::from_secs(60),
        cool_down: Duration::from_secs(30),
    };

    fn timeout() -> PluginError {
        PluginError::Timeout { deadline_ms: 50 }
    }

    #[test]
    fn opens_after_n_failures_in_the_window_and_refuses_with_the_reason() {
        let breaker = Breaker::new(Some(POLICY));
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(breaker.admit(t0), Admission::Call, "call {i}");
            breaker.record(t0 + Duration::from_secs(i), Some(&timeout()));
        }
        match breaker.admit(t0 + Duration::from_secs(5)) {
            Admission::Refuse(reason) => {
                assert!(reason.contains("quarantined after 3 failures"), "{reason}");
                assert!(reason.contains("timed out"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(breaker.status(t0).0, BreakerState::Open);
    }

    #[test]
    fn failures_outside_the_window_payload_errors_and_host_errors_do_not_count() {
        let breaker = Breaker::new(Some(POLICY));
        let t0 = Instant::now();
        breaker.record(t0, Some(&timeout()));
        breaker.record(t0 + Duration::from_secs(1), Some(&timeout()));
        breaker.record(t0 + Duration::from_secs(120), Some(&timeout()));
        let bad_input = PluginError::Plugin(ContractError::BadInput("junk".into()));
        let host = PluginError::Host("cannot add seals to the memfd".into());
        for i in 0..10 {
            let error = if i % 2 == 0 { &bad_input } else { &host };
            breaker.record(t0 + Duration::from_secs(121 + i), Some(error));
        }
        assert_eq!(
            breaker.admit(t0 + Duration::from_secs(200)),
            Admission::Call
        );
    }

    #[test]
    fn a_probe_after_the_cool_down_closes_or_reopens_it() {
        let breaker = Breaker::new(Some(POLICY));
        let t0 = Instant::now();
        for _ in 0..3 {
            breaker.record(t0, Some(&timeout()));
        }
        let later = t0 + POLICY.cool_down;
        assert_eq!(breaker.admit(later), Admission::Probe);
        // Only one probe at a time.
        assert!(matches!(breaker.admit(later), Admission::Refuse(_)));
        breaker.record(later, Some(&timeout()));
        assert!(matches!(breaker.admit(later), Admission::Refuse(_)));
        let again = later + POLICY.cool_down;
        assert_eq!(breaker.admit(again), Admission::Probe);
        breaker.record(again, None);
        assert_eq!(breaker.admit(again), Admission::Call);
        assert_eq!(breaker.status(again), (BreakerState::Closed, 0));
    }

    #[test]
    fn without_a_policy_it_never_opens() {
        let breaker = Breaker::new(None);
        let t0 = Instant::now();
        for _ in 0..100 {
            breaker.record(t0, Some(&timeout()));
        }
        assert_eq!(breaker.admit(t0), Admission::Call);
    }

    #[test]
    fn an_admin_reset_closes_it() {
        let breaker = Breaker::new(Some(POLICY));
        let t0 = Instant::now();
        for _ in 0..3 {
            breaker.record(t0, Some(&timeout()));
        }
        breaker.reset();
        assert_eq!(breaker.admit(t0), Admission::Call);
    }
}
