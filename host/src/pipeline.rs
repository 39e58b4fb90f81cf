//! One event through a plugin: listen → triage → listening rules →
//! incidents → suggest → voice gate, for the server and the CLI alike.
//!
//! Each step runs in its own fresh instance. A failure in one message's
//! triage or suggestions is recorded with that message and does not stop the
//! others: nothing is dropped silently. Suggestions pass the host's voice
//! gate ([`crate::review`]) before they are returned. [`process_message`]
//! is the path of one message that is already listened to: the server's
//! worker runs it with its store as [`Surroundings`], `chorus plugin run`,
//! fixtures and `chorus eval` with [`Standalone`].

use std::borrow::Cow;
use std::convert::Infallible;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use serde::Serialize;

use crate::brand::Brand;
use crate::incident::{self, BurstConfig};
use crate::listening::{self, Rule};
use crate::model::{
    Context, HttpRequest, HttpResponse, ListenOutcome, Message, MessageKind, Priority, Triage,
};
use crate::review::{
    self, DroppedSuggestion, ReplyTarget, ReviewedSuggestion, Sla, StrategyPriors,
};
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

/// What a message is processed with besides its plugin: the brand's rules
/// and what the caller knows and decides. The server answers from its
/// store and runs plugin calls in the brand's lane of its pool; the CLI,
/// replay of fixtures and the evaluations answer with [`Standalone`].
pub trait Surroundings: Sync {
    /// Why the surroundings could not answer (the server: its store).
    type Error;

    /// The brand's listening rules.
    fn rules(&self) -> &[Rule];

    /// Runs one plugin call. (The futures of this trait are boxed: a
    /// future that holds references and must be `Send` cannot be proven so
    /// through an `impl Future` of a generic trait today.)
    fn call<T: Send + 'static>(
        &self,
        call: Call,
        run: BoxFuture<'static, Result<T, PluginError>>,
    ) -> BoxFuture<'_, Result<T, PluginError>>;

    /// When the brand's outage reports make an incident; `None`: bursts
    /// are not tracked.
    fn burst(&self) -> Option<BurstConfig>;

    /// How many reports of an outage or failure the brand had within
    /// `burst`'s window before this message.
    fn earlier_reports(&self, burst: BurstConfig) -> BoxFuture<'_, Result<u64, Self::Error>>;

    /// The first-response SLA at `priority`, promised in severe replies;
    /// `None` when the brand has none.
    fn sla(&self, priority: Priority) -> Option<Sla>;

    /// The brand's learnt ranking priors.
    fn priors(&self) -> BoxFuture<'_, Result<Arc<StrategyPriors>, Self::Error>>;
}

/// A plugin call the pipeline makes for a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// `triage`.
    Triage,
    /// `suggest`.
    Suggest,
}

impl Call {
    /// The export's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Triage => "triage",
            Self::Suggest => "suggest",
        }
    }
}

/// Surroundings with no store: calls run as they come, there are no
/// earlier reports and no learnt priors; the brand's rules, burst and SLA
/// are as given.
#[derive(Debug, Default)]
pub struct Standalone<'a> {
    /// The brand's listening rules.
    pub rules: &'a [Rule],
    /// Its outage burst, when it has one.
    pub burst: Option<BurstConfig>,
    /// The brand whose SLA replies promise and whose VIP list marks a
    /// message's author (the server adds what its store knows of them);
    /// `None`: no promise, and plugins are told nothing of the author.
    pub served: Option<&'a Brand>,
}

impl<'a> Standalone<'a> {
    /// `brand` as the server runs it, without a store: its rules, burst,
    /// SLA and VIP list.
    pub fn served(brand: &'a Brand) -> Self {
        Self {
            rules: &brand.rules,
            burst: Some(brand.outage_burst),
            served: Some(brand),
        }
    }

    /// `brand`'s listening rules only, as a brand file or fixture runs.
    pub fn rules_of(brand: &'a Brand) -> Self {
        Self {
            rules: &brand.rules,
            ..Self::default()
        }
    }
}

impl Surroundings for Standalone<'_> {
    type Error = Infallible;

    fn rules(&self) -> &[Rule] {
        self.rules
    }

    fn call<T: Send + 'static>(
        &self,
        _call: Call,
        run: BoxFuture<'static, Result<T, PluginError>>,
    ) -> BoxFuture<'_, Result<T, PluginError>> {
        run
    }

    fn burst(&self) -> Option<BurstConfig> {
        self.burst
    }

    fn earlier_reports(&self, _burst: BurstConfig) -> BoxFuture<'_, Result<u64, Infallible>> {
        Box::pin(std::future::ready(Ok(0)))
    }

    fn sla(&self, priority: Priority) -> Option<Sla> {
        self.served.map(|brand| brand.sla(priority))
    }

    fn priors(&self) -> BoxFuture<'_, Result<Arc<StrategyPriors>, Infallible>> {
        Box::pin(std::future::ready(Ok(Arc::default())))
    }
}

/// Runs one raw request through the plugin. Only `listen` failing fails the
/// whole event; later failures are recorded per message.
pub async fn run_event(
    plugin: &Arc<LoadedPlugin>,
    services: Arc<dyn HostServices>,
    request: &HttpRequest,
    context: &Context,
    around: &Standalone<'_>,
) -> Result<EventResult, PluginError> {
    match plugin.listen(services.clone(), request).await? {
        ListenOutcome::Respond(response) => Ok(EventResult::Respond { response }),
        ListenOutcome::Ignore(reason) => Ok(EventResult::Ignore { reason }),
        ListenOutcome::Messages(messages) => {
            let mut processed = Vec::with_capacity(messages.len());
            for message in messages {
                let context = match around.served {
                    Some(brand) => Cow::Owned(Context {
                        customer: Some(brand.customer(&message, &Default::default())),
                        ..context.clone()
                    }),
                    None => Cow::Borrowed(context),
                };
                let Ok(message) =
                    process_message(plugin, services.clone(), message, &context, around).await;
                processed.push(message);
            }
            Ok(EventResult::Messages {
                messages: processed,
            })
        }
    }
}

/// One message: triage → the brand's listening rules → incidents (a
/// report in a burst is raised to urgent) → suggest, in the reply's
/// language → the voice gate ([`review::review`], with the SLA and the
/// brand's priors). `triage` and `suggest` run in one instance
/// ([`LoadedPlugin::for_message`]), dropped when the message is done. The
/// one path of the server's worker, `chorus plugin run`, fixtures and the
/// evaluations. A deletion gets nothing; a plugin
/// failure is recorded in [`ProcessedMessage::error`] (a failed triage
/// leaves no triage); a failure of the surroundings (the store) is
/// returned, and the message is left as it was.
pub async fn process_message<S: Surroundings>(
    plugin: &Arc<LoadedPlugin>,
    services: Arc<dyn HostServices>,
    message: Message,
    context: &Context,
    around: &S,
) -> Result<ProcessedMessage, S::Error> {
    let mut processed = ProcessedMessage {
        message,
        triage: None,
        suggestions: Vec::new(),
        dropped_suggestions: Vec::new(),
        error: None,
    };
    // A deletion only updates the stored message: nothing to assess or answer.
    if processed.message.kind == MessageKind::Deletion {
        return Ok(processed);
    }
    // Triage and suggest share one instance: one message, one instance.
    let calls = Arc::new(plugin.for_message());
    let triage = {
        let (calls, services, message, context) = (
            calls.clone(),
            services.clone(),
            processed.message.clone(),
            context.clone(),
        );
        around
            .call(
                Call::Triage,
                Box::pin(async move {
                    services.prepare();
                    calls.triage(services, &message, &context).await
                }),
            )
            .await
    };
    let mut triage = match triage {
        Ok(triage) => triage,
        Err(error) => {
            processed.error = Some(error);
            return Ok(processed);
        }
    };
    listening::apply(around.rules(), &processed.message.text, &mut triage);
    if let Some(burst) = around.burst()
        && incident::is_report(&triage)
    {
        let earlier = around.earlier_reports(burst).await?;
        incident::apply(&burst, earlier, &mut triage);
    }
    // The brand's voice in the reply's language (its first: no copy).
    let context = context.for_reply(&triage);
    let suggestions = {
        let (message, triage, context) = (
            processed.message.clone(),
            triage.clone(),
            context.clone().into_owned(),
        );
        around
            .call(
                Call::Suggest,
                Box::pin(async move { calls.suggest(services, &message, &triage, &context).await }),
            )
            .await
    };
    match suggestions {
        Ok(suggestions) => {
            let target = ReplyTarget::new(
                &context,
                plugin.info(),
                &processed.message,
                &triage,
                around.sla(triage.priority),
            );
            let priors = around.priors().await?;
            let review = review::review(&context.voice, &target, suggestions, &priors);
            processed.suggestions = review.kept;
            processed.dropped_suggestions = review.dropped;
        }
        Err(error) => processed.error = Some(error),
    }
    processed.triage = Some(triage);
    Ok(processed)
}
