//! Memory: the server's resident set with 1, 100 and 1,000 brands, each
//! enabling the three plugins, idle and under load.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use super::events::Events;
use super::load::Pace;
use super::server::Setup;
use super::{Bench, Settings};

/// Brand counts measured.
const BRANDS: [usize; 3] = [1, 100, 1_000];
/// The same with `--quick`.
const QUICK_BRANDS: [usize; 2] = [1, 10];

fn mib(kib: u64) -> f64 {
    (kib as f64 / 1024.0 * 10.0).round() / 10.0
}

/// Starts a server per brand count; its RSS once started (idle), and its
/// largest RSS while events spread over all its brands are processed.
pub async fn measure(
    events: &Events,
    settings: Settings,
    quick: bool,
) -> anyhow::Result<(Value, String)> {
    let counts: &[usize] = if quick { &QUICK_BRANDS } else { &BRANDS };
    let mut report = json!({});
    let mut headline = json!({});
    let mut rows = Vec::new();
    for &brands in counts {
        let spread = Arc::new(events.over_brands(brands));
        let cache = super::shared_cache()?;
        let setup = Setup {
            brands,
            cache: Some(&cache),
            ..Setup::default()
        };
        let mut bench = Bench::start(setup, 1, spread, settings).await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let idle = bench.rss_kib()?;
        // Every brand gets events: at least two each, and no fewer than a
        // closed-loop run's.
        let loaded = bench
            .run(settings.max_events.max(2 * brands), Pace::Closed)
            .await?;
        bench.check(&format!("memory, {brands} brands"))?;
        let after = bench.rss_kib()?;
        let key = format!("brands_{brands}");
        println!(
            "memory, {brands} brands: {} MiB idle, {} MiB peak under load, {} MiB after",
            mib(idle),
            mib(loaded.peak_rss_kib),
            mib(after)
        );
        report[&key] = json!({
            "idle_mib": mib(idle),
            "under_load_mib": mib(loaded.peak_rss_kib),
            "after_load_mib": mib(after),
            "events": loaded.acks.len(),
        });
        headline[&key] = json!(mib(idle));
        rows.push(format!(
            "| {brands} | {} MiB | {} MiB | {} MiB | {} |",
            mib(idle),
            mib(loaded.peak_rss_kib),
            mib(after),
            loaded.acks.len()
        ));
    }
    let first = report[format!("brands_{}", counts[0])]["idle_mib"]
        .as_f64()
        .unwrap_or(0.0);
    let last_key = format!("brands_{}", counts[counts.len() - 1]);
    let last = report[&last_key]["idle_mib"].as_f64().unwrap_or(0.0);
    let ratio = if first > 0.0 {
        (last / first * 100.0).round() / 100.0
    } else {
        0.0
    };
    report["ratio_idle"] = json!(ratio);
    report["headline"] = json!({ "rss_mb": headline });
    let verdict = if ratio <= 1.5 { "met" } else { "not met" };
    let markdown = format!(
        "`chorus serve` (release, SQLite) configured with N brands, each with the acme voice and the \
three plugins on Slack, X and email. Idle: after start and one second's rest. Under load: the \
largest resident set seen while a closed loop posted signed Slack events spread over every brand \
in turn, until all were stored. `VmRSS` from `/proc`.\n\n\
| brands | idle | under load (peak) | after the load | events |\n|---|---|---|---|---|\n{}\n\n\
Idle RSS at {} brands over 1 brand: **{ratio}×** (target ≤ 1.5×: {verdict}).\n",
        rows.join("\n"),
        counts[counts.len() - 1],
    );
    Ok((report, markdown))
}
