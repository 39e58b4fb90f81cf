//! The triage worker: every recorded message gets triage and suggestions
//! (through the voice gate, ranked with the brand's learnt priors), its
//! conversation a priority and a first-response due time. Failures are
//! recorded with the message; nothing is dropped.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::future::{BoxFuture, join_all};
use tokio::sync::Semaphore;
use tracing::Instrument;

use super::app::{App, BrandState, Channel};
use super::breaker::Admission;
use super::intake::{error_kind, listen_entry};
use super::services::MessageServices;
use crate::incident::{self, BurstConfig};
use crate::listening::Rule;
use crate::model::Priority;
use crate::pipeline::{self, Call, Surroundings};
use crate::review::{Review, Sla, StrategyPriors};
use crate::runtime::{HostServices, LoadedPlugin, PluginError};
use crate::store::{Completion, Lease, PendingMessage, Store, StoreError};

/// Wakes on new work (this host's intake, or another host's through the
/// store), claims it under a lease, and polls for work whose lease expired
/// (a host died): entries left `received`, then pending messages. Runs
/// until the process ends.
pub async fn run<S: Store>(app: Arc<App<S>>) {
    let watcher = app.clone();
    tokio::spawn(async move {
        let waker = watcher.clone();
        watcher
            .store
            .watch_work(move || waker.work.notify_one())
            .await;
    });
    let poll = poll_interval(app.config.limits.work_lease_ms);
    let mut next_sweep = Instant::now();
    loop {
        if Instant::now() >= next_sweep {
            match recover(&app).await {
                Ok(0) => {}
                Ok(count) => tracing::info!("recovered {count} unprocessed ledger entries"),
                Err(error) => tracing::error!("recovery failed: {error}"),
            }
            next_sweep = Instant::now() + poll;
        }
        match process_pending(&app).await {
            Ok(0) => {
                let _ = tokio::time::timeout(poll, app.work.notified()).await;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::error!("triage worker: {error}");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// How often an idle worker looks for work whose lease expired: a quarter
/// of the lease, between 50 ms and 5 s.
fn poll_interval(lease_ms: u64) -> Duration {
    Duration::from_millis((lease_ms / 4).clamp(50, 5_000))
}

/// A claim on work from now, for this host.
pub(super) fn lease<S>(app: &App<S>) -> Lease {
    let duration = i64::try_from(app.config.limits.work_lease_ms).unwrap_or(i64::MAX);
    Lease::new(app.host_id.clone(), crate::clock::now(), duration)
}

/// Most entries recovered at once.
const RECOVER_BATCH: u32 = 64;

/// Listens to entries that were acknowledged but never listened to (their
/// host died in between), once their lease has expired.
async fn recover<S: Store>(app: &App<S>) -> Result<usize, StoreError> {
    let entries = app
        .store
        .claim_unlistened(&lease(app), RECOVER_BATCH)
        .await?;
    for entry in &entries {
        listen_entry(app, entry).await?;
    }
    Ok(entries.len())
}

/// Most conversations claimed at once; their completions are stored in one
/// transaction.
const CLAIM_CONVERSATIONS: u32 = 32;

/// Claims up to [`CLAIM_CONVERSATIONS`] conversations with pending messages
/// and gives each message triage and suggestions, stored in one
/// transaction once processed (group commit); returns how many messages.
pub(crate) async fn process_pending<S: Store>(app: &App<S>) -> Result<usize, StoreError> {
    let lease = lease(app);
    let pending = app
        .store
        .claim_messages(&lease, CLAIM_CONVERSATIONS)
        .await?;
    if pending.is_empty() {
        return Ok(0);
    }
    process_batch(app, &lease, &pending).await?;
    Ok(pending.len())
}

/// [`process_pending`] until no pending message is left to claim; returns
/// how many were processed.
pub(crate) async fn process_all_pending<S: Store>(app: &App<S>) -> Result<usize, StoreError> {
    let mut total = 0;
    loop {
        match process_pending(app).await? {
            0 => return Ok(total),
            count => total += count,
        }
    }
}

/// Conversations in flight per plugin thread. A message spends about as
/// long outside its plugin calls (the customer's history, the voice gate)
/// as in them; with more conversations in flight than threads, the plugin
/// threads work while other messages wait on the store or the gate. The
/// pool's lanes still bound how many plugin calls run at once.
pub(super) const CONVERSATIONS_PER_THREAD: usize = 4;

/// Processes `batch`: conversations concurrently, [`CONVERSATIONS_PER_THREAD`]
/// per thread of the plugin pool; the messages of one conversation one after the other,
/// oldest first. Then stores every completion in one transaction, in
/// message order, and ends `lease`. A store failure stops its
/// conversation (the rest stay pending) and is returned once the others
/// are stored.
async fn process_batch<S: Store>(
    app: &App<S>,
    lease: &Lease,
    batch: &[PendingMessage],
) -> Result<(), StoreError> {
    let concurrency = CONVERSATIONS_PER_THREAD * app.config.limits.plugin_threads.max(1);
    let uncommitted = Uncommitted::default();
    let (slots, uncommitted) = (&Semaphore::new(concurrency), &uncommitted);
    let mut runs = Vec::new();
    for conversation in group_by(batch, |m| m.conversation_id) {
        runs.push(async move {
            // Never closed: a permit is always granted.
            let _slot = slots.acquire().await.ok();
            process_conversation(app, conversation, uncommitted).await
        });
    }
    let mut completions = Vec::with_capacity(batch.len());
    let mut failure = None;
    for (done, result) in join_all(runs).await {
        completions.extend(done);
        if let Err(error) = result {
            failure.get_or_insert(error);
        }
    }
    completions.sort_by_key(|c| c.id);
    app.store.complete_messages(lease, &completions).await?;
    for message in batch
        .iter()
        .filter(|m| completions.iter().any(|c| c.id == m.id))
    {
        app.inbox
            .publish(&message.brand, message.conversation_id, "message");
    }
    failure.map_or(Ok(()), Err)
}

/// One conversation's pending messages, in order: their completions, and
/// the store failure that stopped it, if one did.
async fn process_conversation<S: Store>(
    app: &App<S>,
    messages: Vec<&PendingMessage>,
    uncommitted: &Uncommitted,
) -> (Vec<Completion>, Result<(), StoreError>) {
    let mut completions = Vec::with_capacity(messages.len());
    for message in messages {
        let span = tracing::info_span!(
            "message",
            brand = %message.brand,
            channel = %message.channel,
            message_id = message.id
        );
        match process(app, message, uncommitted).instrument(span).await {
            Ok(Some(completion)) => completions.push(completion),
            Ok(None) => {}
            Err(error) => return (completions, Err(error)),
        }
    }
    (completions, Ok(()))
}

/// Reports of an outage or failure triaged in the current batch and not yet
/// stored, per brand: a burst that arrives at once is counted as it would
/// be one message at a time.
#[derive(Debug, Default)]
struct Uncommitted {
    reports: Mutex<HashMap<String, u64>>,
}

impl Uncommitted {
    /// Counts a report of `brand`; returns how many came before it.
    fn report(&self, brand: &str) -> u64 {
        let mut reports = self.reports.lock().unwrap_or_else(PoisonError::into_inner);
        let count = reports.entry(brand.to_owned()).or_default();
        *count += 1;
        *count - 1
    }
}

/// `items` grouped by `key`: groups in the order of their first item, the
/// items of each in their order.
fn group_by<T, K: Hash + Eq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<Vec<&T>> {
    let mut slots: HashMap<K, usize> = HashMap::new();
    let mut groups: Vec<Vec<&T>> = Vec::new();
    for item in items {
        let slot = *slots.entry(key(item)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(item);
    }
    groups
}

/// Triage and suggestions for one message, through the one pipeline
/// ([`pipeline::process_message`]) with the store as its surroundings: its
/// completion, or `None` when it failed (recorded with the message).
async fn process<S: Store>(
    app: &App<S>,
    pending: &PendingMessage,
    uncommitted: &Uncommitted,
) -> Result<Option<Completion>, StoreError> {
    let Some(brand) = app.brands.get(&pending.brand) else {
        return fail(app, pending, "brand no longer configured").await;
    };
    let Some(channel) = brand.channels.get(&pending.channel) else {
        return fail(app, pending, "channel no longer configured").await;
    };
    if let Admission::Refuse(reason) = channel.breaker.admit(Instant::now()) {
        return fail(app, pending, &reason).await;
    }
    let message = &pending.message;
    let history = app
        .store
        .customer_history(
            &pending.brand,
            &pending.channel,
            &message.author.id,
            pending.conversation_id,
            20,
        )
        .await?;
    // Triage and suggest run on one plugin version, whatever a reload does
    // meanwhile.
    let running = channel.running();
    let context = brand.context(&running, message, &history);
    let services: Arc<dyn HostServices> = Arc::new(MessageServices::new(
        running.services.clone(),
        history.conversations,
    ));
    let plugin = &running.plugin;
    let around = Served {
        app,
        pending,
        brand,
        channel,
        plugin,
        uncommitted,
    };
    let processed =
        pipeline::process_message(plugin, services, message.clone(), &context, &around).await?;
    let Some(triage) = processed.triage else {
        let error = processed
            .error
            .map_or_else(|| "no triage".to_owned(), |e| e.to_string());
        return fail(app, pending, &format!("triage: {error}")).await;
    };
    if let Some(error) = processed.error {
        tracing::warn!(message = pending.id, "suggest failed: {error}");
    }
    let review = Review {
        kept: processed.suggestions,
        dropped: processed.dropped_suggestions,
    };
    app.metrics.reviewed(&pending.brand, &review);
    let target_ms = brand.brand.sla.target_ms(triage.priority);
    let hours = brand.brand.business_hours.as_ref();
    let due = crate::sla::due(pending.conversation_opened_at, target_ms, hours);
    Ok(Some(Completion {
        id: pending.id,
        triage,
        review,
        due,
    }))
}

/// The pipeline's surroundings in the server: the brand's rules, SLA and
/// burst from its config, earlier reports and priors from the store, and
/// plugin calls in the brand's lane of the pool, counted in the metrics
/// and the channel's breaker.
struct Served<'a, S> {
    app: &'a App<S>,
    pending: &'a PendingMessage,
    brand: &'a BrandState,
    channel: &'a Channel,
    plugin: &'a LoadedPlugin,
    uncommitted: &'a Uncommitted,
}

impl<S: Store> Surroundings for Served<'_, S> {
    type Error = StoreError;

    fn rules(&self) -> &[Rule] {
        &self.brand.brand.rules
    }

    fn call<T: Send + 'static>(
        &self,
        call: Call,
        run: BoxFuture<'static, Result<T, PluginError>>,
    ) -> BoxFuture<'_, Result<T, PluginError>> {
        Box::pin(async move {
            let started = Instant::now();
            let result = self
                .app
                .pool
                .run(&self.pending.brand, run.in_current_span())
                .await
                .unwrap_or_else(|e| Err(PluginError::Trap(e.to_string())));
            record(
                self.app,
                self.pending,
                (self.channel, self.plugin),
                call.as_str(),
                started,
                result.as_ref().err(),
            );
            result
        })
    }

    fn burst(&self) -> Option<BurstConfig> {
        Some(self.brand.brand.outage_burst)
    }

    fn earlier_reports(&self, burst: BurstConfig) -> BoxFuture<'_, Result<u64, StoreError>> {
        Box::pin(async move {
            let since = crate::clock::now() - burst.window_ms();
            let stored = self
                .app
                .store
                .recent_with_intent(&self.pending.brand, incident::REPORT_INTENTS, since)
                .await?;
            Ok(stored + self.uncommitted.report(&self.pending.brand))
        })
    }

    fn sla(&self, priority: Priority) -> Option<Sla> {
        Some(self.brand.brand.sla(priority))
    }

    fn priors(&self) -> BoxFuture<'_, Result<Arc<StrategyPriors>, StoreError>> {
        Box::pin(self.app.priors.get(&self.app.store, &self.pending.brand))
    }
}

/// Records why `pending` failed.
async fn fail<S: Store>(
    app: &App<S>,
    pending: &PendingMessage,
    error: &str,
) -> Result<Option<Completion>, StoreError> {
    app.store.fail_message(pending.id, error).await?;
    Ok(None)
}

/// Records a plugin call in the metrics and the channel's breaker.
fn record<S>(
    app: &App<S>,
    pending: &PendingMessage,
    (channel, plugin): (&Channel, &LoadedPlugin),
    call: &str,
    started: Instant,
    error: Option<&PluginError>,
) {
    let name = &plugin.info().name;
    app.metrics.call(
        name,
        &pending.brand,
        call,
        started.elapsed(),
        error.map(error_kind),
    );
    app.breaker_outcome(&pending.brand, &pending.channel, channel, error);
}

#[cfg(test)]
mod tests {
    use super::group_by;

    #[test]
    fn groups_keep_the_order_of_their_first_item_and_of_their_items() {
        let items = [(1, 'a'), (2, 'b'), (1, 'c'), (3, 'd'), (2, 'e')];
        let groups = group_by(&items, |(conversation, _)| *conversation);
        let letters: Vec<String> = groups
            .iter()
            .map(|group| group.iter().map(|(_, letter)| letter).collect())
            .collect();
        assert_eq!(letters, ["ac", "be", "d"]);
    }
}
