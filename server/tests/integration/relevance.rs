//! Relevance over the demo data, against a real Meilisearch: the judged
//! queries in `relevance.toml` must put the pages a person expects near the
//! top. Chinese sub-words and cross-language queries are among them.

use crate::common;

use common::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Judged {
    query: Vec<JudgedQuery>,
}

#[derive(Deserialize)]
struct JudgedQuery {
    q: String,
    expect: Vec<String>,
    #[serde(default = "three")]
    within: usize,
}

fn three() -> usize {
    3
}

/// Where `expected` first appears among `hrefs` (1-based), if it does.
fn rank(hrefs: &[String], expected: &str) -> Option<usize> {
    hrefs.iter().position(|h| h.starts_with(expected)).map(|i| i + 1)
}

#[tokio::test]
async fn judged_queries_find_what_a_person_expects() {
    let judged: Judged = toml::from_str(include_str!("relevance.toml")).expect("relevance.toml parses");
    assert!(judged.query.len() >= 30, "at least 30 judged queries");
    let han = judged.query.iter().filter(|j| j.q.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))).count();
    assert!(han >= 15 && judged.query.len() - han >= 15, "both languages are judged");

    let site = site().await;
    let mut report = String::from("\nquery → rank of each expected page (within)\n");
    let mut misses = Vec::new();
    for judged in &judged.query {
        let hrefs = common::search_hrefs(&site.search, &judged.q).await;
        let ranks: Vec<Option<usize>> = judged.expect.iter().map(|e| rank(&hrefs, e)).collect();
        let shown: Vec<String> = ranks.iter().map(|r| r.map_or("-".into(), |r| r.to_string())).collect();
        report.push_str(&format!("{:<24} {} (≤{})\n", judged.q, shown.join(","), judged.within));
        if ranks.iter().any(|r| r.is_none_or(|r| r > judged.within)) {
            misses.push(format!(
                "{:?}: expected {:?} within {}, got {:?}",
                judged.q,
                judged.expect,
                judged.within,
                &hrefs[..hrefs.len().min(5)]
            ));
        }
    }
    println!("{report}");
    assert!(misses.is_empty(), "{} of {} judged queries missed:\n{}", misses.len(), judged.query.len(), misses.join("\n"));
}
