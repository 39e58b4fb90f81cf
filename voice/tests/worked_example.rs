//! The guide's worked example (`examples/worked_example.rs`) still prints
//! what `docs/brand-voice-guide.md` shows. `UPDATE_GOLDEN=1` regenerates
//! `tests/golden/worked_example.txt`.

#![cfg(feature = "toml")]

#[allow(dead_code)]
#[path = "../examples/worked_example.rs"]
mod worked_example;

#[test]
fn worked_example_matches_the_golden_output() {
    let got = worked_example::report().expect("acme parses");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/worked_example.txt"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &got).expect("write golden");
    }
    let want = std::fs::read_to_string(path).expect("golden file (run with UPDATE_GOLDEN=1)");
    assert_eq!(got, want);
}
