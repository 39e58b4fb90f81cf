//! `chorus plugin test`: every fixture of a folder through a component,
//! compared with its golden file ([`chorus_host::fixtures`]), as a table.

use std::path::PathBuf;
use std::time::Duration;

use chorus_host::fixtures::{self, Entry, Mode, Verdict};
use chorus_host::runtime::Limits;
use serde_json::json;

use super::Failure;
use super::loading::{load, load_brand, pretty, runtime_with};

/// What `chorus plugin test` was asked.
#[derive(Debug)]
pub(crate) struct TestOptions {
    /// The component.
    pub wasm: PathBuf,
    /// The fixture folder.
    pub fixtures: PathBuf,
    /// Rewrite the expected files.
    pub update: bool,
    /// Brand file; default the example brand.
    pub brand: Option<PathBuf>,
    /// Print JSON instead of a table.
    pub json: bool,
    /// Deadline of each call.
    pub deadline: Duration,
    /// Fuel budget of each call (`None`: unlimited, still counted).
    pub fuel: Option<u64>,
}

pub(crate) async fn run(options: TestOptions) -> Result<(), Failure> {
    let brand = load_brand(options.brand.as_deref())?;
    let limits = Limits {
        deadline: options.deadline,
        // Metering is what makes fuel measurable; with no budget asked for,
        // the budget is out of reach and only counts.
        fuel: Some(options.fuel.unwrap_or(u64::MAX)),
        ..Limits::default()
    };
    let runtime = runtime_with(limits)?;
    let plugin = load(&runtime, &options.wasm).await?;
    let mode = if options.update {
        Mode::Update
    } else {
        Mode::Compare
    };
    let entries = fixtures::run_folder(&plugin, &brand, &options.fixtures, mode)
        .await
        .map_err(|e| Failure::refused(e.to_string()))?;
    let heading = format!(
        "{} {} on {}",
        plugin.info().name,
        plugin.info().version,
        options.fixtures.display()
    );
    if options.json {
        println!("{}", pretty(&report_json(&heading, &entries))?);
    } else {
        print_table(&heading, &entries);
    }
    let failed = entries.iter().filter(|e| !e.verdict.passed()).count();
    if failed > 0 {
        return Err(Failure::other(format!(
            "{}: {failed} of {} fixtures failed (`--update` accepts the new outputs)",
            options.fixtures.display(),
            entries.len()
        )));
    }
    Ok(())
}

fn print_table(heading: &str, entries: &[Entry]) {
    let width = entries
        .iter()
        .map(|e| e.fixture.name().chars().count())
        .max()
        .unwrap_or(0)
        .max("fixture".len());
    println!("{heading}");
    println!(
        "{:<width$}  {:<8}  {:>9}  {:>8}  {:>10}  nearest output cap (or why skipped)",
        "fixture", "status", "time", "fuel", "output"
    );
    for entry in entries {
        let (time, fuel, output, cap) = match (&entry.run, &entry.verdict) {
            (None, Verdict::Skipped(why)) => {
                (String::new(), String::new(), String::new(), why.clone())
            }
            (None, _) => Default::default(),
            (Some(run), _) => (
                format!("{:.1} ms", run.elapsed.as_secs_f64() * 1000.0),
                run.fuel.map(si).unwrap_or_else(|| "-".to_owned()),
                format!("{} B", si(run.rendered.len() as u64)),
                run.usage
                    .nearest_cap()
                    .map(|c| format!("{} {}/{}", c.name, si(c.used as u64), si(c.limit as u64)))
                    .unwrap_or_else(|| "-".to_owned()),
            ),
        };
        let row = format!(
            "{:<width$}  {:<8}  {time:>9}  {fuel:>8}  {output:>10}  {cap}",
            entry.fixture.name(),
            entry.verdict.label(),
        );
        println!("{}", row.trim_end());
    }
    let count = |label: &str| {
        entries
            .iter()
            .filter(|e| e.verdict.label() == label)
            .count()
    };
    let counts: Vec<String> = ["ok", "MISMATCH", "new", "written", "skipped"]
        .into_iter()
        .filter(|label| count(label) > 0)
        .map(|label| format!("{} {label}", count(label)))
        .collect();
    println!("{} fixtures: {}", entries.len(), counts.join(", "));
    for entry in entries {
        match &entry.verdict {
            Verdict::Mismatch(differences) => {
                println!(
                    "\nMISMATCH {} (against {})",
                    entry.fixture.name(),
                    entry.fixture.expected.display()
                );
                for difference in differences {
                    println!("  {difference}");
                }
            }
            Verdict::New => println!(
                "\nnew {}: no {} yet",
                entry.fixture.name(),
                entry.fixture.expected.display()
            ),
            _ => {}
        }
    }
}

fn report_json(heading: &str, entries: &[Entry]) -> serde_json::Value {
    let fixtures: Vec<_> = entries
        .iter()
        .map(|entry| {
            let differences: Vec<String> = match &entry.verdict {
                Verdict::Mismatch(found) => found.iter().map(ToString::to_string).collect(),
                _ => Vec::new(),
            };
            let run = entry.run.as_ref().map(|run| {
                json!({
                    "time_ms": run.elapsed.as_secs_f64() * 1000.0,
                    "fuel": run.fuel,
                    "output_bytes": run.rendered.len(),
                    "usage": run.usage.items.iter().map(|i| json!({
                        "name": i.name, "used": i.used, "limit": i.limit,
                    })).collect::<Vec<_>>(),
                })
            });
            json!({
                "fixture": entry.fixture.path.display().to_string(),
                "status": entry.verdict.label(),
                "skipped": match &entry.verdict { Verdict::Skipped(why) => Some(why), _ => None },
                "run": run,
                "differences": differences,
            })
        })
        .collect();
    json!({
        "plugin": heading,
        "passed": entries.iter().all(|e| e.verdict.passed()),
        "fixtures": fixtures,
    })
}

/// `1234567` → `1.2M`: short numbers for the table.
fn si(value: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")];
    for (size, unit) in UNITS {
        if value >= size {
            return format!("{:.1}{unit}", value as f64 / size as f64);
        }
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::si;

    #[test]
    fn numbers_are_shortened() {
        assert_eq!(si(999), "999");
        assert_eq!(si(1_500), "1.5k");
        assert_eq!(si(12_345_678), "12.3M");
        assert_eq!(si(2_000_000_000), "2.0G");
    }
}
