//! Every request to Meilisearch has a deadline. The SDK's own client waits
//! for ever, so a wedged engine would hold a page render (or a test) open
//! instead of failing over to the database fallback.

use std::time::Duration;

use meilisearch_sdk::errors::Error;
use meilisearch_sdk::request::{HttpClient, Method};
use meilisearch_sdk::reqwest::ReqwestClient;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Long enough for a large batch of documents on a busy two-core machine,
/// short enough that a page falls back while the visitor is still there.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(15);

/// The SDK's reqwest client, with [`REQUEST_DEADLINE`] on every request.
#[derive(Clone, Debug)]
pub struct DeadlineClient {
    inner: ReqwestClient,
    deadline: Duration,
}

impl DeadlineClient {
    /// # Errors
    /// When the key cannot go in a header.
    pub fn new(api_key: &str, deadline: Duration) -> Result<Self, Error> {
        Ok(DeadlineClient { inner: ReqwestClient::new(Some(api_key))?, deadline })
    }
}

#[async_trait::async_trait]
impl HttpClient for DeadlineClient {
    async fn stream_request<
        Query: Serialize + Send + Sync,
        Body: futures_io::AsyncRead + Send + Sync + 'static,
        Output: DeserializeOwned + 'static,
    >(
        &self,
        url: &str,
        method: Method<Query, Body>,
        content_type: &str,
        expected_status_code: u16,
    ) -> Result<Output, Error> {
        tokio::time::timeout(self.deadline, self.inner.stream_request(url, method, content_type, expected_status_code))
            .await
            .unwrap_or(Err(Error::Timeout))
    }

    fn is_tokio(&self) -> bool {
        true
    }
}

/// A Meilisearch client whose requests give up after `deadline`.
pub type Meili = meilisearch_sdk::client::Client<DeadlineClient>;

/// # Errors
/// When the key cannot go in a header.
pub fn client(url: &str, api_key: &str, deadline: Duration) -> Result<Meili, Error> {
    Ok(Meili::new_with_client(url, Some(api_key), DeadlineClient::new(api_key, deadline)?))
}
