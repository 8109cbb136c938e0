//! Hostile text in every field a user can fill, on every page that shows it
//! back, read with a real HTML parser: the text must come back as text only,
//! never as an element, an attribute or a script. And the headers that keep a
//! browser from running anything else.

use crate::common;

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;
use scraper::{Html, Selector};

/// Closes the document title and starts a script.
const TITLE: &str = "</title><script>alert('title')</script>";
/// Closes a textarea and starts a script.
const TEXTAREA: &str = "</textarea><script>alert('textarea')</script>";
/// Leaves an attribute and adds an element with a handler.
const ATTRIBUTE: &str = "\"><img src=x onerror=alert('attr')>";
/// A link target that runs script.
const JS_URL: &str = "javascript:alert('url')";
/// Template syntax and a right-to-left override.
const TEMPLATE_BIDI: &str = "{{7*7}} \u{202E}gnp.exe";

/// Everything a page body must satisfy whatever text it shows: only the
/// page's own scripts (carrying the response's nonce), no event handler
/// attributes, no `javascript:` targets, no element made of user text.
fn assert_inert(what: &str, page: &Page) {
    let policy = page.headers.get("content-security-policy").unwrap_or_else(|| panic!("{what}: no CSP")).to_str().unwrap();
    assert!(!policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"), "{what}: {policy}");
    let nonce = policy
        .split_whitespace()
        .find_map(|word| word.strip_prefix("'nonce-").and_then(|n| n.strip_suffix('\'')))
        .unwrap_or_else(|| panic!("{what}: no nonce in {policy}"));
    let document = Html::parse_document(&page.body);
    for script in document.select(&Selector::parse("script").unwrap()) {
        let own_file = script.attr("src").is_some_and(|src| src.starts_with("/pkg/"));
        assert!(own_file || script.attr("nonce") == Some(nonce), "{what}: a script without the nonce: {}", script.html());
    }
    for element in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "{what}: handler attribute {name}={value:?} on <{}>",
                element.value().name()
            );
            let target = value.trim().to_ascii_lowercase();
            if ["href", "src", "action", "formaction"].contains(&name) {
                assert!(!target.starts_with("javascript:"), "{what}: {name}={value:?}");
            }
        }
        if element.value().name() == "img" {
            assert_ne!(element.attr("src"), Some("x"), "{what}: an <img> made of user text");
        }
    }
    // (An inline SVG map has titles of its own.)
    let titles: Vec<_> = document.select(&Selector::parse("head > title").unwrap()).collect();
    assert_eq!(titles.len(), 1, "{what}: one document title");
}

/// `value` is somewhere in the page's text (so it was shown, as text).
fn assert_shown(what: &str, page: &Page, value: &str) {
    assert_shown_in(what, std::slice::from_ref(page), value);
}

/// `value` is in the text of one of `pages` (the same page in each language).
fn assert_shown_in(what: &str, pages: &[Page], value: &str) {
    let shown = pages.iter().any(|page| {
        let document = Html::parse_document(&page.body);
        document.root_element().text().collect::<String>().contains(value)
    });
    assert!(shown, "{what}: {value:?} is not shown as text");
}

/// A page in Chinese and in English, each checked with [`assert_inert`].
async fn both_languages(browser: &mut Browser, path: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    for lang in ["zh-CN", "en"] {
        browser.lang = lang;
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path} in {lang}");
        assert_inert(&format!("{path} in {lang}"), &page);
        pages.push(page);
    }
    browser.lang = "en";
    pages
}

fn title_of(page: &Page) -> String {
    let document = Html::parse_document(&page.body);
    let title = document.select(&Selector::parse("head > title").unwrap()).next().expect("a title");
    title.text().collect()
}

fn textarea_text(page: &Page, name: &str) -> String {
    let document = Html::parse_document(&page.body);
    let selector = Selector::parse(&format!(r#"textarea[name="{name}"]"#)).unwrap();
    let textarea = document.select(&selector).next().unwrap_or_else(|| panic!("no textarea {name}"));
    textarea.text().collect()
}

fn location(page: &Page) -> String {
    page.headers["location"].to_str().unwrap().trim_start_matches(SITE).to_string()
}

#[tokio::test]
async fn hostile_text_in_every_field_comes_back_as_text_on_every_page() {
    let site = site().await;
    let belt = "pingdu-false-eyelashes";

    // A manufacturer whose every text field is hostile.
    let mut maker = user(&site, "hostile-maker@example.com", Role::Manufacturer).await;
    confirm_address(&site, "hostile-maker@example.com").await;
    let name_en = format!("Lashes {TITLE}");
    let page = maker
        .call(
            "create_organisation",
            &[
                ("kind", "manufacturer"),
                ("name_zh", ATTRIBUTE),
                ("name_en", &name_en),
                ("description_zh", TEXTAREA),
                ("description_en", TEMPLATE_BIDI),
                ("province", "shandong"),
                ("city_zh", JS_URL),
                ("city_en", ATTRIBUTE),
                ("belts[0]", belt),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let slug = location(&page).trim_start_matches("/orgs/").to_string();
    let profile = [
        ("slug", slug.as_str()),
        ("products_zh", TEXTAREA),
        ("products_en", TITLE),
        ("categories[]", "false-eyelashes"),
        ("moq_value", "1000"),
        ("moq_unit", "pair"),
        ("capacity_value", ""),
        ("capacity_unit", ""),
        ("lead_time_days", ""),
        ("sample_policy", ""),
        ("price_band", ""),
        ("certifications_other", ATTRIBUTE),
        ("export_markets", "US"),
        ("floor_area_m2", ""),
        ("overseas_warehouse", "yes"),
        ("overseas_warehouse_where", TEMPLATE_BIDI),
        ("test_reports", JS_URL),
    ];
    let page = maker.call("save_supply_profile", &profile).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = maker.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);

    // A service provider's offering, all hostile.
    let mut provider = user(&site, "hostile-provider@example.com", Role::ServiceProvider).await;
    let page = provider.call("create_organisation", &org_fields("service_provider", "Hostile Freight", belt)).await;
    let provider_slug = location(&page).trim_start_matches("/orgs/").to_string();
    let offering = [
        ("slug", provider_slug.as_str()),
        ("id", "new"),
        ("service_type", "overseas_warehouse"),
        ("title_zh", TITLE),
        ("title_en", ATTRIBUTE),
        ("description_zh", TEXTAREA),
        ("description_en", JS_URL),
        ("terms_zh", TEMPLATE_BIDI),
        ("terms_en", TEXTAREA),
        ("markets", "US"),
        ("belts[]", belt),
        ("published", "yes"),
    ];
    let page = provider.call("save_offering", &offering).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    drain_outbox(&site.db.db, &site.search).await;

    let mut visitor = Browser::new(&site.router, "10.0.0.9");
    let org = both_languages(&mut visitor, &format!("/orgs/{slug}")).await;
    assert!(title_of(&org[1]).contains(TITLE), "the title shows the name as text: {:?}", title_of(&org[1]));
    // Structured data carries the name as data: it parses, and holds it exactly.
    let document = Html::parse_document(&org[1].body);
    let data = document.select(&Selector::parse(r#"script[type="application/ld+json"]"#).unwrap()).next().expect("structured data");
    let data: serde_json::Value = serde_json::from_str(&data.inner_html()).expect("valid JSON");
    assert_eq!(data["name"], name_en.as_str());
    for value in [TITLE, ATTRIBUTE, TEXTAREA, TEMPLATE_BIDI, JS_URL] {
        assert_shown_in("organisation page", &org, value);
    }

    let supplier = both_languages(&mut visitor, &format!("/suppliers/{slug}")).await;
    assert!(title_of(&supplier[1]).contains(TITLE));
    for value in [TITLE, TEXTAREA, ATTRIBUTE, TEMPLATE_BIDI, JS_URL] {
        assert_shown_in("supplier page", &supplier, value);
    }

    let belt_page = both_languages(&mut visitor, &format!("/belts/{belt}")).await;
    assert_shown_in("belt page", &belt_page, &name_en);
    let search = both_languages(&mut visitor, "/search?q=Lashes").await;
    assert_shown_in("search page", &search, &name_en);
    both_languages(&mut visitor, "/search?q=Hostile").await;
    let provider_page = both_languages(&mut visitor, &format!("/orgs/{provider_slug}")).await;
    for value in [TITLE, ATTRIBUTE, TEXTAREA, JS_URL, TEMPLATE_BIDI] {
        assert_shown_in("provider page", &provider_page, value);
    }

    // A platform's criteria notes, hostile, on its criteria page, in its form and on a maker's readiness page.
    let mut scout = user(&site, "hostile-scout@example.com", Role::PlatformScout).await;
    let platform = location(&scout.call("create_organisation", &org_fields("platform", "Hostile Mart", belt)).await)
        .trim_start_matches("/orgs/")
        .to_string();
    let criteria = [
        ("slug", platform.as_str()),
        ("categories[]", "false-eyelashes"),
        ("test_reports", "yes"),
        ("notes_zh", TEXTAREA),
        ("notes_en", TITLE),
    ];
    let page = scout.call("save_platform_criteria", &criteria).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let published = both_languages(&mut visitor, &format!("/orgs/{platform}/criteria")).await;
    assert_shown("criteria page", &published[0], TEXTAREA);
    assert_shown("criteria page", &published[1], TITLE);
    let form = both_languages(&mut scout, &format!("/orgs/{platform}/criteria")).await;
    assert_eq!(textarea_text(&form[0], "notes_zh"), TEXTAREA);
    assert_eq!(textarea_text(&form[1], "notes_en"), TITLE);
    let readiness = both_languages(&mut maker, "/readiness").await;
    assert_shown("readiness page", &readiness[1], TITLE);
    assert_shown_in("readiness page", &readiness, JS_URL);

    // The editors give every value back into its field exactly.
    let editor = both_languages(&mut maker, &format!("/orgs/{slug}/profile")).await;
    for page in &editor {
        assert_eq!(textarea_text(page, "products_zh"), TEXTAREA);
        assert_eq!(textarea_text(page, "products_en"), TITLE);
    }
    let account = both_languages(&mut maker, "/account").await;
    assert_shown_in("account page", &account, &name_en);
    let offerings = both_languages(&mut provider, &format!("/orgs/{provider_slug}/offerings")).await;
    assert_shown_in("offerings page", &offerings, ATTRIBUTE);
    let offering_id = {
        use sea_orm::{EntityTrait, QueryOrder};
        app::entities::service_offering::Entity::find()
            .order_by_desc(app::entities::service_offering::Column::Id)
            .one(&site.db.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let editor = both_languages(&mut provider, &format!("/orgs/{provider_slug}/offerings/{offering_id}")).await;
    assert_eq!(textarea_text(&editor[0], "description_zh"), TEXTAREA);

    // A refused form without JavaScript comes back with the hostile input in
    // its fields, as text, to the browser that sent it.
    let form = format!("/orgs/{slug}/profile");
    let mut refused: Vec<(&str, &str)> = profile.iter().copied().filter(|(k, _)| *k != "moq_value").collect();
    refused.push(("moq_value", "many"));
    let page = maker.submit(&form, "save_supply_profile", &refused).await;
    let back = location(&page);
    assert!(back.contains("__err="), "{back}");
    let page = maker.get(&back).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_inert("refused profile form", &page);
    assert_eq!(textarea_text(&page, "products_zh"), TEXTAREA);
    assert_shown("refused profile form", &page, "Enter a whole number");
    // The summary above the form names the refused field and links to it.
    let document = Html::parse_document(&page.body);
    let summary: Vec<(String, String)> = document
        .select(&Selector::parse(".error-summary a").unwrap())
        .map(|a| (a.attr("href").unwrap_or_default().to_string(), a.text().collect()))
        .collect();
    assert_eq!(summary.len(), 1, "{summary:?}");
    assert_eq!(summary[0].0, "#field-moq_value");
    assert!(summary[0].1.starts_with("Minimum order") || summary[0].1.contains("whole number"), "{summary:?}");

    // The site admin's search status page.
    let mut admin = user(&site, "hostile-admin@example.com", Role::SiteAdmin).await;
    both_languages(&mut admin, "/admin/search").await;

    // A hostile association request, as the site admin reviews it.
    let mut founder = user(&site, "hostile-founder@example.com", Role::Graduate).await;
    let page = founder
        .call(
            "create_organisation",
            &[
                ("kind", "association"),
                ("name_zh", TEXTAREA),
                ("name_en", TITLE),
                ("description_zh", ATTRIBUTE),
                ("description_en", JS_URL),
                ("province", ""),
                ("city_zh", ""),
                ("city_en", ""),
                ("belts[0]", belt),
            ],
        )
        .await;
    let association = location(&page).trim_start_matches("/orgs/").to_string();
    let queue = both_languages(&mut admin, "/admin/approvals").await;
    for value in [TEXTAREA, TITLE, ATTRIBUTE, JS_URL] {
        assert_shown_in("approvals", &queue, value);
    }
    both_languages(&mut founder, &format!("/orgs/{association}")).await;
    // Verified on hostile evidence: the record shows it as text.
    let page = admin.call("verify_organisation", &[("slug", &slug), ("evidence", TEXTAREA)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let org = both_languages(&mut visitor, &format!("/orgs/{slug}")).await;
    assert_shown_in("verification record", &org, TEXTAREA);

    // The edit form gives the stored values back exactly.
    let edit = both_languages(&mut maker, &format!("/orgs/{slug}/edit")).await;
    for page in &edit {
        assert_eq!(textarea_text(page, "description_zh"), TEXTAREA);
    }
    assert_shown_in("edit form", &edit, &name_en);
    // A teammate with a hostile name, invited to the hostile organisation.
    let page = maker.call("invite_teammate", &[("slug", &slug), ("email", "hostile-mate@example.com"), ("role", "viewer")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let mail = local_mail(&site).await;
    let letter = mail.iter().find(|m| m.to == "hostile-mate@example.com").expect("the invitation");
    let token = token_of(&link_in(&letter.body, "/invitation").unwrap());
    let mut mate = Browser::new(&site.router, "10.0.0.77");
    let invitation = both_languages(&mut mate, &format!("/invitation?token={token}")).await;
    assert_shown_in("invitation page", &invitation, &name_en);
    assert_shown_in("invitation page", &invitation, ATTRIBUTE);
    let fields = [
        ("email", "hostile-mate@example.com"),
        ("display_name", TITLE),
        ("role", "manufacturer"),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ];
    assert_eq!(mate.call("sign_up", &fields).await.status, StatusCode::OK);
    mate.call("sign_in", &[("email", "hostile-mate@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(mate.call("accept_invitation", &[("token", &token)]).await.status, StatusCode::OK);
    let team = both_languages(&mut maker, &format!("/orgs/{slug}/team")).await;
    assert_shown_in("team page", &team, TITLE);
    let header = both_languages(&mut mate, "/account").await;
    assert_shown_in("organisation switcher", &header, &name_en);
}

#[tokio::test]
async fn a_crafted_link_cannot_fill_a_form_for_someone_else() {
    let site = site().await;
    let mut maker = user(&site, "victim@example.com", Role::Manufacturer).await;
    let page = maker.call("create_organisation", &org_fields("manufacturer", "Victim Lashes", "pingdu-false-eyelashes")).await;
    let form = format!("{}/profile", location(&page));

    // The attacker makes a refused submission of their own and sends its link.
    let mut attacker = user(&site, "attacker@example.com", Role::Manufacturer).await;
    let fields = [("slug", "victim-lashes"), ("products_zh", TEXTAREA), ("moq_value", "many")];
    let page = attacker.submit(&form, "save_supply_profile", &fields).await;
    let link = location(&page);
    assert!(link.contains("__err="), "{link}");

    // Opened by the victim, the link is sent on to the form without the error.
    let page = maker.get(&link).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), form);
    let page = maker.get(&form).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("alert("), "nothing of the attacker's text");

    // An error made up from scratch fares the same.
    let forged = format!("{form}?__path=%2Fapi%2Fsave_supply_profile&__err=eyJJbnZhbGlkIjp7fX0");
    let page = maker.get(&forged).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), form);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.0.0.9");
    for path in ["/", "/belts", "/signin", "/no-such-page", "/healthz", "/lang/en?next=/belts"] {
        let page = visitor.get(path).await;
        for header in ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"] {
            assert!(page.headers.contains_key(header), "{path}: {header} missing");
        }
        assert_eq!(page.headers["x-content-type-options"], "nosniff");
        let policy = page.headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"), "{path}: {policy}");
        assert!(!page.headers.contains_key("strict-transport-security"), "no HSTS over http");
    }
    let page = visitor.get("/belts").await;
    assert!(page.headers["content-security-policy"].to_str().unwrap().contains("'nonce-"));
}

#[tokio::test]
async fn https_sites_tell_browsers_to_stay_on_https() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let leptos_options = leptos::prelude::LeptosOptions::builder().output_name("beltlink").build();
    let app = app::state::AppState::new(db.db.clone(), meili.service(), db.media_dir());
    let router = server::web::router(server::web::ServerState { leptos_options, app, secure_cookies: true });
    let page = get(&router, "/healthz", "en").await;
    assert_eq!(page.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
}

#[tokio::test]
async fn hostile_text_in_a_brief_and_its_matches_comes_back_as_text() {
    let site = site().await;
    // A hostile supplier the brief ranks.
    let (mut maker, slug) = firm(&site, "hostile-lashes@example.com", ATTRIBUTE).await;
    let mut profile = minimal_profile(&slug, TEXTAREA);
    profile.retain(|(k, _)| *k != "products_zh");
    profile.push(("products_zh", TITLE));
    assert_eq!(maker.call("save_supply_profile", &profile).await.status, StatusCode::OK);
    assert_eq!(maker.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await.status, StatusCode::OK);
    drain_outbox(&site.db.db, &site.search).await;

    let mut scout = user(&site, "hostile-scout@example.com", Role::PlatformScout).await;
    let platform = created_slug(&scout.call("create_organisation", &org_fields("platform", TITLE, BELT)).await);
    let deadline = (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let fields = [
        ("slug", "new"),
        ("platform", platform.as_str()),
        ("title_zh", TEXTAREA),
        ("title_en", TITLE),
        ("details_zh", ATTRIBUTE),
        ("details_en", TEXTAREA),
        ("categories[]", "false-eyelashes"),
        ("markets", ""),
        ("capacity_value", ""),
        ("capacity_unit", ""),
        ("capacity_period", "month"),
        ("max_lead_time_days", ""),
        ("price_band", ""),
        ("belts[]", BELT),
        ("deadline", deadline.as_str()),
        ("visibility", "public"),
        ("publish", "yes"),
    ];
    let page = scout.call("save_brief", &fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let brief = location(&page).trim_start_matches("/briefs/").trim_end_matches("?saved=1").to_string();
    drain_outbox(&site.db.db, &site.search).await;

    let mut visitor = Browser::new(&site.router, "10.0.0.61");
    let pages = both_languages(&mut visitor, &format!("/briefs/{brief}")).await;
    for value in [TEXTAREA, TITLE, ATTRIBUTE] {
        assert_shown_in("brief page", &pages, value);
    }
    assert!(title_of(&pages[1]).contains(TITLE), "the document title holds the brief's title as text");
    let listed = both_languages(&mut visitor, "/briefs").await;
    assert_shown_in("brief list", &listed, TITLE);
    both_languages(&mut visitor, &format!("/belts/{BELT}")).await;
    both_languages(&mut visitor, "/search?q=%3Cscript%3E&kind=brief").await;
    // The edit form gives the stored text back exactly.
    let edit = both_languages(&mut scout, &format!("/briefs/{brief}/edit")).await;
    for page in &edit {
        assert_eq!(textarea_text(page, "details_en"), TEXTAREA);
        assert_eq!(textarea_text(page, "details_zh"), ATTRIBUTE);
    }
}

#[tokio::test]
async fn hostile_text_in_an_inquiry_and_its_replies_comes_back_as_text() {
    let site = site().await;
    let (mut maker, slug) = firm(&site, "hostile-inquiry-maker@example.com", TITLE).await;
    assert_eq!(maker.call("save_supply_profile", &minimal_profile(&slug, "Lashes")).await.status, StatusCode::OK);
    assert_eq!(maker.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await.status, StatusCode::OK);
    // A sender whose name, firm, subject and message are all hostile.
    let mut sender = Browser::new(&site.router, "10.0.0.62");
    let page = sender
        .call(
            "sign_up",
            &[
                ("email", "hostile-sender@example.com"),
                ("display_name", ATTRIBUTE),
                ("role", "platform_scout"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.headers["location"], "/signin?welcome=1", "{}", page.body);
    sender.call("sign_in", &[("email", "hostile-sender@example.com"), ("password", PASSWORD)]).await;
    confirm_address(&site, "hostile-sender@example.com").await;
    let platform = created_slug(&sender.call("create_organisation", &org_fields("platform", TEMPLATE_BIDI, BELT)).await);
    let fields = [("supplier", slug.as_str()), ("brief", ""), ("write_as", platform.as_str()), ("subject", TITLE), ("body", TEXTAREA)];
    let page = sender.call("send_inquiry", &fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let thread = location(&page).trim_end_matches("?sent=1").to_string();
    let id = thread.trim_start_matches("/inbox/").to_string();
    assert_eq!(maker.call("reply_to_inquiry", &[("id", id.as_str()), ("body", JS_URL)]).await.status, StatusCode::OK);

    for browser in [&mut sender, &mut maker] {
        let pages = both_languages(browser, &thread).await;
        for value in [TITLE, TEXTAREA, JS_URL, ATTRIBUTE] {
            assert_shown_in("thread", &pages, value);
        }
        assert!(title_of(&pages[1]).contains(TITLE), "the document title holds the subject as text");
        let inbox = both_languages(browser, "/inbox").await;
        assert_shown_in("inbox", &inbox, TITLE);
        both_languages(browser, "/notifications").await;
    }
    let pages = both_languages(&mut sender, &format!("/inquiries/new?supplier={slug}")).await;
    assert_shown_in("inquiry form", &pages, TEMPLATE_BIDI);
    // A refused message comes back in its textarea exactly.
    let refused = sender
        .submit(
            &format!("/inquiries/new?supplier={slug}"),
            "send_inquiry",
            &[("supplier", slug.as_str()), ("brief", ""), ("write_as", ""), ("subject", ""), ("body", TEXTAREA)],
        )
        .await;
    let back = sender.get(&location(&refused)).await;
    assert_inert("refused inquiry", &back);
    assert_eq!(textarea_text(&back, "body"), TEXTAREA);
}

#[tokio::test]
async fn hostile_text_in_an_association_application_its_decision_and_secretariats_comes_back_as_text() {
    let site = site().await;
    let mut runner = user(&site, "runner@example.com", Role::Graduate).await;
    let association = created_slug(&runner.call("create_organisation", &org_fields("association", "Lash Association", BELT)).await);
    approve(&site, &association).await;
    let (mut maker, firm) = firm(&site, "maker@example.com", "Pingdu Lash Works").await;
    let message = format!("{TITLE} {TEXTAREA} {ATTRIBUTE} {JS_URL} {TEMPLATE_BIDI}");
    let applied = maker.call("apply_for_membership", &[("slug", &association), ("firm", &firm), ("message", &message)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let manage = format!("/associations/{association}/manage");
    let pages = both_languages(&mut runner, &manage).await;
    assert_shown_in("the application on the manage page", &pages, TEXTAREA);

    // A refused decline without JavaScript: the reason comes back in its textarea, as text.
    let id = {
        use app::entities::membership_application;
        use sea_orm::EntityTrait;
        membership_application::Entity::find().all(&site.db.db).await.unwrap()[0].id.to_string()
    };
    let too_long = format!("{TEXTAREA}{}", "x".repeat(600));
    let refused = runner.submit(&manage, "decide_application", &[("id", &id), ("decision", "decline"), ("reason", &too_long)]).await;
    let back = runner.get(&location(&refused)).await;
    assert_eq!(back.status, StatusCode::OK);
    assert_inert("a refused decline", &back);
    assert_eq!(textarea_text(&back, "reason"), too_long, "the reason comes back as typed, as text");
    let reason = format!("{TITLE} {TEXTAREA} {ATTRIBUTE}");
    let declined = runner.call("decide_application", &[("id", &id), ("decision", "decline"), ("reason", &reason)]).await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    let pages = both_languages(&mut maker, &format!("/associations/{association}")).await;
    assert_shown_in("the reason the firm reads", &pages, ATTRIBUTE);

    // Secretariats: shown on the profile, and back in the form's textarea.
    // (City names are short, and the first "/" parts the Chinese name from the English: hostile ones that fit.)
    let short_textarea = "</textarea><script>alert(1)</script>";
    let cities = format!("平度 / </title><script>alert(1)</script>\n即墨 / {short_textarea}\n胶州 / {ATTRIBUTE}");
    let saved = runner.call("save_secretariats", &[("slug", &association), ("secretariats", &cities)]).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let pages = both_languages(&mut runner, &format!("/associations/{association}")).await;
    assert_shown_in("secretariats on the profile", &pages, short_textarea);
    let pages = both_languages(&mut runner, &manage).await;
    assert!(textarea_text(&pages[1], "secretariats").contains(short_textarea), "the form holds the saved text as text");
    both_languages(&mut runner, "/associations").await;
}

#[tokio::test]
async fn hostile_text_in_an_event_comes_back_as_text() {
    let site = site().await;
    let mut runner = association(&site, "runner@example.com", "Lash Association", BELT).await;
    let association_slug = {
        let id = app::accounts::repo::find_by_email(&site.db.db, "runner@example.com").await.unwrap().unwrap().id;
        let places = app::read::active_places(&site.db.db, id).await.unwrap();
        app::read::organisation_by_id(&site.db.db, *places.keys().next().unwrap()).await.unwrap().slug
    };
    let hostile =
        |key: &'static str, value: String| move |(k, v): (&'static str, String)| if k == key { (k, value.clone()) } else { (k, v) };
    let fields: Vec<(&'static str, String)> = crate::events::event_fields("new", &association_slug, TITLE)
        .into_iter()
        .map(hostile("description_en", format!("{TEXTAREA} {ATTRIBUTE} {JS_URL} {TEMPLATE_BIDI}")))
        .map(hostile("venue_en", ATTRIBUTE.to_string()))
        .map(hostile("city_en", TEXTAREA.to_string()))
        .map(hostile("venue_zh", TEMPLATE_BIDI.to_string()))
        .collect();
    let refs = |fields: &[(&'static str, String)]| fields.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let with_publish: Vec<(&str, String)> = refs(&fields).into_iter().chain([("publish", "yes".to_string())]).collect();
    let borrowed: Vec<(&str, &str)> = with_publish.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let saved = runner.call("save_event", &borrowed).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let event = location(&saved).trim_start_matches("/events/").split('?').next().unwrap().to_string();
    let pages = both_languages(&mut runner, &format!("/events/{event}")).await;
    assert_eq!(title_of(&pages[1]), format!("{TITLE} · Beltlink"), "the title is text");
    assert_shown_in("the description", &pages, TEXTAREA);
    assert_shown_in("the venue", &pages, ATTRIBUTE);
    let mut visitor = Browser::new(&site.router, "10.9.0.9");
    both_languages(&mut visitor, &format!("/events/{event}")).await;
    let pages = both_languages(&mut visitor, "/events").await;
    assert_shown_in("the list", &pages, TITLE);
    both_languages(&mut visitor, &format!("/belts/{BELT}")).await;
    both_languages(&mut visitor, &format!("/associations/{association_slug}")).await;
    let edit = format!("/events/{event}/edit");
    let pages = both_languages(&mut runner, &edit).await;
    assert!(textarea_text(&pages[1], "description_en").starts_with(TEXTAREA), "the form holds the saved text as text");

    // A refused save without JavaScript: every field comes back as typed, as text.
    let broken: Vec<(&str, String)> =
        refs(&fields).into_iter().map(hostile("slug", event.clone())).map(hostile("breaks", TEXTAREA.to_string())).collect();
    let borrowed: Vec<(&str, &str)> = broken.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = runner.submit(&edit, "save_event", &borrowed).await;
    let back = runner.get(&location(&refused)).await;
    assert_eq!(back.status, StatusCode::OK);
    assert_inert("a refused event", &back);
    assert_eq!(textarea_text(&back, "breaks"), TEXTAREA);
    assert!(textarea_text(&back, "description_en").starts_with(TEXTAREA));

    // A meeting request's note: shown to the firm asked as text, and back in its textarea when refused.
    let (mut maker, lash_firm) = firm(&site, "maker@example.com", "Pingdu Lash Works").await;
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;
    let platform = created_slug(&scout.call("create_organisation", &org_fields("platform", "Lash Mart", BELT)).await);
    // The hostile event asks suppliers for BSCI: the maker says so.
    let mut profile = minimal_profile(&lash_firm, "Strip lashes");
    profile.retain(|(k, _)| !["capacity_value", "capacity_unit"].contains(k));
    profile.extend([("certifications[]", "bsci"), ("capacity_value", "20000"), ("capacity_unit", "piece")]);
    assert_eq!(maker.call("save_supply_profile", &profile).await.status, StatusCode::OK);
    for (browser, firm) in [(&mut maker, &lash_firm), (&mut scout, &platform)] {
        let page = browser.call("register_for_event", &[("slug", &event), ("firm", firm)]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    let to = {
        use app::entities::{event_registration, organisation};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let org = organisation::Entity::find().filter(organisation::Column::Slug.eq(&platform)).one(&site.db.db).await.unwrap().unwrap();
        let found = event_registration::Entity::find()
            .filter(event_registration::Column::OrganisationId.eq(org.id))
            .one(&site.db.db)
            .await
            .unwrap();
        found.unwrap().id.to_string()
    };
    let note = format!("{TITLE} {TEXTAREA} {ATTRIBUTE} {JS_URL}");
    let meetings = format!("/events/{event}/meetings");
    let sent = maker.call("request_meeting", &[("slug", &event), ("firm", &lash_firm), ("to", &to), ("note", &note)]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let pages = both_languages(&mut scout, &meetings).await;
    assert_shown_in("the note, for the firm asked", &pages, TEXTAREA);
    both_languages(&mut maker, &meetings).await;
    let refused_note = format!("{TEXTAREA}{}", "x".repeat(600));
    let refused =
        maker.submit(&meetings, "request_meeting", &[("slug", &event), ("firm", &lash_firm), ("to", &to), ("note", &refused_note)]).await;
    let back = maker.get(&location(&refused)).await;
    assert_inert("a refused request", &back);

    // The schedule, the agendas and the calendar: the hostile title and venue stay text.
    let request = {
        use sea_orm::EntityTrait;
        app::entities::meeting_request::Entity::find().all(&site.db.db).await.unwrap()[0].id.to_string()
    };
    assert_eq!(scout.call("answer_meeting_request", &[("id", &request), ("answer", "accept")]).await.status, StatusCode::OK);
    assert_eq!(runner.call("generate_schedule", &[("slug", &event)]).await.status, StatusCode::OK);
    let pages = both_languages(&mut runner, &format!("/events/{event}/schedule")).await;
    assert_eq!(title_of(&pages[1]), format!("Schedule · {TITLE} · Beltlink"));
    let pages = both_languages(&mut maker, &format!("/events/{event}/agenda")).await;
    assert_shown_in("the agenda", &pages, ATTRIBUTE);
    both_languages(&mut scout, &format!("/events/{event}/agenda")).await;
    let ics = maker.get(&format!("/events/{event}/agenda.ics?firm={lash_firm}&lang=en")).await;
    let calendars: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(ics.body.as_bytes())).collect::<Result<_, _>>().unwrap();
    let events = &calendars[0].events;
    assert_eq!(events.len(), 2, "no entry forged by the text");
    let value = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    assert!(events.iter().any(|e| value(e, "SUMMARY") == TITLE), "the title, whole, as one property");
    assert!(events.iter().all(|e| value(e, "LOCATION").starts_with(ATTRIBUTE)), "the venue, whole");

    // The day: the table plan, the badge, the check-in desk, and an outcome's note.
    let pages = both_languages(&mut runner, &format!("/events/{event}/day")).await;
    assert_eq!(title_of(&pages[1]), format!("Day view · {TITLE} · Beltlink"));
    assert_shown_in("the day view", &pages, "Pingdu Lash Works");
    let pages = both_languages(&mut maker, &format!("/events/{event}/badge?firm={lash_firm}")).await;
    assert_shown_in("the badge", &pages, TITLE);
    crate::events::held_yesterday(&site, &event).await;
    let meeting = {
        use sea_orm::EntityTrait;
        app::entities::event_meeting::Entity::find().all(&site.db.db).await.unwrap()[0].id.to_string()
    };
    let outcome = [("slug", event.as_str()), ("firm", &lash_firm), ("meeting", &meeting), ("outcome", "order_intent"), ("note", &note)];
    let recorded = maker.call("record_meeting_outcome", &outcome).await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.body);
    let pages = both_languages(&mut maker, &format!("/events/{event}/agenda?firm={lash_firm}")).await;
    assert_shown_in("the outcome's note, for its firm", &pages, TEXTAREA);
    let registration = app::events::repo::registration_by_id(&site.db.db, to.parse().unwrap()).await.unwrap();
    let maker_registration = {
        use app::entities::event_registration;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        event_registration::Entity::find()
            .filter(event_registration::Column::EventId.eq(registration.event_id))
            .filter(event_registration::Column::Id.ne(registration.id))
            .one(&site.db.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let pages = both_languages(&mut runner, &format!("/events/{event}/check-in/{maker_registration}")).await;
    assert_shown_in("the outcome's note, for the organisers", &pages, TEXTAREA);
    // The report and its file: a note that would run as a formula is text there.
    let platform_says = [
        ("slug", event.as_str()),
        ("firm", &platform),
        ("meeting", &meeting),
        ("outcome", "follow_up"),
        ("note", "=HYPERLINK(\"http://evil.test\")"),
    ];
    assert_eq!(scout.call("record_meeting_outcome", &platform_says).await.status, StatusCode::OK);
    let pages = both_languages(&mut runner, &format!("/events/{event}/report")).await;
    assert_eq!(title_of(&pages[1]), format!("Report · {TITLE} · Beltlink"));
    let file = runner.get(&format!("/events/{event}/report.csv")).await;
    let mut reader = csv::Reader::from_reader(file.body.trim_start_matches('\u{feff}').as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[9], note, "the supplier's note, whole");
    assert_eq!(&record[11], "'=HYPERLINK(\"http://evil.test\")", "neutralised");
    both_languages(&mut runner, &format!("/events/{event}/day")).await;
    let too_long = format!("{TEXTAREA}{}", "x".repeat(1000));
    let refused = maker
        .submit(
            &format!("/events/{event}/agenda?firm={lash_firm}"),
            "record_meeting_outcome",
            &[("slug", event.as_str()), ("firm", &lash_firm), ("meeting", &meeting), ("outcome", "order_intent"), ("note", &too_long)],
        )
        .await;
    let back = maker.get(&location(&refused)).await;
    assert_inert("a refused outcome", &back);
}

#[tokio::test]
async fn hostile_text_in_a_policy_notice_comes_back_as_text() {
    let site = site().await;
    let mut admin = user(&site, "hostile-policy-admin@example.com", Role::SiteAdmin).await;
    let fields = [
        ("slug", "new"),
        ("publisher", ""),
        ("title_zh", TITLE),
        ("title_en", TITLE),
        ("issuer_zh", ATTRIBUTE),
        ("issuer_en", ATTRIBUTE),
        ("summary_zh", TEXTAREA),
        ("summary_en", TEXTAREA),
        ("benefit", "other"),
        ("amount_zh", TEMPLATE_BIDI),
        ("amount_en", TEMPLATE_BIDI),
        ("deadline", ""),
        ("source_url", "https://example.com/\"><script>alert(1)</script>"),
        ("province", "shandong"),
        ("city_zh", ATTRIBUTE),
        ("city_en", ATTRIBUTE),
        ("org_kinds[]", "manufacturer"),
        ("exports", "yes"),
    ];
    let refused = admin.call("save_notice", &fields).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "a link with markup in it is refused");
    let mut fields = fields.to_vec();
    fields[12] = ("source_url", "https://example.com/notice?a=1&b=<2>");
    let refused = admin.call("save_notice", &fields).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "so is one with angle brackets");
    fields[12] = ("source_url", "https://example.com/notice?a=1&b=2");
    let saved = admin.call("save_notice", &fields).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let slug = location(&saved).trim_start_matches("/policies/").split('?').next().unwrap().to_string();
    let (mut maker, _) = firm(&site, "hostile-policy-maker@example.com", "Policy Reader Lashes").await;
    for path in [format!("/policies/{slug}"), "/policies".into(), "/policies/for-me".into(), format!("/policies/{slug}/edit")] {
        let browser = if path.ends_with("/edit") { &mut admin } else { &mut maker };
        let pages = both_languages(browser, &path).await;
        if path.ends_with("/edit") {
            assert_eq!(textarea_text(&pages[1], "summary_en"), TEXTAREA, "the form holds the text as it was");
        } else if !path.ends_with("/for-me") {
            assert_shown_in(&path, &pages, TITLE);
        }
    }
    let pages = both_languages(&mut maker, &format!("/policies/{slug}")).await;
    assert_eq!(title_of(&pages[1]), format!("{TITLE} · Beltlink"));
    for value in [ATTRIBUTE, TEXTAREA, TEMPLATE_BIDI] {
        assert_shown_in("the notice", &pages, value);
    }
    // A firm in the notice's region (its city named in hostile text) is told, and its matches show the notice.
    let mut reader = user(&site, "hostile-policy-reader@example.com", Role::Manufacturer).await;
    let mut org = org_fields("manufacturer", "Hostile City Lashes", "pingdu-false-eyelashes");
    org.retain(|(k, _)| !k.starts_with("city_"));
    org.extend([("city_zh", ATTRIBUTE), ("city_en", ATTRIBUTE)]);
    let firm_slug = created_slug(&reader.call("create_organisation", &org).await);
    let mut profile = minimal_profile(&firm_slug, "Lashes");
    profile.retain(|(k, _)| *k != "export_markets");
    profile.push(("export_markets", "US"));
    assert_eq!(reader.call("save_supply_profile", &profile).await.status, StatusCode::OK);
    fields[0] = ("slug", &slug);
    assert_eq!(admin.call("save_notice", &fields).await.status, StatusCode::OK);
    let matches = both_languages(&mut reader, "/policies/for-me").await;
    assert_shown_in("the matches", &matches, TITLE);
    assert_shown_in("the matches", &matches, ATTRIBUTE);
    let notifications = both_languages(&mut reader, "/notifications").await;
    assert_shown_in("the notification", &notifications, TITLE);
}

#[tokio::test]
async fn hostile_text_in_a_program_comes_back_as_text() {
    let site = site().await;
    let mut admin = user(&site, "hostile-program-admin@example.com", Role::SiteAdmin).await;
    let day =
        |days: i64| (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
    let (starts, ends, closes) = (day(20), day(22), day(10));
    let fields = [
        ("slug", "new"),
        ("organiser", "yueyang-cross-border-ecommerce-association"),
        ("kind", "competition"),
        ("title_zh", TITLE),
        ("title_en", TITLE),
        ("summary_zh", TEXTAREA),
        ("summary_en", TEXTAREA),
        ("province", "hunan"),
        ("city_zh", ATTRIBUTE),
        ("city_en", ATTRIBUTE),
        ("venue_zh", TEMPLATE_BIDI),
        ("venue_en", TEMPLATE_BIDI),
        ("starts_on", &starts),
        ("ends_on", &ends),
        ("applications_close", &closes),
        ("seats", ""),
        ("cost_zh", ATTRIBUTE),
        ("cost_en", ATTRIBUTE),
        ("curriculum_zh", TEXTAREA),
        ("curriculum_en", TEXTAREA),
        ("instruction_languages[]", "zh"),
        ("belts[]", "junshan-yinzhen-tea"),
        ("companies", "<script>alert(1)</script>"),
    ];
    let refused = admin.call("save_program", &fields).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "markup is no organisation's address");
    let mut fields = fields.to_vec();
    fields[22] = ("companies", "");
    let saved = admin.call("save_program", &fields).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let slug = location(&saved).trim_start_matches("/programs/").split('?').next().unwrap().to_string();
    let mut visitor = Browser::new(&site.router, "10.9.2.1");
    for path in [format!("/programs/{slug}"), "/programs".into(), "/belts/junshan-yinzhen-tea".into()] {
        let pages = both_languages(&mut visitor, &path).await;
        assert_shown_in(&path, &pages, TITLE);
        assert_shown_in(&path, &pages, ATTRIBUTE);
    }
    let pages = both_languages(&mut visitor, &format!("/programs/{slug}")).await;
    assert_eq!(title_of(&pages[1]), format!("{TITLE} · Beltlink"));
    for value in [TEXTAREA, TEMPLATE_BIDI] {
        assert_shown_in("the program", &pages, value);
    }
    let edit = both_languages(&mut admin, &format!("/programs/{slug}/edit")).await;
    assert_eq!(textarea_text(&edit[1], "summary_en"), TEXTAREA, "the form holds the text as it was");
    assert_eq!(textarea_text(&edit[1], "curriculum_en"), TEXTAREA);
}

#[tokio::test]
async fn hostile_text_in_a_graduate_profile_comes_back_as_text() {
    let site = site().await;
    let mut graduate = user(&site, "hostile-graduate@example.com", Role::Graduate).await;
    let fields = [
        ("school", TITLE),
        ("major", "ecommerce"),
        ("graduation_year", "2026"),
        ("province", "hunan"),
        ("language_1", "en"),
        ("level_1", "working"),
        ("skills", ATTRIBUTE),
        ("preferred_cities", TEMPLATE_BIDI),
        ("statement", TEXTAREA),
    ];
    let saved = graduate.call("save_graduate_profile", &fields).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let pages = both_languages(&mut graduate, "/me/graduate").await;
    assert_eq!(textarea_text(&pages[1], "statement"), TEXTAREA, "the form holds the text as it was");
    let document = Html::parse_document(&pages[1].body);
    let value = |name: &str| {
        let selector = Selector::parse(&format!(r#"input[name="{name}"]"#)).unwrap();
        document.select(&selector).next().and_then(|input| input.attr("value")).unwrap_or_default().to_string()
    };
    assert_eq!(value("school"), TITLE);
    assert_eq!(value("skills"), ATTRIBUTE);
    both_languages(&mut graduate, "/programs/for-you").await;

    // The graduate applies to the demo growth camp (it asks nothing); a site admin reviews and declines.
    let camp = app::talent::repo::all_listed(&site.db.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.title_en.contains("growth camp"))
        .expect("the demo growth camp")
        .slug;
    let motivation = format!("{TEXTAREA} {ATTRIBUTE} {TEMPLATE_BIDI}");
    let applied = graduate.call("apply_to_program", &[("slug", &camp), ("motivation", &motivation)]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let mut admin = user(&site, "hostile-reviewer@example.com", Role::SiteAdmin).await;
    let review = format!("/programs/{camp}/applications");
    let pages = both_languages(&mut admin, &review).await;
    for value in [TITLE, ATTRIBUTE, TEXTAREA, TEMPLATE_BIDI] {
        assert_shown_in("the review", &pages, value);
    }
    let id = Html::parse_document(&pages[1].body)
        .select(&Selector::parse(r#"form.decide-form input[name="id"]"#).unwrap())
        .next()
        .and_then(|input| input.attr("value").map(str::to_string))
        .expect("a decision form");
    let refused = admin.call("decide_program_application", &[("id", &id), ("decision", "decline"), ("reason", &TEXTAREA.repeat(20))]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "too long a reason");
    let declined = admin.call("decide_program_application", &[("id", &id), ("decision", "decline"), ("reason", ATTRIBUTE)]).await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    // The reason on both of the graduate's pages; the motivation with it on the program's.
    for path in ["/me/applications".to_string(), format!("/programs/{camp}")] {
        let pages = both_languages(&mut graduate, &path).await;
        assert_shown_in(&path, &pages, ATTRIBUTE);
    }
    assert_shown_in("the program", &both_languages(&mut graduate, &format!("/programs/{camp}")).await, TEXTAREA);
    both_languages(&mut admin, &review).await;

    // At a job fair the graduate marks an employer; its people (and site admins) read who, school and all.
    let (_, employer) = firm(&site, "hostile-employer@example.com", "Hostile Fair Employer").await;
    let day =
        |days: i64| (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
    let (starts, ends, closes) = (day(20), day(21), day(10));
    let fair = [
        ("slug", "new"),
        ("organiser", "yueyang-cross-border-ecommerce-association"),
        ("kind", "job_fair"),
        ("title_en", "Hostile job fair"),
        ("province", "hunan"),
        ("city_en", "Yueyang"),
        ("starts_on", &starts),
        ("ends_on", &ends),
        ("applications_close", &closes),
        ("instruction_languages[]", "zh"),
        ("companies", &employer),
    ];
    let saved = admin.call("save_program", &fair).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let fair_path = location(&saved).split('?').next().unwrap().to_string();
    let fair_slug = fair_path.trim_start_matches("/programs/").to_string();
    let marked = graduate.call("mark_employer", &[("slug", &fair_slug), ("employer", &employer), ("want", "yes")]).await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.body);
    let pages = both_languages(&mut admin, &fair_path).await;
    assert_shown_in("who marked the employer", &pages, TITLE);

    // A competition team named with markup: its members' page and the organisers' table show the text.
    let contest = [("kind", "competition"), ("title_en", "Hostile contest")];
    let contest: Vec<(&str, &str)> = fair.iter().map(|(k, v)| (*k, contest.iter().find(|(c, _)| c == k).map_or(*v, |(_, x)| *x))).collect();
    let saved = admin.call("save_program", &contest).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let contest_path = location(&saved).split('?').next().unwrap().to_string();
    let contest_slug = contest_path.trim_start_matches("/programs/").to_string();
    let applied =
        graduate.call("apply_to_program", &[("slug", &contest_slug), ("motivation", "I want to compete with my classmates.")]).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    let formed = graduate.call("form_team", &[("slug", &contest_slug), ("team_name", TITLE)]).await;
    assert_eq!(formed.status, StatusCode::OK, "{}", formed.body);
    assert_shown_in("the team on its competition's page", &both_languages(&mut graduate, &contest_path).await, TITLE);
    assert_shown_in("the organisers' teams", &both_languages(&mut admin, &format!("{contest_path}/applications")).await, TITLE);
    let link = graduate.call("submit_team_work", &[("team", "1"), ("link", "https://example.com/\"><img src=x onerror=alert(1)>")]).await;
    assert_eq!(link.status, StatusCode::BAD_REQUEST, "markup is no web address");
}
