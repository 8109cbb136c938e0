//! Beltlink's server: configuration, start-up (database, search, outbox
//! worker) and the router. `main.rs` only parses the command line.

pub mod calendars;
pub mod config;
pub mod exports;
pub mod hardening;
pub mod imports;
pub mod media;
pub mod page_cache;
pub mod serve;
pub mod web;

use anyhow::{Context, Result};
use app::search::managed::{ManagedMeilisearch, SupervisedMeilisearch};
use app::search::service::SearchService;
use sea_orm::DatabaseConnection;

use crate::config::{Config, MeiliConfig};

/// Opens and migrates the database.
///
/// # Errors
/// When the database cannot be opened or migrated.
pub async fn open_database(config: &Config) -> Result<DatabaseConnection> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).with_context(|| format!("creating BELTLINK_DATA_DIR {}", config.data_dir.display()))?;
    }
    let db =
        app::db::connect(&config.database_url).await.with_context(|| format!("opening DATABASE_URL {}", redact(&config.database_url)))?;
    app::db::migrate(&db).await.context("migrating the database")?;
    Ok(db)
}

/// Hides a password in a database URL before it is printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Search as configured: the external Meilisearch, or a managed one started
/// now and started again whenever it dies.
pub struct Search {
    pub service: SearchService,
    pub managed: Option<SupervisedMeilisearch>,
}

/// Connects to (or starts) Meilisearch.
///
/// # Errors
/// When a managed Meilisearch cannot be started.
pub async fn start_search(config: &Config) -> Result<Search> {
    match &config.meili {
        MeiliConfig::External { url, master_key } => {
            Ok(Search { service: SearchService::new(url, master_key, &config.index_uid)?, managed: None })
        }
        MeiliConfig::Managed { binary } => {
            let managed = ManagedMeilisearch::start(binary, &config.meili_dir(), None).await?.supervise(binary);
            let service = SearchService::new(&managed.url, &managed.master_key, &config.index_uid)?;
            Ok(Search { service, managed: Some(managed) })
        }
    }
}

/// Makes the live index ready (settings applied) and rebuilds it when it is
/// empty but the database is not (a new or wiped Meilisearch), or when it
/// holds documents an older build wrote. Retries until
/// Meilisearch answers, so the app can start while search is still down.
pub async fn prepare_search(db: &DatabaseConnection, search: &SearchService) {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match bootstrap_index(db, search).await {
            Ok(()) => return,
            Err(err) => {
                tracing::warn!(error = %err, attempt, "search index not ready; retrying");
                tokio::time::sleep(app::search::outbox::backoff(attempt)).await;
            }
        }
    }
}

async fn bootstrap_index(db: &DatabaseConnection, search: &SearchService) -> Result<()> {
    search.prepare_index(search.index_uid()).await?;
    search.use_search_only_key().await?;
    let stats = search.live_index().get_stats().await?;
    let expected = app::search::document::count_all(db).await?;
    let outdated = search.outdated_documents(search.index_uid()).await?;
    if (stats.number_of_documents == 0 && expected > 0) || outdated > 0 {
        tracing::info!(documents = expected, outdated, "search index is empty or outdated; rebuilding it");
        app::search::reindex::reindex(db, search, |_, _| {}).await?;
    }
    Ok(())
}

/// Starts the outbox worker and returns its handle (abort it to stop).
pub fn spawn_outbox_worker(db: DatabaseConnection, search: SearchService) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        prepare_search(&db, &search).await;
        app::search::outbox::run_worker(db, search).await;
    })
}

/// Deletes expired sessions every ten minutes.
pub fn spawn_session_cleanup(db: DatabaseConnection) -> tokio::task::JoinHandle<()> {
    use tower_sessions::session_store::ExpiredDeletion;
    let store = app::accounts::session_store::DbSessionStore::new(db);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(error = %err, "deleting expired sessions failed; will retry");
            }
        }
    })
}

/// Closes scouting briefs whose deadline passed, every minute. (Pages show
/// such a brief closed at once; this writes it down.)
pub fn spawn_brief_sweeper(db: DatabaseConnection) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            match app::scouting::repo::close_expired(&db, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(closed) => tracing::info!(closed, "briefs past their deadline closed"),
                Err(err) => tracing::warn!(error = %err, "closing expired briefs failed; will retry"),
            }
        }
    })
}

/// Sends events' reminders (the day before, an hour before) as they fall due, every minute.
pub fn spawn_event_reminders(db: DatabaseConnection, mail: app::state::MailSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            if let Err(err) = app::events::reminders::send_due(&db, &mail, chrono::Utc::now()).await {
                tracing::warn!(error = %err, "sending event reminders failed; will retry");
            }
        }
    })
}

/// Lets seats offered to the waitlist whose deadline passed go to the next
/// in line, every minute. (Pages show such an offer lapsed at once; this
/// writes it down and offers the seat on.)
pub fn spawn_offer_sweeper(db: DatabaseConnection, mail: app::state::MailSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            match app::talent::application_repo::sweep_lapsed(&db, &mail, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(programs) => tracing::info!(programs, "lapsed seat offers passed on"),
                Err(err) => tracing::warn!(error = %err, "passing on lapsed seat offers failed; will retry"),
            }
        }
    })
}

/// Waits for Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite://data/x.sqlite"), "sqlite://data/x.sqlite");
    }
}
