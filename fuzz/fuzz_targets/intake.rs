//! libFuzzer entry point; the target itself is [`chorus_fuzz::intake`].
#![no_main]

libfuzzer_sys::fuzz_target!(
    // The server starts (and compiles the plugins) before the first input,
    // outside libFuzzer's per-input timeout.
    init: chorus_fuzz::start_intake_server(),
    |data: &[u8]| chorus_fuzz::intake(data)
);
