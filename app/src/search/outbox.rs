//! The transactional outbox between the database and Meilisearch.
//!
//! A write to a searchable entity calls [`enqueue`] inside its own
//! transaction, so the change and the note "search must learn of this" commit
//! together or not at all. The worker reads due rows, rebuilds each entity's
//! document from the database as it is *now* (so rows can be coalesced and
//! their order does not matter), waits for Meilisearch to confirm, and only
//! then deletes the rows. A failed batch is retried with backoff; nothing is
//! lost when Meilisearch is down or the app restarts. A document Meilisearch
//! refuses (rather than cannot take right now) would fail every retry and
//! hold up the rest: it is set apart in the dead-letter table with
//! Meilisearch's reason, for site admins, and the rest goes through.

use std::collections::{BTreeSet, VecDeque};
use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::{search_dead_letter, search_outbox};
use meilisearch_sdk::task_info::TaskInfo;

use crate::search::document::{self, EntityKind, SearchDocument};
use crate::search::service::{SearchError, SearchService};

const BATCH_SIZE: u64 = 500;
pub use crate::changes::enqueue;

/// Batches the worker keeps with Meilisearch at once.
const UNDER_WAY: usize = 4;
/// How often the worker asks whether Meilisearch has finished a batch.
const TASK_POLL: Duration = Duration::from_millis(10);
/// Writes in this process wake the worker at once; this bounds the wait for
/// those of other processes (admin commands such as `seed`).
const IDLE_POLL: Duration = Duration::from_millis(500);

/// How long a batch waits after its `attempts`-th failure: doubling from half
/// a second, at most a minute.
pub fn backoff(attempts: u32) -> Duration {
    let exponent = attempts.saturating_sub(1).min(10);
    Duration::from_millis(500u64.saturating_mul(1 << exponent)).min(Duration::from_secs(60))
}

/// Rows still waiting to reach search.
///
/// # Errors
/// On a database failure.
pub async fn pending(db: &DatabaseConnection) -> Result<u64, sea_orm::DbErr> {
    search_outbox::Entity::find().count(db).await
}

/// Pushes one batch of due rows and waits for it. Returns how many rows it
/// settled. The worker does the same with several batches under way at once.
///
/// # Errors
/// When the batch could not be delivered; its rows are kept and rescheduled.
pub async fn process_batch(db: &DatabaseConnection, search: &SearchService) -> Result<usize, SearchError> {
    match send(db, search, &[]).await? {
        Some(batch) => settle(db, search, batch).await,
        None => Ok(0),
    }
}

/// A batch whose documents Meilisearch has been given but not yet confirmed.
struct SentBatch {
    rows: Vec<search_outbox::Model>,
    entities: BTreeSet<(EntityKind, i32)>,
    /// Upserts, per target index.
    upserts: Vec<(String, TaskInfo)>,
    deletes: Vec<TaskInfo>,
}

impl SentBatch {
    fn row_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.rows.iter().map(|r| r.id)
    }
}

/// Reads the due rows not already under way, rebuilds their documents from
/// the database as it is now, and hands them to Meilisearch without waiting.
/// `None` when nothing is due.
///
/// # Errors
/// When Meilisearch cannot take them; the rows are rescheduled.
async fn send(db: &DatabaseConnection, search: &SearchService, under_way: &[i64]) -> Result<Option<SentBatch>, SearchError> {
    let mut due = search_outbox::Entity::find().filter(search_outbox::Column::AvailableAt.lte(Utc::now()));
    if !under_way.is_empty() {
        due = due.filter(search_outbox::Column::Id.is_not_in(under_way.iter().copied()));
    }
    let rows = due.order_by_asc(search_outbox::Column::Id).limit(BATCH_SIZE).all(db).await?;
    if rows.is_empty() {
        return Ok(None);
    }
    // These changes are committed: pages cached in memory must be read again.
    search.changes_seen.bump();
    let entities: BTreeSet<(EntityKind, i32)> =
        rows.iter().filter_map(|r| Some((EntityKind::from_code(&r.entity_kind)?, r.entity_id))).collect();
    match hand_over(db, search, &entities).await {
        Ok((upserts, deletes)) => Ok(Some(SentBatch { rows, entities, upserts, deletes })),
        Err(err) => {
            reschedule(db, &rows, &err).await?;
            Err(err)
        }
    }
}

/// The documents of these entities as the database has them now, and the ids
/// of those no longer searchable.
async fn current_documents(
    db: &DatabaseConnection,
    entities: &BTreeSet<(EntityKind, i32)>,
) -> Result<(Vec<(EntityKind, i32, SearchDocument)>, Vec<String>), SearchError> {
    let mut upserts = Vec::new();
    let mut deletes = Vec::new();
    for kind in EntityKind::ALL {
        let ids: Vec<i32> = entities.iter().filter(|(k, _)| *k == kind).map(|&(_, id)| id).collect();
        if ids.is_empty() {
            continue;
        }
        let mut docs = document::load_many(db, kind, ids.clone()).await?;
        for id in ids {
            match docs.remove(&id) {
                Some(doc) => upserts.push((kind, id, doc)),
                None => deletes.push(kind.document_id(id)),
            }
        }
    }
    Ok((upserts, deletes))
}

async fn hand_over(
    db: &DatabaseConnection,
    search: &SearchService,
    entities: &BTreeSet<(EntityKind, i32)>,
) -> Result<(Vec<(String, TaskInfo)>, Vec<TaskInfo>), SearchError> {
    // Checked after the rows were read: a rebuild that starts later reads the
    // database after these changes were committed, so it cannot miss them.
    let rebuild_uid = search.rebuild_uid();
    let mut targets = vec![search.index_uid().to_string()];
    if search.index_exists(&rebuild_uid).await? {
        targets.push(rebuild_uid);
    }
    let (found, gone) = current_documents(db, entities).await?;
    let docs: Vec<SearchDocument> = found.into_iter().map(|(_, _, doc)| doc).collect();
    let mut upserts = Vec::new();
    let mut deletes = Vec::new();
    for uid in targets {
        // Queued together, Meilisearch indexes them as one batch.
        if let Some(task) = search.send_documents(&uid, &docs).await? {
            upserts.push((uid.clone(), task));
        }
        if let Some(task) = search.send_deletions(&uid, &gone).await? {
            deletes.push(task);
        }
    }
    Ok((upserts, deletes))
}

/// Waits until Meilisearch has finished every task of the batch, however it
/// ended. Safe to drop at any point.
async fn finished(search: &SearchService, batch: &SentBatch) -> Result<(), SearchError> {
    for task in batch.upserts.iter().map(|(_, t)| t).chain(&batch.deletes) {
        while search.client().get_task(task).await?.is_pending() {
            tokio::time::sleep(TASK_POLL).await;
        }
    }
    Ok(())
}

/// Waits for a sent batch; then deletes its rows, or reschedules them when
/// Meilisearch could not be reached or failed a task other than by refusing
/// a document. Returns how many rows it settled.
///
/// # Errors
/// When the batch was not delivered; its rows are kept and rescheduled.
async fn settle(db: &DatabaseConnection, search: &SearchService, batch: SentBatch) -> Result<usize, SearchError> {
    match confirm(db, search, &batch).await {
        Ok(()) => {
            search_outbox::Entity::delete_many().filter(search_outbox::Column::Id.is_in(batch.row_ids())).exec(db).await?;
            Ok(batch.rows.len())
        }
        Err(err) => {
            reschedule(db, &batch.rows, &err).await?;
            Err(err)
        }
    }
}

async fn confirm(db: &DatabaseConnection, search: &SearchService, batch: &SentBatch) -> Result<(), SearchError> {
    let mut refused: Vec<(EntityKind, i32, String)> = Vec::new();
    for (uid, task) in &batch.upserts {
        match search.wait(task.clone()).await {
            Ok(()) => {}
            // Something was refused, in this batch or one indexed with it: find
            // out what, one by one. The documents are read again, because a
            // later batch may already be queued: what goes in now must be the
            // newest state, or it would undo that batch's.
            Err(SearchError::TaskFailed { .. }) => {
                let (docs, _) = current_documents(db, &batch.entities).await?;
                for (kind, id, doc) in docs {
                    match search.put_documents(uid, std::slice::from_ref(&doc)).await {
                        Ok(()) => {}
                        Err(SearchError::TaskFailed { message, .. }) => {
                            if !refused.iter().any(|(k, i, _)| *k == kind && *i == id) {
                                refused.push((kind, id, message));
                            }
                        }
                        Err(err) => return Err(err),
                    }
                }
            }
            Err(err) => return Err(err),
        }
    }
    for task in &batch.deletes {
        search.wait(task.clone()).await?;
    }
    // Search results changed just now: pages kept in memory are read again.
    search.changes_seen.bump();
    set_apart(db, &batch.entities, &refused).await?;
    Ok(())
}

/// Records the refused documents, and forgets earlier refusals of the
/// entities that went through this time.
async fn set_apart(
    db: &DatabaseConnection,
    entities: &BTreeSet<(EntityKind, i32)>,
    refused: &[(EntityKind, i32, String)],
) -> Result<(), sea_orm::DbErr> {
    for (kind, id, reason) in refused {
        tracing::warn!(kind = kind.code(), id, reason, "Meilisearch refused a document; set apart for site admins");
    }
    // Refusals are rare: read them all once rather than delete per entity on every batch.
    let cleared: Vec<i32> = search_dead_letter::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|d| EntityKind::from_code(&d.entity_kind).is_some_and(|kind| entities.contains(&(kind, d.entity_id))))
        .map(|d| d.id)
        .collect();
    if !cleared.is_empty() {
        search_dead_letter::Entity::delete_many().filter(search_dead_letter::Column::Id.is_in(cleared)).exec(db).await?;
    }
    for (kind, id, reason) in refused {
        search_dead_letter::Entity::insert(search_dead_letter::ActiveModel {
            entity_kind: Set(kind.code().to_string()),
            entity_id: Set(*id),
            reason: Set(reason.clone()),
            failed_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The documents Meilisearch refused, newest first.
///
/// # Errors
/// On a database failure.
pub async fn dead_letters<C: ConnectionTrait>(db: &C) -> Result<Vec<search_dead_letter::Model>, sea_orm::DbErr> {
    search_dead_letter::Entity::find().order_by_desc(search_dead_letter::Column::FailedAt).all(db).await
}

/// Sends a refused document's entity through the outbox again (after its
/// data was fixed, or Meilisearch was); it stays listed until it goes through.
///
/// # Errors
/// `Ok(false)` when there is no such dead letter; `Err` on a database failure.
pub async fn retry_dead_letter<C: ConnectionTrait>(db: &C, dead_letter_id: i32) -> Result<bool, sea_orm::DbErr> {
    let Some(row) = search_dead_letter::Entity::find_by_id(dead_letter_id).one(db).await? else {
        return Ok(false);
    };
    match EntityKind::from_code(&row.entity_kind) {
        Some(kind) => enqueue(db, kind, row.entity_id).await?,
        None => {
            search_dead_letter::Entity::delete_by_id(row.id).exec(db).await?;
        }
    }
    Ok(true)
}

async fn reschedule(db: &DatabaseConnection, rows: &[search_outbox::Model], err: &SearchError) -> Result<(), sea_orm::DbErr> {
    let attempts = rows.iter().map(|r| r.attempts).max().unwrap_or(0) + 1;
    let delay = chrono::Duration::from_std(backoff(attempts as u32)).unwrap_or(chrono::Duration::seconds(60));
    search_outbox::Entity::update_many()
        .col_expr(search_outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(search_outbox::Column::AvailableAt, Expr::value(Utc::now() + delay))
        .col_expr(search_outbox::Column::LastError, Expr::value(err.to_string()))
        .filter(search_outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(db)
        .await?;
    Ok(())
}

/// Runs until the task is dropped: keeps up to [`UNDER_WAY`] batches with
/// Meilisearch at once (it indexes queued batches together, and a new write
/// need not wait behind a batch being confirmed), settles them in order, and
/// sleeps when there is nothing to do until woken by a new write or the next
/// poll. Safe to abort at any point: rows are only deleted after Meilisearch
/// confirmed them.
pub async fn run_worker(db: DatabaseConnection, search: SearchService) {
    let mut under_way: VecDeque<SentBatch> = VecDeque::new();
    // Each turn follows something worth looking for due rows after: a start,
    // a wake-up, a poll, a settled batch.
    loop {
        let mut failed = false;
        while under_way.len() < UNDER_WAY {
            let busy: Vec<i64> = under_way.iter().flat_map(SentBatch::row_ids).collect();
            match send(&db, &search, &busy).await {
                Ok(Some(batch)) => under_way.push_back(batch),
                Ok(None) => break,
                Err(err) => {
                    tracing::warn!(error = %err, "search outbox batch could not be sent; will retry");
                    failed = true;
                    break;
                }
            }
        }
        let Some(oldest) = under_way.front() else {
            let pause = if failed { backoff(1) } else { IDLE_POLL };
            let _ = tokio::time::timeout(pause, search.outbox_wake.notified()).await;
            continue;
        };
        tokio::select! {
            // A failure to ask is found again by `settle`, which reschedules.
            _ = finished(&search, oldest) => {
                let batch = under_way.pop_front().expect("the oldest batch");
                match settle(&db, &search, batch).await {
                    Ok(n) => tracing::debug!(rows = n, "search outbox batch delivered"),
                    Err(err) => {
                        tracing::warn!(error = %err, "search outbox batch failed; will retry");
                        failed = true;
                    }
                }
            }
            () = search.outbox_wake.notified() => {}
        }
        if failed {
            // Meilisearch is likely away: settle what is under way, then pause before sending more.
            while let Some(batch) = under_way.pop_front() {
                if let Err(err) = settle(&db, &search, batch).await {
                    tracing::warn!(error = %err, "search outbox batch failed; will retry");
                }
            }
            let _ = tokio::time::timeout(backoff(1), search.outbox_wake.notified()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(0), Duration::from_millis(500));
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_secs(1));
        assert_eq!(backoff(4), Duration::from_secs(4));
        assert_eq!(backoff(30), Duration::from_secs(60));
        assert_eq!(backoff(u32::MAX), Duration::from_secs(60));
    }

    proptest::proptest! {
        #[test]
        fn backoff_never_shrinks(a in 0u32..100) {
            proptest::prop_assert!(backoff(a + 1) >= backoff(a));
        }
    }
}
