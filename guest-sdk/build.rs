//! Build-time tables for the triage toolkit, so nothing is built per event:
//! the intent and sentiment classifiers (`build/classifier.rs`) and the
//! sentiment lexicons (`build/sentiment.rs`).

use std::path::PathBuf;

#[path = "build/classifier.rs"]
mod classifier;
#[path = "src/triage/features.rs"]
#[allow(
    dead_code,
    reason = "the trainer uses part of the classifier's tokenizer"
)]
mod features;
#[path = "src/triage/fold.rs"]
mod fold;
#[path = "build/sentiment.rs"]
mod sentiment;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build");
    println!("cargo::rerun-if-changed=src/triage/features.rs");
    println!("cargo::rerun-if-changed=src/triage/fold.rs");
    classifier::generate(&classifier::INTENT, &manifest, &out_dir);
    classifier::generate(&classifier::SENTIMENT, &manifest, &out_dir);
    sentiment::generate(&manifest, &out_dir);
}
