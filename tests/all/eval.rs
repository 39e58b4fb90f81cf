//! `chorus eval triage` on the shipped labelled file, as CI runs it.

use chorus_e2e::{chorus, plugin, root};

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn heldout_split_prints_three_metric_lines() {
    let plugins = plugin("chat");
    let plugins = plugins.parent().expect("plugins directory");
    let data = root().join("tests/data/triage-eval.jsonl");
    let output = chorus(&[
        "eval",
        "triage",
        path(&data),
        "--split",
        "heldout",
        "--plugins",
        path(plugins),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout: {stdout} stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in ["route", "priority", "intent"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(name) && l.contains("accuracy"))
            .unwrap_or_else(|| panic!("no {name} line in {stdout}"));
        let numbers: Vec<f64> = line
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert_eq!(numbers.len(), 2, "accuracy and macro-F1: {line}");
        assert!(numbers.iter().all(|n| (0.0..=1.0).contains(n)), "{line}");
    }
    assert!(stdout.contains("intent confusion"), "{stdout}");
}

#[test]
fn a_bad_line_is_refused_with_its_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"a\",\"channel\":\"slack\",\"visibility\":\"private\",\"text\":\"hi\",\"intent\":\"general\",\"route\":\"reply-public\",\"priority\":\"normal\"}\n{\"id\":\"b\",\"channel\":\"fax\"}\n",
    )
    .expect("write");
    let output = chorus(&["eval", "triage", path(&file)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bad.jsonl:2:"), "{stderr}");
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error: ")).count(),
        1
    );
}
