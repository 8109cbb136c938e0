//! Policy notices: an association's organisers (and site admins) publish
//! notices with structured eligibility; the firms that qualify are told and
//! see why; those that nearly qualify see exactly what is missing; one
//! outside the region sees what it lacks.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

fn problem(page: &Page, field: &str) -> Problem {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    let AppError::Invalid(errors) = app_error(page) else { panic!("{}", page.body) };
    errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem on {field}: {errors:?}"))
}

/// A manufacturer registered in `city`, `province`, whose profile says it exports to the US.
async fn exporter_in(site: &Site, email: &str, name: &str, province: &str, city_en: &str) -> (Browser, String) {
    let mut owner = user(site, email, Role::Manufacturer).await;
    confirm_address(site, email).await;
    let mut fields = org_fields("manufacturer", name, BELT);
    for (key, value) in fields.iter_mut() {
        match *key {
            "province" => *value = province,
            "city_zh" => *value = "",
            "city_en" => *value = city_en,
            _ => {}
        }
    }
    let slug = created_slug(&owner.call("create_organisation", &fields).await);
    let mut profile = minimal_profile(&slug, "Strip lashes");
    profile.retain(|(k, _)| *k != "export_markets");
    profile.push(("export_markets", "US"));
    let saved = owner.call("save_supply_profile", &profile).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    (owner, slug)
}

fn notice<'a>(publisher: &'a str, title_en: &'a str, deadline: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", "new"),
        ("publisher", publisher),
        ("title_zh", ""),
        ("title_en", title_en),
        ("issuer_zh", "福州市人民政府"),
        ("issuer_en", "Fuzhou Municipal People's Government"),
        ("summary_zh", ""),
        ("summary_en", "Airfare and booth fees for overseas fairs."),
        ("benefit", "fair_subsidy"),
        ("amount_zh", ""),
        ("amount_en", "Up to CNY 50,000 a fair"),
        ("deadline", deadline),
        ("source_url", "https://www.fuzhou.gov.cn/notice/1"),
        ("province", "fujian"),
        ("city_zh", "福州"),
        ("city_en", "Fuzhou"),
        ("org_kinds[]", "manufacturer"),
        ("min_annual_sales", ""),
        ("exports", "yes"),
        ("export_markets", ""),
        ("min_export_years", ""),
    ]
}

fn slug_of(page: &Page) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let location = page.headers["location"].to_str().unwrap();
    location.trim_start_matches("/policies/").split('?').next().unwrap().to_string()
}

#[tokio::test]
async fn a_notice_finds_the_firms_it_is_for_and_tells_the_others_what_they_lack() {
    for site in sites().await {
        let mut organiser = association(&site, "organiser@example.com", "Fuzhou Cross-border Association", BELT).await;
        let association_slug = {
            let account = organiser.get("/account").await;
            let start = account.body.find("/orgs/fuzhou-cross-border-association").expect("the association on the account page");
            account.body[start + 6..].split('"').next().unwrap().to_string()
        };
        let (mut fuzhou, fuzhou_slug) = exporter_in(&site, "fuzhou@example.com", "Fuzhou Baby Goods", "fujian", "Fuzhou").await;
        let (mut pingdu, pingdu_slug) = exporter_in(&site, "pingdu@example.com", "Pingdu Lash Works", "shandong", "Pingdu").await;
        let soon = (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
        let fields = notice(&association_slug, "Overseas fair subsidy", &soon);

        // Who may publish: the association's organisers and site admins.
        let mut signed_out = Browser::new(&site.router, "10.9.0.1");
        assert_eq!(signed_out.call("save_notice", &fields).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(fuzhou.call("save_notice", &fields).await.status, StatusCode::FORBIDDEN);
        assert_eq!(fuzhou.call("load_notice_editor", &[("slug", "new")]).await.status, StatusCode::FORBIDDEN);
        let mut as_nobody = fields.clone();
        as_nobody[1] = ("publisher", "");
        assert_eq!(
            problem(&organiser.call("save_notice", &as_nobody).await, "publisher"),
            Problem::Required,
            "organisers publish for their association"
        );

        // Bad input names its field and keeps the rest.
        let mut bad = fields.clone();
        bad[11] = ("deadline", "2020-01-01");
        assert_eq!(problem(&organiser.call("save_notice", &bad).await, "deadline"), Problem::DateInThePast);
        let mut bad = fields.clone();
        bad[12] = ("source_url", "javascript:alert(1)");
        let refused = organiser.call("save_notice", &bad).await;
        assert_eq!(problem(&refused, "source_url"), Problem::NotALink);
        let AppError::Invalid(errors) = app_error(&refused) else { unreachable!() };
        assert_eq!(errors.value("amount_en"), Some("Up to CNY 50,000 a fair"), "the rest is kept");

        let saved = organiser.call("save_notice", &fields).await;
        let slug = slug_of(&saved);
        assert!(saved.headers["location"].to_str().unwrap().contains("told=1"), "one firm qualifies: {:?}", saved.headers["location"]);

        // The Fuzhou exporter is told; the Pingdu one is not.
        let told = fuzhou.get("/notifications").await;
        assert!(told.body.contains("A policy notice your organisation qualifies for: Overseas fair subsidy"), "{}", main_of(&told));
        assert!(!pingdu.get("/notifications").await.body.contains("Overseas fair subsidy"));

        // Found by search, in either language's words.
        drain_outbox(&site.db.db, &site.search).await;
        assert!(search_hrefs(&site.search, "fair subsidy").await.contains(&format!("/policies/{slug}")));
        assert!(search_hrefs(&site.search, "福州市人民政府").await.contains(&format!("/policies/{slug}")));

        // Public: the list and the notice, its rules in words.
        let list = signed_out.get("/policies").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(main_of(&list).contains("Overseas fair subsidy"));
        let filtered = signed_out.get("/policies?province=hunan").await;
        assert!(!main_of(&filtered).contains("Overseas fair subsidy"), "filtered by region");
        let public = signed_out.get(&format!("/policies/{slug}")).await;
        let main = main_of(&public);
        for said in ["Registered in Fuzhou, Fujian", "Is a manufacturer", "Already exports", "Up to CNY 50,000 a fair", "Sign in to see"] {
            assert!(main.contains(said), "{said}: {main}");
        }

        // The firm in Fuzhou qualifies, and sees why.
        let page = fuzhou.get(&format!("/policies/{slug}")).await;
        assert!(main_of(&page).contains("Fuzhou Baby Goods · Qualifies"), "{}", main_of(&page));
        let mine = fuzhou.get("/policies/for-me").await;
        let main = main_of(&mine);
        let qualifies = &main[main.find("Qualifies").unwrap()..main.find("Nearly qualifies").unwrap()];
        assert!(qualifies.contains("Overseas fair subsidy") && qualifies.contains("Registered in Fuzhou, Fujian"), "{main}");
        // The deadline is on the account page.
        let account = fuzhou.get("/account").await;
        assert!(main_of(&account).contains("Overseas fair subsidy") && main_of(&account).contains("10 days left"), "{}", main_of(&account));

        // The one in Pingdu does not, and sees what it lacks.
        let page = pingdu.get(&format!("/policies/{slug}")).await;
        let main = main_of(&page);
        assert!(main.contains("Pingdu Lash Works · Does not qualify") && main.contains("Yours: Pingdu, Shandong"), "{main}");
        let mine = main_of(&pingdu.get("/policies/for-me").await);
        assert!(!mine.contains("Overseas fair subsidy"), "not near either: another region is no gap to close");
        assert!(!main_of(&pingdu.get("/account").await).contains("Overseas fair subsidy"));

        // A Shandong notice asking an overseas warehouse and verification: Pingdu nearly qualifies, and sees both gaps.
        let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
        let mut shandong = notice("", "Shandong warehouse support", "");
        for (key, value) in shandong.iter_mut() {
            match *key {
                "province" => *value = "shandong",
                "city_zh" | "city_en" => *value = "",
                _ => {}
            }
        }
        shandong.extend([("overseas_warehouse", "yes"), ("verified", "yes")]);
        let site_notice = slug_of(&admin.call("save_notice", &shandong).await);
        let mine = main_of(&pingdu.get("/policies/for-me").await);
        let nearly = &mine[mine.find("Nearly qualifies").unwrap()..];
        assert!(nearly.contains("Shandong warehouse support"), "{mine}");
        assert!(
            nearly.contains("Has an overseas warehouse")
                && nearly.contains("Verified on Beltlink")
                && nearly.contains("No overseas warehouse"),
            "{nearly}"
        );
        assert!(!pingdu.get("/notifications").await.body.contains("Shandong warehouse support"), "nearly is not told");

        // Editing tells only firms that newly qualify: none here, and the Fuzhou firm is not told twice.
        let before = fuzhou.get("/notifications").await.body.matches("Overseas fair subsidy").count();
        let edit = organiser.get(&format!("/policies/{slug}/edit")).await;
        assert_eq!(edit.status, StatusCode::OK);
        let mut changed = fields.clone();
        changed[0] = ("slug", &slug);
        changed[10] = ("amount_en", "Up to CNY 60,000 a fair");
        let saved = organiser.call("save_notice", &changed).await;
        assert!(saved.headers["location"].to_str().unwrap().contains("told=0"));
        assert_eq!(fuzhou.get("/notifications").await.body.matches("Overseas fair subsidy").count(), before, "told once");

        // Who may edit: the publisher's organisers and site admins, not another association nor a firm.
        let mut rival = association(&site, "rival@example.com", "Rival Association", BELT).await;
        assert_eq!(rival.call("save_notice", &changed).await.status, StatusCode::FORBIDDEN);
        assert_eq!(rival.call("load_notice_editor", &[("slug", &slug)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(fuzhou.call("save_notice", &changed).await.status, StatusCode::FORBIDDEN);
        assert_eq!(organiser.call("load_notice_editor", &[("slug", &site_notice)]).await.status, StatusCode::FORBIDDEN, "a site notice");
        assert_eq!(admin.call("save_notice", &changed).await.status, StatusCode::OK);

        // Matches are the firm's own business.
        assert_eq!(pingdu.call("policies_for_me", &[("firm", &fuzhou_slug)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(pingdu.call("load_notice", &[("slug", &slug), ("firm", &fuzhou_slug)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(signed_out.call("policies_for_me", &[]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(signed_out.call("policy_deadlines", &[]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(admin.call("policies_for_me", &[("firm", &pingdu_slug)]).await.status, StatusCode::OK, "site admins may look");
        assert_eq!(signed_out.get("/policies/no-such-notice").await.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_demo_notices_are_marked_and_match_the_demo_firms() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.9.0.2");
    let list = main_of(&visitor.get("/policies").await);
    for title in [
        "Overseas trade fairs and customer visits: airfare and booth-fee subsidies",
        "Subsidy for firms hiring senior cross-border operators",
    ] {
        assert!(list.contains(title), "{title}: {list}");
    }
    assert!(list.contains("Demo data"));
    visitor.lang = "zh-CN";
    let zh = main_of(&visitor.get("/policies").await);
    assert!(zh.contains("赴境外参展、拜访客户：机票补助和境外展展位费补助") && zh.contains("演示数据"), "{zh}");
    // Fujian Besrey is in Fuzhou: it qualifies for the fair subsidy as the seed states it.
    let rows = app::policies::repo::all(&site.db.db).await.unwrap();
    let fair = rows.iter().find(|r| r.title_en.starts_with("Overseas trade fairs")).unwrap();
    let besrey = app::read::organisation_by_slug(&site.db.db, "fujian-besrey").await.unwrap();
    let facts = app::policies::repo::facts_of(&site.db.db, &besrey).await.unwrap().unwrap();
    let rules = app::policies::eligibility::rules(&app::policies::repo::eligibility_of(fair));
    assert_eq!(app::policies::eligibility::fit(&rules, &facts, 2026), app::policies::types::Fit::Qualifies);
    // Found by search in Chinese and in English.
    let href = format!("/policies/{}", fair.slug);
    assert!(search_hrefs(&site.search, "展位费补助").await.contains(&href), "{:?}", search_hrefs(&site.search, "展位费补助").await);
    assert!(search_hrefs(&site.search, "booth fee").await.contains(&href));
    let page = main_of(&visitor.get(&format!("/policies/{}", fair.slug)).await);
    assert!(page.contains("福州市人民政府") && page.contains("原文未写明"), "no amount is invented: {page}");
}
