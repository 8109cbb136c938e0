//! Service offerings: a provider lists what it offers, it shows on the
//! organisation page and in search, and only its own people can change it.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

const SLUG: &str = "la-lash-logistics";

async fn provider(site: &Site) -> Browser {
    let mut provider = user(site, "chen@example.com", Role::ServiceProvider).await;
    let page = provider.call("create_organisation", &org_fields("service_provider", "LA Lash Logistics", "pingdu-false-eyelashes")).await;
    assert_eq!(page.headers["location"], format!("/orgs/{SLUG}"));
    provider
}

fn offering(id: &str, published: bool) -> Vec<(&str, &str)> {
    let mut fields = vec![
        ("slug", SLUG),
        ("id", id),
        ("service_type", "overseas_warehouse"),
        ("title_zh", "洛杉矶海外仓一件代发"),
        ("title_en", "Los Angeles warehouse with drop shipping"),
        ("description_zh", ""),
        ("description_en", "Receiving, storage and same-day dispatch for lash sellers."),
        ("terms_zh", ""),
        ("terms_en", "Storage billed per cubic metre per month."),
        ("markets", "US, CA"),
        ("belts[]", "pingdu-false-eyelashes"),
    ];
    if published {
        fields.push(("published", "yes"));
    }
    fields
}

async fn search_hrefs(site: &Site, query: &str) -> Vec<String> {
    common::search_hrefs(&site.search, query).await
}

#[tokio::test]
async fn a_provider_lists_an_offering_that_shows_on_its_page_and_in_search_until_withdrawn() {
    let site = site().await;
    let mut provider = provider(&site).await;
    let manage = provider.get(&format!("/orgs/{SLUG}/offerings")).await;
    assert_eq!(manage.status, StatusCode::OK);
    assert!(manage.body.contains("No offerings yet."));
    assert_eq!(provider.get(&format!("/orgs/{SLUG}/offerings/new")).await.status, StatusCode::OK);

    let page = provider.call("save_offering", &offering("new", true)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.headers["location"].to_str().unwrap().starts_with(&format!("/orgs/{SLUG}/offerings?saved=")),
        "lands on the list, read afresh"
    );
    let mut visitor = Browser::new(&site.router, "10.0.0.7");
    let org = visitor.get(&format!("/orgs/{SLUG}")).await;
    for expected in [
        "Service offerings",
        "Los Angeles warehouse with drop shipping",
        "Overseas warehouse",
        "United States",
        "Canada",
        "Storage billed per cubic metre",
    ] {
        assert!(org.body.contains(expected), "{expected} missing from the organisation page");
    }
    assert!(!org.body.contains("Manage service offerings"), "visitors do not manage");
    drain_outbox(&site.db.db, &site.search).await;
    let id =
        app::read::offerings_of(&site.db.db, app::read::organisation_by_slug(&site.db.db, SLUG).await.unwrap().id, true).await.unwrap()[0]
            .id;
    let href = format!("/orgs/{SLUG}#offering-{id}");
    for query in ["drop shipping", "洛杉矶海外仓"] {
        assert!(search_hrefs(&site, query).await.contains(&href), "{query} finds the offering");
    }

    // Withdrawn: off the page and out of search, still in the provider's list.
    let id_text = id.to_string();
    let page = provider.call("save_offering", &offering(&id_text, false)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(!visitor.get(&format!("/orgs/{SLUG}")).await.body.contains("Los Angeles warehouse"));
    assert!(provider.get(&format!("/orgs/{SLUG}/offerings")).await.body.contains("Not published"));
    drain_outbox(&site.db.db, &site.search).await;
    assert!(!search_hrefs(&site, "drop shipping").await.contains(&href));

    provider.call("save_offering", &offering(&id_text, true)).await;
    let page = provider.call("delete_offering", &[("slug", SLUG), ("id", &id_text)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    drain_outbox(&site.db.db, &site.search).await;
    assert!(!search_hrefs(&site, "drop shipping").await.contains(&href), "deleted means unsearchable");
    assert_eq!(provider.get(&format!("/orgs/{SLUG}/offerings/{id}")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_offering_problem_comes_back_on_its_field() {
    let site = site().await;
    let mut provider = provider(&site).await;
    let valid = offering("new", true);
    let with = |key: &'static str, value: &'static str| {
        let mut changed: Vec<(&str, &str)> = valid.iter().copied().filter(|(k, _)| *k != key).collect();
        changed.push((key, value));
        changed
    };
    let no_titles: Vec<(&str, &str)> =
        with("title_zh", "").into_iter().filter(|(k, _)| *k != "title_en").chain([("title_en", "")]).collect();
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, Problem);
    let cases: Vec<Case> = vec![
        (with("service_type", ""), "service_type", Problem::Required),
        (with("service_type", "catering"), "service_type", Problem::NotAChoice),
        (no_titles, "title_zh", Problem::NeedOneLanguage),
        (with("markets", "US, the moon"), "markets", Problem::UnknownCountryCodes(vec!["the".into(), "moon".into()])),
        (with("belts[]", "atlantis"), "belts", Problem::NotAChoice),
    ];
    for (fields, field, problem) in cases {
        let page = provider.call("save_offering", &fields).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{field}");
        let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
        assert_eq!(errors.problem(field), Some(&problem), "{field}: {:?}", errors.problems);
        assert_eq!(errors.problems.len(), 1);
        assert_eq!(errors.value("terms_en"), Some("Storage billed per cubic metre per month."), "input kept");
    }
}

#[tokio::test]
async fn only_the_providers_people_can_change_its_offerings() {
    let site = site().await;
    let mut owner = provider(&site).await;
    owner.call("save_offering", &offering("new", true)).await;
    let org_id = app::read::organisation_by_slug(&site.db.db, SLUG).await.unwrap().id;
    let id = app::read::offerings_of(&site.db.db, org_id, true).await.unwrap()[0].id.to_string();

    let mut rival = user(&site, "rival@example.com", Role::ServiceProvider).await;
    rival.call("create_organisation", &org_fields("service_provider", "Rival Freight", "pingdu-false-eyelashes")).await;
    let mut hijack = offering(&id, true);
    hijack.retain(|(k, _)| *k != "title_en");
    hijack.push(("title_en", "Hijacked"));
    assert_eq!(rival.call("save_offering", &hijack).await.status, StatusCode::FORBIDDEN);
    assert_eq!(rival.call("delete_offering", &[("slug", SLUG), ("id", &id)]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(rival.get(&format!("/orgs/{SLUG}/offerings")).await.status, StatusCode::FORBIDDEN);
    // Their own organisation's slug with another's offering id: not theirs to touch.
    let mut cross: Vec<(&str, &str)> = hijack.iter().copied().filter(|(k, _)| *k != "slug").collect();
    cross.push(("slug", "rival-freight"));
    assert_eq!(rival.call("save_offering", &cross).await.status, StatusCode::NOT_FOUND);
    assert_eq!(rival.call("delete_offering", &[("slug", "rival-freight"), ("id", &id)]).await.status, StatusCode::NOT_FOUND);

    let mut stranger = Browser::new(&site.router, "10.0.0.8");
    assert_eq!(stranger.call("save_offering", &hijack).await.status, StatusCode::UNAUTHORIZED);
    // Offerings belong to service providers only.
    let mut maker = user(&site, "maker@example.com", Role::Manufacturer).await;
    maker.call("create_organisation", &org_fields("manufacturer", "Offering Lashes", "pingdu-false-eyelashes")).await;
    let mut on_maker: Vec<(&str, &str)> = offering("new", true).into_iter().filter(|(k, _)| *k != "slug").collect();
    on_maker.push(("slug", "offering-lashes"));
    assert_eq!(maker.call("save_offering", &on_maker).await.status, StatusCode::NOT_FOUND);

    let offerings = app::read::offerings_of(&site.db.db, org_id, true).await.unwrap();
    assert_eq!(offerings.len(), 1);
    assert_eq!(offerings[0].title.en, "Los Angeles warehouse with drop shipping", "nothing changed");
}

#[tokio::test]
async fn the_article_providers_have_demo_offerings() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.0.0.7");
    let page = visitor.get("/orgs/zongteng-group").await;
    for expected in ["Service offerings", "Overseas warehouse", "1.4 million orders a day", "Demo entry"] {
        assert!(page.body.contains(expected), "{expected} missing");
    }
    let page = visitor.get("/orgs/transfar-shanghe-qingdao").await;
    assert!(page.body.contains("Russia"));
    let hrefs = search_hrefs(&site, "TIR Moscow").await;
    assert!(hrefs.iter().any(|h| h.starts_with("/orgs/transfar-shanghe-qingdao#offering-")), "{hrefs:?}");
}

#[tokio::test]
async fn without_javascript_a_refused_offering_comes_back_with_its_message_and_input() {
    let site = site().await;
    let mut provider = provider(&site).await;
    let form = format!("/orgs/{SLUG}/offerings/new");
    let mut fields: Vec<(&str, &str)> = offering("new", true).into_iter().filter(|(k, _)| *k != "service_type").collect();
    fields.push(("service_type", ""));
    let page = provider.submit(&form, "save_offering", &fields).await;
    let back = page.headers["location"].to_str().unwrap().trim_start_matches(SITE).to_string();
    assert!(back.starts_with(&form), "{back}");
    let page = provider.get(&back).await;
    assert!(page.body.contains("This is required."));
    assert!(page.body.contains(r#"value="US, CA""#) && page.body.contains("Storage billed per cubic metre"), "input kept");
    assert!(page.body.contains(r#"id="belts-pingdu-false-eyelashes" name="belts[]" value="pingdu-false-eyelashes" checked"#));

    fields.retain(|(k, _)| *k != "service_type");
    fields.push(("service_type", "overseas_warehouse"));
    let page = provider.submit(&back, "save_offering", &fields).await;
    assert!(page.headers["location"].to_str().unwrap().starts_with(&format!("/orgs/{SLUG}/offerings?saved=")));
}
