//! The host's own data model: what a plugin returns, in the words of the
//! contract, independent of any one contract version's generated bindings.
//! These are the types the store keeps and the CLI and HTTP API print.

use serde::{Deserialize, Serialize};

pub use crate::manifest::PluginManifest;

/// Milliseconds since the Unix epoch (UTC).
pub type Timestamp = i64;

/// Whether `text` is an id as Chorus writes them (brand ids, intents,
/// plugin and configuration names): one or more lower-case ASCII letters,
/// digits and '-', and `extra` where a name allows one more character
/// (`_` in plugin file names).
pub fn is_kebab_id(text: &str, extra: Option<char>) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || Some(c) == extra)
}

/// Who can see a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    /// Anyone on the platform.
    Public,
    /// Only the brand and the customer.
    Private,
}

/// New message, edit or deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MessageKind {
    /// A new message.
    Original,
    /// A new version of a known message.
    Edit,
    /// A known message was deleted.
    Deletion,
}

/// The author of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Author {
    /// Platform id.
    pub id: String,
    /// Handle without `@`.
    pub handle: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Follower count.
    pub follower_count: Option<u64>,
    /// Verified by the platform.
    pub verified: bool,
}

/// A file that came with a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// MIME type.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
}

/// A channel-specific fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attribute {
    /// Dotted key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// One customer message from any channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Message {
    /// Delivery id: the idempotency key with brand and channel.
    pub event_id: String,
    /// The platform's message id.
    pub external_id: String,
    /// New, edit or deletion.
    pub kind: MessageKind,
    /// Thread.
    pub thread_id: Option<String>,
    /// The message it answers.
    pub in_reply_to: Option<String>,
    /// Who wrote it.
    pub author: Author,
    /// Plain text (for email: without quoted history and signature).
    pub text: String,
    /// The complete text, when `text` is a cleaned excerpt of it.
    pub full_text: Option<String>,
    /// Public or private.
    pub visibility: Visibility,
    /// When it was sent.
    pub sent_at: Option<Timestamp>,
    /// Language hint.
    pub language: Option<String>,
    /// Files.
    pub attachments: Vec<Attachment>,
    /// Channel facts.
    pub attributes: Vec<Attribute>,
}

/// How soon a human should look.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The brand's normal SLA.
    Normal,
    /// Before normal work.
    High,
    /// Now.
    Urgent,
}

/// Where the answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    /// Answer in public.
    ReplyPublic,
    /// Move to private first.
    TakePrivate,
    /// Hand to a specialist.
    Escalate,
    /// Nothing to answer.
    NoReply,
}

impl Route {
    /// The kebab-case name, as in JSON and WIT.
    pub fn name(self) -> &'static str {
        match self {
            Route::ReplyPublic => "reply-public",
            Route::TakePrivate => "take-private",
            Route::Escalate => "escalate",
            Route::NoReply => "no-reply",
        }
    }
}

impl Triage {
    /// The moment a reply is for ([`chorus_voice::Situation::of`]).
    pub fn situation(&self) -> chorus_voice::Situation {
        chorus_voice::Situation::of(
            self.route.name(),
            &self.intent,
            &self.labels,
            self.sentiment,
        )
    }
}

/// A plugin's assessment of a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Triage {
    /// How soon.
    pub priority: Priority,
    /// Where.
    pub route: Route,
    /// Intent label.
    pub intent: String,
    /// -1..1.
    pub sentiment: f32,
    /// Detected language.
    pub language: Option<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Human-readable reasons.
    pub reasons: Vec<String>,
    /// 0..1.
    pub confidence: f32,
}

/// One suggested reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Suggestion {
    /// Reply text, shaped for the channel.
    pub text: String,
    /// Strategy name.
    pub strategy: String,
    /// Why.
    pub rationale: String,
}

/// An HTTP response a plugin asks the host to send (handshakes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers as (name, value).
    pub headers: Vec<(String, String)>,
    /// Body, as text when it is UTF-8.
    pub body: String,
}

/// One earlier conversation of a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PastConversation {
    /// Conversation id.
    pub id: String,
    /// Channel.
    pub channel: String,
    /// When it opened.
    pub opened_at: Timestamp,
    /// Intent.
    pub intent: String,
    /// Status.
    pub status: String,
    /// Summary.
    pub summary: String,
}

/// One knowledge search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeHit {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Relevance 0..1.
    pub score: f32,
}

/// What `host.knowledge-find` ranks a brand's texts against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeQuery {
    /// The customer's words.
    pub text: String,
    /// Their language (BCP-47).
    pub language: String,
    /// Ids of the texts that may answer; empty means all.
    pub among: Vec<String>,
    /// At most this many matches.
    pub limit: u32,
}

/// A brand's text that answers a query, from `host.knowledge-find`: the
/// retrieval engine's own type.
pub use chorus_voice::retrieve::Answer as KnowledgeMatch;

/// The kind of channel a plugin serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelKind {
    /// Social networks.
    Social,
    /// Chat.
    Chat,
    /// Email.
    Email,
    /// Anything else.
    Other,
}

/// What a plugin says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginInfo {
    /// Machine name.
    pub name: String,
    /// Plugin version.
    pub version: String,
    /// One line.
    pub description: String,
    /// Channel kind.
    pub channel: ChannelKind,
    /// Contract version it was built against.
    pub contract_version: String,
    /// Host capabilities it uses.
    pub capabilities: Vec<String>,
    /// Secret names it expects.
    pub secrets: Vec<String>,
    /// Its configuration schema and reply format (contract 0.2; empty for
    /// a 0.1 plugin).
    #[serde(default)]
    pub manifest: PluginManifest,
}

impl PluginInfo {
    /// The limits of the replies on its channel: the reply format it
    /// declares, else the default for its channel kind.
    pub fn channel_limits(&self) -> ChannelLimits {
        self.manifest.reply.limits(self.channel)
    }

    /// The voice profile sections its replies follow, most specific first.
    pub fn voice_channels(&self) -> Vec<String> {
        self.manifest.reply.voice_channels(self.channel)
    }
}

/// The brand a message arrived for, as plugins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandInfo {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The brand's own accounts on the channel (handles, bot ids, addresses).
    pub own_accounts: Vec<String>,
}

/// What the host knows about a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    /// Customer record id.
    pub id: String,
    /// Name to use.
    pub name: Option<String>,
    /// On the VIP list.
    pub vip: bool,
    /// Earlier conversations.
    pub past_conversations: u32,
    /// Of those, still open.
    pub open_conversations: u32,
    /// Last contact.
    pub last_contact_at: Option<Timestamp>,
}

/// Limits of the channel a reply goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelLimits {
    /// Characters in one reply.
    pub max_reply_length: u32,
    /// Suggestions kept.
    pub max_suggestions: u32,
}

impl Default for ChannelLimits {
    fn default() -> Self {
        Self {
            max_reply_length: 10_000,
            max_suggestions: 3,
        }
    }
}

/// Everything a plugin is told besides the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    /// The brand.
    pub brand: BrandInfo,
    /// Its voice, shared with the brand (never copied per message).
    pub voice: std::sync::Arc<chorus_voice::VoiceProfile>,
    /// The customer, when known.
    pub customer: Option<CustomerSummary>,
    /// Channel limits.
    pub limits: ChannelLimits,
}

impl Context {
    /// The context to reply in after `triage`: the brand's voice with its
    /// greetings and sign-offs in the reply's language
    /// ([`chorus_voice::VoiceProfile::for_reply`]). Borrowed when the reply
    /// is in the brand's first language.
    pub fn for_reply(&self, triage: &Triage) -> std::borrow::Cow<'_, Context> {
        match self.voice.for_reply(triage.language.as_deref()) {
            std::borrow::Cow::Borrowed(_) => std::borrow::Cow::Borrowed(self),
            std::borrow::Cow::Owned(voice) => std::borrow::Cow::Owned(Context {
                voice: std::sync::Arc::new(voice),
                ..self.clone()
            }),
        }
    }
}

/// A raw inbound webhook request, as the host received it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Request path.
    pub path: String,
    /// Raw query string without `?`.
    pub query: String,
    /// Headers in arrival order, as (name, value).
    pub headers: Vec<(String, String)>,
    /// Raw body.
    pub body: Vec<u8>,
}

/// What `listen` made of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "value", rename_all = "kebab-case")]
pub enum ListenOutcome {
    /// Messages to triage and answer.
    Messages(Vec<Message>),
    /// A handshake response to send as is.
    Respond(HttpResponse),
    /// Nothing to answer, with the reason.
    Ignore(String),
}

/// A reply to send, as a plugin's `deliver` gets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingReply {
    /// The text, through the voice gate.
    pub text: String,
    /// The host's key for this reply, the same on every retry.
    pub idempotency_key: String,
}

/// What a plugin's `deliver` asks the host to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboundRequest {
    /// An HTTP call to the platform's API.
    Call(OutboundCall),
    /// An email, sent with the brand's mail transport.
    Mail(OutboundMail),
}

/// An HTTP call a plugin asks the host to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundCall {
    /// `POST`, `PUT`, ...
    pub method: String,
    /// Absolute URL.
    pub url: String,
    /// Headers as (name, value); values may hold `{secret:NAME}`.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
    /// JSON pointer to the platform's id of what was sent; empty: none.
    pub sent_id: String,
    /// JSON pointer to a boolean that must be `true`; empty: any 2xx.
    pub ok_flag: String,
    /// JSON pointer to the platform's reason for a refusal; empty: none.
    pub error_reason: String,
}

/// An email a plugin asks the host to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundMail {
    /// Recipients.
    pub to: Vec<String>,
    /// Copies.
    pub cc: Vec<String>,
    /// Subject.
    pub subject: String,
    /// `In-Reply-To`.
    pub in_reply_to: Option<String>,
    /// `References`, oldest first.
    pub references: Vec<String>,
    /// Plain-text body.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::is_kebab_id;

    #[test]
    fn ids_are_lower_case_letters_digits_and_dashes() {
        assert!(is_kebab_id("acme-2", None));
        assert!(is_kebab_id("my_plugin", Some('_')));
        for bad in ["", "Acme", "acme co", "acme_co", "café"] {
            assert!(!is_kebab_id(bad, None), "{bad}");
        }
    }
}
