//! The worked example of `docs/brand-voice-guide.md`: one draft reply in the
//! Acme voice, linted, fixed, linted again and scored. Run it with
//! `cargo run -p chorus-voice --example worked_example`; the test
//! `tests/worked_example.rs` checks its output against
//! `tests/golden/worked_example.txt` (set `UPDATE_GOLDEN=1` to regenerate).

use std::fmt::Write as _;

use chorus_voice::{Target, VoiceProfile, fix, lint, score};

/// The Acme profile, as shipped in `examples/brands/acme/voice.toml`.
const ACME: &str = include_str!("../../examples/brands/acme/voice.toml");

/// The draft an agent (or a model) wrote for an upset customer.
pub const DRAFT: &str = "Unfortunately your tent is delayed!! I'll check with the warehouse today 🙂🎉 \
We will kindly email you the tracking link. Thanks for being a customer since 2019.";

/// What the agent makes of the fixed text: empathy added, "we" throughout,
/// "kindly" dropped.
pub const EDITED: &str = "Hi Maria,\n\nSo sorry, your tent is delayed! We'll check with the warehouse \
today 🙂 and email you the tracking link. Thanks for being a friend since 2019.\n\nWarm wishes,\nSam from Acme";

/// Lints, fixes and scores [`DRAFT`]; returns the report as text.
pub fn report() -> Result<String, chorus_voice::ProfileError> {
    let profile = VoiceProfile::from_toml_str(ACME)?;
    let target = Target {
        channel: "email",
        max_length: 0,
        prefix: "",
        first_name: Some("Maria"),
        needs_empathy: true,
        ..Default::default()
    };
    let mut out = String::new();
    let _ = writeln!(out, "draft:\n  {DRAFT}\n\nviolations:");
    for v in lint(&profile, DRAFT, &target) {
        let _ = writeln!(
            out,
            "  {:<13} {:<4} {:>3}..{:<3} {:?}: {}",
            v.rule.to_string(),
            format!("{:?}", v.severity).to_lowercase(),
            v.span.start,
            v.span.end,
            &DRAFT[v.span.clone()],
            v.message
        );
    }
    let fixed = fix(&profile, DRAFT, &target);
    let applied: Vec<String> = fixed.applied.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "\nfixed ({}):", applied.join(", "));
    for line in fixed.text.lines() {
        let _ = writeln!(out, "  | {line}");
    }
    let _ = writeln!(out, "\nleft after fixing:");
    for v in lint(&profile, &fixed.text, &target) {
        let _ = writeln!(out, "  {:<13} {}", v.rule.to_string(), v.message);
    }
    write_score(
        &mut out,
        "score of the fixed text",
        &score(&profile, &fixed.text, &target),
    );
    let _ = writeln!(out, "\nedited by the agent:");
    for line in EDITED.lines() {
        let _ = writeln!(out, "  | {line}");
    }
    let _ = writeln!(out, "violations: {}", lint(&profile, EDITED, &target).len());
    write_score(
        &mut out,
        "score of the edited text",
        &score(&profile, EDITED, &target),
    );
    Ok(out)
}

fn write_score(out: &mut String, title: &str, s: &chorus_voice::Score) {
    let _ = writeln!(out, "\n{title}: {:.2}", s.total);
    for f in &s.features {
        let _ = writeln!(
            out,
            "  {:<18} {:.2} x {:.2}  {}",
            f.name, f.value, f.weight, f.note
        );
    }
}

fn main() {
    match report() {
        Ok(text) => print!("{text}"),
        Err(e) => eprintln!("acme profile: {e}"),
    }
}
