//! Chorus chat plugin: the Slack Events API and a generic web-chat widget
//! format (see `webchat`).
//!
//! - `url_verification` is answered with the challenge.
//! - `event_callback` with `message` and `app_mention` events become messages;
//!   edits (`message_changed`) and deletions (`message_deleted`) update them.
//! - Bots, `bot_message`s and the brand's own bot user are ignored with a reason.
//! - Requests are verified with Slack's `v0` signing scheme, through the host's
//!   HMAC import: the signing secret never enters the plugin.
//! - Replies go back with `chat.postMessage`, threaded (see `send`); the
//!   host fills in the bot token.
//!
//! See `README.md` next to this file for the brand configuration it needs.

mod mrkdwn;
mod send;
mod signature;
mod slack;
mod webchat;

use chorus_sdk::suggest::{ChannelForm, compose};
use chorus_sdk::triage::{Signal, assess};
use chorus_sdk::{
    Capability, ChannelKind, ConfigKind, Context, ConversationRef, HttpRequest, ListenOutcome,
    Message, OutboundRequest, OutgoingReply, Plugin, PluginError, PluginInfo, PluginManifest,
    ReplyFormat, Suggestion, Triage, Visibility,
};

/// Slack's limit for one message is far higher; 4,000 characters keeps a reply readable.
pub const MAX_REPLY_CHARS: u32 = 4_000;

/// Name of the brand secret holding the Slack app's signing secret.
pub const SIGNING_SECRET: &str = "slack-signing-secret";

/// The chat plugin.
#[derive(Debug)]
pub struct Chat;

impl Plugin for Chat {
    fn metadata() -> PluginInfo {
        let mut info = chorus_sdk::plugin_info(
            "chat",
            env!("CARGO_PKG_VERSION"),
            "Slack Events API: messages, mentions, threads, edits and deletions",
            ChannelKind::Chat,
        );
        info.capabilities = vec![
            Capability::Config,
            Capability::Secrets,
            Capability::Knowledge,
        ];
        // A channel configures the secret of the format it receives (Slack or
        // the web-chat widget); the other format is then refused.
        // Replies are sent with the bot token.
        info.secrets = vec![
            SIGNING_SECRET.to_owned(),
            webchat::SIGNING_SECRET.to_owned(),
            send::BOT_TOKEN.to_owned(),
        ];
        info
    }

    fn manifest() -> PluginManifest {
        let mut manifest = chorus_sdk::plugin_manifest();
        manifest.config = vec![
            chorus_sdk::config_field(
                slack::BOT_USER_ID,
                "the Slack user id of the brand's app (several separated by commas or spaces); its own messages are ignored",
                ConfigKind::Text,
                false,
            ),
            chorus_sdk::config_field(
                send::API_URL,
                "the base URL of Slack's Web API that replies go to (default https://slack.com/api)",
                ConfigKind::Text,
                false,
            ),
        ];
        manifest.send_to = vec![send::API_HOST.to_owned()];
        manifest.reply = ReplyFormat {
            voice_channels: vec!["slack".to_owned(), "chat".to_owned()],
            max_reply_length: MAX_REPLY_CHARS,
        };
        manifest
    }

    fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError> {
        if webchat::is_webchat(&request) {
            signature::WEBCHAT.verify(&request)?;
            return webchat::listen(&request);
        }
        signature::SLACK.verify(&request)?;
        slack::listen(&request)
    }

    fn triage(message: Message, context: Context) -> Result<Triage, PluginError> {
        Ok(assess(&message, &context, &channel_signals(&message)))
    }

    fn suggest(
        message: Message,
        triage: Triage,
        context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        let form = ChannelForm {
            channel: "slack".to_owned(),
            prefix: String::new(),
            max_length: MAX_REPLY_CHARS,
            private_channel: "a direct message".to_owned(),
        };
        let mut suggestions = compose(&message, &triage, &context, &form);
        for suggestion in &mut suggestions {
            suggestion.text = mrkdwn::escape(&suggestion.text);
        }
        Ok(suggestions)
    }

    fn deliver(
        reply: OutgoingReply,
        to: ConversationRef,
    ) -> Result<Vec<OutboundRequest>, PluginError> {
        send::deliver(&reply, &to)
    }
}

/// Slack-specific facts that bear on triage.
fn channel_signals(message: &Message) -> Vec<Signal> {
    let mut signals = Vec::new();
    if message
        .thread_id
        .as_deref()
        .is_some_and(|t| t != message.external_id)
    {
        signals.push(Signal::note("thread-reply", "reply in an existing thread"));
    }
    if message.visibility == Visibility::Private {
        signals.push(Signal::note("direct", "sent privately"));
    }
    if chorus_sdk::deliver::attribute(message, "slack.event-type") == Some("app_mention") {
        signals.push(Signal::note("mention", "mentions the brand's app"));
    }
    signals
}

chorus_sdk::export_plugin!(Chat);
