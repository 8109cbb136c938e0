//! Supply profiles: filling, validation, publishing into search and out of
//! it again, verification of single fields, and who may do what.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

const SLUG: &str = "pingdu-silk-lashes";

/// A manufacturer signed in, owning "Pingdu Silk Lashes" in the Pingdu belt.
async fn maker(site: &Site) -> Browser {
    let mut maker = user(site, "wang@example.com", Role::Manufacturer).await;
    let page = maker.call("create_organisation", &org_fields("manufacturer", "Pingdu Silk Lashes", "pingdu-false-eyelashes")).await;
    assert_eq!(page.headers["location"], format!("/orgs/{SLUG}"));
    maker
}

fn profile_fields(slug: &str) -> Vec<(&str, &str)> {
    vec![
        ("slug", slug),
        ("products_zh", "手工真丝假睫毛、磁吸睫毛"),
        ("products_en", "Handmade silk strip lashes and magnetic lashes"),
        ("categories[]", "false-eyelashes"),
        ("moq_value", "1,000"),
        ("moq_unit", "pair"),
        ("capacity_value", "200000"),
        ("capacity_unit", "pair"),
        ("lead_time_days", "15"),
        ("sample_policy", "refundable"),
        ("price_band", ""),
        ("certifications[]", "bsci"),
        ("certifications_other", ""),
        ("export_markets", "US, JP, DE"),
        ("business_models[]", "oem"),
        ("business_models[]", "own_brand"),
        ("platforms[]", "amazon"),
        ("languages[]", "zh"),
        ("languages[]", "en"),
        ("floor_area_m2", "3000"),
        ("overseas_warehouse", "yes"),
        ("overseas_warehouse_where", "Los Angeles"),
    ]
}

fn with(fields: &[(&'static str, &'static str)], key: &'static str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut changed: Vec<_> = fields.iter().copied().filter(|(k, _)| *k != key).collect();
    changed.push((key, value));
    changed
}

async fn search_hrefs(site: &Site, query: &str) -> Vec<String> {
    common::search_hrefs(&site.search, query).await
}

#[tokio::test]
async fn a_profile_is_saved_as_a_draft_published_into_search_and_withdrawn() {
    let site = site().await;
    let mut maker = maker(&site).await;
    let editor = maker.get(&format!("/orgs/{SLUG}/profile")).await;
    assert_eq!(editor.status, StatusCode::OK);
    assert!(editor.body.contains("Not saved yet") && editor.body.contains(r#"name="categories[]""#));

    let page = maker.call("save_supply_profile", &profile_fields(SLUG)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers["location"], format!("/orgs/{SLUG}/profile?saved=1"));
    let editor = maker.get(&format!("/orgs/{SLUG}/profile?saved=1")).await;
    assert!(editor.body.contains("Saved.") && editor.body.contains(">Draft<"));
    assert!(editor.body.contains(r#"value="US, JP, DE""#), "the form shows what was saved");

    // A draft is the owner's alone.
    let mut visitor = Browser::new(&site.router, "10.0.0.7");
    assert_eq!(visitor.get(&format!("/suppliers/{SLUG}")).await.status, StatusCode::NOT_FOUND);
    let preview = maker.get(&format!("/suppliers/{SLUG}")).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("This profile is not published"));
    drain_outbox(&site.db.db, &site.search).await;
    assert!(!search_hrefs(&site, "magnetic lashes").await.contains(&format!("/suppliers/{SLUG}")));

    let page = maker.call("set_supply_profile_status", &[("slug", SLUG), ("action", "publish")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers["location"], format!("/suppliers/{SLUG}"));
    let public = visitor.get(&format!("/suppliers/{SLUG}")).await;
    assert_eq!(public.status, StatusCode::OK);
    for expected in [
        "Handmade silk strip lashes",
        "1,000 pairs",
        "200,000 pairs",
        "15 days",
        "United States",
        "Japan",
        "Germany",
        "BSCI",
        "Own brand",
        "Los Angeles",
        "3,000 m²",
        "Self-declared",
    ] {
        assert!(public.body.contains(expected), "{expected} missing from the supplier page");
    }
    assert!(!public.body.contains("Edit supply profile"), "visitors cannot edit");
    let zh = {
        visitor.lang = "zh-CN";
        visitor.get(&format!("/suppliers/{SLUG}")).await
    };
    for expected in ["手工真丝假睫毛", "1,000 副", "美国", "自有品牌", "自述"] {
        assert!(zh.body.contains(expected), "{expected} missing from the Chinese page");
    }
    let belt = visitor.get("/belts/pingdu-false-eyelashes").await;
    assert!(belt.body.contains(&format!("/suppliers/{SLUG}")), "the belt lists its published supplier");
    let facts = belt.body.split(r#"class="muted facts""#).nth(1).map(|rest| rest.chars().take(120).collect::<String>()).unwrap_or_default();
    assert!(facts.contains("起订 1,000 副") && facts.contains("交期 15 天"), "with the facts a scout compares: {facts}");
    let org = visitor.get(&format!("/orgs/{SLUG}")).await;
    assert!(org.body.contains(&format!("/suppliers/{SLUG}")), "the organisation links to its profile");

    drain_outbox(&site.db.db, &site.search).await;
    for query in ["magnetic lashes", "磁吸睫毛", "Pingdu Silk"] {
        let hrefs = search_hrefs(&site, query).await;
        assert!(hrefs.contains(&format!("/suppliers/{SLUG}")), "{query} finds the supplier: {hrefs:?}");
        assert!(!hrefs.contains(&format!("/orgs/{SLUG}")), "{query} finds the firm once, as a supplier");
    }

    let page = maker.call("set_supply_profile_status", &[("slug", SLUG), ("action", "unpublish")]).await;
    assert_eq!(page.headers["location"], format!("/orgs/{SLUG}/profile?unpublished=1"), "a page of its own, read afresh");
    let editor = maker.get(&format!("/orgs/{SLUG}/profile?unpublished=1")).await;
    assert!(editor.body.contains("Unpublished: the profile is no longer public"));
    assert_eq!(visitor.get(&format!("/suppliers/{SLUG}")).await.status, StatusCode::NOT_FOUND);
    assert!(!visitor.get("/belts/pingdu-false-eyelashes").await.body.contains(&format!("/suppliers/{SLUG}")));
    drain_outbox(&site.db.db, &site.search).await;
    let hrefs = search_hrefs(&site, "Pingdu Silk").await;
    assert!(!hrefs.contains(&format!("/suppliers/{SLUG}")), "unpublished means unsearchable");
    assert!(hrefs.contains(&format!("/orgs/{SLUG}")), "the organisation is found again");
}

#[tokio::test]
async fn each_profile_problem_comes_back_on_its_field_with_the_input_kept() {
    let site = site().await;
    let mut maker = maker(&site).await;
    let valid = profile_fields(SLUG);
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, Problem);
    let cases: Vec<Case> = vec![
        (with(&with(&valid, "products_zh", ""), "products_en", " "), "products_zh", Problem::NeedOneLanguage),
        (valid.iter().copied().filter(|(k, _)| *k != "categories[]").collect(), "categories", Problem::ChooseAtLeastOne),
        (with(&valid, "categories[]", "rockets"), "categories", Problem::NotAChoice),
        (with(&valid, "moq_value", "lots"), "moq_value", Problem::NotAWholeNumber),
        (with(&valid, "moq_unit", ""), "moq_unit", Problem::UnitNeeded),
        (with(&valid, "capacity_value", "0"), "capacity_value", Problem::NotPositive),
        (with(&valid, "lead_time_days", "500"), "lead_time_days", Problem::AtMost { max: 365 }),
        (with(&valid, "sample_policy", "sometimes"), "sample_policy", Problem::NotAChoice),
        (with(&valid, "price_band", "cheap"), "price_band", Problem::NotAChoice),
        (with(&valid, "certifications[]", "made-up"), "certifications", Problem::NotAChoice),
        (with(&valid, "export_markets", "US, Europe"), "export_markets", Problem::UnknownCountryCodes(vec!["Europe".into()])),
        (with(&valid, "platforms[]", "myspace"), "platforms", Problem::NotAChoice),
        (with(&valid, "languages[]", "klingon"), "languages", Problem::NotAChoice),
        (with(&valid, "floor_area_m2", "3000.5"), "floor_area_m2", Problem::NoFractions),
        (with(&valid, "overseas_warehouse_where", ""), "overseas_warehouse_where", Problem::WhereNeeded),
    ];
    for (fields, field, problem) in cases {
        let page = maker.call("save_supply_profile", &fields).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{field}: {}", page.body);
        let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
        assert_eq!(errors.problems.len(), 1, "only {field}: {:?}", errors.problems);
        assert_eq!(errors.problem(field), Some(&problem), "{field}");
        assert_eq!(errors.value("overseas_warehouse"), Some("yes"), "other input kept");
    }
    assert!(
        app::read::supply_profile_of(&site.db.db, app::read::organisation_by_slug(&site.db.db, SLUG).await.unwrap().id)
            .await
            .unwrap()
            .is_none(),
        "nothing was saved"
    );

    // Saved data is not lost by a later refused edit.
    maker.call("save_supply_profile", &valid).await;
    maker.call("save_supply_profile", &with(&valid, "moq_value", "lots")).await;
    let page = maker.get(&format!("/orgs/{SLUG}/profile")).await;
    assert!(page.body.contains(r#"value="1000""#), "the saved MOQ stands");
}

#[tokio::test]
async fn without_javascript_a_refused_profile_comes_back_with_its_message_and_input() {
    let site = site().await;
    let mut maker = maker(&site).await;
    let editor = format!("/orgs/{SLUG}/profile");
    let fields = with(&profile_fields(SLUG), "lead_time_days", "two weeks");
    let page = maker.submit(&editor, "save_supply_profile", &fields).await;
    let back = page.headers["location"].to_str().unwrap().trim_start_matches(SITE).to_string();
    assert!(back.starts_with(&editor), "{back}");
    let form = maker.get(&back).await;
    assert!(form.body.contains("Enter a whole number such as 1000 or 1,000."));
    assert!(form.body.contains(r#"value="two weeks""#), "the bad value is shown to fix");
    let html = scraper::Html::parse_document(&form.body);
    let focused: Vec<_> = html.select(&scraper::Selector::parse("input[autofocus]").unwrap()).filter_map(|i| i.value().id()).collect();
    assert_eq!(focused, ["field-lead_time_days"], "the browser focuses and scrolls to the refused field");
    assert!(form.body.contains(r#"value="US, JP, DE""#), "other input kept");
    assert!(form.body.contains(r#"id="certifications-bsci" name="certifications[]" value="bsci" checked"#), "choices kept");
    assert!(form.body.contains("Handmade silk strip lashes"), "text areas kept");

    let fixed = with(&fields, "lead_time_days", "14");
    let page = maker.submit(&back, "save_supply_profile", &fixed).await;
    assert_eq!(page.headers["location"], format!("{editor}?saved=1"));
}

#[tokio::test]
async fn another_firms_profile_cannot_be_changed_by_calling_the_functions_directly() {
    let site = site().await;
    let mut owner = maker(&site).await;
    owner.call("save_supply_profile", &profile_fields(SLUG)).await;
    owner.call("set_supply_profile_status", &[("slug", SLUG), ("action", "publish")]).await;

    let mut rival = user(&site, "rival@example.com", Role::Manufacturer).await;
    rival.call("create_organisation", &org_fields("manufacturer", "Rival Lashes", "pingdu-false-eyelashes")).await;
    let hijack = with(&profile_fields(SLUG), "products_en", "Counterfeit goods");
    assert_eq!(rival.call("save_supply_profile", &hijack).await.status, StatusCode::FORBIDDEN);
    assert_eq!(rival.call("set_supply_profile_status", &[("slug", SLUG), ("action", "unpublish")]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(rival.call("verify_supply_profile", &[("slug", SLUG), ("fields[]", "moq")]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(rival.get(&format!("/orgs/{SLUG}/profile")).await.status, StatusCode::FORBIDDEN);
    let mut stranger = Browser::new(&site.router, "10.0.0.8");
    assert_eq!(stranger.call("save_supply_profile", &hijack).await.status, StatusCode::UNAUTHORIZED);
    // Profiles belong to manufacturers only.
    assert_eq!(owner.call("save_supply_profile", &profile_fields("amazon")).await.status, StatusCode::NOT_FOUND);

    let public = stranger.get(&format!("/suppliers/{SLUG}")).await;
    assert!(public.body.contains("Handmade silk strip lashes") && !public.body.contains("Counterfeit"));
    assert!(public.body.contains("wang@example.com"), "the last editor is shown");
}

#[tokio::test]
async fn a_verifier_confirms_fields_and_an_edit_makes_a_changed_one_self_declared() {
    let site = site().await;
    let mut owner = maker(&site).await;
    owner.call("save_supply_profile", &profile_fields(SLUG)).await;
    owner.call("set_supply_profile_status", &[("slug", SLUG), ("action", "publish")]).await;

    let mut association = association(&site, "qingdao@example.com", "Pingdu Lash Association", "pingdu-false-eyelashes").await;
    let editor = association.get(&format!("/orgs/{SLUG}/profile")).await;
    assert!(editor.body.contains("Verify this profile") && !editor.body.contains(r#"name="moq_value""#), "verifiers verify, not edit");
    let evidence = ("evidence", "Visited the factory; saw the order book");
    let page =
        association.call("verify_supply_profile", &[("slug", SLUG), ("fields[]", "moq"), ("fields[]", "export_markets"), evidence]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let bad = association.call("verify_supply_profile", &[("slug", SLUG), ("fields[]", "everything"), evidence]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    // Nothing is cleared silently: an empty verification, or one without evidence, is refused.
    let AppError::Invalid(errors) = app_error(&association.call("verify_supply_profile", &[("slug", SLUG), evidence]).await) else {
        panic!()
    };
    assert_eq!(errors.problem("fields"), Some(&Problem::ChooseAtLeastOne));
    let AppError::Invalid(errors) = app_error(&association.call("verify_supply_profile", &[("slug", SLUG), ("fields[]", "moq")]).await)
    else {
        panic!()
    };
    assert_eq!(errors.problem("evidence"), Some(&Problem::Required));

    let provenance = |body: &str, field: &str| {
        let start = body.find(&format!(r#"data-field="{field}""#)).unwrap_or_else(|| panic!("{field} not shown"));
        let rest = &body[start..];
        let end = rest.find("</div>").unwrap();
        if rest[..end].contains("provenance verified") {
            "verified"
        } else {
            "self-declared"
        }
    };
    let page = owner.get(&format!("/suppliers/{SLUG}")).await;
    assert_eq!(provenance(&page.body, "moq"), "verified");
    assert_eq!(provenance(&page.body, "export_markets"), "verified");
    assert_eq!(provenance(&page.body, "capacity"), "self-declared");
    assert!(page.body.contains("qingdao@example.com"), "who verified is shown");
    assert!(page.body.contains("Visited the factory; saw the order book") && page.body.contains(r#"href="/orgs/pingdu-lash-association""#));

    owner.call("save_supply_profile", &with(&profile_fields(SLUG), "moq_value", "500")).await;
    let page = owner.get(&format!("/suppliers/{SLUG}")).await;
    assert_eq!(provenance(&page.body, "moq"), "self-declared", "the changed field lost its verification");
    assert_eq!(provenance(&page.body, "export_markets"), "verified", "the untouched one kept it");
}

#[tokio::test]
async fn the_article_firms_have_demo_profiles_holding_only_what_the_articles_say() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.0.0.7");
    let page = visitor.get("/suppliers/fujian-besrey").await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in ["Demo entry", "Baby products", "Own brand", "Amazon", "Self-declared"] {
        assert!(page.body.contains(expected), "{expected} missing");
    }
    for absent in [r#"data-field="moq""#, r#"data-field="capacity""#, r#"data-field="export_markets""#] {
        assert!(!page.body.contains(absent), "the article does not give {absent}");
    }
    let page = visitor.get("/suppliers/qingdao-yuanshi-muyu-furniture").await;
    assert!(page.body.contains("United States") && page.body.contains(r#"data-field="overseas_warehouse""#));
    let belt = visitor.get("/belts/pingdu-false-eyelashes").await;
    assert!(belt.body.contains("/suppliers/qingdao-kailaishi-cosmetics"));
    for (query, href) in [
        ("婴童用品", "/suppliers/fujian-besrey"),
        ("baby products", "/suppliers/fujian-besrey"),
        ("实木家具", "/suppliers/qingdao-yuanshi-muyu-furniture"),
    ] {
        let hrefs = search_hrefs(&site, query).await;
        assert!(hrefs.contains(&href.to_string()), "{query}: {hrefs:?}");
    }
}

/// A supplier's result card shows what a scout compares by: MOQ, capacity,
/// lead time, certifications, markets, and its first photo.
#[tokio::test]
async fn a_supplier_result_card_shows_its_trade_facts_and_photo() {
    let site = site().await;
    let mut maker = maker(&site).await;
    maker.call("save_supply_profile", &profile_fields(SLUG)).await;
    let editor = format!("/orgs/{SLUG}/profile");
    let page =
        maker.upload(&editor, &format!("{editor}/photos"), &[("caption", "Workshop")], ("w.png", "image/png", &real_png(320, 240))).await;
    assert!(page.status.is_redirection(), "{}", page.status);
    maker.call("set_supply_profile_status", &[("slug", SLUG), ("action", "publish")]).await;
    drain_outbox(&site.db.db, &site.search).await;

    let en = get(&site.router, "/search?q=Pingdu%20Silk%20Lashes", "en").await;
    let card = en.body.split(&format!(r#"href="/suppliers/{SLUG}""#)).next().and_then(|before| before.rsplit("<li").next()).unwrap_or("");
    assert!(card.contains(r#"<img src="/media/photos/"#) && card.contains("result-photo"), "the photo is on the card: {card}");
    let facts = en.body.split(r#"<p class="facts">"#).nth(1).and_then(|rest| rest.split("</p>").next()).expect("a facts line");
    assert!(facts.contains("MOQ 1,000") && facts.contains("a month") && facts.contains("15-day lead time"), "{facts}");
    assert!(facts.contains("BSCI") && facts.contains("United States"), "{facts}");
    let zh = get(&site.router, "/search?q=Pingdu%20Silk%20Lashes", "zh-CN").await;
    assert!(zh.body.contains("起订 1,000") && zh.body.contains("交期 15 天") && zh.body.contains("出口 美国、日本、德国"));
}
