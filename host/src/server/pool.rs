//! Where plugin calls run: a pool of threads of their own, with a lane per
//! brand, so that one brand never slows another.
//!
//! - Plugin code runs on the pool's threads, never on the threads that
//!   serve HTTP: a plugin that spins to its deadline, or whose huge output
//!   takes a while to lift, cannot delay another brand's acknowledgement.
//!   The pool's threads also run at a lower CPU priority than those, so
//!   that when plugins keep every core busy the kernel still schedules the
//!   acknowledgements first.
//! - Each brand runs at most `brand_concurrency` calls at once, fewer than
//!   the pool's threads, so a flooding brand always leaves threads free.
//! - A brand's webhooks wait in the brand's own lane; when `brand_queue`
//!   are already waiting, the next is refused before it is acknowledged
//!   (503 with `Retry-After`: the platform retries, nothing is lost) and
//!   never takes a server-wide request slot from another brand for long.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::runtime::{Handle, Runtime};
use tokio::sync::Semaphore;

/// Sizes of the pool and of each brand's lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSize {
    /// Threads running plugin code.
    pub threads: usize,
    /// Calls one brand may run at once.
    pub brand_concurrency: usize,
    /// Webhooks one brand may have waiting for a call.
    pub brand_queue: usize,
}

/// Why a call could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoolError {
    /// The brand already has `brand_queue` webhooks waiting.
    #[error("brand `{0}` has too many events waiting for its plugins")]
    Saturated(String),
    /// The brand has no lane (it is not configured).
    #[error("brand `{0}` is not configured")]
    UnknownBrand(String),
    /// The pool is shutting down, or the task running the call panicked.
    #[error("the plugin pool could not run the call: {0}")]
    Stopped(String),
}

/// One brand's lane.
#[derive(Debug)]
struct Lane {
    running: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
}

/// The plugin pool.
#[derive(Debug)]
pub struct PluginPool {
    runtime: Option<Runtime>,
    handle: Handle,
    lanes: HashMap<String, Lane>,
    size: PoolSize,
}

/// A webhook's place in its brand's lane, held from before the raw event is
/// appended until its plugin call ends.
#[derive(Debug)]
pub struct Ticket {
    waiting: Arc<AtomicUsize>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.waiting.fetch_sub(1, Ordering::AcqRel);
    }
}

impl PluginPool {
    /// A pool of `size.threads` threads with a lane for each of `brands`.
    pub fn new<'a>(
        size: PoolSize,
        brands: impl IntoIterator<Item = &'a str>,
    ) -> std::io::Result<Self> {
        let threads = size.threads.max(1);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .thread_name("chorus-plugin")
            .on_thread_start(lower_priority)
            .enable_time()
            .build()?;
        let lanes = brands
            .into_iter()
            .map(|brand| {
                let lane = Lane {
                    running: Arc::new(Semaphore::new(size.brand_concurrency.max(1))),
                    waiting: Arc::new(AtomicUsize::new(0)),
                };
                (brand.to_owned(), lane)
            })
            .collect();
        Ok(Self {
            handle: runtime.handle().clone(),
            runtime: Some(runtime),
            lanes,
            size,
        })
    }

    /// A place in `brand`'s lane, or `Saturated` when its queue is full.
    pub fn admit(&self, brand: &str) -> Result<Ticket, PoolError> {
        let lane = self.lane(brand)?;
        let before = lane.waiting.fetch_add(1, Ordering::AcqRel);
        let ticket = Ticket {
            waiting: lane.waiting.clone(),
        };
        if before >= self.size.brand_queue.max(1) {
            return Err(PoolError::Saturated(brand.to_owned()));
        }
        Ok(ticket)
    }

    /// Runs `call` on the pool once `brand` has a free slot.
    pub async fn run<T, F>(&self, brand: &str, call: F) -> Result<T, PoolError>
    where
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let lane = self.lane(brand)?;
        let _slot = lane
            .running
            .acquire()
            .await
            .map_err(|e| PoolError::Stopped(e.to_string()))?;
        self.handle
            .spawn(call)
            .await
            .map_err(|e| PoolError::Stopped(e.to_string()))
    }

    fn lane(&self, brand: &str) -> Result<&Lane, PoolError> {
        self.lanes
            .get(brand)
            .ok_or_else(|| PoolError::UnknownBrand(brand.to_owned()))
    }
}

/// How much less CPU priority plugin threads get than the threads serving
/// HTTP (a `nice` increment).
const PLUGIN_NICENESS: libc::c_int = 5;

/// Lowers the calling thread's CPU priority by [`PLUGIN_NICENESS`], so
/// that when plugins keep every core busy (one brand's spins to the
/// deadline, another's burst) the kernel still runs the threads that
/// acknowledge webhooks first. Plugin threads keep equal priority among
/// themselves: a brand's short call still preempts a spinning neighbour's.
/// Best effort: where the kernel refuses, the thread keeps its priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `gettid` has no preconditions; `setpriority` on this
        // thread's id changes this thread only (Linux threads are
        // scheduled entities of their own).
        let result = unsafe {
            let thread = libc::gettid() as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, thread, PLUGIN_NICENESS)
        };
        if result != 0 {
            tracing::debug!(
                "plugin thread keeps its priority: {}",
                std::io::Error::last_os_error()
            );
        }
    }
}

impl Drop for PluginPool {
    fn drop(&mut self) {
        // Dropping a runtime inside another runtime's thread would panic.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn pool(brand_concurrency: usize, brand_queue: usize) -> PluginPool {
        PluginPool::new(
            PoolSize {
                threads: 2,
                brand_concurrency,
                brand_queue,
            },
            ["busy", "calm"],
        )
        .expect("pool")
    }

    #[tokio::test]
    async fn calls_run_off_the_callers_threads() {
        let pool = pool(1, 4);
        let name = pool
            .run("calm", async {
                std::thread::current().name().map(str::to_owned)
            })
            .await
            .expect("runs");
        assert_eq!(name.as_deref(), Some("chorus-plugin"));
    }

    #[tokio::test]
    async fn a_busy_brand_leaves_room_for_another() {
        let pool = Arc::new(pool(1, 8));
        let (done, calm_done) = std::sync::mpsc::channel::<()>();
        // `busy` blocks its pool thread until `calm` has run: were `calm`
        // queued behind it, `busy` would give up after 10 s and say so.
        let busy = {
            let pool = pool.clone();
            tokio::spawn(async move {
                pool.run("busy", async move {
                    calm_done.recv_timeout(Duration::from_secs(10)).is_ok()
                })
                .await
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        pool.run("calm", async {}).await.expect("calm runs");
        done.send(()).expect("busy waits");
        assert_eq!(busy.await.expect("join"), Ok(true), "calm waited for busy");
    }

    #[test]
    fn a_full_queue_refuses_only_its_own_brand() {
        let pool = pool(1, 2);
        let first = pool.admit("busy").expect("first");
        let second = pool.admit("busy").expect("second");
        assert_eq!(
            pool.admit("busy").map(|_| ()),
            Err(PoolError::Saturated("busy".to_owned()))
        );
        assert!(pool.admit("calm").is_ok());
        drop((first, second));
        assert!(pool.admit("busy").is_ok(), "tickets free their place");
        assert_eq!(
            pool.admit("nobody").map(|_| ()),
            Err(PoolError::UnknownBrand("nobody".to_owned()))
        );
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn plugin_threads_yield_the_cpu_to_the_callers() {
        fn niceness() -> libc::c_int {
            // SAFETY: no preconditions; reads this thread's priority.
            unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
        }
        let pool = pool(1, 4);
        let caller = niceness();
        let plugin = pool.run("calm", async { niceness() }).await.expect("runs");
        assert_eq!(plugin, (caller + PLUGIN_NICENESS).min(19));
    }
}
