//! `chorus voice lint` and `chorus voice check`: the host's voice gate on
//! the command line, for brand teams writing a profile.

use std::path::{Path, PathBuf};

use chorus_host::brand::Brand;
use chorus_voice::{Severity, Target, Violation, VoiceProfile};
use clap::Subcommand;

use super::Failure;

/// `chorus voice ...`
#[derive(Debug, Subcommand)]
pub enum VoiceCommand {
    /// Lints a reply against a brand's voice: violations, the fixed text and
    /// the voice score. Exits 1 when the text has a hard violation.
    Lint {
        /// The brand's voice profile (voice.toml) or brand file (brand.toml).
        #[arg(long)]
        brand: PathBuf,
        /// The channel the reply goes to (`twitter`, `slack`, `email`, ...).
        #[arg(long, default_value = "slack")]
        channel: String,
        /// The platform's length limit in characters (0 = none).
        #[arg(long, default_value_t = 0)]
        max_length: usize,
        /// The customer's first name, for greeting and sign-off templates.
        #[arg(long)]
        name: Option<String>,
        /// The customer's message was negative: empathy is expected.
        #[arg(long)]
        negative: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The reply text.
        text: String,
    },
    /// Validates a voice profile, and lints its canned responses, knowledge
    /// tips and escalation phrase against the profile itself.
    Check {
        /// The voice profile (voice.toml) or brand file (brand.toml).
        profile: PathBuf,
    },
}

/// Runs a `voice` subcommand.
pub fn run(command: VoiceCommand) -> Result<(), Failure> {
    match command {
        VoiceCommand::Lint {
            brand,
            channel,
            max_length,
            name,
            negative,
            json,
            text,
        } => {
            let profile = load_profile(&brand)?;
            let target = Target {
                channel: &channel,
                max_length,
                prefix: "",
                first_name: name.as_deref(),
                needs_empathy: negative,
                ..Default::default()
            };
            lint(&profile, &text, &target, json)
        }
        VoiceCommand::Check { profile } => check(&profile),
    }
}

/// Reads a voice profile, or the profile a brand file names.
fn load_profile(path: &Path) -> Result<VoiceProfile, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::refused(format!("{}: cannot read: {e}", path.display())))?;
    let is_brand_file = text
        .lines()
        .any(|line| line.trim_start().starts_with("voice_file") || line.trim() == "[voice]");
    if is_brand_file {
        return Brand::load(path)
            .map(|brand| std::sync::Arc::unwrap_or_clone(brand.voice))
            .map_err(|e| Failure::refused(e.to_string()));
    }
    VoiceProfile::from_toml_str(&text)
        .map_err(|e| Failure::refused(format!("{}: {e}", path.display())))
}

fn lint(profile: &VoiceProfile, text: &str, target: &Target, json: bool) -> Result<(), Failure> {
    let violations = chorus_voice::lint(profile, text, target);
    let fixed = chorus_voice::fix(profile, text, target);
    let left = chorus_voice::lint(profile, &fixed.text, target);
    let score = chorus_voice::score(profile, &fixed.text, target);
    if json {
        let report = serde_json::json!({
            "violations": violations,
            "fixed": fixed,
            "violations_after_fix": left,
            "score": score,
        });
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::other(format!("cannot print JSON: {e}")))?;
        println!("{text}");
    } else {
        if violations.is_empty() {
            println!("no violations");
        }
        for violation in &violations {
            println!("{}", describe(text, violation));
        }
        if fixed.text != text {
            let rules: Vec<String> = fixed.applied.iter().map(ToString::to_string).collect();
            println!("\nfixed ({}):\n{}", rules.join(", "), fixed.text);
            for violation in &left {
                println!("still: {}", describe(&fixed.text, violation));
            }
        }
        println!("\nvoice score {:.2}", score.total);
        for feature in &score.features {
            println!(
                "  {:<18} {:.2} × {:.2}  {}",
                feature.name, feature.value, feature.weight, feature.note
            );
        }
    }
    if violations.iter().any(|v| v.severity == Severity::Hard) {
        return Err(Failure::other(
            "the text has hard violations of the brand's voice",
        ));
    }
    Ok(())
}

fn describe(text: &str, violation: &Violation) -> String {
    let severity = match violation.severity {
        Severity::Hard => "hard",
        Severity::Soft => "soft",
    };
    let quoted = text
        .get(violation.span.clone())
        .map(|s| {
            let s: String = s.chars().take(60).collect();
            format!(" {s:?}")
        })
        .unwrap_or_default();
    format!(
        "{severity} {:<14} {}..{}{quoted}: {}",
        violation.rule.to_string(),
        violation.span.start,
        violation.span.end,
        violation.message
    )
}

fn check(path: &Path) -> Result<(), Failure> {
    let profile = load_profile(path)?;
    let mut problems = Vec::new();
    let mut lint_field = |field: String, text: &str, channel: &str| {
        let target = Target {
            channel,
            ..Target::default()
        };
        for violation in chorus_voice::lint(&profile, text, &target) {
            if violation.severity == Severity::Hard {
                problems.push(format!("{field}: {}", violation.message));
            }
        }
    };
    for (i, canned) in profile.canned_responses.iter().enumerate() {
        lint_field(format!("canned_responses[{i}].text"), &canned.text, "");
    }
    for (i, tip) in profile.knowledge.iter().enumerate() {
        lint_field(format!("knowledge[{i}].text"), &tip.text, "");
    }
    lint_field(
        "escalation_phrase".to_owned(),
        &profile.escalation_phrase,
        "",
    );
    if let Some(first) = problems.first() {
        return Err(Failure::refused(format!(
            "{}: {first}{}",
            path.display(),
            match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            }
        )));
    }
    let channels: Vec<&str> = profile
        .channels
        .iter()
        .map(|c| c.channel.as_str())
        .collect();
    println!(
        "{}: ok — persona {:?}, {:?}, person {:?}, emoji {:?}, languages {}, channels {}, {} banned phrases, {} canned responses, {} knowledge tips",
        path.display(),
        profile.persona,
        profile.formality,
        profile.person,
        profile.emoji,
        profile.languages.join(", "),
        if channels.is_empty() {
            "none".to_owned()
        } else {
            channels.join(", ")
        },
        profile.banned_phrases.len(),
        profile.canned_responses.len(),
        profile.knowledge.len(),
    );
    Ok(())
}
