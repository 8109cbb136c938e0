//! Pages kept in memory for anonymous visitors: served again with a fresh
//! nonce, never to signed-in people, and never once anything has changed.

use crate::common;

use app::accounts::types::Role;
use common::*;

fn cache_state(page: &Page) -> &str {
    page.headers.get("x-page-cache").map_or("", |v| v.to_str().unwrap())
}

/// The nonce the page's policy allows scripts by, and whether every script of the page carries it.
fn nonce_of(page: &Page) -> (String, bool) {
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    let nonce = policy.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    let document = scraper::Html::parse_document(&page.body);
    let scripts = scraper::Selector::parse("script").unwrap();
    let all_carry_it = document.select(&scripts).all(|s| s.value().attr("nonce") == Some(nonce.as_str()));
    (nonce, all_carry_it)
}

#[tokio::test]
async fn anonymous_pages_are_kept_until_something_changes() {
    let site = site().await;
    let mut maker = user(&site, "maker@example.com", Role::Manufacturer).await;
    let slug = created_slug(&maker.call("create_organisation", &org_fields("manufacturer", "Jiamei Lashes", BELT)).await);
    let address = format!("/orgs/{slug}");
    let mut visitor = Browser::new(&site.router, "10.9.9.9");

    let first = visitor.get(&address).await;
    let again = visitor.get(&address).await;
    assert_eq!((cache_state(&first), cache_state(&again)), ("miss", "hit"));
    let (first_nonce, first_ok) = nonce_of(&first);
    let (again_nonce, again_ok) = nonce_of(&again);
    assert!(first_ok && again_ok, "every script carries its response's nonce");
    assert_ne!(first_nonce, again_nonce, "no two responses share a nonce");
    assert_eq!(first.body.replace(&first_nonce, "N"), again.body.replace(&again_nonce, "N"), "the same page otherwise");

    // Each language and time zone is its own page.
    visitor.lang = "zh-CN";
    assert_eq!(cache_state(&visitor.get(&address).await), "miss");
    visitor.script_cookies = vec!["beltlink_tz=Europe/Berlin".into()];
    assert_eq!(cache_state(&visitor.get(&address).await), "miss");
    visitor.lang = "en";
    visitor.script_cookies.clear();
    assert_eq!(cache_state(&visitor.get(&address).await), "hit");

    // Signed-in people always get a page rendered for them.
    assert_eq!(cache_state(&maker.get(&address).await), "");
    assert_eq!(cache_state(&maker.get(&address).await), "");

    // A change shows to the next visitor at once.
    let mut fields = org_fields("manufacturer", "Jiamei Lashes", BELT);
    fields.retain(|(k, _)| !matches!(*k, "kind" | "description_en"));
    fields.push(("description_en", "Now also mink lashes."));
    fields.push(("slug", &slug));
    assert_eq!(maker.call("update_organisation", &fields).await.status, axum::http::StatusCode::OK);
    let after = visitor.get(&address).await;
    assert_eq!(cache_state(&after), "miss");
    assert!(after.body.contains("Now also mink lashes."));

    // So do changes the search outbox picks up (writes by other processes, search indexing).
    assert_eq!(cache_state(&visitor.get(&address).await), "hit");
    site.search.changes_seen.bump();
    assert_eq!(cache_state(&visitor.get(&address).await), "miss");

    // Pages that are not plain successes are not kept.
    for _ in 0..2 {
        assert_eq!(cache_state(&visitor.get("/orgs/no-such-firm").await), "");
    }
}
