//! `chorus plugin test`: the fixture runner as authors use it — the table,
//! mismatches with their JSON paths, `--update`, and one-line errors for a
//! malformed sidecar.

use std::path::Path;
use std::process::Output;

use chorus_e2e::{chorus, fixture, plugin};

/// `chorus plugin test <component> --fixtures <dir>` with a deadline a debug
/// build keeps, and `extra` arguments.
fn plugin_test(component: &str, dir: &Path, extra: &[&str]) -> Output {
    let wasm = plugin(component);
    let mut args = vec![
        "plugin",
        "test",
        wasm.to_str().expect("UTF-8 path"),
        "--fixtures",
        dir.to_str().expect("UTF-8 path"),
        "--deadline-ms",
        "5000",
    ];
    args.extend_from_slice(extra);
    chorus(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of a fixture folder's files (not its sub-folders) in a temp dir.
fn copy_of(relative: &str) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(fixture(relative)).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, copy.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    copy
}

#[test]
fn the_shipped_plugins_pass_their_fixture_folders_with_a_table() {
    for (component, dir, at_least) in [
        ("chat", "slack", 15),
        ("chat", "webchat", 4),
        ("twitter", "twitter", 15),
        ("email", "email", 15),
    ] {
        let output = plugin_test(component, &fixture(dir), &[]);
        let stdout = text(&output.stdout);
        assert!(
            output.status.success(),
            "{dir}: {stdout}{}",
            text(&output.stderr)
        );
        let header = stdout.lines().nth(1).unwrap_or_default();
        for column in [
            "fixture",
            "status",
            "time",
            "fuel",
            "output",
            "nearest output cap",
        ] {
            assert!(header.contains(column), "{dir}: {header}");
        }
        let rows: Vec<&str> = stdout.lines().filter(|l| l.contains(" ok ")).collect();
        assert!(rows.len() >= at_least, "{dir}: {stdout}");
        // Fuel is metered: every row that ran shows a count, not "-".
        assert!(
            rows.iter()
                .all(|row| row.contains(" ms ") && !row.contains(" - ")),
            "{dir}: {stdout}"
        );
        assert!(stdout.contains("suggestions"), "{dir}: {stdout}");
    }
}

#[test]
fn a_mismatch_names_its_json_path_and_update_rewrites_the_expected_file() {
    let copy = copy_of("webchat");
    let expected = copy.path().join("message.expected.json");
    let original = std::fs::read_to_string(&expected).expect("expected file");
    let changed = original.replacen("\"priority\": \"", "\"priority\": \"x-", 1);
    assert_ne!(changed, original, "the fixture has a priority to change");
    std::fs::write(&expected, &changed).expect("write");
    std::fs::remove_file(copy.path().join("anonymous-visitor.expected.json")).expect("remove");

    let output = plugin_test("chat", copy.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("MISMATCH message.json"), "{stdout}");
    assert!(
        stdout.contains("$.result.messages[0].triage.priority: expected \"x-"),
        "{stdout}"
    );
    assert!(stdout.contains("new anonymous-visitor.json"), "{stdout}");
    assert!(
        text(&output.stderr).contains("2 of"),
        "{}",
        text(&output.stderr)
    );

    let updated = plugin_test("chat", copy.path(), &["--update"]);
    assert!(updated.status.success(), "{}", text(&updated.stdout));
    assert!(
        text(&updated.stdout).contains("2 written"),
        "{}",
        text(&updated.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(&expected).expect("rewritten"),
        original
    );
    let again = plugin_test("chat", copy.path(), &["--json"]);
    assert!(again.status.success(), "{}", text(&again.stdout));
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).expect("JSON");
    assert_eq!(report["passed"], true);
    assert!(
        report["fixtures"][0]["run"]["fuel"]
            .as_u64()
            .is_some_and(|f| f > 0)
    );
}

#[test]
fn a_sidecar_sets_the_method_query_and_secret_of_a_handshake() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("crc.body"), "").expect("write");
    // The vector of tests/fixtures/twitter/crc-request.json.
    std::fs::write(
        dir.path().join("crc.request.toml"),
        "method = \"GET\"\nquery = \"crc_token=bacon\"\n[secrets]\nx-consumer-secret = \"TWITTER_CONSUMER_SECRET\"\n",
    )
    .expect("write");
    let output = plugin_test("twitter", dir.path(), &["--update"]);
    assert!(
        output.status.success(),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("crc.expected.json")).expect("written");
    assert!(
        written.contains("sha256=0O1WaZ7pWGR3h6xnqhJJLBLoz7zXqKzzyn5BmcNc95E="),
        "{written}"
    );
}

#[test]
fn a_malformed_sidecar_is_one_line_naming_the_file_and_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.json"), "{}").expect("write");
    for (sidecar, field) in [
        ("metod = \"GET\"\n", "metod"),
        ("now = \"soon\"\n", "`now`"),
    ] {
        std::fs::write(dir.path().join("a.request.toml"), sidecar).expect("write");
        let output = plugin_test("chat", dir.path(), &[]);
        assert_eq!(output.status.code(), Some(2), "{sidecar}");
        let stderr = text(&output.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("a.request.toml") && stderr.contains(field),
            "{stderr}"
        );
    }
    let empty = tempfile::tempdir().expect("tempdir");
    let output = plugin_test("chat", empty.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("no fixtures"),
        "{}",
        text(&output.stderr)
    );
}
