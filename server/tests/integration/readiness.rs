//! Platform-fit readiness: a platform's editors publish supplier criteria;
//! a manufacturer sees, per platform, what it meets (verified or not), what
//! it lacks, and which providers serving its belt offer what is missing.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

fn criteria<'a>(slug: &'a str, notes_en: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("own_factory", "yes"),
        ("certifications[]", "bsci"),
        ("warehouse_markets", "us"),
        ("min_export_years", "3"),
        ("business_licence", "yes"),
        ("categories[]", "false-eyelashes"),
        ("min_floor_area_m2", ""),
        ("min_annual_sales", ""),
        ("notes_zh", ""),
        ("notes_en", notes_en),
    ]
}

fn problem(page: &Page, field: &str) -> Problem {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    let AppError::Invalid(errors) = app_error(page) else { panic!("{}", page.body) };
    errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem on {field}: {errors:?}"))
}

#[tokio::test]
async fn a_platform_publishes_criteria_and_a_manufacturer_sees_its_fit_gaps_and_helpers() {
    let site = site().await;
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;
    let platform = created_slug(&scout.call("create_organisation", &org_fields("platform", "Lash Mart", BELT)).await);
    let (mut maker, firm) = firm(&site, "maker@example.com", "Pingdu Lash Works").await;

    // Who may write the criteria: the platform's own editors and site admins.
    let hostile = "<script>alert('criteria')</script> & <b>bold</b>";
    let fields = criteria(&platform, hostile);
    let mut signed_out = Browser::new(&site.router, "10.9.0.1");
    assert_eq!(signed_out.call("save_platform_criteria", &fields).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(maker.call("save_platform_criteria", &fields).await.status, StatusCode::FORBIDDEN);
    let mut rival = user(&site, "rival@example.com", Role::PlatformScout).await;
    assert_eq!(rival.call("save_platform_criteria", &fields).await.status, StatusCode::FORBIDDEN);
    let mut on_firm = criteria(&firm, "");
    on_firm[0] = ("slug", &firm);
    assert_eq!(scout.call("save_platform_criteria", &on_firm).await.status, StatusCode::NOT_FOUND, "a manufacturer has no criteria");
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    assert_eq!(admin.call("save_platform_criteria", &fields).await.status, StatusCode::OK);

    // Bad input names its field and keeps the rest.
    let mut bad = fields.clone();
    bad[4] = ("min_export_years", "two");
    let refused = scout.call("save_platform_criteria", &bad).await;
    assert_eq!(problem(&refused, "min_export_years"), Problem::NotAWholeNumber);
    let mut bad = fields.clone();
    bad[3] = ("warehouse_markets", "Europe");
    assert_eq!(
        problem(&scout.call("save_platform_criteria", &bad).await, "warehouse_markets"),
        Problem::UnknownCountryCodes(vec!["Europe".into()])
    );
    let page = scout.call("save_platform_criteria", &fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);

    // Published: everyone reads them, hostile notes as text; only editors get the form.
    let public = signed_out.get(&format!("/orgs/{platform}/criteria")).await;
    assert_eq!(public.status, StatusCode::OK);
    let main = main_of(&public);
    for said in [
        "Makes one of: False eyelashes",
        "Holds BSCI certification",
        "Has an overseas warehouse delivering to United States",
        "At least 3 years of exporting",
        "Business licence verified",
    ] {
        assert!(main.contains(said), "{said}: {main}");
    }
    assert!(!public.body.contains("<script>alert('criteria')") && public.body.contains("&lt;script&gt;alert"), "notes are escaped");
    assert!(!main.contains("save_platform_criteria"), "no form for visitors");
    let own = scout.get(&format!("/orgs/{platform}/criteria")).await;
    assert!(own.body.contains("save_platform_criteria") && own.body.contains(r#"name="notes_en""#));
    assert!(!own.body.contains("<script>alert('criteria')"), "the textarea escapes too");
    assert!(scout.get(&format!("/orgs/{platform}")).await.body.contains(&format!("/orgs/{platform}/criteria")));

    // A provider serving the firm's belt offers US warehousing; another belt's does not count.
    let mut provider = user(&site, "provider@example.com", Role::ServiceProvider).await;
    let provider_slug =
        created_slug(&provider.call("create_organisation", &org_fields("service_provider", "LA Lash Warehousing", BELT)).await);
    let offering = |title: &'static str, markets: &'static str, belt: &'static str| {
        vec![
            ("slug", provider_slug.clone()),
            ("id", "new".to_string()),
            ("service_type", "overseas_warehouse".to_string()),
            ("title_zh", String::new()),
            ("title_en", title.to_string()),
            ("description_zh", String::new()),
            ("description_en", "Receiving, storage and last-mile delivery.".to_string()),
            ("terms_zh", String::new()),
            ("terms_en", String::new()),
            ("markets", markets.to_string()),
            ("belts[]", belt.to_string()),
            ("published", "yes".to_string()),
        ]
    };
    for (title, markets, belt) in
        [("Los Angeles fulfilment", "US", BELT), ("Hamburg fulfilment", "DE", BELT), ("Tyre yard in Texas", "US", "qingdao-tyres")]
    {
        let fields = offering(title, markets, belt);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = provider.call("save_offering", &fields).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }

    // Before a profile: the page says so and where to write one.
    let page = maker.get("/readiness").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(main_of(&page).contains("no supply profile yet") && page.body.contains(&format!("/orgs/{firm}/profile")));

    // The firm says it has its own factory, BSCI and a German warehouse, and has exported since last year.
    let this_year = app::clock::year_in_china(chrono::Utc::now()).to_string();
    let mut profile = minimal_profile(&firm, "Strip lashes");
    profile.extend([
        ("certifications[]", "bsci"),
        ("own_factory", "yes"),
        ("overseas_warehouse", "yes"),
        ("warehouse_markets", "DE"),
        ("exporting_since", this_year.as_str()),
        ("test_reports", "<img src=x onerror=alert(1)> SGS"),
    ]);
    profile.retain(|(k, _)| *k != "overseas_warehouse_where");
    profile.push(("overseas_warehouse_where", "Hamburg"));
    let saved = maker.call("save_supply_profile", &profile).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let mut future = profile.clone();
    future.retain(|(k, _)| *k != "exporting_since");
    future.push(("exporting_since", "2999"));
    assert!(matches!(problem(&maker.call("save_supply_profile", &future).await, "exporting_since"), Problem::AtMost { .. }));

    let page = maker.get("/readiness").await;
    let main = main_of(&page);
    assert!(main.contains("Lash Mart") && main.contains("Meets 3/6"), "{main}");
    assert!(main.contains("Met · self-declared") && main.contains("Not met"), "{main}");
    assert!(main.contains("Hamburg, delivering to Germany"), "what the profile says: {main}");
    assert!(main.contains("LA Lash Warehousing") && main.contains("Los Angeles fulfilment") && main.contains("serves your belt"), "{main}");
    assert!(
        !main.contains("Hamburg fulfilment") && !main.contains("Tyre yard in Texas"),
        "only US warehouses for this firm's belt: {main}"
    );
    assert!(
        main.contains("Ask your belt&#x27;s association or a site admin to verify your organisation")
            || main.contains("verify your organisation"),
        "{main}"
    );
    assert!(main.contains("Alibaba.com") && main.contains("Demo data"), "demo criteria from the articles: {main}");
    assert!(!page.body.contains("<img src=x"), "the profile's text is escaped");
    let profile_page = signed_out.get(&format!("/orgs/{firm}")).await;
    assert!(!profile_page.body.contains("/readiness?firm="), "readiness is the team's own");

    // A verifier confirms the certifications: BSCI reads verified.
    let mut verifier = association(&site, "verifier@example.com", "Pingdu Lash Association", BELT).await;
    let page = verifier
        .call("verify_supply_profile", &[("slug", &firm), ("fields[]", "certifications"), ("evidence", "Saw the BSCI audit report")])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(main_of(&maker.get(&format!("/readiness?firm={firm}")).await).contains("Met · verified"));

    // Another firm's readiness is not there for others; signed out, sign in first.
    assert_eq!(rival.call("my_readiness", &[("firm", &firm)]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(signed_out.call("my_readiness", &[("firm", &firm)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(admin.call("my_readiness", &[("firm", &firm)]).await.status, StatusCode::OK, "site admins may look");
    assert_eq!(maker.call("my_readiness", &[("firm", &platform)]).await.status, StatusCode::NOT_FOUND, "a platform has no readiness");
    let nobody = user(&site, "graduate@example.com", Role::Graduate).await.get("/readiness").await;
    assert!(main_of(&nobody).contains("not in a manufacturer"), "{}", main_of(&nobody));
}
