//! Prometheus metrics: events received, processed and dead-lettered, and
//! per plugin × brand call latency and failures. Served at `GET /metrics`.

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::review::Review;

/// Labels of an event.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct EventLabels {
    /// Brand id.
    pub brand: String,
    /// Channel name.
    pub channel: String,
}

/// Labels of an event's outcome.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    /// Brand id.
    pub brand: String,
    /// Channel name.
    pub channel: String,
    /// `accepted`, `ignored`, `responded`, or an error kind (`unauthorized`, `trap`, ...).
    pub outcome: String,
}

/// Labels of a plugin call.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CallLabels {
    /// Plugin name.
    pub plugin: String,
    /// Brand id.
    pub brand: String,
    /// `listen`, `triage` or `suggest`.
    pub call: String,
}

/// Labels of a failed plugin call.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FailureLabels {
    /// Plugin name.
    pub plugin: String,
    /// Brand id.
    pub brand: String,
    /// `listen`, `triage` or `suggest`.
    pub call: String,
    /// `trap`, `timeout`, `out-of-memory`, `bad-output`, `bad-input`, ...
    pub kind: String,
}

/// Labels of the voice gate's verdicts.
/// A plugin load, by how the component was compiled.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LoadLabels {
    /// Plugin name.
    pub plugin: String,
    /// `cache` (the compiled snapshot was read from the cache) or `compiled`.
    pub source: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct VoiceLabels {
    /// Brand id.
    pub brand: String,
    /// `kept`, `fixed` (kept after the fixer changed it) or `dropped`.
    pub verdict: String,
    /// For `fixed` and `dropped`, the rule (`emoji`, `banned-phrase`, ...); else empty.
    pub rule: String,
}

/// All metrics of the server.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    received: Family<EventLabels, Counter>,
    processed: Family<OutcomeLabels, Counter>,
    dead_lettered: Family<OutcomeLabels, Counter>,
    call_seconds: Family<CallLabels, Histogram>,
    call_failures: Family<FailureLabels, Counter>,
    suggestions: Family<VoiceLabels, Counter>,
    channels_disabled: Family<EventLabels, Gauge>,
    quarantined: Family<EventLabels, Gauge>,
    reload_seconds: Family<LoadLabels, Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("chorus");
        let received = Family::<EventLabels, Counter>::default();
        let processed = Family::<OutcomeLabels, Counter>::default();
        let dead_lettered = Family::<OutcomeLabels, Counter>::default();
        let call_seconds = Family::<CallLabels, Histogram>::new_with_constructor(|| {
            // 10 µs to ~1.3 s.
            Histogram::new(exponential_buckets(0.000_01, 4.0, 10))
        });
        let call_failures = Family::<FailureLabels, Counter>::default();
        let suggestions = Family::<VoiceLabels, Counter>::default();
        let channels_disabled = Family::<EventLabels, Gauge>::default();
        let quarantined = Family::<EventLabels, Gauge>::default();
        let reload_seconds = Family::<LoadLabels, Histogram>::new_with_constructor(|| {
            // 1 ms to ~65 s.
            Histogram::new(exponential_buckets(0.001, 4.0, 9))
        });
        registry.register(
            "plugin_reload_seconds",
            "Time to load a reloaded plugin, from the compiled cache or compiling",
            reload_seconds.clone(),
        );
        registry.register(
            "plugin_quarantined",
            "1 while a brand × channel's plugin is quarantined by its circuit breaker",
            quarantined.clone(),
        );
        registry.register(
            "channels_disabled",
            "1 for each brand × channel disabled because its plugin failed to load",
            channels_disabled.clone(),
        );
        registry.register(
            "events_received",
            "Webhook requests appended to the ledger",
            received.clone(),
        );
        registry.register(
            "events_processed",
            "Ledger entries listened to, by outcome",
            processed.clone(),
        );
        registry.register(
            "events_dead_lettered",
            "Ledger entries that became dead letters, by error kind (unauthorized = failed signature)",
            dead_lettered.clone(),
        );
        registry.register(
            "plugin_call_seconds",
            "Plugin call latency, fresh instance included",
            call_seconds.clone(),
        );
        registry.register(
            "plugin_call_failures",
            "Failed plugin calls by kind (trap, timeout, out-of-memory, ...)",
            call_failures.clone(),
        );
        registry.register(
            "suggestions",
            "Plugin suggestions through the voice gate: kept, fixed (by rule) and dropped (by rule)",
            suggestions.clone(),
        );
        Self {
            registry,
            received,
            processed,
            dead_lettered,
            call_seconds,
            call_failures,
            suggestions,
            channels_disabled,
            quarantined,
            reload_seconds,
        }
    }
}

impl Metrics {
    /// A brand's channel is disabled (its plugin failed to load).
    pub fn channel_disabled(&self, brand: &str, channel: &str) {
        self.channels_disabled
            .get_or_create(&EventLabels {
                brand: brand.to_owned(),
                channel: channel.to_owned(),
            })
            .set(1);
    }

    /// Whether a brand × channel's breaker is open (or probing).
    pub fn quarantined(&self, brand: &str, channel: &str, quarantined: bool) {
        self.quarantined
            .get_or_create(&EventLabels {
                brand: brand.to_owned(),
                channel: channel.to_owned(),
            })
            .set(i64::from(quarantined));
    }

    /// A plugin was reloaded in `elapsed`, from the cache or compiled.
    pub fn plugin_reloaded(&self, plugin: &str, elapsed: Duration, from_cache: bool) {
        let source = if from_cache { "cache" } else { "compiled" };
        self.reload_seconds
            .get_or_create(&LoadLabels {
                plugin: plugin.to_owned(),
                source: source.to_owned(),
            })
            .observe(elapsed.as_secs_f64());
    }

    /// A request was appended to the ledger.
    pub fn received(&self, brand: &str, channel: &str) {
        self.received
            .get_or_create(&EventLabels {
                brand: brand.to_owned(),
                channel: channel.to_owned(),
            })
            .inc();
    }

    /// A ledger entry was processed with `outcome`.
    pub fn processed(&self, brand: &str, channel: &str, outcome: &str) {
        self.processed
            .get_or_create(&outcome_labels(brand, channel, outcome))
            .inc();
    }

    /// A ledger entry became a dead letter of `kind`.
    pub fn dead_lettered(&self, brand: &str, channel: &str, kind: &str) {
        self.dead_lettered
            .get_or_create(&outcome_labels(brand, channel, kind))
            .inc();
    }

    /// A plugin call took `elapsed`; `failure` is its error kind, if it failed.
    pub fn call(
        &self,
        plugin: &str,
        brand: &str,
        call: &str,
        elapsed: Duration,
        failure: Option<&str>,
    ) {
        let labels = CallLabels {
            plugin: plugin.to_owned(),
            brand: brand.to_owned(),
            call: call.to_owned(),
        };
        self.call_seconds
            .get_or_create(&labels)
            .observe(elapsed.as_secs_f64());
        if let Some(kind) = failure {
            self.call_failures
                .get_or_create(&FailureLabels {
                    plugin: labels.plugin,
                    brand: labels.brand,
                    call: labels.call,
                    kind: kind.to_owned(),
                })
                .inc();
        }
    }

    /// Counts the voice gate's verdicts on one message's suggestions.
    pub fn reviewed(&self, brand: &str, review: &Review) {
        let count = |verdict: &str, rule: &str| {
            self.suggestions
                .get_or_create(&VoiceLabels {
                    brand: brand.to_owned(),
                    verdict: verdict.to_owned(),
                    rule: rule.to_owned(),
                })
                .inc();
        };
        for kept in &review.kept {
            count("kept", "");
            for rule in &kept.review.fixes {
                count("fixed", rule);
            }
        }
        for dropped in &review.dropped {
            let rule = dropped.rules.first().map_or("empty", String::as_str);
            count("dropped", rule);
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut text = String::new();
        if let Err(error) = prometheus_client::encoding::text::encode(&mut text, &self.registry) {
            tracing::error!("cannot encode metrics: {error}");
        }
        text
    }
}

fn outcome_labels(brand: &str, channel: &str, outcome: &str) -> OutcomeLabels {
    OutcomeLabels {
        brand: brand.to_owned(),
        channel: channel.to_owned(),
        outcome: outcome.to_owned(),
    }
}
