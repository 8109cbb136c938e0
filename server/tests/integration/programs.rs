//! Talent programs: an association's (school's, platform's) organisers and
//! site admins publish them; everyone finds them on `/programs`, on their
//! belts' pages and in search, in both languages.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

pub(crate) fn problem(page: &Page, field: &str) -> Problem {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    let AppError::Invalid(errors) = app_error(page) else { panic!("{}", page.body) };
    errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem on {field}: {errors:?}"))
}

pub(crate) fn day(days: i64) -> String {
    (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

/// A full program form: a camp in Pingdu starting in 40 days.
pub(crate) fn program(organiser: &str, title_en: &str, companies: &str) -> Vec<(&'static str, String)> {
    [
        ("slug", "new".to_string()),
        ("organiser", organiser.to_string()),
        ("kind", "camp".into()),
        ("title_zh", "".into()),
        ("title_en", title_en.to_string()),
        ("summary_zh", "".into()),
        ("summary_en", "Three weeks of listing, ads and after-sales for lash sellers.".into()),
        ("province", "shandong".into()),
        ("city_zh", "平度".into()),
        ("city_en", "Pingdu".into()),
        ("venue_zh", "".into()),
        ("venue_en", "Pingdu Vocational College".into()),
        ("starts_on", day(40)),
        ("ends_on", day(60)),
        ("applications_close", day(30)),
        ("seats", "30".into()),
        ("cost_zh", "".into()),
        ("cost_en", "CNY 800, half paid by the city".into()),
        ("subsidised", "yes".into()),
        ("curriculum_zh", "".into()),
        ("curriculum_en", "Week 1: listings. Week 2: ads. Week 3: after-sales.".into()),
        ("instruction_languages[]", "zh".into()),
        ("belts[]", BELT.into()),
        ("companies", companies.to_string()),
        ("graduation_from", "2024".into()),
        ("graduation_to", "2027".into()),
        ("majors[]", "ecommerce".into()),
        ("language", "en".into()),
        ("language_level", "working".into()),
        ("from_province", "".into()),
    ]
    .into_iter()
    .collect()
}

pub(crate) fn refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pub(crate) fn with(fields: &[(&'static str, String)], key: &str, value: &str) -> Vec<(&'static str, String)> {
    fields.iter().map(|(k, v)| (*k, if *k == key { value.to_string() } else { v.clone() })).collect()
}

pub(crate) fn slug_of(page: &Page) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let location = page.headers["location"].to_str().unwrap();
    location.trim_start_matches("/programs/").split('?').next().unwrap().to_string()
}

#[tokio::test]
async fn a_program_is_published_found_and_changed_only_by_its_organisers() {
    for site in sites().await {
        let mut organiser = association(&site, "camps@example.com", "Pingdu Lash Academy", BELT).await;
        let association_slug = {
            let account = organiser.get("/account").await;
            let start = account.body.find("/orgs/pingdu-lash-academy").expect("the association on the account page");
            account.body[start + 6..].split('"').next().unwrap().to_string()
        };
        let mut maker = user(&site, "maker@example.com", Role::Manufacturer).await;
        let company = created_slug(&maker.call("create_organisation", &org_fields("manufacturer", "Pingdu Lash Works", BELT)).await);
        let fields = program(&association_slug, "Lash sellers' camp", &company);

        // Who may publish: an organiser's owners and editors, and site admins.
        let mut signed_out = Browser::new(&site.router, "10.9.1.1");
        assert_eq!(signed_out.call("save_program", &refs(&fields)).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(signed_out.call("load_program_editor", &[("slug", "new")]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(maker.call("save_program", &refs(&fields)).await.status, StatusCode::FORBIDDEN, "a manufacturer runs no programs");
        assert_eq!(maker.call("load_program_editor", &[("slug", "new")]).await.status, StatusCode::FORBIDDEN);
        let mut graduate = user(&site, "grad@example.com", Role::Graduate).await;
        assert_eq!(graduate.call("save_program", &refs(&fields)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(graduate.get("/programs/new").await.status, StatusCode::FORBIDDEN);
        assert_eq!(organiser.get("/programs/new").await.status, StatusCode::OK);
        assert_eq!(problem(&organiser.call("save_program", &refs(&with(&fields, "organiser", ""))).await, "organiser"), Problem::Required);

        // Bad input names its field and keeps the rest.
        let refused = organiser.call("save_program", &refs(&with(&fields, "ends_on", &day(35)))).await;
        assert_eq!(problem(&refused, "ends_on"), Problem::EndsBeforeStart);
        let AppError::Invalid(errors) = app_error(&refused) else { unreachable!() };
        assert_eq!(errors.value("cost_en"), Some("CNY 800, half paid by the city"), "the rest is kept");
        let late = with(&fields, "applications_close", &day(41));
        assert_eq!(
            problem(&organiser.call("save_program", &refs(&late)).await, "applications_close"),
            Problem::ApplicationsCloseAfterStart
        );
        let stranger = with(&fields, "companies", &format!("{company}, no-such-firm"));
        assert_eq!(problem(&organiser.call("save_program", &refs(&stranger)).await, "companies"), Problem::NotAChoice);
        let organiser_as_company = with(&fields, "companies", &association_slug);
        assert_eq!(
            problem(&organiser.call("save_program", &refs(&organiser_as_company)).await, "companies"),
            Problem::NotAChoice,
            "associations organise; companies take part"
        );
        assert_eq!(
            problem(&organiser.call("save_program", &refs(&with(&fields, "instruction_languages[]", ""))).await, "instruction_languages"),
            Problem::ChooseAtLeastOne
        );

        let saved = organiser.call("save_program", &refs(&fields)).await;
        let slug = slug_of(&saved);
        assert!(slug.starts_with("lash-sellers-camp"), "{slug}");

        // Public: the list (filterable), the program and its belt's page.
        let list = main_of(&signed_out.get("/programs").await);
        assert!(list.contains("Lash sellers&#x27; camp") || list.contains("Lash sellers' camp"), "{list}");
        for (query, shown) in [
            ("kind=camp", true),
            ("kind=job_fair", false),
            ("city=平度", true),
            ("city=岳阳", false),
            ("subsidised=yes", true),
            ("within=30", false),
            ("within=90", true),
            (&format!("belt={BELT}") as &str, true),
            ("belt=junshan-yinzhen-tea", false),
        ] {
            let page = main_of(&signed_out.get(&format!("/programs?{query}")).await);
            assert_eq!(page.contains(&format!("/programs/{slug}")), shown, "{query}");
        }
        let page = signed_out.get(&format!("/programs/{slug}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let main = main_of(&page);
        for said in [
            "Training camp",
            "Pingdu Lash Academy",
            "Pingdu Vocational College, Pingdu, Shandong",
            "CNY 800, half paid by the city",
            "Subsidised",
            "Graduating 2024–2027",
            "Studied E-commerce",
            "English at working level or better",
            "Week 1: listings.",
            &format!("href=\"/orgs/{company}\""),
            "Pingdu Lash Works",
        ] {
            assert!(main.contains(said), "{said}: {main}");
        }
        assert!(!main.contains(&format!("/programs/{slug}/edit")), "visitors get no edit link");
        let belt = main_of(&signed_out.get(&format!("/belts/{BELT}")).await);
        assert!(belt.contains("Talent programs taking applications") && belt.contains(&format!("/programs/{slug}")), "{belt}");
        let mut zh = Browser::new(&site.router, "10.9.1.2");
        zh.lang = "zh-CN";
        let page = main_of(&zh.get(&format!("/programs/{slug}")).await);
        assert!(page.contains("训练营") && page.contains("2024–2027 年毕业") && page.contains("英语达到工作水平或以上"), "{page}");

        // Found by search, in either language.
        drain_outbox(&site.db.db, &site.search).await;
        assert!(search_hrefs(&site.search, "lash sellers camp").await.contains(&format!("/programs/{slug}")));

        // Who may change it: its organisers and site admins; not another association, a firm or a graduate.
        assert!(main_of(&organiser.get(&format!("/programs/{slug}")).await).contains(&format!("/programs/{slug}/edit")));
        assert_eq!(organiser.get(&format!("/programs/{slug}/edit")).await.status, StatusCode::OK);
        let changed = with(&with(&fields, "slug", &slug), "seats", "45");
        let mut rival = association(&site, "rival@example.com", "Rival Association", BELT).await;
        assert_eq!(rival.call("save_program", &refs(&changed)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(rival.call("load_program_editor", &[("slug", &slug)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(maker.call("save_program", &refs(&changed)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(graduate.call("save_program", &refs(&changed)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(organiser.call("save_program", &refs(&changed)).await.status, StatusCode::OK);
        assert!(main_of(&signed_out.get(&format!("/programs/{slug}")).await).contains("45"));
        let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
        assert_eq!(admin.call("save_program", &refs(&with(&changed, "seats", "50"))).await.status, StatusCode::OK);
        assert_eq!(admin.call("load_program_editor", &[("slug", "new")]).await.status, StatusCode::OK, "admins publish for any organiser");

        // Hiding the organiser takes its programs out with it.
        let hidden = admin.call("hide_organisation", &[("slug", &association_slug), ("reason", "Not a real academy")]).await;
        assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);
        assert_eq!(signed_out.get(&format!("/programs/{slug}")).await.status, StatusCode::NOT_FOUND);
        assert!(!main_of(&signed_out.get("/programs").await).contains(&format!("/programs/{slug}")));
        drain_outbox(&site.db.db, &site.search).await;
        assert!(!search_hrefs(&site.search, "lash sellers camp").await.contains(&format!("/programs/{slug}")));
        assert_eq!(signed_out.get("/programs/no-such-program").await.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_demo_programs_are_marked_and_found_in_chinese() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.9.1.3");
    let list = main_of(&visitor.get("/programs").await);
    for title in [
        "Yueyang growth camp for returning young cross-border operators",
        "Yueyang colleges&#x27; cross-border e-commerce order classes",
        "Qingdao cross-border e-commerce innovation and entrepreneurship talent competition",
        "Qingdao cross-border e-commerce job fair",
    ] {
        assert!(list.contains(title) || list.contains(&title.replace("&#x27;", "'")), "{title}: {list}");
    }
    assert!(list.contains("Demo data"));
    visitor.lang = "zh-CN";
    let zh = main_of(&visitor.get("/programs").await);
    assert!(zh.contains("岳阳跨境创二代成长营") && zh.contains("演示数据"), "{zh}");
    let camp =
        app::talent::repo::find_demo(&site.db.db, "Yueyang growth camp for returning young cross-border operators").await.unwrap().unwrap();
    let href = format!("/programs/{}", camp.slug);
    assert!(search_hrefs(&site.search, "成长营").await.contains(&href), "{:?}", search_hrefs(&site.search, "成长营").await);
    assert!(search_hrefs(&site.search, "growth camp").await.contains(&href));
    let page = main_of(&visitor.get(&href).await);
    assert!(page.contains("首批学员二十余人"), "{page}");
    // The source gives no seats and no cost: the page says so, rather than "no limit" or "free".
    let facts = &page[page.find("<dl class=\"facts\"").expect("the facts")..];
    let facts = &facts[..facts.find("</dl>").unwrap()];
    assert_eq!(facts.matches("未说明").count(), 2, "{facts}");
    assert!(!facts.contains("免费") && !facts.contains("不限"), "{facts}");
    let belt = main_of(&visitor.get("/belts/junshan-yinzhen-tea").await);
    assert!(belt.contains(&href), "on its belts' pages: {belt}");
}

#[tokio::test]
async fn a_graduate_keeps_a_profile_and_sees_programs_ranked_with_reasons_and_gaps() {
    for site in sites().await {
        let mut organiser = association(&site, "order-classes@example.com", "Pingdu Trade College", BELT).await;
        let association_slug = {
            let account = organiser.get("/account").await;
            let start = account.body.find("/orgs/pingdu-trade-college").expect("the association on the account page");
            account.body[start + 6..].split('"').next().unwrap().to_string()
        };
        // Asks graduates of 2024–2027 who speak English at working level.
        let strict = slug_of(&organiser.call("save_program", &refs(&program(&association_slug, "Lash export order class", ""))).await);

        let mut signed_out = Browser::new(&site.router, "10.9.1.9");
        assert_eq!(signed_out.call("programs_for_you", &[]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(signed_out.call("load_graduate_editor", &[]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(signed_out.call("save_graduate_profile", &[("school", "X")]).await.status, StatusCode::UNAUTHORIZED);

        let mut graduate = user(&site, "returning@example.com", Role::Graduate).await;
        let account = main_of(&graduate.get("/account").await);
        assert!(account.contains("href=\"/programs/for-you\"") && account.contains("href=\"/me/graduate\""), "{account}");
        let empty = main_of(&graduate.get("/programs/for-you").await);
        assert!(empty.contains("Fill in your graduate profile"), "{empty}");

        let profile = [
            ("school", "Hunan Institute of Science and Technology"),
            ("major", "ecommerce"),
            ("graduation_year", "2023"),
            ("province", "hunan"),
            ("language_1", "en"),
            ("level_1", "fluent"),
            ("language_2", ""),
            ("level_2", ""),
            ("language_3", ""),
            ("level_3", ""),
            ("skills", "Amazon listings"),
            ("preferred_cities", "岳阳"),
            ("preferred_kinds[]", "camp"),
            ("statement", "Coming home to run the family tea firm abroad."),
        ];
        let mut bad = profile.to_vec();
        bad[5] = ("level_1", "");
        let refused = graduate.call("save_graduate_profile", &bad).await;
        assert_eq!(problem(&refused, "level_1"), Problem::Required);
        let AppError::Invalid(errors) = app_error(&refused) else { unreachable!() };
        assert_eq!(errors.value("statement"), Some("Coming home to run the family tea firm abroad."), "the rest is kept");
        let saved = graduate.call("save_graduate_profile", &profile).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert!(saved.headers["location"].to_str().unwrap().starts_with("/programs/for-you?saved="));
        let editor = main_of(&graduate.get("/me/graduate").await);
        assert!(editor.contains("Hunan Institute of Science and Technology") && editor.contains("Coming home to run"), "kept: {editor}");

        // The demo growth camp asks nothing and is in Yueyang: eligible, in a city they want, the kind they look for.
        let mine = main_of(&graduate.get("/programs/for-you").await);
        let camp = mine.find("Yueyang growth camp").expect("the growth camp is listed");
        let order_class = mine.find("Lash export order class").expect("the strict program is listed too");
        assert!(camp < order_class, "eligible programs come first: {mine}");
        let camp_card = &mine[camp..mine[camp..].find("</li>").map_or(mine.len(), |end| camp + end)];
        assert!(
            camp_card.contains("Eligible")
                && camp_card.contains("In a city you would go to")
                && camp_card.contains("A kind of program you look for"),
            "{camp_card}"
        );
        let strict_card = &mine[order_class..mine[order_class..].find("</li>").map_or(mine.len(), |end| order_class + end)];
        assert!(
            strict_card.contains("Not eligible yet") && strict_card.contains("Graduating 2024–2027") && strict_card.contains("Yours: 2023"),
            "{strict_card}"
        );
        assert!(!strict_card.contains("English at working level"), "fluent English meets it: {strict_card}");
        assert!(mine.contains(&format!("/programs/{strict}")));

        // In Chinese too.
        graduate.lang = "zh-CN";
        let zh = main_of(&graduate.get("/programs/for-you").await);
        assert!(zh.contains("符合报名条件") && zh.contains("在你想去的城市") && zh.contains("你的档案：2023"), "{zh}");
    }
}
