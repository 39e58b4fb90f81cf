//! docs/plugin-authors-guide.md, followed as written: every ```` ```sh ````
//! block runs, in order, in one shell, in an empty folder outside the
//! repository, with the built `chorus` on `PATH`. The guide cannot rot: it
//! ends with a plugin that passes `chorus plugin check` and `chorus plugin
//! test`, or this test fails.

use std::process::Command;

use chorus_e2e::{cache_dir, chorus, root, target_dir};

/// The bodies of the guide's ```` ```sh ```` blocks, in order.
fn sh_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some(Vec::new()),
            (Some(lines), "```") => {
                blocks.push(lines.join("\n"));
                current = None;
            }
            (Some(lines), _) => lines.push(line),
            (None, _) => {}
        }
    }
    assert!(current.is_none(), "an unclosed ```sh block in the guide");
    blocks
}

#[test]
fn the_guide_reads_sh_blocks_only() {
    let blocks = sh_blocks("a\n```sh\none\ntwo\n```\n```text\nnot run\n```\n```sh\nthree\n```\n");
    assert_eq!(blocks, ["one\ntwo", "three"]);
}

#[test]
fn the_plugin_authors_guide_works_as_written() {
    let guide =
        std::fs::read_to_string(root().join("docs/plugin-authors-guide.md")).expect("the guide");
    let script = sh_blocks(&guide).join("\n");
    // The steps the guide promises: none may silently disappear.
    for step in [
        "chorus plugin new acme-sms",
        "cargo test",
        "cargo build --release --target wasm32-wasip2",
        "chorus plugin check target/wasm32-wasip2/release/acme_sms.wasm",
        "chorus plugin run target/wasm32-wasip2/release/acme_sms.wasm",
        "--fixtures fixtures --update",
    ] {
        assert!(script.contains(step), "the guide no longer runs `{step}`");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![target_dir().join("debug")];
    paths.extend(std::env::split_paths(&path));
    let run = Command::new("bash")
        .args(["-eu", "-o", "pipefail", "-c", &script])
        .current_dir(dir.path())
        .env("PATH", std::env::join_paths(paths).expect("a PATH"))
        .env("CHORUS_CACHE_DIR", cache_dir())
        // The new crate builds in its own `target/`, as the guide's paths say.
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CHORUS_LOG")
        .output()
        .expect("bash runs");
    let tail = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    };
    assert!(
        run.status.success(),
        "the guide failed:\n{}\n{}",
        tail(&run.stdout),
        tail(&run.stderr)
    );

    // Where the guide leaves the author: a checked plugin whose fixtures pass.
    let crate_dir = dir.path().join("acme-sms");
    let wasm = crate_dir.join("target/wasm32-wasip2/release/acme_sms.wasm");
    let fixtures = crate_dir.join("fixtures");
    for expected in [
        "first-message.expected.json",
        "refund-question.expected.json",
    ] {
        assert!(
            fixtures.join(expected).is_file(),
            "{expected} was not written"
        );
    }
    let check = chorus(&["plugin", "check", wasm.to_str().expect("UTF-8")]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let test = chorus(&[
        "plugin",
        "test",
        wasm.to_str().expect("UTF-8"),
        "--fixtures",
        fixtures.to_str().expect("UTF-8"),
    ]);
    let stdout = String::from_utf8_lossy(&test.stdout);
    assert!(
        test.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&test.stderr)
    );
    assert!(stdout.contains("2 fixtures: 2 ok"), "{stdout}");
}
