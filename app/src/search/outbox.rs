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

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::{search_dead_letter, search_outbox};
use crate::search::document::{self, EntityKind};
use crate::search::service::{SearchError, SearchService};

const BATCH_SIZE: u64 = 500;
/// Writes in this process wake the worker at once; this bounds the wait for
/// those of other processes (admin commands such as `seed`).
const IDLE_POLL: Duration = Duration::from_millis(500);

/// Records that an entity changed. Call inside the transaction that changes it.
///
/// # Errors
/// On a database failure, which should roll the whole transaction back.
pub async fn enqueue<C: ConnectionTrait>(conn: &C, kind: EntityKind, id: i32) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    search_outbox::Entity::insert(search_outbox::ActiveModel {
        entity_kind: Set(kind.code().to_string()),
        entity_id: Set(id),
        enqueued_at: Set(now),
        attempts: Set(0),
        available_at: Set(now),
        last_error: Set(None),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}

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

/// Pushes one batch of due rows. Returns how many rows it settled.
///
/// # Errors
/// When the batch could not be delivered; its rows are kept and rescheduled.
pub async fn process_batch(db: &DatabaseConnection, search: &SearchService) -> Result<usize, SearchError> {
    let rows = search_outbox::Entity::find()
        .filter(search_outbox::Column::AvailableAt.lte(Utc::now()))
        .order_by_asc(search_outbox::Column::Id)
        .limit(BATCH_SIZE)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    // These changes are committed: pages cached in memory must be read again.
    search.changes_seen.bump();
    match deliver(db, search, &rows).await {
        Ok(()) => {
            search_outbox::Entity::delete_many()
                .filter(search_outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
                .exec(db)
                .await?;
            Ok(rows.len())
        }
        Err(err) => {
            reschedule(db, &rows, &err).await?;
            Err(err)
        }
    }
}

async fn deliver(db: &DatabaseConnection, search: &SearchService, rows: &[search_outbox::Model]) -> Result<(), SearchError> {
    // Checked after the rows were read: a rebuild that starts later reads the
    // database after these changes were committed, so it cannot miss them.
    let rebuild_uid = search.rebuild_uid();
    let mut targets = vec![search.index_uid().to_string()];
    if search.index_exists(&rebuild_uid).await? {
        targets.push(rebuild_uid);
    }

    let entities: BTreeSet<(EntityKind, i32)> = rows
        .iter()
        .filter_map(|r| Some((EntityKind::from_code(&r.entity_kind)?, r.entity_id)))
        .collect();
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
    let mut refused: Vec<(EntityKind, i32, String)> = Vec::new();
    for uid in &targets {
        let docs: Vec<_> = upserts.iter().map(|(_, _, doc)| doc.clone()).collect();
        match search.put_documents(uid, &docs).await {
            Ok(()) => {}
            // Something in the batch was refused: find out what, one by one.
            Err(SearchError::TaskFailed { .. }) => {
                for (kind, id, doc) in &upserts {
                    match search.put_documents(uid, std::slice::from_ref(doc)).await {
                        Ok(()) => {}
                        Err(SearchError::TaskFailed { message, .. }) => {
                            if !refused.iter().any(|(k, i, _)| k == kind && i == id) {
                                refused.push((*kind, *id, message));
                            }
                        }
                        Err(err) => return Err(err),
                    }
                }
            }
            Err(err) => return Err(err),
        }
        search.delete_documents(uid, &deletes).await?;
    }
    set_apart(db, &entities, &refused).await?;
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

/// Runs until the task is dropped: drains the outbox, then sleeps until woken
/// by a new write or the next poll. Safe to abort at any point: rows are only
/// deleted after Meilisearch confirmed them.
pub async fn run_worker(db: DatabaseConnection, search: SearchService) {
    loop {
        match process_batch(&db, &search).await {
            Ok(0) => {
                let _ = tokio::time::timeout(IDLE_POLL, search.outbox_wake.notified()).await;
            }
            Ok(n) => tracing::debug!(rows = n, "search outbox batch delivered"),
            Err(err) => {
                tracing::warn!(error = %err, "search outbox batch failed; will retry");
                let _ = tokio::time::timeout(backoff(1), search.outbox_wake.notified()).await;
            }
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
