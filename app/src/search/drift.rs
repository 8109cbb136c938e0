//! Drift between the database and the live index, for `server search-check`.
//!
//! The outbox should keep them equal; this finds where they are not (an index
//! restored from an old snapshot, a document deleted by hand, a bug) by
//! comparing every document the database would write with what the index
//! holds. Changes still in the outbox, and documents Meilisearch refused, are
//! known differences and left out. Repair sends each differing entity through
//! the outbox again, so it takes the same path as any other write.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use meilisearch_sdk::documents::DocumentsQuery;
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::entities::{search_dead_letter, search_outbox};
use crate::search::document::{self, EntityKind, SearchDocument};
use crate::search::outbox;
use crate::search::service::{SearchError, SearchService};

const PAGE: usize = 1_000;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct DriftReport {
    pub in_database: u64,
    pub in_index: u64,
    /// Searchable in the database, absent from the index.
    pub missing: Vec<String>,
    /// In both, but the index holds another state.
    pub stale: Vec<String>,
    /// In the index, but not (or no longer) searchable in the database.
    pub extra: Vec<String>,
    /// Entities with changes in the outbox or refused by Meilisearch: not compared.
    pub in_flight: u64,
}

impl DriftReport {
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.extra.is_empty()
    }

    pub fn differences(&self) -> usize {
        self.missing.len() + self.stale.len() + self.extra.len()
    }
}

/// A document's content in a few bytes: the index and the database are
/// compared through the same serialisation of the same type.
fn fingerprint(doc: &SearchDocument) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    serde_json::to_string(doc).unwrap_or_default().hash(&mut hasher);
    hasher.finish()
}

/// The document id of an entity, back to the entity.
pub fn parse_document_id(id: &str) -> Option<(EntityKind, i32)> {
    let (kind, number) = id.rsplit_once('-')?;
    Some((EntityKind::from_code(kind)?, number.parse().ok()?))
}

/// Compares the database with the live index. `progress(done, total)` counts
/// documents read from both sides.
///
/// # Errors
/// When the database or Meilisearch fails.
pub async fn check(
    db: &DatabaseConnection,
    search: &SearchService,
    mut progress: impl FnMut(u64, u64),
) -> Result<DriftReport, SearchError> {
    let index = search.live_index();
    let expected_total = document::count_all(db).await?;
    // A missing index (a wiped Meilisearch) is an empty one: everything is missing.
    let index_exists = search.index_exists(search.index_uid()).await?;
    let index_total = if index_exists { index.get_stats().await?.number_of_documents as u64 } else { 0 };
    let total = expected_total + index_total;
    let mut done = 0;
    progress(done, total);

    let mut indexed: HashMap<String, u64> = HashMap::with_capacity(index_total as usize);
    let mut offset = 0;
    if index_exists {
        loop {
            let page = DocumentsQuery::new(&index).with_offset(offset).with_limit(PAGE).execute::<serde_json::Value>().await?;
            let read = page.results.len();
            for value in page.results {
                let id = match &value["id"] {
                    serde_json::Value::String(id) => id.clone(),
                    other => other.to_string(),
                };
                // A document of another shape matches nothing the database would write.
                let print = serde_json::from_value::<SearchDocument>(value).map_or(0, |doc| fingerprint(&doc));
                indexed.insert(id, print);
            }
            offset += read;
            done += read as u64;
            progress(done, total);
            if read < PAGE {
                break;
            }
        }
    }

    let mut report = DriftReport { in_index: indexed.len() as u64, ..DriftReport::default() };
    let mut pages = document::AllDocuments::new(db, PAGE as u64);
    while let Some(docs) = pages.next_page().await? {
        for doc in docs {
            report.in_database += 1;
            match indexed.remove(&doc.id) {
                None => report.missing.push(doc.id),
                Some(print) if print != fingerprint(&doc) => report.stale.push(doc.id),
                Some(_) => {}
            }
            done += 1;
        }
        progress(done, total);
    }
    report.extra = indexed.into_keys().collect();

    // Read last, so a change made during the check is known to be on its way.
    let mut in_flight = BTreeSet::new();
    for row in search_outbox::Entity::find().all(db).await? {
        in_flight.insert(format!("{}-{}", row.entity_kind, row.entity_id));
    }
    for row in search_dead_letter::Entity::find().all(db).await? {
        in_flight.insert(format!("{}-{}", row.entity_kind, row.entity_id));
    }
    report.in_flight = in_flight.len() as u64;
    for list in [&mut report.missing, &mut report.stale, &mut report.extra] {
        list.retain(|id| !in_flight.contains(id));
        list.sort_by_cached_key(|id| (parse_document_id(id), id.clone()));
    }
    Ok(report)
}

/// Sends every differing entity through the outbox again (the worker writes
/// or deletes its document as the database says), and deletes index
/// documents that belong to no entity at all. Returns the outbox rows added.
///
/// # Errors
/// When the database or Meilisearch fails; nothing is half-enqueued.
pub async fn repair(db: &DatabaseConnection, search: &SearchService, report: &DriftReport) -> Result<usize, SearchError> {
    // Settings first: a wiped Meilisearch would otherwise create a bare index on the first write.
    search.prepare_index(search.index_uid()).await?;
    let mut strays = Vec::new();
    let mut enqueued = 0;
    let txn = crate::db::begin_write(db).await?;
    for id in report.missing.iter().chain(&report.stale).chain(&report.extra) {
        match parse_document_id(id) {
            Some((kind, entity_id)) => {
                outbox::enqueue(&txn, kind, entity_id).await?;
                enqueued += 1;
            }
            None => strays.push(id.clone()),
        }
    }
    txn.commit().await?;
    search.delete_documents(search.index_uid(), &strays).await?;
    search.outbox_wake.notify_one();
    Ok(enqueued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_parse_back_to_their_entities() {
        for kind in EntityKind::ALL {
            assert_eq!(parse_document_id(&kind.document_id(42)), Some((kind, 42)));
        }
        assert_eq!(parse_document_id("supply_profile-7"), Some((EntityKind::SupplyProfile, 7)));
        assert_eq!(parse_document_id("belt"), None);
        assert_eq!(parse_document_id("planet-3"), None);
        assert_eq!(parse_document_id("belt-x"), None);
    }
}
