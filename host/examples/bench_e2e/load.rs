//! The load generator: keep-alive connections posting events, either as
//! fast as each answer comes back (closed loop) or on a fixed schedule
//! (open loop, so a slow answer does not slow the offered load down and
//! every latency counts from when its event was due).

use std::net::SocketAddr;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::client::Client;
use super::events::{Events, signed_headers};

/// How events are offered.
#[derive(Debug, Clone, Copy)]
pub enum Pace {
    /// Each connection posts its next event as soon as the last is answered.
    Closed,
    /// Event `n` of the run is due `n / rate` seconds after the start.
    Open {
        /// Events per second.
        rate: f64,
    },
}

/// One acknowledged event.
#[derive(Debug, Clone, Copy)]
pub struct Ack {
    /// Its ledger entry (the server's answer names it).
    pub ledger_id: i64,
    /// When it was due (open loop) or sent (closed loop).
    pub sent: Instant,
    /// When its answer was read.
    pub acked: Instant,
}

/// Posts events `range` over `connections` connections, spread over the
/// hosts at `addresses` in turn; returns every acknowledgement. Fails on
/// any answer but an accepted new message.
pub fn run(
    addresses: &[SocketAddr],
    events: &Arc<Events>,
    range: Range<usize>,
    connections: usize,
    pace: Pace,
) -> anyhow::Result<Vec<Ack>> {
    let next = Arc::new(AtomicUsize::new(range.start));
    let acks = Arc::new(Mutex::new(Vec::with_capacity(range.len())));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|connection| {
            let address = addresses[connection % addresses.len()];
            let (events, next, acks, range) =
                (events.clone(), next.clone(), acks.clone(), range.clone());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut client = Client::connect(address)?;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= range.end {
                        return Ok(());
                    }
                    let body = events.body(i)?;
                    let sent = match pace {
                        Pace::Closed => Instant::now(),
                        Pace::Open { rate } => {
                            let due =
                                started + Duration::from_secs_f64((i - range.start) as f64 / rate);
                            std::thread::sleep(due.saturating_duration_since(Instant::now()));
                            due
                        }
                    };
                    let (status, answer) =
                        client.post(&events.path(i), &signed_headers(&body), &body)?;
                    let acked = Instant::now();
                    let answer: serde_json::Value = serde_json::from_slice(&answer)?;
                    anyhow::ensure!(
                        status == 200 && answer["new"] == 1,
                        "event {i}: {status} {answer}"
                    );
                    let ledger_id = answer["ledger_id"]
                        .as_i64()
                        .ok_or_else(|| anyhow::anyhow!("event {i}: no ledger id in {answer}"))?;
                    acks.lock()
                        .map_err(|_| anyhow::anyhow!("a load thread panicked"))?
                        .push(Ack {
                            ledger_id,
                            sent,
                            acked,
                        });
                }
            })
        })
        .collect();
    for worker in workers {
        worker
            .join()
            .map_err(|_| anyhow::anyhow!("a load thread panicked"))??;
    }
    let acks = std::mem::take(
        &mut *acks
            .lock()
            .map_err(|_| anyhow::anyhow!("a load thread panicked"))?,
    );
    Ok(acks)
}
