//! Beltlink's side of Meilisearch: one index whose settings live here in code
//! and are applied idempotently at start-up, searched only from the server
//! (the key never reaches a browser).

use std::sync::Arc;
use std::time::Duration;

use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::settings::{
    FilterFeatureModes, FilterFeatures, FilterableAttribute, FilterableAttributesSettings, LocalizedAttributes, Settings,
};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use tokio::sync::Notify;

use std::collections::HashMap;

use meilisearch_sdk::search::{MatchingStrategies, Selectors};

use crate::i18n::Bilingual;
use crate::search::document::SearchDocument;
use crate::search::http::{self, Meili, REQUEST_DEADLINE};
use crate::search::query::{filter_expressions, Facet, Narrowing, SearchQuery, SortOrder, PAGE_SIZE};
use crate::search::types::{MARK_END, MARK_START};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("Meilisearch: {0}")]
    Meili(#[from] MeiliError),
    #[error("Meilisearch task {uid} failed: {message}")]
    TaskFailed { uid: u32, message: String },
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("Meilisearch answered fewer searches than it was asked")]
    Incomplete,
}

/// A handle on the search engine, cheap to clone.
#[derive(Clone)]
pub struct SearchService {
    /// With the master key: index settings, writes, tasks, keys.
    client: Arc<Meili>,
    /// Searches go through here: the master key at first, a key that may
    /// only search once [`Self::use_search_only_key`] has made one.
    reader: Arc<std::sync::RwLock<(Arc<Meili>, Arc<str>)>>,
    url: Arc<str>,
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
        let client = Arc::new(http::client(url, api_key, REQUEST_DEADLINE)?);
        Ok(SearchService {
            reader: Arc::new(std::sync::RwLock::new((client.clone(), api_key.into()))),
            client,
            url: url.into(),
            index_uid: index_uid.into(),
            outbox_wake: Arc::new(Notify::new()),
            changes_seen: crate::cache::ChangeCounter::default(),
        })
    }

    pub fn client(&self) -> &Meili {
        &self.client
    }

    pub fn index_uid(&self) -> &str {
        &self.index_uid
    }

    fn reader(&self) -> Arc<Meili> {
        self.reader.read().unwrap_or_else(std::sync::PoisonError::into_inner).0.clone()
    }

    /// The key searches are sent with.
    pub fn read_key(&self) -> String {
        self.reader.read().unwrap_or_else(std::sync::PoisonError::into_inner).1.to_string()
    }

    /// From now on, searches use a key that may only search this site's
    /// indexes (made once, found again by its name on later starts), so the
    /// master key never serves a query.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or refuses to make the key.
    pub async fn use_search_only_key(&self) -> Result<(), SearchError> {
        use meilisearch_sdk::key::{Action, KeyBuilder, KeysQuery};
        let name = format!("{}-search-only", self.index_uid);
        let pattern = format!("{}*", self.index_uid);
        let existing = self.client.get_keys_with(KeysQuery::new().with_limit(1000)).await?.results.into_iter().find(|k| {
            k.name.as_deref() == Some(name.as_str())
                && k.actions == [Action::Search]
                && k.indexes == [pattern.clone()]
                && k.expires_at.is_none()
        });
        let key = match existing {
            Some(key) => key,
            None => {
                let mut builder = KeyBuilder::new();
                builder.with_name(&name).with_action(Action::Search).with_index(&pattern);
                self.client.create_key(builder).await?
            }
        };
        let reader = Arc::new(http::client(&self.url, &key.key, REQUEST_DEADLINE)?);
        *self.reader.write().unwrap_or_else(std::sync::PoisonError::into_inner) = (reader, key.key.as_str().into());
        Ok(())
    }

    /// Where a rebuild writes before it is swapped in. While it exists the
    /// outbox worker writes there too, so no update is lost during a rebuild.
    pub fn rebuild_uid(&self) -> String {
        format!("{}__rebuild", self.index_uid)
    }

    pub fn live_index(&self) -> meilisearch_sdk::indexes::Index<http::DeadlineClient> {
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
            Task::Failed { content } => Err(SearchError::TaskFailed { uid: content.task.uid, message: content.error.error_message }),
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
        match self.send_documents(uid, docs).await? {
            Some(task) => self.wait(task).await,
            None => Ok(()),
        }
    }

    /// Queues documents to add or replace, without waiting; `None` when there are none.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or refuses the request.
    pub async fn send_documents(&self, uid: &str, docs: &[SearchDocument]) -> Result<Option<TaskInfo>, SearchError> {
        if docs.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.client.index(uid).add_or_replace(docs, Some("id")).await?))
    }

    /// Queues deletions by id, without waiting; `None` when there are none.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or refuses the request.
    pub async fn send_deletions(&self, uid: &str, ids: &[String]) -> Result<Option<TaskInfo>, SearchError> {
        if ids.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.client.index(uid).delete_documents(ids).await?))
    }

    /// Deletes documents by id from one index and waits for it.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or fails the task.
    pub async fn delete_documents(&self, uid: &str, ids: &[String]) -> Result<(), SearchError> {
        match self.send_deletions(uid, ids).await? {
            Some(task) => self.wait(task).await,
            None => Ok(()),
        }
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

    /// For each `(filter, limit)`: up to `limit` documents passing the filter
    /// (no words, so in index order) with only `attributes`, and how many
    /// pass it in all, counted exactly (by the `kind` facet: a plain total
    /// stops counting at the index's pagination limit). One round trip.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or rejects a filter.
    pub async fn filtered<T: serde::de::DeserializeOwned + Send + Sync + 'static>(
        &self,
        filters: &[(String, usize)],
        attributes: &[&str],
    ) -> Result<Vec<(Vec<T>, usize)>, SearchError> {
        let reader = self.reader();
        let index = reader.index(self.index_uid.as_ref());
        let mut searches = Vec::new();
        for (filter, limit) in filters {
            let mut search = index.search();
            search
                .with_page(1)
                .with_hits_per_page(*limit)
                .with_attributes_to_retrieve(Selectors::Some(attributes))
                .with_facets(Selectors::Some(&["kind"]));
            if !filter.is_empty() {
                search.with_filter(filter);
            }
            searches.push(search);
        }
        let mut multi = reader.multi_search();
        for search in searches {
            multi.with_search_query(search);
        }
        let results = multi.execute::<T>().await?.results;
        if results.len() != filters.len() {
            return Err(SearchError::Incomplete);
        }
        Ok(results
            .into_iter()
            .map(|r| {
                let counted = r.facet_distribution.as_ref().and_then(|f| f.get("kind")).map(|kinds| kinds.values().sum::<usize>());
                let total = counted.unwrap_or(r.total_hits.unwrap_or(0));
                (r.hits.into_iter().map(|h| h.result).collect(), total)
            })
            .collect())
    }

    /// The one multi-search a results page needs: the page itself, then one
    /// query per filter in use (see [`Self::search`]).
    async fn multi_search<T: serde::de::DeserializeOwned + Send + Sync + 'static>(
        &self,
        query: &SearchQuery,
        near: Option<(f64, f64)>,
    ) -> Result<Vec<meilisearch_sdk::search::SearchResults<T>>, SearchError> {
        let reader = self.reader();
        let index = reader.index(self.index_uid.as_ref());
        let all_facets: Vec<&str> = Facet::ALL.iter().map(|f| f.attribute()).collect();
        let filter = filter_expressions(query, near, None).join(" AND ");
        let sort: Vec<String> = match (query.sort, near) {
            (SortOrder::Capacity, _) => vec!["capacity:desc".into()],
            (SortOrder::Updated, _) => vec!["updated_at:desc".into()],
            (SortOrder::Distance, Some((lat, lng))) => vec![format!("_geoPoint({lat}, {lng}):asc")],
            _ => Vec::new(),
        };
        let sort: Vec<&str> = sort.iter().map(String::as_str).collect();
        let start = MARK_START.to_string();
        let end = MARK_END.to_string();
        let crop: Vec<(&str, Option<usize>)> = vec![("summary_zh", None), ("summary_en", None)];

        let mut main = index.search();
        main.with_query(&query.q)
            // Every word must match: which ones may go is decided in `search`, by what they find, not by their order.
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_page(query.page as usize)
            .with_hits_per_page(PAGE_SIZE)
            .with_facets(Selectors::Some(&all_facets))
            .with_attributes_to_highlight(Selectors::Some(&HIGHLIGHTED))
            .with_attributes_to_crop(Selectors::Some(&crop))
            .with_crop_length(CROP_WORDS)
            .with_highlight_pre_tag(&start)
            .with_highlight_post_tag(&end);
        if !filter.is_empty() {
            main.with_filter(&filter);
        }
        if !sort.is_empty() {
            main.with_sort(&sort);
        }

        let narrowings = query.narrowings();
        let others: Vec<(String, Vec<&str>)> = narrowings
            .iter()
            .map(|n| {
                let facets = match n {
                    Narrowing::Facet(f) => vec![f.attribute()],
                    Narrowing::Near => Vec::new(),
                };
                (filter_expressions(query, near, Some(*n)).join(" AND "), facets)
            })
            .collect();
        let mut multi = reader.multi_search();
        multi.with_search_query(main);
        for (filter, facets) in &others {
            let mut without = index.search();
            without
                .with_query(&query.q)
                .with_matching_strategy(MatchingStrategies::ALL)
                .with_page(1)
                .with_hits_per_page(0)
                .with_facets(Selectors::Some(facets));
            if !filter.is_empty() {
                without.with_filter(filter);
            }
            multi.with_search_query(without);
        }
        Ok(multi.execute::<T>().await?.results)
    }

    /// Searches the live index: one page of hits with their highlights, the
    /// count of every facet value, and, for each filter in use, the counts
    /// without it (so a facet lists what choosing another value would give,
    /// and an empty result can say which filter to drop). One round trip.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or rejects the query.
    pub async fn search(&self, query: &SearchQuery, near: Option<(f64, f64)>) -> Result<FoundPage, SearchError> {
        let found = self.search_all_words(query, near).await?;
        let words: Vec<&str> = query.q.split_whitespace().collect();
        if found.total > 0 || words.len() < 2 {
            return Ok(found);
        }
        // Nothing has every word: leave out the words that find nothing on
        // their own (whatever their place in the query), and say so.
        let counts = self.word_counts(&words, query, near).await?;
        let (kept, dropped) = words_that_find(&words, &counts);
        if kept.is_empty() || dropped.is_empty() {
            return Ok(found);
        }
        let narrower = SearchQuery { q: kept.join(" "), ..query.clone() };
        let mut found = self.search_all_words(&narrower, near).await?;
        found.dropped_words = dropped.into_iter().map(str::to_string).collect();
        found.searched_for = Some(narrower.q);
        Ok(found)
    }

    /// How many documents each of `words` finds alone, under the query's filters.
    async fn word_counts(&self, words: &[&str], query: &SearchQuery, near: Option<(f64, f64)>) -> Result<Vec<usize>, SearchError> {
        let reader = self.reader();
        let index = reader.index(self.index_uid.as_ref());
        let filter = filter_expressions(query, near, None).join(" AND ");
        let mut multi = reader.multi_search();
        let mut searches = Vec::new();
        for word in words {
            let mut alone = index.search();
            alone.with_query(word).with_page(1).with_hits_per_page(0);
            if !filter.is_empty() {
                alone.with_filter(&filter);
            }
            searches.push(alone);
        }
        for alone in searches {
            multi.with_search_query(alone);
        }
        let results = multi.execute::<serde_json::Value>().await?.results;
        if results.len() != words.len() {
            return Err(SearchError::Incomplete);
        }
        Ok(results.into_iter().map(|r| r.total_hits.unwrap_or(0)).collect())
    }

    async fn search_all_words(&self, query: &SearchQuery, near: Option<(f64, f64)>) -> Result<FoundPage, SearchError> {
        let narrowings = query.narrowings();
        let mut responses = self.multi_search::<SearchDocument>(query, near).await?.into_iter();
        let main = responses.next().ok_or(SearchError::Incomplete)?;

        let mut facets = main.facet_distribution.unwrap_or_default();
        let mut totals_without = Vec::new();
        for (narrowing, response) in narrowings.into_iter().zip(responses) {
            totals_without.push((narrowing, response.total_hits.unwrap_or(0)));
            if let (Narrowing::Facet(f), Some(mut counts)) = (narrowing, response.facet_distribution) {
                if let Some(own) = counts.remove(f.attribute()) {
                    facets.insert(f.attribute().to_string(), own);
                }
            }
        }
        let facets = Facet::ALL.iter().map(|f| (*f, facets.remove(f.attribute()).unwrap_or_default())).collect();
        let hits = main
            .hits
            .into_iter()
            .map(|hit| {
                let formatted = hit.formatted_result.unwrap_or_default();
                let text = |field: &str| formatted.get(field).and_then(|v| v.as_str()).map(str::to_string);
                FoundHit {
                    name: Bilingual::new(
                        text("name_zh").unwrap_or_else(|| hit.result.name_zh.clone()),
                        text("name_en").unwrap_or_else(|| hit.result.name_en.clone()),
                    ),
                    snippet: Bilingual::new(text("summary_zh").unwrap_or_default(), text("summary_en").unwrap_or_default()),
                    doc: hit.result,
                }
            })
            .collect();
        Ok(FoundPage {
            hits,
            total: main.total_hits.unwrap_or(0),
            total_pages: main.total_pages.unwrap_or(0) as u32,
            facets,
            totals_without,
            dropped_words: Vec::new(),
            searched_for: None,
        })
    }

    /// The same request [`Self::search`] sends, with nothing done to the
    /// answer: the benchmark's baseline for what Beltlink adds. Returns the
    /// number of hits on the page.
    ///
    /// # Errors
    /// When Meilisearch cannot be reached or rejects the query.
    pub async fn search_direct(&self, query: &SearchQuery, near: Option<(f64, f64)>) -> Result<usize, SearchError> {
        let responses = self.multi_search::<serde_json::Value>(query, near).await?;
        Ok(responses.first().map_or(0, |page| page.hits.len()))
    }
}

/// Fields shown with the matched words marked.
const HIGHLIGHTED: [&str; 4] = ["name_zh", "name_en", "summary_zh", "summary_en"];
/// Words of description shown around a match.
const CROP_WORDS: usize = 24;

/// A hit as Meilisearch returned it: the document and its marked text.
pub struct FoundHit {
    pub doc: SearchDocument,
    pub name: Bilingual,
    pub snippet: Bilingual,
}

/// One page of results before it is labelled for people.
pub struct FoundPage {
    pub hits: Vec<FoundHit>,
    pub total: usize,
    pub total_pages: u32,
    /// Value counts of every facet, in [`Facet::ALL`] order.
    pub facets: Vec<(Facet, HashMap<String, usize>)>,
    /// For each filter in use, how many results there would be without it.
    pub totals_without: Vec<(Narrowing, usize)>,
    /// Words of the query left out because nothing matched them, and the
    /// words searched for instead (`None`: the query as typed).
    pub dropped_words: Vec<String>,
    pub searched_for: Option<String>,
}

/// The query's words that find something alone (kept, in the order typed)
/// and those that find nothing (dropped), by each word's count.
pub fn words_that_find<'a>(words: &[&'a str], counts: &[usize]) -> (Vec<&'a str>, Vec<&'a str>) {
    let (kept, dropped): (Vec<_>, Vec<_>) = words.iter().zip(counts).partition(|(_, count)| **count > 0);
    (kept.into_iter().map(|(w, _)| *w).collect(), dropped.into_iter().map(|(w, _)| *w).collect())
}

/// The index settings. `*_zh` fields are segmented as Mandarin and `*_en` as
/// English: without this a short all-Han query can be detected as Japanese and
/// match nothing.
pub fn index_settings() -> Settings {
    // Facets are only ever compared for equality and never searched within:
    // saying so spares Meilisearch the range and facet-search structures,
    // about a sixth of a full rebuild's time at 100,000 documents.
    let filter = |patterns: Vec<&str>, comparison: bool| {
        FilterableAttribute::Settings(FilterableAttributesSettings {
            attribute_patterns: patterns.into_iter().map(str::to_string).collect(),
            features: FilterFeatures { facet_search: false, filter: FilterFeatureModes { equality: true, comparison } },
        })
    };
    let mut facets: Vec<&str> = Facet::ALL.iter().map(|f| f.attribute()).collect();
    facets.extend(["org_kind", "service_type"]);
    let filterable = [filter(facets, false), filter(vec!["schema_version"], true), FilterableAttribute::from("_geo")];
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
            "trade_zh",
            "trade_en",
            "subwords_zh",
        ])
        .with_synonyms(crate::search::synonyms::synonym_map())
        .with_filterable_attributes_advanced(filterable)
        .with_sortable_attributes(["capacity", "updated_at", "_geo"])
        // `sort` first: a chosen order (capacity, date, distance) is the order
        // shown, with relevance only breaking ties; without one it does nothing.
        // A brief ranks after the directory's belts, firms and offerings
        // that match the words as well: people search the directory first.
        .with_ranking_rules(["sort", "words", "typo", "listing_rank:asc", "proximity", "attribute", "exactness"])
        // Whether query words share a field, not how many words apart they
        // are: the fields are names and a few sentences, the judged queries
        // rank the same, and indexing takes half the time.
        .with_proximity_precision("byAttribute")
        .with_localized_attributes([
            LocalizedAttributes { locales: vec!["cmn".into()], attribute_patterns: vec!["*_zh".into()] },
            LocalizedAttributes { locales: vec!["eng".into()], attribute_patterns: vec!["*_en".into()] },
        ])
}

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn only_words_that_find_nothing_are_dropped_wherever_they_stand() {
        assert_eq!(words_that_find(&["xyzzy", "eyelashes"], &[0, 14]), (vec!["eyelashes"], vec!["xyzzy"]));
        assert_eq!(words_that_find(&["eyelashes", "xyzzy"], &[14, 0]), (vec!["eyelashes"], vec!["xyzzy"]));
        assert_eq!(words_that_find(&["mink", "lashes"], &[3, 9]), (vec!["mink", "lashes"], vec![]));
    }
}
