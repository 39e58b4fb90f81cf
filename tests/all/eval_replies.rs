//! `chorus eval replies` on a small fixture (`tests/fixtures/eval/
//! reply-cases.jsonl`: eight Acme cases, two of other brands). What the
//! plugins suggest changes as they are improved, so these tests check what
//! follows from the fixture: which cases each criterion judges, that the
//! counts agree with the suggestions printed, and `--check`.

use chorus_e2e::{chorus, plugin, root};
use serde_json::Value;

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/eval/reply-cases.jsonl")
}

/// Runs `chorus eval replies` on the fixture for Acme with `extra` options.
fn replies(extra: &[&str]) -> std::process::Output {
    let plugins = plugin("chat");
    let plugins = plugins.parent().expect("plugins directory");
    let file = fixture();
    let mut args = vec![
        "eval",
        "replies",
        path(&file),
        "--brand",
        "examples/brands/acme/brand.toml",
        "--plugins",
        path(plugins),
    ];
    args.extend_from_slice(extra);
    chorus(&args)
}

fn json(extra: &[&str]) -> Value {
    let mut args = vec!["--json"];
    args.extend_from_slice(extra);
    let output = replies(&args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout: {stdout} stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn of(report: &Value, pointer: &str) -> (u64, u64) {
    let rate = report
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{pointer}"));
    let count = rate["count"].as_u64().expect("count");
    let total = rate["of"].as_u64().expect("of");
    assert!(count <= total, "{pointer}: {rate}");
    (count, total)
}

#[test]
fn each_criterion_judges_the_cases_it_should() {
    let report = json(&["--show"]);
    assert_eq!(report["cases"], 8);
    assert_eq!(report["skipped_other_brands"], 2);
    // Two knowledge cases, one severe, one praise, three with given facts
    // or must_avoid, one spam.
    assert_eq!(of(&report, "/knowledge_answered/rate").1, 2);
    assert_eq!(of(&report, "/tone_violations_on_severe").1, 1);
    assert_eq!(of(&report, "/questions_to_praise").1, 1);
    assert_eq!(of(&report, "/re_asks_for_given_facts").1, 3);
    assert_eq!(of(&report, "/spam_answered").1, 1);
    // Three email cases with a name; only those with a suggestion count.
    assert!(of(&report, "/email_sender_greeted_by_name").1 <= 3);
    let results = report["results"].as_array().expect("results with --show");
    assert_eq!(results.len(), 8);
    let answered = |r: &Value| !r["suggestions"].as_array().expect("list").is_empty();
    let with_suggestion = results.iter().filter(|r| answered(r)).count() as u64;
    assert_eq!(of(&report, "/language_match/rate").1, with_suggestion);
    // The praise case counts as asking exactly when a suggestion printed for
    // it has a question mark or an ask.
    let praise = results
        .iter()
        .find(|r| r["situation"] == "praise")
        .expect("a praise case");
    let asks = praise["suggestions"]
        .as_array()
        .expect("list")
        .iter()
        .any(|s| {
            let text = s["text"].as_str().expect("text").to_lowercase();
            text.contains('?') || text.contains("let us know") || text.contains("could you")
        });
    if asks {
        assert_eq!(of(&report, "/questions_to_praise").0, 1, "{praise}");
    }
    // Lint-clean counts every kept suggestion and every one dropped for
    // its voice.
    let kept: usize = results
        .iter()
        .map(|r| r["suggestions"].as_array().expect("list").len())
        .sum();
    let dropped = results
        .iter()
        .flat_map(|r| r["dropped"].as_array().expect("list"))
        .filter(|d| d["for_voice"] == true)
        .count();
    assert_eq!(of(&report, "/lint_clean/rate").1, (kept + dropped) as u64);
    assert_eq!(report["lint_clean"]["dropped"], dropped);
    assert_eq!(report["most_repeated_sentences"]["suggestions"], kept);
}

#[test]
fn the_split_filters_and_text_output_names_every_figure() {
    let report = json(&["--split", "heldout"]);
    assert_eq!(report["cases"], 3);
    let output = replies(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("8 cases of brand acme (2 lines of other brands skipped)"),
        "{stdout}"
    );
    for (name, unit) in [
        ("knowledge answered", "/ 2 cases"),
        ("tone violations on severe cases", "/ 1 cases"),
        ("questions to praise", "/ 1 cases"),
        ("re-asks for given facts", "/ 3 cases"),
        ("email sender greeted by name", "cases"),
        ("language match", "cases"),
        ("most repeated sentence", "suggestions"),
        ("lint-clean", "suggestions"),
        ("left without a suggestion", "cases"),
        ("spam answered", "/ 1 cases"),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} line in {stdout}"));
        assert!(line.contains(unit), "{line}");
    }
}

#[test]
fn check_fails_exactly_when_a_threshold_is_missed() {
    let report = json(&[]);
    let failed = report["check"]["failed"].as_array().expect("failed list");
    let output = replies(&["--check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("check failed: "))
        .collect();
    assert_eq!(lines.len(), failed.len(), "{stderr}");
    if failed.is_empty() {
        assert!(output.status.success(), "{stderr}");
    } else {
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "error: {} of 8 acceptance criteria failed",
                failed.len()
            )),
            "{stderr}"
        );
    }
}

#[test]
fn bad_lines_are_refused_with_line_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = std::fs::read_to_string(fixture()).expect("fixture");
    let first = good.lines().next().expect("a line");
    for (bad, expected) in [
        (
            first.replace("\"question\"", "\"angry\""),
            "bad.jsonl:2: field `situation`: unknown variant `angry`",
        ),
        (
            first.replace("returns-window", "no-such-snippet"),
            "bad.jsonl:2: field `answer`: `no-such-snippet`",
        ),
        (
            first.replace("\"language\"", "\"lang\""),
            "bad.jsonl:2: missing field `language`",
        ),
    ] {
        let file = dir.path().join("bad.jsonl");
        std::fs::write(&file, format!("{first}\n{bad}\n")).expect("write");
        let output = chorus(&[
            "eval",
            "replies",
            path(&file),
            "--brand",
            "examples/brands/acme/brand.toml",
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
