//! What every server function reaches for: the database, search, and where
//! uploads are kept.

use std::time::Duration;

use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::belts::repo::DirectorySnapshot;
use crate::cache::Cached;
use crate::error::AppError;
use crate::search::service::SearchService;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub search: SearchService,
    /// The belt directory, read again after the outbox sees a change.
    pub directory: Cached<DirectorySnapshot>,
    /// Belt dashboards by belt and language, read again after the outbox sees a change.
    pub dashboards: crate::cache::CachedMap<(String, crate::i18n::Lang), crate::dashboards::types::BeltDashboard>,
    /// Where uploaded files (profile photos) are kept.
    pub media_dir: std::path::PathBuf,
    /// Reverse proxies trusted to name the client (`BELTLINK_TRUSTED_PROXIES`).
    pub trusted_proxies: std::sync::Arc<[std::net::IpAddr]>,
    pub mail: MailSettings,
}

/// How email leaves, and what its links point at.
#[derive(Clone)]
pub struct MailSettings {
    pub transport: crate::mail::transport::Transport,
    /// Wakes the mail worker after a message is committed.
    pub wake: std::sync::Arc<tokio::sync::Notify>,
    /// The site's address as people reach it (`BELTLINK_PUBLIC_URL`), without a trailing slash.
    pub public_url: std::sync::Arc<str>,
}

impl MailSettings {
    /// The local mailbox, links to `public_url`.
    pub fn local(public_url: &str) -> MailSettings {
        MailSettings {
            transport: crate::mail::transport::Transport::Local,
            wake: std::sync::Arc::new(tokio::sync::Notify::new()),
            public_url: public_url.trim_end_matches('/').into(),
        }
    }

    /// An absolute link to `path` on this site, for email.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// The longest a cached read model is trusted without a change being seen.
const CACHE_MAX_AGE: Duration = Duration::from_secs(60);

impl AppState {
    pub fn new(db: DatabaseConnection, search: SearchService, media_dir: std::path::PathBuf) -> Self {
        let directory = Cached::new(search.changes_seen.clone(), CACHE_MAX_AGE);
        let dashboards = crate::cache::CachedMap::new(search.changes_seen.clone(), CACHE_MAX_AGE);
        let mail = MailSettings::local("http://localhost:3000");
        AppState { db, search, directory, dashboards, media_dir, trusted_proxies: std::sync::Arc::new([]), mail }
    }
}

/// The state handed to this request by the server.
///
/// # Errors
/// `Internal` when called outside a request the server set up.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
