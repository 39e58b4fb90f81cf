//! `chorus eval triage`: scores the real plugin components' triage against a
//! labelled JSONL file (one message a line, see `tests/data/LABELLING.md`).
//!
//! Every line becomes what its channel's plugin would see
//! ([`super::shared::listen`]), and goes through the pipeline the server's
//! worker runs (triage in a fresh instance, then the brand's listening
//! rules). Prints route, priority and intent scores, spam
//! precision and recall, urgent cases below `high`, sentiment sign,
//! language, calibration (reliability table and ECE) and signals, overall
//! and per language.

use std::collections::BTreeMap;
use std::path::Path;

use chorus_host::brand::Brand;
use chorus_host::model::Triage;
use serde_json::json;

use super::super::Failure;
use super::Common;
use super::input::{self, Labelled};
use super::report::{self, Tally};
use super::shared::{Listened, Loaded, Plugins, listen, load_brand, process};

/// Runs `chorus eval triage` on `file`.
pub(super) async fn run(
    file: &Path,
    brand: Option<&Path>,
    common: &Common,
    misses: bool,
) -> Result<(), Failure> {
    let split = common.split.as_deref();
    let lines = input::read(file, split)?;
    if lines.is_empty() {
        return Err(Failure::refused(format!(
            "{}: no labelled lines{}",
            file.display(),
            split
                .map(|s| format!(" in split `{s}`"))
                .unwrap_or_default()
        )));
    }
    let brand = load_brand(brand, common.config.as_deref(), common.brand_id.as_deref())?;
    let mut plugins = Plugins::new(common.plugins.clone(), brand)?;
    let mut all = Tally::default();
    let mut per_language: BTreeMap<String, Tally> = BTreeMap::new();
    for (number, line) in &lines {
        let (loaded, brand) = plugins.get(line.channel).await?;
        let at = format!("{}:{number}", file.display());
        let triage = triage(loaded, brand, line)
            .await
            .map_err(|e| Failure::other(format!("{at}: {e}")))?;
        if misses {
            report::print_miss(line, &triage);
        }
        all.add(line, &triage);
        if let Some(language) = &line.language {
            per_language
                .entry(language.clone())
                .or_default()
                .add(line, &triage);
        }
    }
    if common.json {
        return print_json(file, split, &all, &per_language);
    }
    println!(
        "{}{}: {} messages",
        file.display(),
        split.map(|s| format!(" (split {s})")).unwrap_or_default(),
        lines.len()
    );
    all.print_summary();
    report::print_languages(&per_language);
    all.print_details();
    Ok(())
}

fn print_json(
    file: &Path,
    split: Option<&str>,
    all: &Tally,
    per_language: &BTreeMap<String, Tally>,
) -> Result<(), Failure> {
    let mut report = all.to_json();
    report["file"] = json!(file.display().to_string());
    report["split"] = json!(split);
    report["per_language"] = per_language
        .iter()
        .map(|(language, t)| (language.clone(), t.summary()))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let text = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::other(format!("cannot print JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// Triage of one labelled line as the server reads it: the pipeline the
/// server, `chorus plugin run` and replay run (triage, then the brand's
/// listening rules; the suggestions it also makes are not scored here).
async fn triage(loaded: &Loaded, brand: &Brand, line: &Labelled) -> Result<Triage, String> {
    let message = match listen(&loaded.plugin, &loaded.services, brand, &line.inbound()).await? {
        Listened::Message(message) => *message,
        Listened::Ignored(reason) => {
            return Err(format!("the email gave no message: ignored: {reason}"));
        }
    };
    let (processed, _) = process(loaded, brand, message).await?;
    processed
        .triage
        .ok_or_else(|| format!("plugin {} gave no triage", loaded.plugin.info().name))
}
