//! Inquiries: a buyer writes to a manufacturer from its page, the two carry
//! on in a private thread whose status both see, each with an inbox and
//! unread counts; first replies make the firm's reply record (on its page,
//! and in the scouting score); limits and blocking keep firms from floods;
//! and nobody but the two ends reads a thread.

use crate::common;

use app::accounts::types::{MemberRole, Role};
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

/// A manufacturer in Pingdu with a published profile; its owner and slug.
async fn listed_firm(site: &Site, email: &str, name: &str) -> (Browser, String) {
    let (mut owner, slug) = firm(site, email, name).await;
    assert_eq!(owner.call("save_supply_profile", &minimal_profile(&slug, "Strip lashes")).await.status, StatusCode::OK);
    let page = owner.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    (owner, slug)
}

/// A platform scout with a confirmed address and a platform; the platform's slug.
async fn new_scout(site: &Site, email: &str, name: &str) -> (Browser, String) {
    let mut scout = user(site, email, Role::PlatformScout).await;
    confirm_address(site, email).await;
    let platform = created_slug(&scout.call("create_organisation", &org_fields("platform", name, BELT)).await);
    (scout, platform)
}

/// Sends an inquiry and returns the thread's id.
async fn send(browser: &mut Browser, fields: &[(&str, &str)]) -> i32 {
    let page = browser.call("send_inquiry", fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let location = page.headers["location"].to_str().unwrap();
    assert!(location.ends_with("?sent=1"), "{location}");
    location.trim_start_matches("/inbox/").trim_end_matches("?sent=1").parse().unwrap()
}

fn inquiry<'a>(supplier: &'a str, subject: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("supplier", supplier), ("brief", ""), ("write_as", ""), ("subject", subject), ("body", "50,000 pairs a month for the US?")]
}

fn refused_with(page: &Page, field: &str) -> Problem {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    match app_error(page) {
        AppError::Invalid(errors) => errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem on {field}: {errors:?}")),
        other => panic!("not a form refusal: {other:?}"),
    }
}

async fn user_id(site: &Site, email: &str) -> i32 {
    app::accounts::repo::find_by_email(&site.db.db, email).await.unwrap().unwrap().id
}

/// `email` joins organisation `slug` as `role` (the way an accepted invitation leaves it).
async fn join(site: &Site, email: &str, slug: &str, role: MemberRole) {
    let org = app::read::organisation_by_slug(&site.db.db, slug).await.unwrap();
    app::entities::membership::ActiveModel {
        user_id: Set(user_id(site, email).await),
        organisation_id: Set(org.id),
        role: Set(role.code().to_string()),
        created_at: Set(chrono::Utc::now()),
        status: Set("active".into()),
    }
    .insert(&site.db.db)
    .await
    .unwrap();
}

async fn step(browser: &mut Browser, id: i32, step: &str) -> Page {
    browser.call("take_inquiry_step", &[("id", &id.to_string()), ("step", step)]).await
}

fn header_link(page: &Page) -> String {
    let document = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse("a.inbox-link").unwrap();
    document.select(&selector).next().map(|a| a.text().collect()).unwrap_or_default()
}

fn status_of(page: &Page) -> String {
    let document = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse(".thread-facts .badge").unwrap();
    document.select(&selector).next().expect("a status").text().collect()
}

#[tokio::test]
async fn a_scout_writes_from_the_supplier_page_and_the_two_sides_carry_the_thread_to_a_deal() {
    let site = site().await;
    let (mut owner, firm_slug) = listed_firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let (mut scout, platform) = new_scout(&site, "scout@example.com", "Lash Scout Platform").await;

    // The supplier page offers to write; its own people are not offered it.
    let page = scout.get(&format!("/suppliers/{firm_slug}")).await;
    assert!(page.body.contains(&format!(r#"href="/inquiries/new?supplier={firm_slug}""#)));
    assert!(page.body.contains("No inquiries in the last 90 days, so no reply record yet."));
    assert!(!owner.get(&format!("/suppliers/{firm_slug}")).await.body.contains("/inquiries/new"));
    // Signed out, writing asks to sign in and come back to the same firm.
    let mut visitor = Browser::new(&site.router, "10.0.0.8");
    let page = visitor.get(&format!("/inquiries/new?supplier={firm_slug}")).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains(&format!("/signin?next=%2Finquiries%2Fnew%3Fsupplier%3D{firm_slug}")), "comes back with the query");

    let form = scout.get(&format!("/inquiries/new?supplier={firm_slug}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Write to Jiamei Lashes") && form.body.contains(&format!(r#"value="{platform}""#)),
        "may write for the platform"
    );
    let fields = [
        ("supplier", firm_slug.as_str()),
        ("brief", ""),
        ("write_as", platform.as_str()),
        ("subject", "Strip lashes for the US"),
        ("body", "We need 50,000 pairs a month, BSCI. Samples?"),
    ];
    let id = send(&mut scout, &fields).await;
    let thread = scout.get(&format!("/inbox/{id}?sent=1")).await;
    assert!(thread.body.contains("Inquiry sent") && thread.body.contains("Awaiting reply"));

    // The firm's people are told, in the list and by email; the header counts it.
    let notices = owner.get("/notifications").await;
    assert!(
        notices.body.contains("Inquiry from scout@example.com (Lash Scout Platform): Strip lashes for the US"),
        "{}",
        main_of(&notices)
    );
    assert!(local_mail(&site).await.iter().any(|m| m.to == "owner@example.com" && m.subject.contains("Strip lashes for the US")));
    let inbox = owner.get("/inbox").await;
    assert_eq!(header_link(&inbox), "Inquiries (1)");
    assert!(inbox.body.contains("Received by Jiamei Lashes (1 unread)") && inbox.body.contains("Strip lashes for the US"));
    assert!(inbox.body.contains("scout@example.com (Lash Scout Platform)"));

    // Reading it clears the count; the answer marks it replied and tells the scout.
    let read = owner.get(&format!("/inbox/{id}")).await;
    assert!(read.body.contains("We need 50,000 pairs a month, BSCI. Samples?"));
    assert_eq!(header_link(&owner.get("/inbox").await), "Inquiries");
    let page = owner.call("reply_to_inquiry", &[("id", &id.to_string()), ("body", "Yes: 60,000 pairs a month, BSCI audited.")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(status_of(&owner.get(&format!("/inbox/{id}")).await), "Replied");
    let inbox = scout.get("/inbox").await;
    assert_eq!(header_link(&inbox), "Inquiries (1)");
    assert!(inbox.body.contains("Inquiries I sent (1 unread)"));
    assert!(scout.get("/notifications").await.body.contains("Inquiry “Strip lashes for the US”: new message from owner@example.com"));

    // Each side moves it on with its own steps, never the other's.
    assert_eq!(refused_with(&step(&mut owner, id, "won").await, "step"), Problem::NotAChoice, "the buyer decides the outcome");
    assert_eq!(step(&mut scout, id, "request_sample").await.status, StatusCode::OK);
    assert_eq!(refused_with(&step(&mut scout, id, "quote").await, "step"), Problem::NotAChoice, "the firm quotes");
    assert_eq!(step(&mut owner, id, "quote").await.status, StatusCode::OK);
    let page = scout.get(&format!("/inbox/{id}")).await;
    assert_eq!(status_of(&page), "Quoted");
    assert!(page.body.contains("→ Sample requested") && page.body.contains("→ Quoted"), "steps are in the thread");
    assert_eq!(step(&mut scout, id, "won").await.status, StatusCode::OK);
    let closed = owner.get(&format!("/inbox/{id}")).await;
    assert_eq!(status_of(&closed), "Closed: won");
    assert!(closed.body.contains("This inquiry is closed") && !closed.body.contains(r#"name="body""#));
    let late = owner.call("reply_to_inquiry", &[("id", &id.to_string()), ("body", "One more thing")]).await;
    assert_eq!(refused_with(&late, "body"), Problem::AlreadyClosed);

    // Chinese works throughout.
    owner.lang = "zh-CN";
    let zh = owner.get(&format!("/inbox/{id}")).await;
    assert!(zh.body.contains("已成交") && zh.body.contains("询盘"));

    // The first answer makes the firm's reply record, on its page and in the score.
    let page = visitor.get(&format!("/suppliers/{firm_slug}")).await;
    assert!(page.body.contains("Median first reply within an hour (1 inquiry in the last 90 days, 1 answered)"), "{}", main_of(&page));
    let needs = app::scouting::score::Needs { categories: vec!["false-eyelashes".into()], belts: vec![BELT.into()], ..Default::default() };
    drain_outbox(&site.db.db, &site.search).await;
    let matches = app::scouting::matching::matches(&site.db.db, &site.search, &needs).await.unwrap();
    let ours = matches.shown.iter().find(|m| m.slug == firm_slug).expect("ranked");
    assert!(ours.reasons.iter().any(|r| r.en == "Median first reply within an hour"), "{:?}", ours.reasons);
}

#[tokio::test]
async fn a_thread_is_read_by_its_two_ends_and_answered_by_the_firms_editors_only() {
    let site = site().await;
    let (mut owner, firm_slug) = listed_firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let (mut scout, _) = new_scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let id = send(&mut scout, &inquiry(&firm_slug, "Private terms")).await;
    let path = format!("/inbox/{id}");
    let mut viewer = user(&site, "viewer@example.com", Role::Manufacturer).await;
    join(&site, "viewer@example.com", &firm_slug, MemberRole::Viewer).await;
    let mut editor = user(&site, "editor@example.com", Role::Manufacturer).await;
    join(&site, "editor@example.com", &firm_slug, MemberRole::Editor).await;
    let (mut other_scout, _) = new_scout(&site, "other@example.com", "Other Platform").await;
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let mut visitor = Browser::new(&site.router, "10.0.0.9");
    let id_text = id.to_string();
    let reply = [("id", id_text.as_str()), ("body", "Hello")];
    let step = [("id", id_text.as_str()), ("step", "lost")];
    let block = [("id", id_text.as_str())];

    // (who, reads the page, may reply, may block)
    let mut matrix: Vec<(&str, &mut Browser, StatusCode, StatusCode, StatusCode)> = vec![
        ("sender", &mut scout, StatusCode::OK, StatusCode::OK, StatusCode::FORBIDDEN),
        ("firm owner", &mut owner, StatusCode::OK, StatusCode::OK, StatusCode::OK),
        ("firm editor", &mut editor, StatusCode::OK, StatusCode::OK, StatusCode::OK),
        ("firm viewer", &mut viewer, StatusCode::OK, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        ("another platform's scout", &mut other_scout, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        ("site admin", &mut admin, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        ("signed out", &mut visitor, StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED),
    ];
    for (who, browser, reads, replies, blocks) in matrix.iter_mut() {
        let page = browser.get(&path).await;
        assert_eq!(page.status, *reads, "{who} reading");
        assert_eq!(page.body.contains("Private terms"), *reads == StatusCode::OK, "{who} sees the subject");
        assert_eq!(browser.call("load_thread", &[("id", &id_text)]).await.status, *reads, "{who} loading");
        assert_eq!(browser.call("reply_to_inquiry", &reply).await.status, *replies, "{who} replying");
        assert_eq!(browser.call("block_inquiry_sender", &block).await.status, *blocks, "{who} blocking");
        if *replies != StatusCode::OK {
            assert_eq!(browser.call("take_inquiry_step", &step).await.status, *replies, "{who} taking a step");
        }
        let inbox = browser.get("/inbox").await;
        if *reads == StatusCode::OK {
            assert!(inbox.body.contains("Private terms"), "{who}: in the inbox");
        } else {
            assert!(!inbox.body.contains("Private terms"), "{who}: not in the inbox");
        }
    }
    // The viewer is told who answers.
    assert!(viewer.get(&path).await.body.contains("its owners and editors answer them"));
    // Unblocking is for the firm's editors too.
    let sender = user_id(&site, "scout@example.com").await.to_string();
    let unblock = [("firm", firm_slug.as_str()), ("sender", sender.as_str())];
    assert_eq!(viewer.call("unblock_inquiry_sender", &unblock).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other_scout.call("unblock_inquiry_sender", &unblock).await.status, StatusCode::FORBIDDEN);
    assert_eq!(owner.call("unblock_inquiry_sender", &unblock).await.status, StatusCode::OK);
}

#[tokio::test]
async fn limits_and_blocks_say_what_stops_a_sender_and_keep_what_they_wrote() {
    let site = site().await;
    let (mut owner, firm_slug) = listed_firm(&site, "owner@example.com", "Jiamei Lashes").await;

    // An unconfirmed address cannot write yet, and is told how to go on.
    let mut fresh = user(&site, "fresh@example.com", Role::Graduate).await;
    let form = fresh.get(&format!("/inquiries/new?supplier={firm_slug}")).await;
    assert!(form.body.contains("Confirm your email address first") && !form.body.contains(r#"name="subject""#));
    assert_eq!(refused_with(&fresh.call("send_inquiry", &inquiry(&firm_slug, "Hi")).await, "body"), Problem::ConfirmEmailToWrite);
    // A firm's own people do not write to it.
    assert_eq!(refused_with(&owner.call("send_inquiry", &inquiry(&firm_slug, "Hi")).await, "body"), Problem::OwnFirm);
    // Only listed manufacturers take inquiries.
    let (_, unpublished) = firm(&site, "quiet@example.com", "Quiet Lashes").await;
    assert_eq!(owner.call("send_inquiry", &inquiry(&unpublished, "Hi")).await.status, StatusCode::NOT_FOUND);

    // Bad input is refused field by field, everything kept.
    let (mut scout, platform) = new_scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let long = "长".repeat(151);
    let page = scout
        .call("send_inquiry", &[("supplier", &firm_slug), ("brief", ""), ("write_as", &platform), ("subject", &long), ("body", " ")])
        .await;
    let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
    assert_eq!(errors.problem("subject"), Some(&Problem::TooLong { max: 150 }));
    assert_eq!(errors.problem("body"), Some(&Problem::Required));
    assert_eq!(errors.value("write_as"), Some(platform.as_str()));
    assert_eq!(errors.value("subject"), Some(long.as_str()));
    let page = scout
        .call("send_inquiry", &[("supplier", &firm_slug), ("brief", ""), ("write_as", "not-mine"), ("subject", "Hi"), ("body", "Hi")])
        .await;
    assert_eq!(refused_with(&page, "write_as"), Problem::NotAChoice);
    let page = scout
        .call("send_inquiry", &[("supplier", &firm_slug), ("brief", "no-such-brief"), ("write_as", ""), ("subject", "Hi"), ("body", "Hi")])
        .await;
    assert_eq!(refused_with(&page, "brief"), Problem::NotAChoice);

    // Three new threads to one firm a week; the fourth is refused with what was typed kept.
    for n in 1..=3 {
        send(&mut scout, &inquiry(&firm_slug, &format!("Question {n}"))).await;
    }
    let page = scout.call("send_inquiry", &inquiry(&firm_slug, "Question 4")).await;
    assert_eq!(refused_with(&page, "body"), Problem::SupplierInquiryLimit { max: 3, days: 7 });
    let AppError::Invalid(errors) = app_error(&page) else { unreachable!() };
    assert_eq!(errors.value("subject"), Some("Question 4"));
    assert!(Problem::SupplierInquiryLimit { max: 3, days: 7 }
        .message(app::i18n::Lang::En)
        .contains("at most 3 inquiries to one firm in 7 days"));

    // Twenty a day in all: the day's earlier ones (to other firms) count.
    let (_, second_firm) = listed_firm(&site, "second@example.com", "Second Lashes").await;
    let (mut busy, _) = new_scout(&site, "busy@example.com", "Busy Platform").await;
    let busy_id = user_id(&site, "busy@example.com").await;
    let first = app::read::organisation_by_slug(&site.db.db, &firm_slug).await.unwrap();
    for n in 0..20 {
        app::entities::inquiry::ActiveModel {
            sender_id: Set(busy_id),
            supplier_id: Set(first.id),
            subject: Set(format!("Earlier {n}")),
            status: Set("open".into()),
            created_at: Set(chrono::Utc::now() - chrono::Duration::hours(2)),
            last_message_at: Set(chrono::Utc::now()),
            last_side: Set("buyer".into()),
            ..Default::default()
        }
        .insert(&site.db.db)
        .await
        .unwrap();
    }
    assert_eq!(
        refused_with(&busy.call("send_inquiry", &inquiry(&second_firm, "Twenty-first")).await, "body"),
        Problem::DailyInquiryLimit { max: 20 }
    );

    // A blocked sender reads the thread but can neither write in it nor start another.
    let (mut pest, _) = new_scout(&site, "pest@example.com", "Pest Platform").await;
    let id = send(&mut pest, &inquiry(&firm_slug, "Buy now!!!")).await;
    let page = owner.call("block_inquiry_sender", &[("id", &id.to_string())]).await;
    assert_eq!(page.headers["location"], format!("/inbox/{id}?blocked=1"));
    assert!(owner.get(&format!("/inbox/{id}?blocked=1")).await.body.contains("Sender blocked."));
    let page = pest.get(&format!("/inbox/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("This firm no longer takes inquiries from you.") && !page.body.contains(r#"name="body""#));
    assert_eq!(
        refused_with(&pest.call("reply_to_inquiry", &[("id", &id.to_string()), ("body", "Hello?")]).await, "body"),
        Problem::SenderBlocked
    );
    send(&mut pest, &inquiry(&second_firm, "Elsewhere")).await; // a block is one firm's
    assert_eq!(refused_with(&pest.call("send_inquiry", &inquiry(&firm_slug, "Again")).await, "body"), Problem::SenderBlocked);
    assert!(pest.get(&format!("/inquiries/new?supplier={firm_slug}")).await.body.contains("This firm no longer takes inquiries from you."));
    // The firm sees whom it blocked, and lets them back.
    let inbox = owner.get("/inbox").await;
    assert!(inbox.body.contains("Blocked senders") && inbox.body.contains("pest@example.com"));
    let pest_id = user_id(&site, "pest@example.com").await.to_string();
    let page = owner.call("unblock_inquiry_sender", &[("firm", &firm_slug), ("sender", &pest_id)]).await;
    assert_eq!(page.headers["location"], format!("/inbox?unblocked={pest_id}"));
    send(&mut pest, &inquiry(&firm_slug, "Sorry")).await;
}

#[tokio::test]
async fn an_inquiry_about_a_brief_links_them_and_only_the_scouts_own_briefs_qualify() {
    let site = site().await;
    let (mut owner, firm_slug) = listed_firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let (mut scout, platform) = new_scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let deadline = (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(20)).format("%Y-%m-%d").to_string();
    let brief_fields = [
        ("slug", "new"),
        ("platform", platform.as_str()),
        ("title_zh", ""),
        ("title_en", "Lashes for Japan"),
        ("details_zh", ""),
        ("details_en", ""),
        ("categories[]", "false-eyelashes"),
        ("markets", "JP"),
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
    let page = scout.call("save_brief", &brief_fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let brief = page.headers["location"].to_str().unwrap().trim_start_matches("/briefs/").trim_end_matches("?saved=1").to_string();
    drain_outbox(&site.db.db, &site.search).await;

    // The brief's team writes to a ranked supplier from the ranking.
    let page = scout.get(&format!("/briefs/{brief}")).await;
    assert!(page.body.contains(&format!(r#"href="/inquiries/new?supplier={firm_slug}&amp;brief={brief}""#)), "{}", main_of(&page));
    let form = scout.get(&format!("/inquiries/new?supplier={firm_slug}&brief={brief}")).await;
    assert!(form.body.contains("Lashes for Japan"));
    let id = send(
        &mut scout,
        &[
            ("supplier", firm_slug.as_str()),
            ("brief", brief.as_str()),
            ("write_as", platform.as_str()),
            ("subject", "About your lashes"),
            ("body", "For Japan."),
        ],
    )
    .await;
    let thread = owner.get(&format!("/inbox/{id}")).await;
    assert!(thread.body.contains(&format!(r#"href="/briefs/{brief}""#)) && thread.body.contains("Lashes for Japan"));
    assert!(owner.get("/inbox").await.body.contains("About the brief: Lashes for Japan"));

    // Another platform's scout cannot tie an inquiry to it.
    let (mut other, _) = new_scout(&site, "other@example.com", "Other Platform").await;
    let page = other
        .call(
            "send_inquiry",
            &[("supplier", firm_slug.as_str()), ("brief", brief.as_str()), ("write_as", ""), ("subject", "Hi"), ("body", "Hi")],
        )
        .await;
    assert_eq!(refused_with(&page, "brief"), Problem::NotAChoice);
    // Visitors of a public brief are not offered to write from its ranking.
    let mut visitor = Browser::new(&site.router, "10.0.0.10");
    assert!(!visitor.get(&format!("/briefs/{brief}")).await.body.contains("/inquiries/new"));
}

#[tokio::test]
async fn the_reply_record_counts_late_silence_and_waits_on_fresh_inquiries() {
    let site = site().await;
    let (_, firm_slug) = listed_firm(&site, "owner@example.com", "Jiamei Lashes").await;
    new_scout(&site, "scout@example.com", "Lash Scout Platform").await;
    let sender = user_id(&site, "scout@example.com").await;
    let org = app::read::organisation_by_slug(&site.db.db, &firm_slug).await.unwrap();
    let now = chrono::Utc::now();
    let add = |hours_ago: i64, answered_after: Option<i64>| {
        let db = site.db.db.clone();
        let org_id = org.id;
        async move {
            let received = now - chrono::Duration::hours(hours_ago);
            app::entities::inquiry::ActiveModel {
                sender_id: Set(sender),
                supplier_id: Set(org_id),
                subject: Set("Earlier".into()),
                status: Set("open".into()),
                created_at: Set(received),
                first_reply_at: Set(answered_after.map(|h| received + chrono::Duration::hours(h))),
                last_message_at: Set(received),
                last_side: Set("buyer".into()),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }
    };
    add(300, Some(3)).await;
    add(200, Some(5)).await;
    add(100, None).await; // unanswered for 100 hours: counts as never
    add(2, None).await; // two hours old: not counted yet
    let mut visitor = Browser::new(&site.router, "10.0.0.11");
    let page = visitor.get(&format!("/suppliers/{firm_slug}")).await;
    assert!(page.body.contains("Median first reply within 5 hours (3 inquiries in the last 90 days, 2 answered)"), "{}", main_of(&page));
    add(150, None).await;
    // (Another address: the page kept for visitors knows nothing of rows written behind the server's back.)
    let page = visitor.get(&format!("/suppliers/{firm_slug}?again=1")).await;
    assert!(page.body.contains("Most inquiries go unanswered (4 inquiries in the last 90 days, 2 answered)"), "{}", main_of(&page));
}
