//! The pages, server functions and plain endpoints, through the real router,
//! with a real SQLite file and a real Meilisearch.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;

struct Site {
    router: axum::Router,
    meili: TestMeili,
    _db: TestDb,
}

async fn site() -> Site {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    Site { router: router(&db, search), meili, _db: db }
}

#[tokio::test]
async fn belt_directory_renders_on_the_server_in_both_languages() {
    let site = site().await;
    let zh = get(&site.router, "/belts", "zh-CN,zh;q=0.9").await;
    assert_eq!(zh.status, StatusCode::OK);
    assert!(zh.body.contains(r#"<html lang="zh-CN""#));
    assert!(zh.body.contains("平度假睫毛产业带"));
    assert!(zh.body.contains("汨罗钓具产业带"));
    assert!(zh.body.contains(r#"class="china-map""#));

    let en = get(&site.router, "/belts", "en-GB,en;q=0.9").await;
    assert!(en.body.contains(r#"<html lang="en""#));
    assert!(en.body.contains("Pingdu False Eyelashes Belt"));
    assert!(en.body.contains("Yangjiang Knives and Scissors Belt"));

    // A remembered choice wins over the browser's.
    let request =
        Request::get("/belts").header("accept-language", "zh-CN").header("cookie", "beltlink_lang=en").body(Body::empty()).unwrap();
    assert!(send(&site.router, request).await.body.contains("Pingdu False Eyelashes Belt"));
}

#[tokio::test]
async fn filters_come_from_the_query_string() {
    let site = site().await;
    let shandong = get(&site.router, "/belts?province=shandong", "en").await;
    assert_eq!(shandong.status, StatusCode::OK);
    assert!(shandong.body.contains("Pingdu False Eyelashes Belt"));
    assert!(!shandong.body.contains("Miluo Fishing Tackle Belt"));

    let tackle = get(&site.router, "/belts?province=&category=fishing-tackle", "en").await;
    assert!(tackle.body.contains("Miluo Fishing Tackle Belt"));
    assert!(tackle.body.contains("Linxiang Fishing Floats Belt"));
    assert!(!tackle.body.contains("Pingdu False Eyelashes Belt"));

    let none = get(&site.router, "/belts?province=guangdong&category=fishing-tackle", "en").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.body.contains("No belt matches these filters."));
}

#[tokio::test]
async fn malformed_queries_are_a_400_with_a_message() {
    let site = site().await;
    let province = get(&site.router, "/belts?province=atlantis", "en").await;
    assert_eq!(province.status, StatusCode::BAD_REQUEST);
    assert!(province.body.contains(r#"There is no province called "atlantis"."#));
    let category = get(&site.router, "/belts?category=unicorns", "zh").await;
    assert_eq!(category.status, StatusCode::BAD_REQUEST);
    assert!(category.body.contains("没有名为“unicorns”的品类。"));
    let long = format!("/search?q={}", "a".repeat(201));
    let search = get(&site.router, &long, "en").await;
    assert_eq!(search.status, StatusCode::BAD_REQUEST);
    assert!(search.body.contains("at most 200 characters"));
}

#[tokio::test]
async fn unknown_things_are_a_real_404() {
    let site = site().await;
    for uri in ["/belts/atlantis-widgets", "/orgs/nobody", "/no/such/page"] {
        let page = get(&site.router, uri, "en").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(page.body.contains("Page not found"), "{uri}");
    }
}

#[tokio::test]
async fn a_belt_page_has_figures_organisations_and_its_map() {
    let site = site().await;
    let page = get(&site.router, "/belts/pingdu-false-eyelashes", "en").await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Share of world output",
        "70%",
        "CNY 10 billion",
        "3,000+",
        "60,000+",
        "Amazon",
        "/orgs/qingdao-kailaishi-cosmetics",
        r#"class="province highlight""#,
        "Qingdao survey",
    ] {
        assert!(page.body.contains(expected), "missing {expected}");
    }
    let zh = get(&site.router, "/belts/pingdu-false-eyelashes", "zh").await;
    assert!(zh.body.contains("100亿元"));
    assert!(zh.body.contains("6万+"));

    let org = get(&site.router, "/orgs/zongteng-group", "en").await;
    assert_eq!(org.status, StatusCode::OK);
    assert!(org.body.contains("Zongteng Group"));
    assert!(org.body.contains("Demo entry"));
    assert!(org.body.contains("/belts/fuzhou-auto-parts"));
}

#[tokio::test]
async fn search_finds_pingdu_in_chinese_and_english() {
    let site = site().await;
    for q in ["%E5%81%87%E7%9D%AB%E6%AF%9B", "eyelashes"] {
        let page = get(&site.router, &format!("/search?q={q}"), "en").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("/belts/pingdu-false-eyelashes"), "query {q}");
    }
    // The server function the page calls after hydration.
    let request = Request::post("/api/search")
        .header("host", "beltlink.test")
        .header("origin", SITE)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("query=q%3Dfishing%2Btackle"))
        .unwrap();
    let response = send(&site.router, request).await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.body.contains("/belts/miluo-fishing-tackle"));
    assert!(!response.body.contains(&site.meili.key), "the Meilisearch key never leaves the server");
}

#[tokio::test]
async fn healthz_reports_each_dependency() {
    let mut site = site().await;
    let up = get(&site.router, "/healthz", "en").await;
    assert_eq!(up.status, StatusCode::OK);
    assert!(up.body.contains(r#""database":"up""#) && up.body.contains(r#""search":"up""#));
    site.meili.kill().await;
    let down = get(&site.router, "/healthz", "en").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.body.contains(r#""status":"degraded""#) && down.body.contains(r#""search":"down""#));
    // Pages that need only the database keep working.
    assert_eq!(get(&site.router, "/belts", "en").await.status, StatusCode::OK);
    // Search answers from the database, and says so.
    let search = get(&site.router, "/search?q=eyelashes", "en").await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(search.body.contains(r#"id="search-fallback""#));
}

#[tokio::test]
async fn the_language_switch_remembers_and_returns_without_open_redirects() {
    let site = site().await;
    let page = get(&site.router, "/belts?province=hunan", "zh").await;
    assert!(page.body.contains(r#"href="/lang/en?next=%2Fbelts%3Fprovince%3Dhunan""#), "the switch links back here");
    let switched = get(&site.router, "/lang/en?next=%2Fbelts%3Fprovince%3Dhunan", "zh").await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.headers["location"], "/belts?province=hunan");
    assert!(switched.headers["set-cookie"].to_str().unwrap().starts_with("beltlink_lang=en;"));
    let outside = get(&site.router, "/lang/zh?next=%2F%2Fevil.example", "zh").await;
    assert_eq!(outside.headers["location"], "/");
    assert_eq!(get(&site.router, "/lang/fr", "zh").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_sitemap_lists_public_pages_only_and_robots_names_it() {
    let site = common::site().await;
    let mut founder = user(&site, "founder@example.com", app::accounts::types::Role::Graduate).await;
    let waiting =
        created_slug(&founder.call("create_organisation", &org_fields("association", "Waiting Guild", "pingdu-false-eyelashes")).await);

    let page = get(&site.router, "/sitemap.xml", "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.headers["content-type"].to_str().unwrap().starts_with("application/xml"));
    let locs: Vec<&str> = page.body.split("<loc>").skip(1).filter_map(|rest| rest.split("</loc>").next()).collect();
    assert!(locs.iter().all(|loc| loc.starts_with("http://localhost:3000/")), "absolute addresses on the public URL");
    for expected in ["http://localhost:3000/belts", "http://localhost:3000/belts/pingdu-false-eyelashes"] {
        assert!(locs.contains(&expected), "{expected} missing");
    }
    assert!(locs.iter().any(|loc| loc.contains("/suppliers/")), "published suppliers are listed");
    assert!(locs.iter().any(|loc| loc.contains("/orgs/")), "organisations are listed");
    assert!(!locs.iter().any(|loc| loc.contains(&waiting)), "an association waiting for approval is not public");
    assert!(!locs.iter().any(|loc| loc.contains('#')), "one address per page");
    let unique: std::collections::HashSet<_> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "no page twice");

    let robots = get(&site.router, "/robots.txt", "en").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.body.contains("Disallow: /admin") && robots.body.contains("Disallow: /api/"));
    assert!(robots.body.contains("Sitemap: http://localhost:3000/sitemap.xml"));
}

/// What general web search reads: a description, the canonical address and
/// the language versions (absolute, on the public address), and schema.org
/// data that parses and names the page's belt or organisation.
#[tokio::test]
async fn public_pages_tell_web_search_what_they_are_in_each_language() {
    use scraper::{Html, Selector};
    let site = site().await;
    let links = |page: &Page| {
        let document = Html::parse_document(&page.body);
        let mut found: Vec<(String, String, String)> = document
            .select(&Selector::parse("head link[rel=canonical], head link[rel=alternate]").unwrap())
            .map(|l| {
                (l.attr("rel").unwrap().to_string(), l.attr("hreflang").unwrap_or("").to_string(), l.attr("href").unwrap().to_string())
            })
            .collect();
        found.sort();
        found
    };
    let structured = |page: &Page| -> serde_json::Value {
        let document = Html::parse_document(&page.body);
        let script = document.select(&Selector::parse(r#"script[type="application/ld+json"]"#).unwrap()).next().expect("structured data");
        serde_json::from_str(&script.inner_html()).expect("valid JSON")
    };
    let description = |page: &Page| {
        let document = Html::parse_document(&page.body);
        let meta = document
            .select(&Selector::parse(r#"meta[name="description"]"#).unwrap())
            .next()
            .map(|m| m.attr("content").unwrap().to_string());
        meta.expect("a description")
    };

    let belt = get(&site.router, "/belts/pingdu-false-eyelashes?hl=en", "zh-CN").await;
    assert!(belt.body.contains(r#"<html lang="en""#), "?hl=en shows English whatever the browser prefers");
    let base = "http://127.0.0.1:3000";
    let own = |query: &str| format!("{base}/belts/pingdu-false-eyelashes{query}");
    let expected = vec![
        ("alternate".to_string(), "en".to_string(), own("?hl=en")),
        ("alternate".to_string(), "x-default".to_string(), own("")),
        ("alternate".to_string(), "zh-Hans".to_string(), own("?hl=zh")),
        ("canonical".to_string(), String::new(), own("?hl=en")),
    ];
    let found = links(&belt);
    assert_eq!(found.len(), 4, "{found:?}");
    for ((rel, hreflang, href), (want_rel, want_lang, want_href)) in found.iter().zip(&expected) {
        assert_eq!((rel, hreflang), (want_rel, want_lang));
        assert!(href.ends_with(want_href.trim_start_matches(base)) && href.starts_with("http"), "{href} should be {want_href}");
    }
    let data = structured(&belt);
    assert_eq!(data["@type"], "Place");
    assert_eq!(data["name"], "Pingdu False Eyelashes Belt");
    assert!(data["geo"]["latitude"].as_f64().is_some());
    assert!(!description(&belt).is_empty() && description(&belt).chars().count() <= app::seo::DESCRIPTION_MAX);

    let org = get(&site.router, "/orgs/zongteng-group", "zh-CN").await;
    assert_eq!(structured(&org)["@type"], "Organization");
    assert!(links(&org).iter().any(|(rel, _, href)| rel == "canonical" && href.ends_with("/orgs/zongteng-group?hl=zh")));
    let search = get(&site.router, "/search?q=lashes&hl=en&page=1", "en").await;
    assert!(
        links(&search).iter().any(|(_, lang, href)| lang == "zh-Hans" && href.ends_with("/search?q=lashes&page=1&hl=zh")),
        "{:?}",
        links(&search)
    );
    assert!(!description(&get(&site.router, "/", "en").await).is_empty());
}

/// The directory's map: belts close together (Yueyang's) are one counted,
/// named dot leading to their province; every other belt is its own dot
/// whose link names it; no belt is missing.
#[tokio::test]
async fn the_map_groups_belts_that_share_a_place_and_names_every_marker() {
    use scraper::{Html, Selector};
    let site = site().await;
    let page = get(&site.router, "/belts", "en").await;
    let document = Html::parse_document(&page.body);
    let markers: Vec<scraper::ElementRef> = document.select(&Selector::parse("svg.china-map a.marker").unwrap()).collect();
    let clusters: Vec<&scraper::ElementRef> = markers.iter().filter(|m| m.value().classes().any(|c| c == "cluster")).collect();
    assert!(!clusters.is_empty(), "Yueyang's belts share a dot");
    let yueyang = clusters.iter().find(|c| c.attr("href") == Some("/belts?province=hunan")).expect("a Hunan group");
    let label = yueyang.attr("aria-label").unwrap();
    assert!(label.contains("belts:") && label.contains("Junshan"), "{label}");
    let mut shown = 0;
    for marker in &markers {
        let count = marker.select(&Selector::parse("text.marker-count").unwrap()).next().map(|t| t.text().collect::<String>());
        shown += count.map_or(1, |c| c.parse::<usize>().unwrap());
        assert!(!marker.attr("aria-label").unwrap_or("").is_empty(), "every marker is named");
    }
    let belts = document.select(&Selector::parse(".belt-card").unwrap()).count();
    assert_eq!(shown, belts, "every belt on the map, once");
}
