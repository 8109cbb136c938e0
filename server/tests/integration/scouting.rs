//! Scouting briefs: a platform's scout posts a brief, sees the suppliers that
//! fit it ranked with reasons and gaps (from search, and from the database
//! when search is down), and only those allowed see or change what is private.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

const PLATFORM: &str = "lash-scout-platform";

/// A platform scout with a platform of their own.
async fn scout(site: &Site, email: &str, name: &str) -> (Browser, String) {
    let mut scout = user(site, email, Role::PlatformScout).await;
    let slug = created_slug(&scout.call("create_organisation", &org_fields("platform", name, BELT)).await);
    (scout, slug)
}

/// A manufacturer in Pingdu with a published profile: `fields` over a minimal one.
async fn supplier(site: &Site, email: &str, name: &str, fields: &[(&str, &str)]) -> String {
    let (mut owner, slug) = firm(site, email, name).await;
    let mut profile: Vec<(&str, &str)> =
        minimal_profile(&slug, "Strip lashes").into_iter().filter(|(k, _)| !fields.iter().any(|(f, _)| f == k)).collect();
    profile.extend_from_slice(fields);
    let page = owner.call("save_supply_profile", &profile).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = owner.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    slug
}

/// A brief's form: false eyelashes for the US with BSCI, 20,000 pairs a month in 30 days, OEM, from Pingdu.
fn lash_brief<'a>(platform: &'a str, visibility: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", "new"),
        ("platform", platform),
        ("title_zh", "美国市场假睫毛"),
        ("title_en", "False eyelashes for the US"),
        ("details_zh", ""),
        ("details_en", "Strip lashes, private label."),
        ("categories[]", "false-eyelashes"),
        ("markets", "US"),
        ("certifications[]", "bsci"),
        ("capacity_value", "20,000"),
        ("capacity_unit", "pair"),
        ("capacity_period", "month"),
        ("max_lead_time_days", "30"),
        ("business_models[]", "oem"),
        ("price_band", ""),
        ("belts[]", BELT),
        ("deadline", "2099-01-01"),
        ("visibility", visibility),
        ("publish", "yes"),
    ]
}

/// Today plus `days`, as the deadline field takes it.
fn in_days(days: i64) -> String {
    (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

fn with<'a>(mut fields: Vec<(&'a str, &'a str)>, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    for (name, value) in changes {
        match fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

/// Posts a brief and returns its slug.
async fn post(scout: &mut Browser, fields: &[(&str, &str)]) -> String {
    let page = scout.call("save_brief", fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let location = page.headers["location"].to_str().unwrap().to_string();
    assert!(location.ends_with("?saved=1"), "{location}");
    location.trim_start_matches("/briefs/").trim_end_matches("?saved=1").to_string()
}

/// The supplier slugs of a brief page's ranking, in order.
fn ranked(page: &Page) -> Vec<String> {
    let document = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse(".match-list .match h3 a").unwrap();
    document.select(&selector).map(|a| a.attr("href").unwrap().trim_start_matches("/suppliers/").to_string()).collect()
}

/// Three lash makers: one that meets everything, one short of capacity
/// without BSCI, one whose capacity is in pieces (not comparable with pairs).
async fn three_lash_makers(site: &Site) -> (String, String, String) {
    let alpha = supplier(
        site,
        "alpha@example.com",
        "Alpha Lashes",
        &[
            ("capacity_value", "50000"),
            ("capacity_unit", "pair"),
            ("lead_time_days", "15"),
            ("certifications[]", "bsci"),
            ("export_markets", "US, JP"),
            ("business_models[]", "oem"),
        ],
    )
    .await;
    let beta = supplier(
        site,
        "beta@example.com",
        "Beta Lashes",
        &[("capacity_value", "10000"), ("capacity_unit", "pair"), ("lead_time_days", "45"), ("export_markets", "US")],
    )
    .await;
    let gamma = supplier(
        site,
        "gamma@example.com",
        "Gamma Lashes",
        &[("capacity_value", "80000"), ("capacity_unit", "piece"), ("lead_time_days", "20"), ("export_markets", "DE")],
    )
    .await;
    drain_outbox(&site.db.db, &site.search).await;
    (alpha, beta, gamma)
}

#[tokio::test]
async fn a_scout_posts_a_brief_and_sees_the_suppliers_that_fit_ranked_with_reasons_and_gaps() {
    let mut site = site().await;
    let (alpha, beta, gamma) = three_lash_makers(&site).await;
    let (mut scout, platform) = scout(&site, "scout@example.com", "Lash Scout Platform").await;
    assert_eq!(platform, PLATFORM);
    assert!(scout.get("/briefs").await.body.contains(r#"href="/briefs/new""#), "a scout is offered to post");
    assert_eq!(scout.get("/briefs/new").await.status, StatusCode::OK);
    let deadline = in_days(60);
    let slug = post(&mut scout, &with(lash_brief(&platform, "public"), &[("deadline", &deadline)])).await;

    let page = scout.get(&format!("/briefs/{slug}?saved=1")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Saved.") && page.body.contains("Open"));
    let order = ranked(&page);
    assert_eq!(&order[..3], [alpha.clone(), beta.clone(), gamma.clone()], "the one meeting everything first");
    for expected in [
        "Monthly capacity 50,000 pairs ≥ required 20,000 pairs",
        "Holds BSCI",
        "Ships to United States",
        "Lead time 15 days ≤ 30 days",
        "Monthly capacity 10,000 pairs &lt; required 20,000 pairs",
        "No BSCI",
        "Lead time 45 days &gt; 30 days",
        "Capacity is stated in pieces, and required in pairs: not comparable",
        "Does not ship to United States",
        "4 published suppliers are in the categories and belts asked for.",
    ] {
        assert!(page.body.contains(expected), "{expected:?} missing");
    }

    // Public: anyone sees the brief and its ranking, in either language.
    let mut visitor = Browser::new(&site.router, "10.0.0.7");
    let listed = visitor.get("/briefs").await;
    assert!(listed.body.contains(&format!("/briefs/{slug}")) && listed.body.contains("False eyelashes for the US"));
    assert!(!listed.body.contains(r#"href="/briefs/new""#), "visitors do not post");
    visitor.lang = "zh-CN";
    let zh = visitor.get(&format!("/briefs/{slug}")).await;
    assert_eq!(ranked(&zh), order);
    for expected in ["月产能 50,000 副 ≥ 要求 20,000 副", "没有 BSCI", "出口到 美国", "美国市场假睫毛", "经营模式：OEM 代工"]
    {
        assert!(zh.body.contains(expected), "{expected:?} missing in Chinese");
    }
    visitor.lang = "en";
    let filtered = visitor.get("/briefs?category=wigs").await;
    assert!(!filtered.body.contains(&format!("/briefs/{slug}")), "a filter leaves it out");
    assert!(visitor.get("/briefs?market=US&belt=pingdu-false-eyelashes").await.body.contains(&format!("/briefs/{slug}")));

    // Without search, the database ranks the same suppliers the same way, and says so.
    site.meili.kill().await;
    let fallback = visitor.get(&format!("/briefs/{slug}")).await;
    assert_eq!(fallback.status, StatusCode::OK);
    assert!(fallback.body.contains("this ranking was read from the database"));
    assert_eq!(ranked(&fallback), order);
}

#[tokio::test]
async fn search_and_the_database_give_the_same_candidates_and_scores() {
    let site = site().await;
    three_lash_makers(&site).await;
    let needs = app::scouting::score::Needs {
        categories: vec!["false-eyelashes".into()],
        markets: vec!["US".into()],
        certifications: vec![app::suppliers::types::Certification::Bsci],
        belts: vec![BELT.into()],
        ..Default::default()
    };
    let (from_search, total) = app::scouting::matching::from_search(&site.search, &needs).await.unwrap();
    let (from_db, db_total) = app::scouting::matching::from_database(&site.db.db, &needs).await.unwrap();
    // The seeded Pingdu lash maker is a candidate too.
    assert_eq!((total, db_total), (4, 4));
    let searched: Vec<_> =
        app::scouting::score::rank(&needs, &from_search).into_iter().map(|fit| (fit.slug, fit.score, fit.judged)).collect();
    let read: Vec<_> =
        app::scouting::matching::best(&needs, from_db, 50).into_iter().map(|(fit, _)| (fit.slug, fit.score, fit.judged)).collect();
    assert_eq!(searched, read);
}

#[tokio::test]
async fn who_may_see_and_change_briefs() {
    let site = site().await;
    let (mut owner, platform) = scout(&site, "owner@example.com", "Lash Scout Platform").await;
    let (mut rival, rival_platform) = scout(&site, "rival@example.com", "Rival Platform").await;
    let (mut insider, _) = firm(&site, "insider@example.com", "Pingdu Insider Lashes").await;
    let mut outsider = user(&site, "outsider@example.com", Role::Manufacturer).await;
    created_slug(&outsider.call("create_organisation", &org_fields("manufacturer", "Wig Works", "qingdao-wigs")).await);
    let mut graduate = user(&site, "grad@example.com", Role::Graduate).await;
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let mut visitor = Browser::new(&site.router, "10.0.0.9");

    let deadline = in_days(30);
    let public = post(&mut owner, &with(lash_brief(&platform, "public"), &[("deadline", &deadline)])).await;
    let draft = post(&mut owner, &with(lash_brief(&platform, "public"), &[("deadline", &deadline), ("publish", "")])).await;
    let restricted =
        post(&mut owner, &with(lash_brief(&platform, "restricted"), &[("deadline", &deadline), ("audience_belts[]", BELT)])).await;

    // Reading: (who, brief) → status, and whether the ranking is there.
    let load = |slug: &str| vec![("slug", slug.to_string())];
    struct Expect {
        public: (u16, bool),
        draft: u16,
        restricted: (u16, bool),
    }
    let people: Vec<(&str, &mut Browser, Expect)> = vec![
        ("signed out", &mut visitor, Expect { public: (200, true), draft: 404, restricted: (404, false) }),
        ("graduate", &mut graduate, Expect { public: (200, true), draft: 404, restricted: (404, false) }),
        ("firm outside the audience", &mut outsider, Expect { public: (200, true), draft: 404, restricted: (404, false) }),
        ("firm in the audience belt", &mut insider, Expect { public: (200, true), draft: 404, restricted: (200, false) }),
        ("another platform's scout", &mut rival, Expect { public: (200, true), draft: 404, restricted: (404, false) }),
        ("the platform's owner", &mut owner, Expect { public: (200, true), draft: 200, restricted: (200, true) }),
        ("a site admin", &mut admin, Expect { public: (200, true), draft: 200, restricted: (200, true) }),
    ];
    for (who, browser, expect) in people {
        for (slug, (status, ranking)) in
            [(&public, expect.public), (&draft, (expect.draft, expect.draft == 200)), (&restricted, expect.restricted)]
        {
            let fields = load(slug);
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let page = browser.call("load_brief", &fields).await;
            assert_eq!(page.status.as_u16(), status, "{who} reading {slug}: {}", page.body);
            if status == 200 {
                let brief: app::scouting::types::BriefPage = serde_json::from_str(&page.body).unwrap();
                assert_eq!(brief.matches.is_some(), ranking, "{who} sees the ranking of {slug}?");
                assert_eq!(brief.may_manage, who == "the platform's owner" || who == "a site admin", "{who} manages {slug}?");
            }
            let html = browser.get(&format!("/briefs/{slug}")).await;
            assert_eq!(html.status.as_u16(), status, "{who} opening /briefs/{slug}");
        }
    }

    // Listing: only open public briefs, for everyone; a scout's own list holds its drafts.
    let listed = Browser::new(&site.router, "10.0.0.10").get("/briefs").await;
    assert!(listed.body.contains(&format!("/briefs/{public}")));
    assert!(!listed.body.contains(&format!("/briefs/{draft}")) && !listed.body.contains(&format!("/briefs/{restricted}")));
    let own = owner.get("/briefs").await;
    assert!(own.body.contains(&format!("/briefs/{draft}")) && own.body.contains(&format!("/briefs/{restricted}")));
    assert!(!rival.get("/briefs").await.body.contains(&format!("/briefs/{draft}")), "another platform's drafts are not listed");

    // Posting and changing: the platform's editors and site admins only.
    for (who, browser, expected) in [
        ("signed out", &mut Browser::new(&site.router, "10.0.0.11"), AppError::SignInRequired),
        ("a manufacturer", &mut insider, AppError::Forbidden),
        ("a graduate", &mut graduate, AppError::Forbidden),
    ] {
        assert_eq!(app_error(&browser.call("load_brief_editor", &[("slug", "new")]).await), expected, "{who}: the form");
        assert_eq!(app_error(&browser.call("save_brief", &lash_brief(&platform, "public")).await), expected, "{who}: posting");
    }
    // Another platform's scout cannot post in this platform's name, see its draft's form or change its briefs.
    let refused = app_error(&rival.call("save_brief", &with(lash_brief(&platform, "public"), &[("deadline", &deadline)])).await);
    assert!(matches!(refused, AppError::Invalid(ref e) if e.problem("platform") == Some(&Problem::NotAChoice)), "{refused:?}");
    assert_eq!(app_error(&rival.call("load_brief_editor", &[("slug", &draft)]).await), AppError::NotFound);
    assert_eq!(app_error(&rival.call("load_brief_editor", &[("slug", &public)]).await), AppError::Forbidden);
    let edit = with(lash_brief(&rival_platform, "public"), &[("slug", &public), ("deadline", &deadline), ("title_en", "Taken over")]);
    assert_eq!(app_error(&rival.call("save_brief", &edit).await), AppError::Forbidden);
    assert_eq!(app_error(&rival.call("change_brief_status", &[("slug", &public), ("change", "withdrawn")]).await), AppError::Forbidden);
    assert_eq!(app_error(&rival.call("change_brief_status", &[("slug", &draft), ("change", "open")]).await), AppError::NotFound);
    assert_eq!(
        app_error(&insider.call("change_brief_status", &[("slug", &restricted), ("change", "withdrawn")]).await),
        AppError::Forbidden
    );
    assert_eq!(
        app_error(
            &Browser::new(&site.router, "10.0.0.12").call("change_brief_status", &[("slug", &public), ("change", "withdrawn")]).await
        ),
        AppError::SignInRequired
    );
    let title = app::scouting::repo::by_slug(&site.db.db, &public).await.unwrap().title_en;
    assert_eq!(title, "False eyelashes for the US", "nothing was changed by the refused");

    // The owner publishes the draft; a site admin closes it.
    let page = owner.call("change_brief_status", &[("slug", &draft), ("change", "open")]).await;
    assert_eq!(page.headers["location"], format!("/briefs/{draft}?status=open"));
    let page = admin.call("change_brief_status", &[("slug", &draft), ("change", "filled")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let closed = owner.get(&format!("/briefs/{draft}?status=filled")).await;
    assert!(closed.body.contains("Closed (Filled)") && closed.body.contains("Closed: filled."));
    let again = app_error(&owner.call("change_brief_status", &[("slug", &draft), ("change", "open")]).await);
    assert!(matches!(again, AppError::Invalid(ref e) if e.problem("status") == Some(&Problem::AlreadyClosed)), "{again:?}");
}

#[tokio::test]
async fn a_refused_brief_keeps_everything_typed_with_and_without_javascript() {
    let site = site().await;
    let (mut scout, platform) = scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let bad = with(
        lash_brief(&platform, "restricted"),
        &[("title_en", ""), ("title_zh", ""), ("capacity_unit", ""), ("deadline", "2020-01-01"), ("markets", "US, XX")],
    );
    let refused = app_error(&scout.call("save_brief", &bad).await);
    let AppError::Invalid(errors) = refused else { panic!("{refused:?}") };
    assert_eq!(errors.problem("title_zh"), Some(&Problem::NeedOneLanguage));
    assert_eq!(errors.problem("capacity_unit"), Some(&Problem::UnitNeeded));
    assert_eq!(errors.problem("deadline"), Some(&Problem::DateInThePast));
    assert_eq!(errors.problem("audience_belts"), Some(&Problem::ChooseWhoSees));
    assert!(matches!(errors.problem("markets"), Some(Problem::UnknownCountryCodes(codes)) if codes == &vec!["XX".to_string()]));
    assert_eq!(errors.value("capacity_value"), Some("20,000"));
    assert_eq!(errors.value("details_en"), Some("Strip lashes, private label."));

    // Without JavaScript: back to the form, which shows the problems and keeps the values.
    let page = scout.submit("/briefs/new", "save_brief", &bad).await;
    assert!(page.status.is_redirection(), "{}", page.status);
    let back = page.headers["location"].to_str().unwrap().trim_start_matches(SITE).to_string();
    assert!(back.starts_with("/briefs/new?"), "{back}");
    let form = scout.get(&back).await;
    for expected in [
        "There are 5 problems to fix",
        "Choose today or a later day.",
        "Not country codes: XX.",
        "Choose at least one belt or association whose firms may see it.",
        r#"value="US, XX""#,
        "Strip lashes, private label.",
    ] {
        assert!(form.body.contains(expected), "{expected:?} missing from the refused form: {}", main_of(&form));
    }
    assert_eq!(
        app::scouting::repo::own_cards(&site.db.db, &me(&site, "scout@example.com").await, &lookup(&site).await).await.unwrap().len(),
        0
    );
}

async fn me(site: &Site, email: &str) -> app::accounts::types::CurrentUser {
    let person = app::accounts::repo::find_by_email(&site.db.db, email).await.unwrap().unwrap();
    app::accounts::types::CurrentUser {
        id: person.id,
        email: person.email,
        display_name: person.display_name,
        role: Role::from_code(&person.role).unwrap(),
        email_confirmed: true,
    }
}

async fn lookup(site: &Site) -> app::scouting::repo::Lookup {
    app::scouting::repo::Lookup::load(&site.db.db).await.unwrap()
}

#[tokio::test]
async fn a_brief_past_its_deadline_is_closed_and_unlisted() {
    let site = site().await;
    let (mut scout, platform) = scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let deadline = in_days(0);
    let slug = post(&mut scout, &with(lash_brief(&platform, "public"), &[("deadline", &deadline)])).await;
    assert!(scout.get("/briefs").await.body.contains(&format!("/briefs/{slug}")), "open through its last day");
    // The end of its last day passes.
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let row = app::scouting::repo::by_slug(&site.db.db, &slug).await.unwrap();
    let mut moved: app::entities::brief::ActiveModel = row.into();
    moved.deadline = Set(chrono::Utc::now() - chrono::Duration::seconds(1));
    moved.update(&site.db.db).await.unwrap();
    // Shown closed at once, before the sweep writes it down.
    let page = scout.get(&format!("/briefs/{slug}")).await;
    assert!(page.body.contains("Closed (Past its deadline)"), "shown closed");
    assert!(!Browser::new(&site.router, "10.0.0.5").get("/briefs").await.body.contains(&format!("/briefs/{slug}")));
    assert_eq!(app::scouting::repo::close_expired(&site.db.db, chrono::Utc::now()).await.unwrap(), 1);
    assert_eq!(app::scouting::repo::close_expired(&site.db.db, chrono::Utc::now()).await.unwrap(), 0, "once");
    let refused = app_error(&scout.call("change_brief_status", &[("slug", &slug), ("change", "open")]).await);
    assert!(matches!(refused, AppError::Invalid(ref e) if e.problem("status") == Some(&Problem::AlreadyClosed)));
}

#[tokio::test]
async fn the_demo_briefs_show_ranked_suppliers_at_once() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.0.0.5");
    let list = visitor.get("/briefs").await;
    for expected in
        ["Jiaozhou cap belt: headwear suppliers", "Jimo women's-wear belt", "Pingdu eyelash belt", "SHEIN", "Amazon", "Demo data"]
    {
        assert!(list.body.contains(expected), "{expected:?} missing from /briefs");
    }
    let amazon = app::scouting::repo::find_demo(
        &site.db.db,
        app::read::organisation_by_slug(&site.db.db, "amazon").await.unwrap().id,
        "Pingdu eyelash belt: false-eyelash suppliers",
    )
    .await
    .unwrap()
    .expect("seeded");
    let page = visitor.get(&format!("/briefs/{}", amazon.slug)).await;
    assert_eq!(ranked(&page), ["qingdao-kailaishi-cosmetics"]);
    // Seeding again changes nothing.
    let file = app::seed::demo().unwrap();
    let report = app::seed::seed(&site.db.db, &file, |_, _| {}).await.unwrap();
    assert_eq!(report.created, 0);
}

/// The brief links a search for `q` among briefs finds.
async fn briefs_found(site: &Site, q: &str) -> Vec<String> {
    let mut query = app::search::query::SearchQuery { q: q.to_string(), ..Default::default() };
    query.filters.insert(app::search::query::Facet::Kind, "brief".into());
    let found = site.search.search(&query, None).await.expect("search answers");
    found.hits.into_iter().map(|h| app::search::results::hit(h, None).href).collect()
}

#[tokio::test]
async fn open_public_briefs_are_found_in_search_and_leave_it_when_they_close() {
    let site = site().await;
    let (mut scout, platform) = scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let deadline = in_days(30);
    let public =
        post(&mut scout, &with(lash_brief(&platform, "public"), &[("deadline", &deadline), ("title_en", "Magnetic lashes wanted")])).await;
    let restricted = post(
        &mut scout,
        &with(
            lash_brief(&platform, "restricted"),
            &[("deadline", &deadline), ("audience_belts[]", BELT), ("title_en", "Magnetic lashes, members only")],
        ),
    )
    .await;
    let draft = post(
        &mut scout,
        &with(lash_brief(&platform, "public"), &[("deadline", &deadline), ("publish", ""), ("title_en", "Magnetic lashes draft")]),
    )
    .await;
    drain_outbox(&site.db.db, &site.search).await;
    let found = briefs_found(&site, "magnetic lashes").await;
    assert_eq!(found, [format!("/briefs/{public}")], "only the open public one");
    assert!(briefs_found(&site, "美国市场假睫毛").await.contains(&format!("/briefs/{public}")), "found in Chinese too");
    for hidden in [&restricted, &draft] {
        assert!(!briefs_found(&site, "members only draft").await.contains(&format!("/briefs/{hidden}")));
    }
    // The search page shows it as a brief, with what it asks.
    let page = Browser::new(&site.router, "10.0.0.3").get("/search?q=magnetic+lashes&kind=brief").await;
    assert!(page.body.contains(&format!("/briefs/{public}")) && page.body.contains("Scouting brief"));
    assert!(page.body.contains("20,000 pairs a month"), "what it asks shows on the card");
    let sitemap = Browser::new(&site.router, "10.0.0.3").get("/sitemap.xml").await;
    assert!(sitemap.body.contains(&format!("/briefs/{public}<")));

    // Withdrawn: out of search.
    let page = scout.call("change_brief_status", &[("slug", &public), ("change", "withdrawn")]).await;
    assert_eq!(page.status, StatusCode::OK);
    drain_outbox(&site.db.db, &site.search).await;
    let left = briefs_found(&site, "magnetic lashes").await;
    assert!(!left.contains(&format!("/briefs/{public}")), "{left:?}");
}

#[tokio::test]
async fn a_manufacturer_is_told_of_a_brief_it_fits_and_sees_it_ranked_for_its_firm() {
    let site = site().await;
    let (alpha, _, _) = three_lash_makers(&site).await;
    let mut wig_maker = user(&site, "wigs@example.com", Role::Manufacturer).await;
    confirm_address(&site, "wigs@example.com").await;
    created_slug(&wig_maker.call("create_organisation", &org_fields("manufacturer", "Wig Works", "qingdao-wigs")).await);
    let (mut scout, platform) = scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let deadline = in_days(30);

    // A draft tells nobody; publishing it tells the firms it fits.
    let slug = post(&mut scout, &with(lash_brief(&platform, "public"), &[("deadline", &deadline), ("publish", "")])).await;
    let mut owner = Browser::new(&site.router, "10.0.0.21");
    owner.call("sign_in", &[("email", "alpha@example.com"), ("password", PASSWORD)]).await;
    assert!(!owner.get("/notifications").await.body.contains("False eyelashes for the US"), "a draft tells nobody");
    let page = scout.call("change_brief_status", &[("slug", &slug), ("change", "open")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let told = owner.get("/notifications").await;
    assert!(
        told.body.contains("Lash Scout Platform opened a scouting brief your firm fits: False eyelashes for the US"),
        "{}",
        main_of(&told)
    );
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let links: Vec<String> = app::entities::notification::Entity::find()
        .filter(app::entities::notification::Column::Kind.eq("brief_fits"))
        .all(&site.db.db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.link)
        .collect();
    assert_eq!(links, vec![format!("/briefs/{slug}"); 3], "one notice for each of the three lash makers' owners, leading to the brief");
    assert!(!wig_maker.get("/notifications").await.body.contains("False eyelashes for the US"), "a wig maker is not a candidate");
    let mail = local_mail(&site).await;
    assert!(mail.iter().any(|m| m.to == "alpha@example.com" && m.subject.contains("False eyelashes for the US")), "and by email");
    assert!(!mail.iter().any(|m| m.to == "wigs@example.com" && m.subject.contains("False eyelashes")));

    // The firm's own list: the briefs it fits, with its reasons and gaps.
    let list = owner.get("/briefs").await;
    assert!(list.body.contains("Briefs that fit Alpha Lashes") && list.body.contains(&format!("/briefs/{slug}")));
    assert!(list.body.contains("Monthly capacity 50,000 pairs ≥ required 20,000 pairs"));
    let brief = owner.get(&format!("/briefs/{slug}")).await;
    assert!(brief.body.contains("How your firm fits this brief"));
    let view: app::scouting::types::BriefPage = serde_json::from_str(&owner.call("load_brief", &[("slug", &slug)]).await.body).unwrap();
    assert_eq!(view.your_fits.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>(), [alpha.as_str()]);
    let wigs_view: app::scouting::types::BriefPage =
        serde_json::from_str(&wig_maker.call("load_brief", &[("slug", &slug)]).await.body).unwrap();
    assert!(wigs_view.your_fits.is_empty());
    assert!(wig_maker
        .get("/briefs")
        .await
        .body
        .contains("Once Wig Works publishes its supply profile, the briefs it fits are listed here"));

    // A brief shown only to the wig belt's firms is neither announced to nor listed for a lash maker.
    let restricted = post(
        &mut scout,
        &with(
            lash_brief(&platform, "restricted"),
            &[("deadline", &deadline), ("title_en", "Lashes, wig belt only"), ("audience_belts[]", "qingdao-wigs")],
        ),
    )
    .await;
    assert!(!owner.get("/notifications").await.body.contains("Lashes, wig belt only"));
    assert!(!owner.get("/briefs").await.body.contains(&format!("/briefs/{restricted}")));
}
