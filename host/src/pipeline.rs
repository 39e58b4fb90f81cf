//! One event through a plugin: listen → triage → suggest.
//!
//! Each step runs in its own fresh instance. A failure in one message's
//! triage or suggestions is recorded with that message and does not stop the
//! others: nothing is dropped silently. Suggestions pass the host's voice
//! gate ([`crate::review`]) before they are returned. [`process_message`]
//! is the same path for one message that is already listened to, with the
//! brand's listening rules applied to its triage before suggest (what
//! `chorus eval replies` runs).

use std::sync::Arc;

use serde::Serialize;

use crate::listening::{self, Rule};
use crate::model::{
    Context, HttpRequest, HttpResponse, ListenOutcome, Message, MessageKind, Triage,
};
use crate::review::{self, DroppedSuggestion, ReviewedSuggestion};
use crate::runtime::{HostServices, LoadedPlugin, PluginError};

/// What became of one message.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessedMessage {
    /// The message.
    pub message: Message,
    /// Its triage, when triage succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triage: Option<Triage>,
    /// Its suggestions after the voice gate, best first (empty when none,
    /// or when a step failed).
    pub suggestions: Vec<ReviewedSuggestion>,
    /// Suggestions the voice gate refused, with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped_suggestions: Vec<DroppedSuggestion>,
    /// The error of the step that failed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<PluginError>,
}

/// What became of one event.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum EventResult {
    /// Messages with their triage and suggestions.
    Messages {
        /// Each message.
        messages: Vec<ProcessedMessage>,
    },
    /// A handshake: send this response.
    Respond {
        /// The response.
        response: HttpResponse,
    },
    /// Nothing to answer.
    Ignore {
        /// Why.
        reason: String,
    },
}

/// Runs one raw request through the plugin. Only `listen` failing fails the
/// whole event; later failures are recorded per message.
pub async fn run_event(
    plugin: &LoadedPlugin,
    services: Arc<dyn HostServices>,
    request: &HttpRequest,
    context: &Context,
) -> Result<EventResult, PluginError> {
    match plugin.listen(services.clone(), request).await? {
        ListenOutcome::Respond(response) => Ok(EventResult::Respond { response }),
        ListenOutcome::Ignore(reason) => Ok(EventResult::Ignore { reason }),
        ListenOutcome::Messages(messages) => {
            let mut processed = Vec::with_capacity(messages.len());
            for message in messages {
                processed
                    .push(process_message(plugin, services.clone(), message, context, &[]).await);
            }
            Ok(EventResult::Messages {
                messages: processed,
            })
        }
    }
}

/// Triage → the brand's listening `rules` → suggest → the voice gate
/// ([`review::review_once`]) for one message, as [`run_event`] does for each
/// message of an event (with no rules). A deletion gets nothing; a failed
/// step is recorded in [`ProcessedMessage::error`].
pub async fn process_message(
    plugin: &LoadedPlugin,
    services: Arc<dyn HostServices>,
    message: Message,
    context: &Context,
    rules: &[Rule],
) -> ProcessedMessage {
    let mut processed = ProcessedMessage {
        message,
        triage: None,
        suggestions: Vec::new(),
        dropped_suggestions: Vec::new(),
        error: None,
    };
    // A deletion only updates the stored message: nothing to assess or answer.
    if processed.message.kind == MessageKind::Deletion {
        return processed;
    }
    match plugin
        .triage(services.clone(), &processed.message, context)
        .await
    {
        Err(error) => processed.error = Some(error),
        Ok(mut triage) => {
            listening::apply(rules, &processed.message.text, &mut triage);
            let context = context.for_reply(&triage);
            match plugin
                .suggest(services, &processed.message, &triage, &context)
                .await
            {
                Ok(suggestions) => {
                    let review = review::review_once(
                        &context,
                        plugin.info(),
                        &processed.message,
                        &triage,
                        suggestions,
                    );
                    processed.suggestions = review.kept;
                    processed.dropped_suggestions = review.dropped;
                }
                Err(error) => processed.error = Some(error),
            }
            processed.triage = Some(triage);
        }
    }
    processed
}
