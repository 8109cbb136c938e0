use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;

/// Longest query accepted; longer ones are a 400, not a slow search.
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitKind {
    Belt,
    Organisation(OrgKind),
    Supplier,
    Offering(crate::services::types::ServiceType),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub href: String,
    pub name: Bilingual,
    pub subtitle: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<SearchHit>,
    pub total: usize,
}

/// The query as searched: trimmed, and refused when too long.
///
/// # Errors
/// `QueryTooLong` past [`MAX_QUERY_CHARS`].
pub fn normalize_query(raw: &str) -> Result<String, crate::error::AppError> {
    let q = raw.trim();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(crate::error::AppError::QueryTooLong { max: MAX_QUERY_CHARS });
    }
    Ok(q.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_trimmed_and_bounded() {
        assert_eq!(normalize_query("  假睫毛 ").unwrap(), "假睫毛");
        assert!(normalize_query(&"睫".repeat(MAX_QUERY_CHARS)).is_ok());
        assert!(normalize_query(&"睫".repeat(MAX_QUERY_CHARS + 1)).is_err());
    }
}
