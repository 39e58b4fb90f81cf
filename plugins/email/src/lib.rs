//! Chorus email plugin: raw RFC 5322 / MIME messages and inbound-parse
//! webhooks (SendGrid Inbound Parse "Send Raw", Mailgun `body-mime`).
//!
//! - The raw message is taken from the body (`message/rfc822`, or any body
//!   that starts with a header block) or from the `email` / `body-mime`
//!   field of a `multipart/form-data` form (`inbound.rs`, `form.rs`).
//! - Every request proves its sender (`verify.rs`): a Mailgun signature,
//!   SendGrid's basic auth, or a bearer / URL token, checked with secrets
//!   the host holds.
//! - Bodies over the size cap (10 MB, brand config `max-message-bytes`) are
//!   refused before parsing.
//! - MIME is parsed with mail-parser: charsets and encoded-words decoded,
//!   `text/plain` preferred over HTML, HTML-only mail converted to text,
//!   attachments listed but never inlined (`parse.rs`, `body.rs`, `html.rs`).
//!   Part bodies are decoded only as far as the text needs (`decode.rs`), so a
//!   10 MB attachment costs a boundary scan, not a decode.
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
mod decode;
mod flags;
mod form;
mod header;
mod html;
mod inbound;
mod parse;
mod reply;
mod send;
mod verify;

use chorus_sdk::triage::assess;
use chorus_sdk::{
    Capability, ChannelKind, ConfigKind, Context, ConversationRef, HttpRequest, ListenOutcome,
    Message, OutboundRequest, OutgoingReply, Plugin, PluginError, PluginInfo, PluginManifest,
    ReplyFormat, Suggestion, Triage, host,
};

pub use verify::{BASIC_AUTH, MAILGUN_SIGNING_KEY, WEBHOOK_TOKEN};

/// Default cap on the size of an inbound request body, in bytes (10 MB).
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 10_000_000;

/// How much of a message's text the shared triage reads, in bytes.
pub const TRIAGE_TEXT_BYTES: usize = 32 * 1024;

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
        info.capabilities = vec![
            Capability::Config,
            Capability::Secrets,
            Capability::Knowledge,
        ];
        // A channel configures the secret of the provider it uses; and
        // SendGrid's API key when it sends replies through SendGrid.
        info.secrets = verify::SECRETS
            .iter()
            .chain([&send::SENDGRID_API_KEY])
            .map(|s| (*s).to_owned())
            .collect();
        info
    }

    fn manifest() -> PluginManifest {
        let mut manifest = chorus_sdk::plugin_manifest();
        manifest.config = vec![
            chorus_sdk::config_field(
                MAX_MESSAGE_BYTES_KEY,
                "largest message accepted, in bytes (default 10,000,000)",
                ConfigKind::Integer,
                false,
            ),
            chorus_sdk::config_field(
                send::SEND_VIA,
                "how replies go out: smtp (the default: the channel's mail transport) or sendgrid",
                ConfigKind::Text,
                false,
            ),
            chorus_sdk::config_field(
                send::FROM_ADDRESS,
                "the sender of replies sent through sendgrid, Name <address>",
                ConfigKind::Text,
                false,
            ),
            chorus_sdk::config_field(
                send::SENDGRID_API_URL,
                "the base URL of SendGrid's API (default https://api.sendgrid.com)",
                ConfigKind::Text,
                false,
            ),
        ];
        manifest.send_to = vec![send::SENDGRID_HOST.to_owned()];
        manifest.reply = ReplyFormat {
            voice_channels: vec!["email".to_owned()],
            max_reply_length: 10_000,
        };
        manifest
    }

    fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError> {
        let cap = max_message_bytes()?;
        if request.body.len() > cap {
            return Err(PluginError::BadInput(format!(
                "message of {} bytes exceeds the {cap}-byte cap",
                request.body.len()
            )));
        }
        verify::verify(&request)?;
        let raw = inbound::raw_message(&request)?;
        let message = parse::to_message(&raw)?;
        Ok(ListenOutcome::Messages(vec![message]))
    }

    fn triage(mut message: Message, context: Context) -> Result<Triage, PluginError> {
        let signals = flags::signals(&message, &context);
        // The shared triage scans the text once per phrase; its first 32 KiB
        // say what a message is about and keep the call well in its deadline.
        let (head, cut) = header::truncate_bytes(&message.text, TRIAGE_TEXT_BYTES);
        if cut {
            message.text = head.to_owned();
        }
        Ok(assess(&message, &context, &signals))
    }

    fn suggest(
        message: Message,
        triage: Triage,
        context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        Ok(reply::suggest(&message, &triage, &context))
    }

    fn deliver(
        reply: OutgoingReply,
        to: ConversationRef,
    ) -> Result<Vec<OutboundRequest>, PluginError> {
        send::deliver(&reply, &to)
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
