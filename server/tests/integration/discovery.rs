//! The search page over the demo data and synthetic manufacturers: facets
//! and their counts, filters in the URL, distance from a belt, sorting,
//! pages, highlights, the suggestion when nothing matches, and the database
//! answering when Meilisearch is gone.

use crate::common;

use app::accounts::types::Role;
use app::entities::{organisation, supply_profile};
use app::search::query::{Facet, Narrowing};
use app::search::types::{SearchResults, MARK_START};
use app::seed::synthetic::{self, SyntheticSupplier};
use app::suppliers::types::Certification;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SYNTHETIC: usize = 60;
/// The demo data's published profiles.
const DEMO_SUPPLIERS: usize = 5;

struct Site {
    router: axum::Router,
    meili: TestMeili,
    db: TestDb,
    made: Vec<SyntheticSupplier>,
}

async fn site() -> Site {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    let belts = synthetic::belt_stock(&db.db).await.unwrap();
    let made = synthetic::generate(11, SYNTHETIC, &belts);
    for supplier in &made {
        synthetic::write(&db.db, supplier).await.unwrap();
    }
    drain_outbox(&db.db, &search).await;
    Site { router: router(&db, search), meili, db, made }
}

/// What the search page's server function answers for a URL query string.
async fn search(site: &Site, query_string: &str) -> SearchResults {
    let body = format!("query={}", app::layout::encode_component(query_string));
    let request = Request::post("/api/search")
        .header("host", "beltlink.test")
        .header("origin", SITE)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let response = send(&site.router, request).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn count(results: &SearchResults, facet: Facet, value: &str) -> Option<usize> {
    results.facets.iter().find(|f| f.facet == facet)?.values.iter().find(|v| v.value == value).map(|v| v.count)
}

fn with_cert(made: &[SyntheticSupplier], cert: Certification) -> usize {
    made.iter().filter(|s| s.profile.certifications.contains(&cert)).count()
}

#[tokio::test]
async fn facets_count_every_value_and_keep_counting_the_others_once_one_is_chosen() {
    let site = site().await;
    let suppliers = search(&site, "kind=supply_profile").await;
    assert_eq!(suppliers.total, SYNTHETIC + DEMO_SUPPLIERS);
    let bsci = with_cert(&site.made, Certification::Bsci);
    let ce = with_cert(&site.made, Certification::Ce);
    assert!(bsci > 0 && ce > 0, "the seed gives both certifications");
    assert_eq!(count(&suppliers, Facet::Certification, "bsci"), Some(bsci));
    assert_eq!(count(&suppliers, Facet::Certification, "ce"), Some(ce));
    let kinds = search(&site, "").await;
    assert_eq!(count(&kinds, Facet::Kind, "supply_profile"), Some(SYNTHETIC + DEMO_SUPPLIERS));
    assert_eq!(count(&kinds, Facet::Kind, "belt"), Some(21));

    let chosen = search(&site, "kind=supply_profile&cert=bsci").await;
    assert_eq!(chosen.total, bsci);
    assert_eq!(count(&chosen, Facet::Certification, "ce"), Some(ce), "other values count as if chosen instead");
    assert!(chosen.hits.iter().all(|h| h.href.starts_with("/suppliers/")));

    let us_bsci = site
        .made
        .iter()
        .filter(|s| s.profile.certifications.contains(&Certification::Bsci) && s.profile.export_markets.contains(&"US".to_string()))
        .count();
    let narrowed = search(&site, "cert=bsci&market=US").await;
    assert_eq!(narrowed.total, us_bsci);
    assert_eq!(narrowed.active.len(), 2);
    assert_eq!(narrowed.active[0].1.en, "Certification: BSCI");
    assert_eq!(narrowed.active[1].1.en, "Export market: United States");
}

#[tokio::test]
async fn near_a_belt_keeps_what_is_within_the_radius_and_sorts_nearest_first() {
    let site = site().await;
    let near = search(&site, "kind=belt&near=pingdu-false-eyelashes&km=50&sort=distance").await;
    let hrefs: Vec<&str> = near.hits.iter().map(|h| h.href.as_str()).collect();
    assert_eq!(hrefs.first(), Some(&"/belts/pingdu-false-eyelashes"));
    assert!(hrefs.contains(&"/belts/jiaozhou-solid-wood-furniture"), "about 48 km away: {hrefs:?}");
    assert!(!hrefs.contains(&"/belts/jimo-womens-wear"), "about 61 km away: {hrefs:?}");
    let distances: Vec<u32> = near.hits.iter().map(|h| h.distance_m.expect("placed")).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances.iter().all(|d| *d <= 50_000));

    let wider = search(&site, "kind=belt&near=pingdu-false-eyelashes&km=100").await;
    assert!(wider.hits.iter().any(|h| h.href == "/belts/jimo-womens-wear"));
    assert!(wider
        .hits
        .iter()
        .all(|h| h.href.contains("qingdao") || h.href.contains("jiaozhou") || h.href.contains("jimo") || h.href.contains("pingdu")));

    // Firms in a belt are placed there; a platform that only scouts it is not.
    let firms = search(&site, "near=pingdu-false-eyelashes&km=10").await;
    assert!(firms.hits.iter().any(|h| h.href == "/suppliers/qingdao-kailaishi-cosmetics"));
    assert!(!firms.hits.iter().any(|h| h.href == "/orgs/amazon"));

    // An unknown belt narrows nothing rather than failing.
    let unknown = search(&site, "kind=belt&near=atlantis").await;
    assert_eq!(unknown.total, 21);
    assert_eq!(unknown.query.near, None);
}

#[tokio::test]
async fn sorting_by_capacity_and_paging_through_results() {
    let site = site().await;
    let mut seen = Vec::new();
    let first = search(&site, "kind=supply_profile&sort=capacity").await;
    assert_eq!(first.total_pages, (SYNTHETIC + DEMO_SUPPLIERS).div_ceil(20) as u32);
    for page in 1..=first.total_pages {
        let results = search(&site, &format!("kind=supply_profile&sort=capacity&page={page}")).await;
        seen.extend(results.hits.into_iter().map(|h| h.href));
    }
    assert_eq!(seen.len(), SYNTHETIC + DEMO_SUPPLIERS, "every supplier once over the pages");
    let mut capacities = Vec::new();
    for href in &seen {
        let slug = href.trim_start_matches("/suppliers/");
        let org = organisation::Entity::find().filter(organisation::Column::Slug.eq(slug)).one(&site.db.db).await.unwrap().unwrap();
        let profile = supply_profile::Entity::find()
            .filter(supply_profile::Column::OrganisationId.eq(org.id))
            .one(&site.db.db)
            .await
            .unwrap()
            .unwrap();
        capacities.push(profile.capacity_value);
    }
    let known: Vec<i64> = capacities.iter().map_while(|c| *c).collect();
    assert_eq!(known.len(), SYNTHETIC, "profiles without a capacity come last");
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "highest first: {known:?}");
}

#[tokio::test]
async fn the_page_works_as_a_plain_form_and_marks_what_matched() {
    let site = site().await;
    let page = get(&site.router, "/search?q=eyelashes&province=shandong&sort=updated", "en").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = without_markers(&page.body);
    assert!(body.contains(r#"<form id="search-form" method="get" action="/search""#));
    assert!(body.contains(r#"<input type="hidden" name="province" value="shandong""#), "submitting keeps the filters");
    assert!(body.contains(r#"<option value="updated" selected"#));
    assert!(body.to_lowercase().contains("eyelashes</mark>"), "matches are marked");
    assert!(!body.contains(MARK_START), "the marks never reach the page");
    assert!(
        body.contains(r#"href="/search?q=eyelashes&amp;kind=belt&amp;province=shandong&amp;sort=updated""#),
        "facet links carry the whole query"
    );

    let zh = get(&site.router, "/search?q=%E5%81%87%E7%9D%AB%E6%AF%9B", "zh-CN").await;
    assert!(without_markers(&zh.body).contains("<mark>假睫毛</mark>"), "Chinese matches are marked too");
    assert!(zh.body.contains(r#"id="facet-kind""#) && zh.body.contains("产业带"));
}

#[tokio::test]
async fn nothing_found_suggests_the_filter_to_drop() {
    let site = site().await;
    let none = search(&site, "q=eyelashes&province=hunan").await;
    assert_eq!(none.total, 0);
    let suggestion = none.suggestion.expect("a way out");
    assert_eq!(suggestion.remove, Narrowing::Facet(Facet::Province));
    assert!(suggestion.total > 0);
    let page = get(&site.router, "/search?q=eyelashes&province=hunan", "en").await;
    assert!(
        page.body.contains(r#"id="search-suggestion" class="suggestion"><a href="/search?q=eyelashes">Remove “Province: Hunan”"#),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn without_meilisearch_the_database_answers_and_says_so() {
    let mut site = site().await;
    site.meili.kill().await;
    let page = get(&site.router, "/search?q=Pingdu&cert=bsci", "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"id="search-fallback""#));
    assert!(page.body.contains("/belts/pingdu-false-eyelashes"));
    let results = search(&site, "q=trial+orders+welcome&kind=supply_profile&page=2").await;
    assert!(results.fallback);
    assert_eq!(results.total, SYNTHETIC, "every synthetic profile says it");
    assert_eq!(results.hits.len(), 20);
    assert!(results.hits.iter().all(|h| h.href.starts_with("/suppliers/")));
    let chinese = search(&site, "q=%E5%81%87%E7%9D%AB%E6%AF%9B").await;
    assert!(chinese.hits.iter().any(|h| h.href == "/belts/pingdu-false-eyelashes"), "plain Chinese matching works");
}

#[tokio::test]
async fn certifications_and_export_markets_are_words_search_finds() {
    // The seeded site of the other areas, not this module's synthetic one.
    let site = common::site().await;
    let mut maker = user(&site, "certified@example.com", Role::Manufacturer).await;
    let slug =
        created_slug(&maker.call("create_organisation", &org_fields("manufacturer", "Plain Name Works", "pingdu-false-eyelashes")).await);
    let mut profile: Vec<(&str, &str)> = minimal_profile(&slug, "Strip lashes")
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "export_markets" | "certifications_other"))
        .collect();
    profile.extend([("certifications[]", "bsci"), ("certifications_other", "Halal"), ("export_markets", "DE")]);
    assert_eq!(maker.call("save_supply_profile", &profile).await.status, StatusCode::OK);
    assert_eq!(maker.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await.status, StatusCode::OK);
    drain_outbox(&site.db.db, &site.search).await;
    let supplier = format!("/suppliers/{slug}");
    for q in ["BSCI", "bsci lashes", "Halal", "德国", "Germany", "DE"] {
        assert!(search_hrefs(&site.search, q).await.contains(&supplier), "{q:?} should find a BSCI-certified profile exporting to Germany");
    }
}

/// Every word counts, in any order; a word that finds nothing is left out and
/// the page says so; a word found only at the start of a longer word ranks
/// below whole-word matches.
#[tokio::test]
async fn all_words_are_used_when_they_can_be_and_the_page_says_which_were_dropped() {
    let site = site().await;
    let both = search(&site, "q=pingdu+eyelashes").await;
    let one = search(&site, "q=eyelashes").await;
    assert!(both.total > 0 && both.total <= one.total, "both words narrow: {} vs {}", both.total, one.total);
    assert!(both.dropped_words.is_empty());

    let first = search(&site, "q=xyzzy+eyelashes").await;
    let second = search(&site, "q=eyelashes+xyzzy").await;
    assert!(first.total > 0, "the word that finds nothing is left out");
    assert_eq!(first.total, second.total, "word order does not decide");
    assert_eq!(first.dropped_words, ["xyzzy"]);
    assert_eq!(first.searched_for.as_deref(), Some("eyelashes"));
    let page = get(&site.router, "/search?q=xyzzy+eyelashes", "en").await;
    assert!(page.body.contains("No results for ‘xyzzy’; showing results for ‘eyelashes’."), "the page says so");
    let page = get(&site.router, "/search?q=xyzzy+eyelashes", "zh-CN").await;
    assert!(page.body.contains("没有找到包含“xyzzy”的结果，以下是“eyelashes”的结果。"));
    assert_eq!(search(&site, "q=xyzzy+plugh").await.total, 0, "nothing at all is nothing");

    // "tea" inside "Teams": an organisation named so ranks below the tea belt and tea firms.
    let mut provider = Browser::new(&site.router, "10.4.4.4");
    let fields = [
        ("email", "teams@example.com"),
        ("display_name", "Teams"),
        ("role", Role::ServiceProvider.code()),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ];
    provider.call("sign_up", &fields).await;
    provider.call("sign_in", &[("email", "teams@example.com"), ("password", PASSWORD)]).await;
    let page =
        provider.call("create_organisation", &org_fields("service_provider", "Export Teams Training", "pingdu-false-eyelashes")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    drain_outbox(&site.db.db, &site.meili.service()).await;
    let tea = search(&site, "q=tea").await;
    let hrefs: Vec<&str> = tea.hits.iter().map(|h| h.href.as_str()).collect();
    let teams = hrefs.iter().position(|h| h.starts_with("/orgs/export-teams-training"));
    let belt = hrefs.iter().position(|h| *h == "/belts/junshan-yinzhen-tea").expect("the tea belt is found");
    assert!(teams.is_none_or(|t| t > belt), "a prefix match ranks below the real one: {hrefs:?}");
}
