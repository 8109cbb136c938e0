//! Read models kept in memory between changes.
//!
//! Every write to a public entity records itself in the search outbox (see
//! `search::outbox`), whichever process makes it. The outbox worker counts
//! the changes it picks up; a cached value stays valid while that count
//! stands still, and for at most `max_age` as a safety net for writes made
//! outside the application. So a page may lag a write by the worker's poll
//! interval (two seconds), never more than `max_age`.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How many changes the outbox worker has seen.
#[derive(Clone, Debug, Default)]
pub struct ChangeCounter(Arc<AtomicU64>);

impl ChangeCounter {
    pub fn bump(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    pub fn current(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

struct Entry<T> {
    seen: u64,
    loaded_at: Instant,
    value: Arc<T>,
}

/// A value loaded from the database, shared until the next change.
pub struct Cached<T> {
    entry: Arc<RwLock<Option<Entry<T>>>>,
    changes: ChangeCounter,
    max_age: Duration,
}

impl<T> Clone for Cached<T> {
    fn clone(&self) -> Self {
        Cached { entry: self.entry.clone(), changes: self.changes.clone(), max_age: self.max_age }
    }
}

impl<T> Cached<T> {
    pub fn new(changes: ChangeCounter, max_age: Duration) -> Self {
        Cached { entry: Arc::new(RwLock::new(None)), changes, max_age }
    }

    /// The cached value, or a fresh one from `load` after a change.
    ///
    /// # Errors
    /// Whatever `load` returns; nothing is cached then.
    pub async fn get<E, F, Fut>(&self, load: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        // Read before loading: a change during the load leaves the entry stale, not wrong.
        let seen = self.changes.current();
        if let Some(entry) = self.entry.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
            if entry.seen == seen && entry.loaded_at.elapsed() < self.max_age {
                return Ok(entry.value.clone());
            }
        }
        let value = Arc::new(load().await?);
        *self.entry.write().unwrap_or_else(|p| p.into_inner()) = Some(Entry { seen, loaded_at: Instant::now(), value: value.clone() });
        Ok(value)
    }
}

/// Most values a [`CachedMap`] keeps; past it, it starts afresh.
const MAP_MAX_ENTRIES: usize = 512;

/// Values loaded from the database by key (a belt, a language), each shared
/// until the next change, like [`Cached`].
pub struct CachedMap<K, T> {
    entries: Arc<RwLock<std::collections::HashMap<K, Entry<T>>>>,
    changes: ChangeCounter,
    max_age: Duration,
}

impl<K, T> Clone for CachedMap<K, T> {
    fn clone(&self) -> Self {
        CachedMap { entries: self.entries.clone(), changes: self.changes.clone(), max_age: self.max_age }
    }
}

impl<K: std::hash::Hash + Eq, T> CachedMap<K, T> {
    pub fn new(changes: ChangeCounter, max_age: Duration) -> Self {
        CachedMap { entries: Arc::default(), changes, max_age }
    }

    /// The value kept for `key`, or a fresh one from `load` after a change.
    ///
    /// # Errors
    /// Whatever `load` returns; nothing is kept then.
    pub async fn get<E, F, Fut>(&self, key: K, load: F) -> Result<Arc<T>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let seen = self.changes.current();
        if let Some(entry) = self.entries.read().unwrap_or_else(|p| p.into_inner()).get(&key) {
            if entry.seen == seen && entry.loaded_at.elapsed() < self.max_age {
                return Ok(entry.value.clone());
            }
        }
        let value = Arc::new(load().await?);
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAP_MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, Entry { seen, loaded_at: Instant::now(), value: value.clone() });
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    async fn count_loads(cache: &Cached<usize>, loads: &AtomicUsize) -> usize {
        *cache.get(|| async { Ok::<_, ()>(loads.fetch_add(1, Ordering::SeqCst) + 1) }).await.unwrap()
    }

    #[tokio::test]
    async fn loads_once_until_a_change_is_seen() {
        let changes = ChangeCounter::default();
        let cache = Cached::new(changes.clone(), Duration::from_secs(60));
        let loads = AtomicUsize::new(0);
        assert_eq!(count_loads(&cache, &loads).await, 1);
        assert_eq!(count_loads(&cache, &loads).await, 1);
        changes.bump();
        assert_eq!(count_loads(&cache, &loads).await, 2);
        assert_eq!(count_loads(&cache, &loads).await, 2);
    }

    #[tokio::test]
    async fn a_map_keeps_each_key_until_a_change_is_seen() {
        let changes = ChangeCounter::default();
        let cache: CachedMap<&str, usize> = CachedMap::new(changes.clone(), Duration::from_secs(60));
        let loads = AtomicUsize::new(0);
        let load = |key: &'static str| {
            let cache = cache.clone();
            let loads = &loads;
            async move { *cache.get(key, || async { Ok::<_, ()>(loads.fetch_add(1, Ordering::SeqCst) + 1) }).await.unwrap() }
        };
        assert_eq!(load("pingdu").await, 1);
        assert_eq!(load("miluo").await, 2, "another key loads its own");
        assert_eq!(load("pingdu").await, 1, "kept");
        changes.bump();
        assert_eq!(load("pingdu").await, 3, "a change is seen");
    }

    #[tokio::test]
    async fn expires_after_max_age_and_does_not_keep_failures() {
        let cache = Cached::new(ChangeCounter::default(), Duration::ZERO);
        let loads = AtomicUsize::new(0);
        assert_eq!(count_loads(&cache, &loads).await, 1);
        assert_eq!(count_loads(&cache, &loads).await, 2);
        let failed: Result<Arc<usize>, &str> = cache.get(|| async { Err("database down") }).await;
        assert!(failed.is_err());
    }
}
