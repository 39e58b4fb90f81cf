//! libFuzzer entry point; the target itself is [`chorus_fuzz::listen_twitter`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chorus_fuzz::listen_twitter(data));
