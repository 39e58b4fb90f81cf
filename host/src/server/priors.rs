//! The brands' learnt ranking priors, kept in memory. They are an aggregate
//! over every verdict a brand's agents gave, too costly to read from the
//! store for every message: each brand's are read once, and again after
//! this host records feedback for the brand, or after [`MAX_AGE`] (other
//! hosts sharing the database record feedback too).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::review::StrategyPriors;
use crate::store::{Store, StoreError};

/// How long priors are kept: feedback recorded by another host counts
/// after at most this long.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// Brand id → its priors, when read since its last feedback.
#[derive(Debug, Default)]
pub struct PriorsCache {
    brands: Mutex<HashMap<String, Cached>>,
}

/// One brand's entry.
#[derive(Debug, Default)]
struct Cached {
    /// Bumped by every invalidation: a read that started before one is not
    /// kept.
    generation: u64,
    /// The priors and when they were read, when read since the last
    /// invalidation.
    priors: Option<(Arc<StrategyPriors>, Instant)>,
}

impl PriorsCache {
    /// The brand's priors: kept ones, or read from `store` (and kept, unless
    /// feedback was recorded while they were read).
    pub async fn get<S: Store>(
        &self,
        store: &S,
        brand: &str,
    ) -> Result<Arc<StrategyPriors>, StoreError> {
        let generation = match self.lock().get(brand) {
            Some(Cached {
                priors: Some((priors, read_at)),
                ..
            }) if read_at.elapsed() < MAX_AGE => return Ok(priors.clone()),
            Some(cached) => cached.generation,
            None => 0,
        };
        let read_at = Instant::now();
        let priors = Arc::new(StrategyPriors::new(store.strategy_stats(brand).await?));
        let mut brands = self.lock();
        let cached = brands.entry(brand.to_owned()).or_default();
        if cached.generation == generation {
            cached.priors = Some((priors.clone(), read_at));
        }
        Ok(priors)
    }

    /// Forgets the brand's priors: feedback was just recorded for it.
    pub fn invalidate(&self, brand: &str) {
        let mut brands = self.lock();
        let cached = brands.entry(brand.to_owned()).or_default();
        cached.generation += 1;
        cached.priors = None;
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Cached>> {
        // The map is consistent after every statement: a panic elsewhere
        // while it was held leaves nothing half-done.
        self.brands.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
