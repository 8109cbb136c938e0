//! Full rebuild: write every document into a fresh index, then swap it with
//! the live one in a single Meilisearch task, so searches never see a
//! half-built index.

use std::collections::VecDeque;

use meilisearch_sdk::client::SwapIndexes;
use sea_orm::DatabaseConnection;

use crate::search::document;
use crate::search::service::{SearchError, SearchService};

const PAGE: u64 = 1_000;
/// Pages sent but not yet confirmed. Meilisearch merges the tasks waiting in
/// its queue into one batch, and a few large batches index far faster than
/// many small ones (its prefix structures are rebuilt once per batch), so
/// pages are sent as fast as they are read; this bound only keeps the queued
/// payloads on its disk in check for very large databases.
const IN_FLIGHT: usize = 64;

/// Rebuilds the live index. `progress(done, total)` is called after each page.
///
/// # Errors
/// When the database or Meilisearch fails; the live index is left untouched.
pub async fn reindex(db: &DatabaseConnection, search: &SearchService, mut progress: impl FnMut(u64, u64)) -> Result<u64, SearchError> {
    let live = search.index_uid().to_string();
    let rebuild = search.rebuild_uid();
    if search.index_exists(&rebuild).await? {
        // Left behind by an interrupted rebuild.
        search.wait(search.client().index(&rebuild).delete().await?).await?;
    }
    search.prepare_index(&rebuild).await?;
    search.prepare_index(&live).await?;

    let total = document::count_all(db).await?;
    let mut done = 0u64;
    progress(0, total);
    let mut pages = document::AllDocuments::new(db, PAGE);
    let mut sent = VecDeque::new();
    let index = search.client().index(&rebuild);
    while let Some(docs) = pages.next_page().await? {
        sent.push_back((index.add_or_replace(&docs, Some("id")).await?, docs.len() as u64));
        // Counts the pages already indexed; waits only when too many are queued.
        while let Some((task, count)) = sent.front() {
            if sent.len() <= IN_FLIGHT && search.client().get_task(task).await?.is_pending() {
                break;
            }
            let count = *count;
            let (task, _) = sent.pop_front().expect("a front was seen");
            search.wait(task).await?;
            done += count;
            progress(done, total);
        }
    }
    for (task, count) in sent {
        search.wait(task).await?;
        done += count;
        progress(done, total);
    }

    let swap = SwapIndexes { indexes: (live.clone(), rebuild.clone()), rename: None };
    search.wait(search.client().swap_indexes([&swap]).await?).await?;
    search.wait(search.client().index(&rebuild).delete().await?).await?;
    Ok(done)
}
