//! Full rebuild: write every document into a fresh index, then swap it with
//! the live one in a single Meilisearch task, so searches never see a
//! half-built index.

use std::collections::VecDeque;

use meilisearch_sdk::client::SwapIndexes;
use sea_orm::DatabaseConnection;

use crate::search::document;
use crate::search::service::{SearchError, SearchService};

const PAGE: u64 = 1_000;
/// Pages sent but not yet confirmed: the next pages are read from the
/// database while Meilisearch indexes these (and batches them together).
const IN_FLIGHT: usize = 4;

/// Rebuilds the live index. `progress(done, total)` is called after each page.
///
/// # Errors
/// When the database or Meilisearch fails; the live index is left untouched.
pub async fn reindex(
    db: &DatabaseConnection,
    search: &SearchService,
    mut progress: impl FnMut(u64, u64),
) -> Result<u64, SearchError> {
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
        if sent.len() > IN_FLIGHT {
            let (task, count) = sent.pop_front().expect("more than one in flight");
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
