//! The sender: delivers the outbox. Each queued reply is claimed under a
//! lease, turned into platform requests by its channel's plugin
//! (`deliver`, in the brand's lane of the plugin pool), and sent by the
//! host with the channel's secrets ([`crate::outbound`]). A failure worth
//! retrying is tried again after a backoff with jitter, or when the
//! platform said (`Retry-After`); after the channel's last attempt, or on
//! a refusal, the reply fails with the reason. The platform's
//! acknowledgement is recorded before the reply is marked sent, and a
//! reply whose host died is taken over once its lease expires: a restart
//! resumes every pending send.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;

use super::app::App;
use super::worker::lease;
use crate::model::{OutboundRequest, OutgoingReply};
use crate::outbound::{self, Allowlist, Attempt, ChannelAccess, backoff};
use crate::runtime::PluginError;
use crate::store::{Lease, SendJob, SendOutcome, Store, StoreError};

/// Most replies claimed, and sent side by side, at once.
const CLAIM_SENDS: u32 = 16;

/// Longest sleep of an idle sender: it also wakes when a reply is queued
/// on this host, and when the earliest retry is due.
const IDLE_POLL: Duration = Duration::from_secs(1);

/// Sends due replies until the process ends.
pub async fn run<S: Store>(app: Arc<App<S>>) {
    loop {
        match send_due(&app).await {
            Ok(0) => {}
            Ok(_) => continue,
            Err(error) => {
                tracing::error!("sender: {error}");
                tokio::time::sleep(IDLE_POLL).await;
                continue;
            }
        }
        let wait = match app.store.next_send_due().await {
            Ok(Some(due)) => {
                let in_ms = u64::try_from(due - crate::clock::now()).unwrap_or(0);
                Duration::from_millis(in_ms).min(IDLE_POLL)
            }
            Ok(None) | Err(_) => IDLE_POLL,
        };
        let _ = tokio::time::timeout(wait, app.outbox.notified()).await;
    }
}

/// Claims the replies due now and attempts each; returns how many.
pub(crate) async fn send_due<S: Store>(app: &App<S>) -> Result<usize, StoreError> {
    let lease = lease(app);
    let jobs = app.store.claim_sends(&lease, CLAIM_SENDS).await?;
    let finished = join_all(jobs.iter().map(|job| finish(app, &lease, job))).await;
    finished.into_iter().collect::<Result<Vec<()>, _>>()?;
    Ok(jobs.len())
}

/// Attempts `job` and records the outcome.
async fn finish<S: Store>(app: &App<S>, lease: &Lease, job: &SendJob) -> Result<(), StoreError> {
    let outcome = attempt(app, job).await;
    match &outcome {
        SendOutcome::Sent { platform_id, .. } => tracing::info!(
            brand = %job.brand, channel = %job.channel, reply = job.id,
            platform_id = platform_id.as_deref().unwrap_or("-"), "reply sent"
        ),
        SendOutcome::Retry {
            reason, next_at, ..
        } => tracing::warn!(
            brand = %job.brand, channel = %job.channel, reply = job.id,
            retry_in_ms = next_at - crate::clock::now(), "reply not sent, will retry: {reason}"
        ),
        SendOutcome::Failed { reason, .. } => tracing::error!(
            brand = %job.brand, channel = %job.channel, reply = job.id, "reply failed: {reason}"
        ),
    }
    app.store.finish_send(lease, job, &outcome).await?;
    app.inbox.publish(&job.brand, job.conversation_id, "reply");
    if matches!(outcome, SendOutcome::Sent { .. }) && job.suggestion_id.is_some() {
        app.priors.invalidate(&job.brand);
    }
    Ok(())
}

/// One attempt at `job`: the plugin's requests, from the first not yet
/// acknowledged, sent in order.
async fn attempt<S: Store>(app: &App<S>, job: &SendJob) -> SendOutcome {
    let retry_or_fail = |progress: u32, reason: String, after: Option<Duration>| {
        retry_or_fail(app, job, progress, reason, after)
    };
    let failed = |reason: String| SendOutcome::Failed {
        progress: job.progress,
        reason,
    };
    let Some(brand) = app.brands.get(&job.brand) else {
        return failed(format!("brand `{}` is no longer configured", job.brand));
    };
    let Some(channel) = brand.channels.get(&job.channel) else {
        return match brand.disabled.get(&job.channel) {
            Some(why) => retry_or_fail(
                job.progress,
                format!("channel `{}` is disabled: {why}", job.channel),
                None,
            ),
            None => failed(format!("channel `{}` is no longer configured", job.channel)),
        };
    };
    let running = channel.running();
    let requests = {
        let plugin = running.plugin.clone();
        let services = running.services.clone();
        let reply = OutgoingReply {
            text: job.text.clone(),
            idempotency_key: job.idempotency_key.clone(),
        };
        let conversation = job.conversation_id.to_string();
        let message = job.message.clone();
        app.pool
            .run(&job.brand, async move {
                plugin
                    .deliver(services, &reply, &conversation, &message)
                    .await
            })
            .await
    };
    let requests: Vec<OutboundRequest> = match requests {
        Ok(Ok(requests)) => requests,
        Ok(Err(error @ (PluginError::Plugin(_) | PluginError::BadOutput(_)))) => {
            return failed(format!("the plugin's deliver: {error}"));
        }
        Ok(Err(error)) => {
            return retry_or_fail(job.progress, format!("the plugin's deliver: {error}"), None);
        }
        Err(error) => return retry_or_fail(job.progress, error.to_string(), None),
    };
    let info = running.plugin.info();
    let allowlist = Allowlist::new(&info.manifest.send_to, channel.settings.send_to.as_deref());
    let secret = |name: &str| running.services.secret(name);
    let access = ChannelAccess {
        allowlist: &allowlist,
        declared_secrets: &info.secrets,
        secret: &secret,
        mail: channel.settings.mail.as_ref(),
        idempotency_key: &job.idempotency_key,
    };
    let mut progress = job.progress;
    let mut platform_id = None;
    let start = usize::try_from(job.progress).unwrap_or(usize::MAX);
    // A third of the lease on the reply for each request: a send ends
    // well before another host may take the reply over.
    let budget = Duration::from_millis(app.config.limits.work_lease_ms / 3);
    for request in requests.iter().skip(start) {
        let attempt = tokio::time::timeout(budget, outbound::send(&app.http, request, access))
            .await
            .unwrap_or_else(|_| Attempt::Retry {
                reason: format!("no answer within {} ms", budget.as_millis()),
                after: None,
            });
        match attempt {
            Attempt::Sent { platform_id: id } => {
                progress += 1;
                platform_id = platform_id.or(id);
            }
            Attempt::Retry { reason, after } => return retry_or_fail(progress, reason, after),
            Attempt::Failed { reason } => return SendOutcome::Failed { progress, reason },
        }
    }
    SendOutcome::Sent {
        platform_id,
        at: crate::clock::now(),
    }
}

/// A failure worth retrying: retried after [`backoff::delay`], unless this
/// was the last attempt the server allows.
fn retry_or_fail<S>(
    app: &App<S>,
    job: &SendJob,
    progress: u32,
    reason: String,
    after: Option<Duration>,
) -> SendOutcome {
    let limits = &app.config.limits;
    let attempts = job.attempts + 1;
    if attempts >= limits.send_attempts {
        return SendOutcome::Failed {
            progress,
            reason: format!("gave up after {attempts} attempts: {reason}"),
        };
    }
    let base = Duration::from_millis(limits.send_retry_base_ms);
    let wait = backoff::delay(
        attempts,
        base,
        jitter(&job.idempotency_key, attempts),
        after,
    );
    let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
    SendOutcome::Retry {
        progress,
        next_at: crate::clock::now().saturating_add(wait_ms),
        reason,
    }
}

/// A number in 0..1 for the `attempts`-th retry of the reply with `key`:
/// different across replies, so that replies failing together do not retry
/// together, and the same on every host.
fn jitter(key: &str, attempts: u32) -> f64 {
    let hash = blake3::Hasher::new()
        .update(key.as_bytes())
        .update(&attempts.to_le_bytes())
        .finalize();
    let mut first = [0; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first) as f64 / u64::MAX as f64
}

#[cfg(test)]
mod tests {
    use super::jitter;

    #[test]
    fn jitter_spreads_replies_and_attempts() {
        let values: Vec<f64> = (0..50).map(|i| jitter(&format!("reply-{i}"), 1)).collect();
        assert!(values.iter().all(|v| (0.0..=1.0).contains(v)));
        assert!(values.iter().any(|v| *v < 0.5) && values.iter().any(|v| *v > 0.5));
        assert_ne!(jitter("reply-1", 1), jitter("reply-1", 2));
        assert_eq!(jitter("reply-1", 1), jitter("reply-1", 1));
    }
}
