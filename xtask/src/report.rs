//! What `cargo xtask bench` keeps of a run. A benchmark that reports
//! writes `<target>/bench/<key>.json` and a Markdown body,
//! `<target>/bench/<key>.md`; each is merged into
//! `<target>/bench/bench.json` under its key, and, unless the run was
//! `--quick`, its section of `BENCHMARKS.md` (between `<!-- bench:<key> -->`
//! and `<!-- /bench:<key> -->`) is replaced with the body, the date, the
//! machine and the command. Text outside the markers is left alone.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{Value, json};

/// A benchmark whose results are kept.
#[derive(Debug)]
pub struct Section {
    /// Key in `bench.json`, name of its files and markers.
    pub key: &'static str,
    /// Heading in `BENCHMARKS.md`.
    pub title: &'static str,
    /// The example that measures it.
    pub example: &'static str,
}

/// Every benchmark that reports, in the order of `BENCHMARKS.md`.
pub const SECTIONS: &[Section] = &[
    Section {
        key: "per_event",
        title: "Per event and per plugin",
        example: "bench_plugins",
    },
    Section {
        key: "e2e",
        title: "End to end",
        example: "bench_e2e",
    },
    Section {
        key: "cold_start",
        title: "Cold start",
        example: "bench_e2e",
    },
    Section {
        key: "memory",
        title: "Memory",
        example: "bench_e2e",
    },
    Section {
        key: "isolation",
        title: "Tenant isolation",
        example: "bench_isolation",
    },
];

const PREAMBLE: &str = "# Benchmarks\n\n\
Written by `cargo xtask bench` (the figures are also in `target/bench/bench.json`): each \
section between `<!-- bench:… -->` markers is replaced by the next run; text outside them is \
kept. Speed is measured here and in [docs/MEASUREMENTS.md](docs/MEASUREMENTS.md), never in \
timed tests.\n\n<!-- bench:targets -->\n<!-- /bench:targets -->\n";

/// The section that judges the run against the speed targets (see
/// [`crate::targets`]); first in `BENCHMARKS.md`.
const TARGETS: Section = Section {
    key: "targets",
    title: "Targets",
    example: "bench_plugins",
};

/// Removes the results of an earlier run (of example `only`'s sections
/// alone, when given), so that a failed benchmark leaves no stale figures
/// behind.
pub fn clear(dir: &Path, only: Option<&str>) -> Result<()> {
    let files = SECTIONS
        .iter()
        .filter(|s| only.is_none_or(|example| example == s.example))
        .flat_map(|s| ["json", "md"].map(|extension| format!("{}.{extension}", s.key)))
        .chain(["e2e-latency.svg", "events.jsonl", "extism.json"].map(str::to_owned));
    for name in files {
        let file = dir.join(name);
        match std::fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(error).with_context(|| format!("removing {}", file.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Merges the sections found in `dir` into `dir/bench.json` and, unless
/// `quick`, into `benchmarks` (the root `BENCHMARKS.md`).
pub fn publish(dir: &Path, benchmarks: &Path, quick: bool) -> Result<()> {
    let date = today();
    let machine = machine();
    let mut report = json!({ "date": date, "machine": machine, "quick": quick });
    let mut markdown = match std::fs::read_to_string(benchmarks) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => PREAMBLE.to_owned(),
        Err(error) => {
            return Err(error).with_context(|| format!("reading {}", benchmarks.display()));
        }
    };
    for section in SECTIONS {
        let json = dir.join(format!("{}.json", section.key));
        let figures: Value = serde_json::from_slice(
            &std::fs::read(&json).with_context(|| format!("reading {}", json.display()))?,
        )
        .with_context(|| format!("parsing {}", json.display()))?;
        // A section's `headline` figures also go to the top level, under
        // their own names (`per_event_us`, `cold_start_ms`, `rss_mb`, ...).
        if let Some(headline) = figures.get("headline").and_then(Value::as_object) {
            for (name, value) in headline {
                report[name.as_str()] = value.clone();
            }
        }
        report[section.key] = figures;
        let md = dir.join(format!("{}.md", section.key));
        let body =
            std::fs::read_to_string(&md).with_context(|| format!("reading {}", md.display()))?;
        markdown = replace_section(
            &markdown,
            section,
            &format!(
                "## {}\n\nMeasured {date} on {}, with:\n\n```sh\ncargo xtask bench    # builds in release, then runs target/release/examples/{} (among the others)\n```\n\n{body}",
                section.title,
                machine["description"]
                    .as_str()
                    .unwrap_or("an unknown machine"),
                section.example
            ),
        );
    }
    markdown = replace_section(&markdown, &TARGETS, &crate::targets::summary(&report));
    let out = dir.join("bench.json");
    std::fs::write(&out, serde_json::to_vec_pretty(&report)?)
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!("xtask: {}", out.display());
    if !quick {
        std::fs::write(benchmarks, markdown)
            .with_context(|| format!("writing {}", benchmarks.display()))?;
        eprintln!("xtask: {}", benchmarks.display());
        publish_charts(dir, &benchmarks.with_file_name("docs").join("bench"))?;
    }
    Ok(())
}

/// Copies the charts (`*.svg`) of `dir` to `charts`, where `BENCHMARKS.md`
/// links them.
fn publish_charts(dir: &Path, charts: &Path) -> Result<()> {
    std::fs::create_dir_all(charts).with_context(|| format!("creating {}", charts.display()))?;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "svg")
            && let Some(name) = path.file_name()
        {
            let to = charts.join(name);
            std::fs::copy(&path, &to)
                .with_context(|| format!("copying {} to {}", path.display(), to.display()))?;
            eprintln!("xtask: {}", to.display());
        }
    }
    Ok(())
}

/// `text` with `section`'s marked part replaced by `body` (appended when
/// it has none yet).
fn replace_section(text: &str, section: &Section, body: &str) -> String {
    let (begin, end) = (
        format!("<!-- bench:{} -->", section.key),
        format!("<!-- /bench:{} -->", section.key),
    );
    let marked = format!("{begin}\n{}\n{end}", body.trim_end());
    match (text.find(&begin), text.find(&end)) {
        (Some(from), Some(to)) if from < to => {
            format!("{}{marked}{}", &text[..from], &text[to + end.len()..])
        }
        _ => format!("{}\n{marked}\n", text.trim_end()),
    }
}

/// Cores, CPU model and memory, from `/proc` (Linux).
fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split_once(':'))
        .map_or("unknown CPU", |(_, model)| model.trim())
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_gib = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0.0, |kib| {
            (kib as f64 / 1024.0 / 1024.0 * 10.0).round() / 10.0
        });
    json!({
        "cores": cores,
        "cpu": model,
        "memory_gib": memory_gib,
        "description": format!("{cores} cores ({model}), {memory_gib} GiB of memory"),
    })
}

/// Today's UTC date, `YYYY-MM-DD`.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const E2E: &Section = &SECTIONS[1];

    #[test]
    fn a_section_is_appended_then_replaced_in_place() {
        let first = replace_section("# Benchmarks\n\nintro\n", E2E, "one\n");
        assert_eq!(
            first,
            "# Benchmarks\n\nintro\n<!-- bench:e2e -->\none\n<!-- /bench:e2e -->\n"
        );
        let edited = format!("{first}\n## Other\nkept\n");
        let second = replace_section(&edited, E2E, "two");
        assert_eq!(
            second,
            "# Benchmarks\n\nintro\n<!-- bench:e2e -->\ntwo\n<!-- /bench:e2e -->\n\n## Other\nkept\n"
        );
    }
}
