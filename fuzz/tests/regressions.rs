//! Every target on its seeds and on each input it ever failed on
//! (`fuzz/regressions/<target>/`, kept by `cargo xtask fuzz`): what a
//! fuzzer found stays found.

use std::path::Path;

fn replay(target: &str) {
    let (_, run) = chorus_fuzz::TARGETS
        .into_iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no target {target}"));
    let seeds = chorus_fuzz::seeds::seeds(target);
    assert!(!seeds.is_empty(), "{target} has seeds");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("regressions")
        .join(target);
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    found.sort();
    for (name, bytes) in seeds {
        eprintln!("{target}: seed {name}");
        run(&bytes);
    }
    for path in found {
        eprintln!("{target}: regression {}", path.display());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        run(&bytes);
    }
}

#[test]
fn listen_chat() {
    replay("listen_chat");
}

#[test]
fn listen_email() {
    replay("listen_email");
}

#[test]
fn listen_twitter() {
    replay("listen_twitter");
}

#[test]
fn voice() {
    replay("voice");
}

#[test]
fn config() {
    replay("config");
}

#[test]
fn intake() {
    replay("intake");
}
