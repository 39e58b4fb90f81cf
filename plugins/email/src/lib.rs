//! Chorus email plugin: raw RFC 5322 / MIME messages and inbound-parse
//! webhooks (SendGrid Inbound Parse "Send Raw", Mailgun `body-mime`).
//!
//! - The raw message is taken from the body (`message/rfc822`, or any body
//!   that starts with a header block) or from the `email` / `body-mime`
//!   field of a `multipart/form-data` form (`inbound.rs`).
//! - Bodies over the size cap (10 MB, brand config `max-message-bytes`) are
//!   refused before parsing.
//! - MIME is parsed with mail-parser: charsets and encoded-words decoded,
//!   `text/plain` preferred over HTML, HTML-only mail converted to text,
//!   attachments listed but never inlined (`parse.rs`, `body.rs`, `html.rs`).
//! - `text` is the new text, without quoted history and signature;
//!   `full-text` keeps the complete text when they differ (`clean.rs`).
//! - Auto-replies, bulk and list mail and bounces are flagged and routed
//!   `no-reply` by triage, so they get no suggestions (`flags.rs`).
//! - Suggestions are emails: greeting, body in the brand's voice, sign-off
//!   (`reply.rs`).
//!
//! See `README.md` next to this file for the brand configuration.

mod body;
mod clean;
mod flags;
mod header;
mod html;
mod inbound;
mod parse;
mod reply;

use chorus_sdk::triage::assess;
use chorus_sdk::{
    Capability, ChannelKind, Context, HttpRequest, ListenOutcome, Message, Plugin, PluginError,
    PluginInfo, Suggestion, Triage, host,
};

/// Default cap on the size of an inbound request body, in bytes (10 MB).
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 10_000_000;

/// Brand configuration key overriding [`DEFAULT_MAX_MESSAGE_BYTES`].
pub const MAX_MESSAGE_BYTES_KEY: &str = "max-message-bytes";

/// The email plugin.
#[derive(Debug)]
pub struct Email;

impl Plugin for Email {
    fn metadata() -> PluginInfo {
        let mut info = chorus_sdk::plugin_info(
            "email",
            env!("CARGO_PKG_VERSION"),
            "Email: raw RFC 5322/MIME messages and SendGrid/Mailgun inbound-parse webhooks",
            ChannelKind::Email,
        );
        info.capabilities = vec![Capability::Config];
        info
    }

    fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError> {
        let cap = max_message_bytes()?;
        if request.body.len() > cap {
            return Err(PluginError::BadInput(format!(
                "message of {} bytes exceeds the {cap}-byte cap",
                request.body.len()
            )));
        }
        let raw = inbound::raw_message(&request)?;
        let message = parse::to_message(&raw)?;
        Ok(ListenOutcome::Messages(vec![message]))
    }

    fn triage(message: Message, context: Context) -> Result<Triage, PluginError> {
        Ok(assess(
            &message,
            &context,
            &flags::signals(&message, &context),
        ))
    }

    fn suggest(
        message: Message,
        triage: Triage,
        context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        Ok(reply::suggest(&message, &triage, &context))
    }
}

/// The size cap: brand config `max-message-bytes`, else the default.
fn max_message_bytes() -> Result<usize, PluginError> {
    let Some(value) = host::config(MAX_MESSAGE_BYTES_KEY) else {
        return Ok(DEFAULT_MAX_MESSAGE_BYTES);
    };
    value
        .trim()
        .replace('_', "")
        .parse::<usize>()
        .ok()
        .filter(|&bytes| bytes > 0)
        .ok_or_else(|| {
            PluginError::Config(format!(
                "{MAX_MESSAGE_BYTES_KEY} must be a positive number of bytes, got {value:?}"
            ))
        })
}

chorus_sdk::export_plugin!(Email);

#[cfg(test)]
mod bench_tmp {
    use std::time::Instant;
    #[test]
    #[ignore]
    fn bench_tmp() {
        let p =
            "<p>Hello <b>there</b> &amp; welcome <a href=\"https://x.example\">link</a></p>\r\n";
        let html = p.repeat(1024 * 1024 / p.len());
        let t = Instant::now();
        let text = crate::html::to_text(&html);
        println!("html 1MiB: {:?} -> {} bytes", t.elapsed(), text.len());
        let t = Instant::now();
        let n = crate::body::normalize(&text);
        println!("normalize: {:?}", t.elapsed());
        let t = Instant::now();
        let c = crate::clean::new_text(&n[..256 * 1024.min(n.len())]);
        println!("clean 256k: {:?} {}", t.elapsed(), c.len());
        let line = "> quoted line of old history that goes on and on\n";
        let q = format!(
            "new\n\nOn Mon, Bob <b@x.y> wrote:\n{}",
            line.repeat(256 * 1024 / line.len())
        );
        let t = Instant::now();
        let c = crate::clean::new_text(&q);
        println!("clean quoted 256k: {:?} {}", t.elapsed(), c.len());
        let plain = "The parcel has still not arrived and nobody answers the phone. From: me\n"
            .repeat(256 * 1024 / 70);
        let t = Instant::now();
        let c = crate::clean::new_text(&plain);
        println!("clean plain 256k: {:?} {}", t.elapsed(), c.len());
        let msg = chorus_sdk::Message {
            text: plain.clone(),
            ..crate::tests_support_message()
        };
        let t = Instant::now();
        let tr = chorus_sdk::triage::assess(&msg, &chorus_sdk::testing::context(5000), &[]);
        println!("assess 256k: {:?} {}", t.elapsed(), tr.intent);
    }
}

#[cfg(test)]
fn tests_support_message() -> chorus_sdk::Message {
    chorus_sdk::Message {
        event_id: "e".into(),
        external_id: "m".into(),
        kind: chorus_sdk::MessageKind::Original,
        thread_id: None,
        in_reply_to: None,
        author: chorus_sdk::Author {
            id: "a".into(),
            handle: None,
            display_name: None,
            email: None,
            follower_count: None,
            verified: false,
        },
        text: String::new(),
        full_text: None,
        visibility: chorus_sdk::Visibility::Private,
        sent_at: None,
        language: None,
        attachments: vec![],
        attributes: vec![],
    }
}
