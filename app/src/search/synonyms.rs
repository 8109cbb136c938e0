//! The domain synonym table (`synonyms.toml`, kept in the repository) turned
//! into Meilisearch's synonym settings: every term of a group maps to all the
//! others, which makes the groups two-way.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

const TABLE: &str = include_str!("synonyms.toml");

#[derive(Deserialize)]
struct Table {
    group: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    terms: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SynonymError {
    #[error("synonyms.toml: {0}")]
    Parse(String),
    #[error("synonyms.toml: a group needs at least two terms: {0:?}")]
    TooSmall(Vec<String>),
    #[error("synonyms.toml: {0:?} is in two groups")]
    Repeated(String),
    #[error("synonyms.toml: {0:?} should be lower case")]
    NotLowerCase(String),
}

/// Every term of every group, mapped to the other terms of its group.
///
/// # Errors
/// When the table does not parse, a group is too small, a term repeats or
/// is not in lower case.
pub fn synonym_map_from(text: &str) -> Result<BTreeMap<String, Vec<String>>, SynonymError> {
    let table: Table = toml::from_str(text).map_err(|e| SynonymError::Parse(e.to_string()))?;
    let mut map = BTreeMap::new();
    for group in table.group {
        if group.terms.len() < 2 {
            return Err(SynonymError::TooSmall(group.terms));
        }
        for term in &group.terms {
            if term.to_lowercase() != *term {
                return Err(SynonymError::NotLowerCase(term.clone()));
            }
            let others: Vec<String> = group.terms.iter().filter(|t| *t != term).cloned().collect();
            if map.insert(term.clone(), others).is_some() {
                return Err(SynonymError::Repeated(term.clone()));
            }
        }
    }
    Ok(map)
}

/// The repository's synonym table, as Meilisearch settings take it.
pub fn synonym_map() -> HashMap<String, Vec<String>> {
    // The table is compiled in and checked by the tests below, so it cannot fail here.
    synonym_map_from(TABLE).expect("synonyms.toml is valid").into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_han(term: &str) -> bool {
        term.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn the_table_is_valid_and_every_group_crosses_the_two_languages() {
        let table: Table = toml::from_str(TABLE).unwrap();
        for group in &table.group {
            assert!(group.terms.iter().any(|t| is_han(t)), "no Chinese term in {:?}", group.terms);
            assert!(group.terms.iter().any(|t| !is_han(t)), "no English term in {:?}", group.terms);
        }
        assert!(synonym_map_from(TABLE).is_ok());
    }

    #[test]
    fn synonyms_go_both_ways() {
        let map = synonym_map();
        for (term, others) in &map {
            assert!(!others.contains(term), "{term} maps to itself");
            for other in others {
                assert!(map[other].contains(term), "{other} does not lead back to {term}");
            }
        }
        assert!(map["假睫毛"].contains(&"eyelashes".to_string()));
        assert!(map["overseas warehouse"].contains(&"海外仓".to_string()));
    }

    #[test]
    fn bad_tables_are_refused_with_the_reason() {
        assert_eq!(synonym_map_from("[[group]]\nterms = [\"茶叶\"]"), Err(SynonymError::TooSmall(vec!["茶叶".into()])));
        assert_eq!(
            synonym_map_from("[[group]]\nterms = [\"茶叶\", \"tea\"]\n[[group]]\nterms = [\"tea\", \"茶\"]"),
            Err(SynonymError::Repeated("tea".into()))
        );
        assert_eq!(synonym_map_from("[[group]]\nterms = [\"茶叶\", \"Tea\"]"), Err(SynonymError::NotLowerCase("Tea".into())));
        assert!(matches!(synonym_map_from("group = 3"), Err(SynonymError::Parse(_))));
    }
}
