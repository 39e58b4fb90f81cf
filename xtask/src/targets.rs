//! The speed targets of the benchmarks, each with its figure from one run
//! and whether it was met: the first section of `BENCHMARKS.md`.

use serde_json::Value;

/// One target: what it bounds, where its figure is in `bench.json`, and
/// the bound.
struct Target {
    /// What is measured, as the table says it.
    what: &'static str,
    /// How the figure is read from the merged report.
    figure: fn(&Value) -> Option<f64>,
    /// The figure's unit, after the number.
    unit: &'static str,
    /// The bound and which side of it is met.
    bound: Bound,
}

/// Which side of the bound meets a target.
#[derive(Debug, Clone, Copy)]
enum Bound {
    AtMost(f64),
    Below(f64),
    AtLeast(f64),
}

impl Bound {
    fn met(self, figure: f64) -> bool {
        match self {
            Self::AtMost(bound) => figure <= bound,
            Self::Below(bound) => figure < bound,
            Self::AtLeast(bound) => figure >= bound,
        }
    }

    fn text(self, unit: &str) -> String {
        match self {
            Self::AtMost(bound) => format!("≤ {bound}{unit}"),
            Self::Below(bound) => format!("< {bound}{unit}"),
            Self::AtLeast(bound) => format!("≥ {bound}{unit}"),
        }
    }
}

const TARGETS: &[Target] = &[
    Target {
        what: "per event, b/a: chorus (fresh instance) over native",
        figure: |r| r["ratio"]["chorus_over_native"].as_f64(),
        unit: "×",
        bound: Bound::AtMost(2.0),
    },
    Target {
        what: "per event, b/d: chorus (fresh instance) over Extism (one plugin)",
        figure: |r| r["ratio"]["chorus_over_extism"].as_f64(),
        unit: "×",
        bound: Bound::AtMost(1.0),
    },
    Target {
        what: "end to end, webhook → suggestions stored, durable writes",
        figure: |r| r["e2e"]["max_events_per_s"].as_f64(),
        unit: " events/s",
        bound: Bound::AtLeast(10_000.0),
    },
    Target {
        what: "p99 acknowledgement latency at 50% of that rate",
        figure: |r| r["e2e"]["at_50pct"]["ack_ms"]["p99"].as_f64(),
        unit: " ms",
        bound: Bound::Below(5.0),
    },
    Target {
        what: "plugin load from the cache (the slowest of the three)",
        figure: |r| {
            r["cold_start"]["plugin_load_ms"]
                .as_object()?
                .values()
                .map(|load| load["cached"].as_f64())
                .try_fold(0.0_f64, |slowest, cached| Some(slowest.max(cached?)))
        },
        unit: " ms",
        bound: Bound::Below(5.0),
    },
    Target {
        what: "idle RSS at 1,000 brands over 1 brand",
        figure: |r| r["memory"]["ratio_idle"].as_f64(),
        unit: "×",
        bound: Bound::AtMost(1.5),
    },
];

/// The targets as a Markdown table: each bound, the run's figure and a
/// verdict ("not measured" when the run has no figure for it).
pub fn summary(report: &Value) -> String {
    let mut met = 0;
    let rows: Vec<String> = TARGETS
        .iter()
        .map(|target| {
            let bound = target.bound.text(target.unit);
            match (target.figure)(report) {
                Some(figure) => {
                    let verdict = if target.bound.met(figure) {
                        met += 1;
                        "**met**"
                    } else {
                        "not met"
                    };
                    let figure = (figure * 100.0).round() / 100.0;
                    format!(
                        "| {} | {bound} | {figure}{} | {verdict} |",
                        target.what, target.unit
                    )
                }
                None => format!("| {} | {bound} | — | not measured |", target.what),
            }
        })
        .collect();
    format!(
        "## Targets\n\nThe speed targets, each against its figure in the sections below (one run); \
{met} of {} met.\n\n| target | bound | this run | verdict |\n|---|---|---|---|\n{}\n",
        TARGETS.len(),
        rows.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn each_target_is_judged_on_its_figure_and_a_missing_one_is_said() {
        let report = json!({
            "ratio": { "chorus_over_native": 1.8 },
            "e2e": { "max_events_per_s": 120.5, "at_50pct": { "ack_ms": { "p99": 4.2 } } },
            "cold_start": { "plugin_load_ms": {
                "chat": { "cached": 3.0 }, "email": { "cached": 6.5 }
            } },
            "memory": { "ratio_idle": 1.5 },
        });
        let table = summary(&report);
        assert!(table.contains("| ≤ 2× | 1.8× | **met** |"), "{table}");
        assert!(table.contains("| ≤ 1× | — | not measured |"), "{table}");
        assert!(
            table.contains("| ≥ 10000 events/s | 120.5 events/s | not met |"),
            "{table}"
        );
        assert!(table.contains("| < 5 ms | 4.2 ms | **met** |"), "{table}");
        assert!(
            table.contains("| < 5 ms | 6.5 ms | not met |"),
            "the slowest plugin counts"
        );
        assert!(table.contains("| ≤ 1.5× | 1.5× | **met** |"), "{table}");
        assert!(table.contains("3 of 6 met"), "{table}");
    }
}
