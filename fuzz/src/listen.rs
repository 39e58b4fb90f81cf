//! Plugin listeners, natively: a request through listen → triage → suggest,
//! as the host runs one event, with a fake host that holds no secrets (so
//! signature checks are skipped and the parsers see every input).

use chorus_sdk::Plugin;
use chorus_sdk::testing::{self, FakeHost};

use crate::input::Request;

/// The Slack and web-chat listener.
pub fn listen_chat(data: &[u8]) {
    listen::<chat::Chat>(data, chat::MAX_REPLY_CHARS);
}

/// The email listener (raw MIME and inbound-parse forms).
pub fn listen_email(data: &[u8]) {
    listen::<email::Email>(data, 0);
}

/// The X listener (Account Activity, v2 and CRC).
pub fn listen_twitter(data: &[u8]) {
    listen::<twitter::Twitter>(data, twitter::MAX_TWEET_LENGTH as u32);
}

fn listen<P: Plugin>(data: &[u8], max_reply_length: u32) {
    let input = Request::parse(data);
    let _host = FakeHost::new().install();
    let mut request = testing::request(&input.method, input.body).query(&input.query);
    for (name, value) in &input.headers {
        request = request.header(name, value);
    }
    // A refusal is an answer; only a panic is a finding.
    let _ = testing::run::<P>(request.build(), &testing::context(max_reply_length));
}
