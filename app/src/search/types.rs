use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::search::query::{Facet, Narrowing, SearchQuery};

/// Longest query accepted; longer ones are a 400, not a slow search.
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitKind {
    Belt,
    Organisation(OrgKind),
    Supplier,
    Offering(crate::services::types::ServiceType),
    /// A platform's open scouting brief.
    Brief,
    /// An association's matchmaking event (published, held or cancelled).
    Event,
    /// A policy notice.
    PolicyNotice,
    /// A talent program.
    TalentProgram,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub href: String,
    /// The name, with the matched words between [`MARK_START`] and [`MARK_END`].
    pub name: Bilingual,
    pub subtitle: Bilingual,
    /// A few words around the match in the description, marked the same way.
    pub snippet: Bilingual,
    pub verified: bool,
    /// From the belt searched around, when there is one.
    pub distance_m: Option<u32>,
    /// A supplier's trade facts (MOQ, capacity, lead time, certifications, markets).
    #[serde(default)]
    pub facts: Bilingual,
    /// A supplier's first photo.
    #[serde(default)]
    pub photo: Option<String>,
}

/// Marks around matched words in highlighted text. Private-use characters,
/// stripped from every document before indexing, so no stored text can
/// forge a mark; the page turns them into `<mark>` elements, never into HTML.
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// Highlighted text as runs of plain and matched text, marks removed.
pub fn marked_runs(text: &str) -> Vec<(String, bool)> {
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut marked = false;
    for piece in text.split_inclusive([MARK_START, MARK_END]) {
        let (body, next) = match piece.chars().last() {
            Some(MARK_START) => (&piece[..piece.len() - MARK_START.len_utf8()], Some(true)),
            Some(MARK_END) => (&piece[..piece.len() - MARK_END.len_utf8()], Some(false)),
            _ => (piece, None),
        };
        if !body.is_empty() {
            match runs.last_mut() {
                Some((last, was_marked)) if *was_marked == marked => last.push_str(body),
                _ => runs.push((body.to_string(), marked)),
            }
        }
        if let Some(next) = next {
            marked = next;
        }
    }
    runs
}

/// Text with any marks removed: what goes into the index, and what a plain rendering shows.
pub fn without_marks(text: &str) -> String {
    text.chars().filter(|c| *c != MARK_START && *c != MARK_END).collect()
}

/// One value of a facet and how many results it would give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub label: Bilingual,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetCounts {
    pub facet: Facet,
    /// Most results first. A facet's counts ignore its own selected value, so
    /// they say what choosing another value would give.
    pub values: Vec<FacetValue>,
}

/// A belt that results can be searched around.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeltChoice {
    pub slug: String,
    pub name: Bilingual,
}

/// What to drop when nothing was found: the filter whose removal brings back
/// the most results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub remove: Narrowing,
    pub label: Bilingual,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: SearchQuery,
    pub hits: Vec<SearchHit>,
    pub total: usize,
    pub total_pages: u32,
    pub facets: Vec<FacetCounts>,
    /// Labels of the values in use, for the list of active filters.
    pub active: Vec<(Narrowing, Bilingual)>,
    pub suggestion: Option<Suggestion>,
    /// Every belt, for "near a belt".
    pub belts: Vec<BeltChoice>,
    /// Served from the database because Meilisearch could not be reached:
    /// no facets, sorting or highlights.
    pub fallback: bool,
    /// Words of the query that matched nothing and were left out, and the
    /// words the results are for instead (`None`: the query as typed).
    #[serde(default)]
    pub dropped_words: Vec<String>,
    #[serde(default)]
    pub searched_for: Option<String>,
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

    #[test]
    fn marked_text_splits_into_runs() {
        let text = format!("Pingdu {MARK_START}False Eyelash{MARK_END}es and {MARK_START}lash{MARK_END}");
        assert_eq!(
            marked_runs(&text),
            vec![
                ("Pingdu ".to_string(), false),
                ("False Eyelash".to_string(), true),
                ("es and ".to_string(), false),
                ("lash".to_string(), true),
            ]
        );
        assert_eq!(marked_runs("假睫毛"), vec![("假睫毛".to_string(), false)]);
        assert!(marked_runs("").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn runs_keep_every_character_but_the_marks(text in "[a-z假\u{E000}\u{E001} ]{0,30}") {
            let joined: String = marked_runs(&text).into_iter().map(|(run, _)| run).collect();
            proptest::prop_assert_eq!(joined, without_marks(&text));
        }
    }
}
