//! A native test harness: an in-process fake host, so `cargo test` runs a
//! plugin's logic without wasm.
//!
//! ```
//! use chorus_sdk::testing::{FakeHost, request};
//!
//! let _host = FakeHost::new().secret("signing-secret", b"s3cret").config("bot-user-id", "U1").install();
//! let mac = chorus_sdk::host::hmac_sha256("signing-secret", b"data").unwrap();
//! assert_eq!(mac.len(), 32);
//! assert_eq!(chorus_sdk::host::config("bot-user-id").as_deref(), Some("U1"));
//! let _req = request("POST", br#"{"type":"x"}"#).header("content-type", "application/json").build();
//! ```

use std::cell::RefCell;
use std::collections::HashMap;

use crate::{
    Brand, ChannelLimits, Context, Header, HostError, HttpRequest, KnowledgeHit, KnowledgeMatch,
    KnowledgeQuery, ListenOutcome, LogLevel, Message, PastConversation, Plugin, PluginError,
    Suggestion, Timestamp, Triage, VoiceProfile,
};

/// The state of the fake host: what the real host would hold for one brand
/// and plugin.
#[derive(Debug, Clone, Default)]
pub struct FakeHost {
    config: HashMap<String, String>,
    secrets: HashMap<String, Vec<u8>>,
    kv: HashMap<String, Vec<u8>>,
    history: Vec<PastConversation>,
    knowledge: Vec<KnowledgeHit>,
    /// What `knowledge_find` ranks (see [`FakeHost::brand_knowledge`]).
    retrieval: Option<std::sync::Arc<chorus_voice::retrieve::Knowledge>>,
    now: Timestamp,
    logs: Vec<(LogLevel, String)>,
}

thread_local! {
    static CURRENT: RefCell<Option<FakeHost>> = const { RefCell::new(None) };
}

/// Uninstalls the fake host when dropped.
#[derive(Debug)]
#[must_use = "the fake host is uninstalled when the guard is dropped"]
pub struct FakeHostGuard(());

impl Drop for FakeHostGuard {
    fn drop(&mut self) {
        CURRENT.with(|c| c.borrow_mut().take());
    }
}

impl FakeHost {
    /// An empty host whose clock reads 2024-01-01T00:00:00Z.
    pub fn new() -> Self {
        Self {
            now: 1_704_067_200_000,
            ..Self::default()
        }
    }

    /// Sets a plugin configuration value.
    pub fn config(mut self, key: &str, value: &str) -> Self {
        self.config.insert(key.to_owned(), value.to_owned());
        self
    }

    /// Configures a named secret.
    pub fn secret(mut self, name: &str, value: &[u8]) -> Self {
        self.secrets.insert(name.to_owned(), value.to_vec());
        self
    }

    /// Adds a past conversation returned by `customer_history`.
    pub fn history(mut self, conversation: PastConversation) -> Self {
        self.history.push(conversation);
        self
    }

    /// Adds a knowledge hit returned by `knowledge_search`.
    pub fn knowledge(mut self, hit: KnowledgeHit) -> Self {
        self.knowledge.push(hit);
        self
    }

    /// Answers `knowledge_find` as the host does for brand `brand_name`
    /// with voice `voice`: the same retrieval engine over its snippets and
    /// canned responses. Without it, `knowledge_find` finds nothing.
    pub fn brand_knowledge(mut self, brand_name: &str, voice: &VoiceProfile) -> Self {
        let first = voice.languages.first().map_or("en", String::as_str);
        let texts = crate::voice::knowledge_texts(voice);
        let knowledge = chorus_voice::retrieve::Knowledge::new(brand_name, first, texts);
        self.retrieval = Some(std::sync::Arc::new(knowledge));
        self
    }

    /// Fixes the clock.
    pub fn now(mut self, now: Timestamp) -> Self {
        self.now = now;
        self
    }

    /// Makes this the host for plugin calls on the current thread until the
    /// guard is dropped.
    pub fn install(self) -> FakeHostGuard {
        CURRENT.with(|c| *c.borrow_mut() = Some(self));
        FakeHostGuard(())
    }

    /// The log lines the plugin wrote so far on this thread.
    pub fn logs() -> Vec<(LogLevel, String)> {
        with(|h| h.logs.clone())
    }

    /// The key-value store's contents so far on this thread.
    pub fn kv_contents() -> HashMap<String, Vec<u8>> {
        with(|h| h.kv.clone())
    }
}

fn with<R>(f: impl FnOnce(&mut FakeHost) -> R) -> R {
    CURRENT.with(|c| {
        let mut current = c.borrow_mut();
        let host = current.as_mut().unwrap_or_else(|| {
            panic!("no fake host on this thread: call chorus_sdk::testing::FakeHost::new().install() first")
        });
        f(host)
    })
}

/// Native implementations of the host imports, backed by the installed
/// [`FakeHost`]. Used by [`crate::host`] outside wasm.
#[doc(hidden)]
pub mod native {
    use super::*;
    use hmac::{Hmac, Mac};

    pub fn log(level: LogLevel, message: &str) {
        with(|h| h.logs.push((level, message.to_owned())))
    }

    pub fn config(key: &str) -> Option<String> {
        with(|h| h.config.get(key).cloned())
    }

    pub fn hmac_sha256(secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
        hmac::<Hmac<sha2::Sha256>>(secret_name, data)
    }

    pub fn hmac_sha1(secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
        hmac::<Hmac<sha1::Sha1>>(secret_name, data)
    }

    fn hmac<M: Mac + hmac::digest::KeyInit>(
        secret_name: &str,
        data: &[u8],
    ) -> Result<Vec<u8>, HostError> {
        let secret = with(|h| h.secrets.get(secret_name).cloned())
            .ok_or_else(|| HostError::UnknownSecret(secret_name.to_owned()))?;
        let mut mac = <M as Mac>::new_from_slice(&secret)
            .map_err(|e| HostError::Unavailable(e.to_string()))?;
        mac.update(data);
        Ok(mac.finalize().into_bytes().to_vec())
    }

    pub fn kv_get(key: &str) -> Result<Option<Vec<u8>>, HostError> {
        Ok(with(|h| h.kv.get(key).cloned()))
    }

    pub fn kv_set(key: &str, value: &[u8]) -> Result<(), HostError> {
        with(|h| h.kv.insert(key.to_owned(), value.to_vec()));
        Ok(())
    }

    pub fn kv_delete(key: &str) -> Result<(), HostError> {
        with(|h| h.kv.remove(key));
        Ok(())
    }

    pub fn customer_history(
        _author_id: &str,
        limit: u32,
    ) -> Result<Vec<PastConversation>, HostError> {
        Ok(with(|h| {
            h.history.iter().take(limit as usize).cloned().collect()
        }))
    }

    pub fn knowledge_search(query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, HostError> {
        let query = query.to_lowercase();
        Ok(with(|h| {
            h.knowledge
                .iter()
                .filter(|hit| {
                    query
                        .split_whitespace()
                        .any(|word| hit.text.to_lowercase().contains(word))
                })
                .take(limit as usize)
                .cloned()
                .collect()
        }))
    }

    pub fn knowledge_find(query: &KnowledgeQuery) -> Result<Vec<KnowledgeMatch>, HostError> {
        let knowledge = with(|h| h.retrieval.clone());
        Ok(knowledge
            .map(|k| crate::voice::knowledge_find(&k, query))
            .unwrap_or_default())
    }

    pub fn now() -> Timestamp {
        with(|h| h.now)
    }
}

/// Starts building an [`HttpRequest`].
pub fn request(method: &str, body: &[u8]) -> RequestBuilder {
    RequestBuilder(HttpRequest {
        method: method.to_owned(),
        path: "/".to_owned(),
        query: String::new(),
        headers: Vec::new(),
        body: body.to_vec(),
    })
}

/// Builder for test requests; see [`request`].
#[derive(Debug)]
pub struct RequestBuilder(HttpRequest);

impl RequestBuilder {
    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.0.headers.push(Header {
            name: name.to_owned(),
            value: value.to_owned(),
        });
        self
    }

    /// Sets the raw query string (without `?`).
    pub fn query(mut self, query: &str) -> Self {
        self.0.query = query.to_owned();
        self
    }

    /// Finishes the request.
    pub fn build(self) -> HttpRequest {
        self.0
    }
}

/// A private message from author `U1` ("Jo Doe", handle `jo`) with `text`:
/// change the fields a test cares about.
pub fn message(text: &str) -> Message {
    Message {
        event_id: "e1".to_owned(),
        external_id: "m1".to_owned(),
        kind: crate::MessageKind::Original,
        thread_id: None,
        in_reply_to: None,
        author: crate::Author {
            id: "U1".to_owned(),
            handle: Some("jo".to_owned()),
            display_name: Some("Jo Doe".to_owned()),
            email: None,
            follower_count: None,
            verified: false,
        },
        text: text.to_owned(),
        full_text: None,
        visibility: crate::Visibility::Private,
        sent_at: None,
        language: None,
        attachments: Vec::new(),
        attributes: Vec::new(),
    }
}

/// A context for brand `acme` with a neutral default voice and the given
/// reply limit, the way the host builds one.
pub fn context(max_reply_length: u32) -> Context {
    Context {
        brand: Brand {
            id: "acme".to_owned(),
            name: "Acme".to_owned(),
            own_accounts: Vec::new(),
        },
        voice: default_voice(),
        customer: None,
        limits: ChannelLimits {
            max_reply_length,
            max_suggestions: 3,
        },
    }
}

/// A neutral voice profile, as a brand without a profile gets.
pub fn default_voice() -> VoiceProfile {
    VoiceProfile {
        persona: "the Acme team".to_owned(),
        formality: crate::Formality::Neutral,
        warmth: 0.5,
        person: crate::Person::We,
        contractions: true,
        emoji: crate::EmojiPolicy::Never,
        allowed_emoji: Vec::new(),
        max_exclamations: 1,
        preferred_words: Vec::new(),
        avoid_words: Vec::new(),
        banned_phrases: Vec::new(),
        empathy_required: true,
        channels: Vec::new(),
        languages: vec!["en".to_owned()],
        canned_responses: Vec::new(),
        knowledge: Vec::new(),
        escalation_phrase: "We're bringing in a specialist who can sort this out.".to_owned(),
    }
}

/// One message with what the plugin made of it.
#[derive(Debug, Clone)]
pub struct Processed {
    /// The message from `listen`.
    pub message: Message,
    /// Its triage.
    pub triage: Triage,
    /// Its suggestions.
    pub suggestions: Vec<Suggestion>,
}

/// What the whole pipeline made of one request.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Messages with their triage and suggestions.
    Messages(Vec<Processed>),
    /// A handshake response.
    Respond(crate::HttpResponse),
    /// Ignored, with the reason.
    Ignore(String),
}

/// Runs listen → triage → suggest natively, as the host does for one event.
pub fn run<P: Plugin>(request: HttpRequest, context: &Context) -> Result<Outcome, PluginError> {
    crate::init::ensure_init::<P>();
    match P::listen(request)? {
        ListenOutcome::Respond(response) => Ok(Outcome::Respond(response)),
        ListenOutcome::Ignore(reason) => Ok(Outcome::Ignore(reason)),
        ListenOutcome::Messages(messages) => messages
            .into_iter()
            .map(|message| {
                let triage = P::triage(message.clone(), context.clone())?;
                let suggestions = P::suggest(message.clone(), triage.clone(), context.clone())?;
                Ok(Processed {
                    message,
                    triage,
                    suggestions,
                })
            })
            .collect::<Result<_, _>>()
            .map(Outcome::Messages),
    }
}
