//! Beltlink's side of Meilisearch: one index whose settings live here in code
//! and are applied idempotently at start-up, searched only from the server
//! (the key never reaches a browser).

use std::sync::Arc;
use std::time::Duration;

use meilisearch_sdk::client::Client;
use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::settings::{LocalizedAttributes, Settings};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use tokio::sync::Notify;

use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::search::document::SearchDocument;
use crate::search::types::{HitKind, SearchHit, SearchResults};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("Meilisearch: {0}")]
    Meili(#[from] MeiliError),
    #[error("Meilisearch task {uid} failed: {message}")]
    TaskFailed { uid: u32, message: String },
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
}

/// A handle on the search engine, cheap to clone.
#[derive(Clone)]
pub struct SearchService {
    client: Arc<Client>,
    index_uid: Arc<str>,
    /// Woken after a transaction wrote to the outbox, so the worker need not wait for its next poll.
    pub outbox_wake: Arc<Notify>,
    /// Bumped by the outbox worker for every batch of changes it picks up.
    pub changes_seen: crate::cache::ChangeCounter,
}

/// How long to wait for Meilisearch to finish one task before giving up on it (it is retried).
const TASK_TIMEOUT: Duration = Duration::from_secs(120);

impl SearchService {
    /// # Errors
    /// When the URL or key cannot make a client.
    pub fn new(url: &str, api_key: &str, index_uid: &str) -> Result<Self, SearchError> {
        Ok(SearchService {
            client: Arc::new(Client::new(url, Some(api_key))?),
            index_uid: index_uid.into(),
            outbox_wake: Arc::new(Notify::new()),
            changes_seen: crate::cache::ChangeCounter::default(),
        })
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn index_uid(&self) -> &str {
        &self.index_uid
    }

    /// Where a rebuild writes before it is swapped in. While it exists the
    /// outbox worker writes there too, so no update is lost during a rebuild.
    pub fn rebuild_uid(&self) -> String {
        format!("{}__rebuild", self.index_uid)
    }

    pub fn live_index(&self) -> Index {
        self.client.index(self.index_uid.as_ref())
    }

    pub async fn is_healthy(&self) -> bool {
        self.client.health().await.is_ok_and(|h| h.status == "available")
    }

    /// Waits for a task and turns a failed one into an error.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or the task failed.
    pub async fn wait(&self, task: TaskInfo) -> Result<(), SearchError> {
        match task.wait_for_completion(&self.client, Some(Duration::from_millis(25)), Some(TASK_TIMEOUT)).await? {
            Task::Failed { content } => Err(SearchError::TaskFailed {
                uid: content.task.uid,
                message: content.error.error_message,
            }),
            _ => Ok(()),
        }
    }

    /// Creates the index if needed (an existing one is fine) and applies the settings.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or rejects the settings.
    pub async fn prepare_index(&self, uid: &str) -> Result<(), SearchError> {
        match self.wait(self.client.create_index(uid, Some("id")).await?).await {
            Ok(()) => {}
            Err(SearchError::TaskFailed { message, .. }) if message.contains("already exists") => {}
            Err(e) => return Err(e),
        }
        let settings_task = self.client.index(uid).set_settings(&index_settings()).await?;
        self.wait(settings_task).await
    }

    /// Whether an index exists.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached.
    pub async fn index_exists(&self, uid: &str) -> Result<bool, SearchError> {
        match self.client.get_index(uid).await {
            Ok(_) => Ok(true),
            Err(MeiliError::Meilisearch(e)) if e.error_code == ErrorCode::IndexNotFound => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Adds or replaces documents in one index and waits until they are searchable.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or rejects the documents.
    pub async fn put_documents(&self, uid: &str, docs: &[SearchDocument]) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        let task = self.client.index(uid).add_or_replace(docs, Some("id")).await?;
        self.wait(task).await
    }

    /// Deletes documents by id from one index and waits for it.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or fails the task.
    pub async fn delete_documents(&self, uid: &str, ids: &[String]) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        let task = self.client.index(uid).delete_documents(ids).await?;
        self.wait(task).await
    }

    /// How many documents in an index were written by an older build (see
    /// [`crate::search::document::DOCUMENT_SCHEMA`]).
    ///
    /// # Errors
    /// When Meilisearch cannot be reached.
    pub async fn outdated_documents(&self, uid: &str) -> Result<usize, SearchError> {
        let filter = format!("schema_version NOT EXISTS OR schema_version < {}", crate::search::document::DOCUMENT_SCHEMA);
        let index = self.client.index(uid);
        let results = index.search().with_filter(&filter).with_limit(0).execute::<serde_json::Value>().await?;
        Ok(results.estimated_total_hits.unwrap_or(0))
    }

    /// Searches the live index.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached.
    pub async fn search(&self, query: &str, limit: usize) -> Result<SearchResults, SearchError> {
        let index = self.live_index();
        let results = index
            .search()
            .with_query(query)
            .with_limit(limit)
            .execute::<SearchDocument>()
            .await?;
        let total = results.estimated_total_hits.unwrap_or(results.hits.len());
        let hits = results.hits.into_iter().map(|h| hit(h.result)).collect();
        Ok(SearchResults { query: query.to_string(), hits, total })
    }
}

fn hit(doc: SearchDocument) -> SearchHit {
    let kind = match (doc.kind.as_str(), doc.org_kind.as_deref().and_then(OrgKind::from_code)) {
        ("supply_profile", _) => HitKind::Supplier,
        ("offering", _) => match doc.service_type.as_deref().and_then(crate::services::types::ServiceType::from_code) {
            Some(t) => HitKind::Offering(t),
            // Never stored (offerings are validated); shown as their provider if it happens.
            None => HitKind::Organisation(OrgKind::ServiceProvider),
        },
        (_, Some(k)) => HitKind::Organisation(k),
        _ => HitKind::Belt,
    };
    let href = match kind {
        HitKind::Belt => format!("/belts/{}", doc.slug),
        HitKind::Organisation(_) => format!("/orgs/{}", doc.slug),
        HitKind::Supplier => format!("/suppliers/{}", doc.slug),
        HitKind::Offering(_) => format!("/orgs/{}#{}", doc.slug, doc.id),
    };
    let join = |a: &[String], sep: &str| a.join(sep);
    let subtitle = Bilingual::new(
        [doc.place_zh, join(&doc.categories_zh, "、")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "),
        [doc.place_en, join(&doc.categories_en, ", ")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "),
    );
    SearchHit { kind, href, name: Bilingual::new(doc.name_zh, doc.name_en), subtitle }
}

/// The index settings. `*_zh` fields are segmented as Mandarin and `*_en` as
/// English: without this a short all-Han query can be detected as Japanese and
/// match nothing.
pub fn index_settings() -> Settings {
    Settings::new()
        .with_searchable_attributes([
            "name_zh",
            "name_en",
            "categories_zh",
            "categories_en",
            "place_zh",
            "place_en",
            "summary_zh",
            "summary_en",
            "subwords_zh",
        ])
        .with_synonyms(crate::search::synonyms::synonym_map())
        .with_filterable_attributes(["kind", "org_kind", "province", "category_slugs", "_geo", "schema_version"])
        .with_localized_attributes([
            LocalizedAttributes { locales: vec!["cmn".into()], attribute_patterns: vec!["*_zh".into()] },
            LocalizedAttributes { locales: vec!["eng".into()], attribute_patterns: vec!["*_en".into()] },
        ])
}
