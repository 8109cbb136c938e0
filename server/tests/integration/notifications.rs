//! Notifications: posted by decisions and verifications, counted in the
//! header, private to their recipient, and emailed as each person chooses.

use crate::common;

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;

/// Confirms `email`'s address through the link the site mailed.
async fn confirm(site: &Site, browser: &mut Browser, email: &str) {
    let mail = local_mail(site).await;
    let confirmation = mail.iter().find(|m| m.to == email && m.subject.contains("Confirm")).expect("a confirmation mail");
    let token = token_of(&link_in(&confirmation.body, "/confirm-email").unwrap());
    let page = browser.call("confirm_email", &[("token", &token)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
}

#[tokio::test]
async fn an_approval_reaches_the_requester_in_the_header_list_and_by_email() {
    let site = site().await;
    let mut founder = user(&site, "founder@example.com", Role::Graduate).await;
    confirm(&site, &mut founder, "founder@example.com").await;
    let slug = created_slug(&founder.call("create_organisation", &org_fields("association", "Pingdu Lash Guild", BELT)).await);
    assert!(founder.get("/account").await.body.contains(r#"href="/notifications""#), "the header links the list");
    assert!(!founder.get("/account").await.body.contains("Notifications (1)"));
    approve(&site, &slug).await;

    let page = founder.get("/account").await;
    assert!(page.body.contains("Notifications (1)"), "the unread count in the header");
    let list = founder.get("/notifications").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Pingdu Lash Guild was approved and is now public"));
    let mail = local_mail(&site).await;
    let told = mail
        .iter()
        .find(|m| m.to == "founder@example.com" && m.subject.contains("was approved"))
        .expect("emailed: confirmed, and chosen by default");
    assert!(told.body.contains(&format!("/orgs/{slug}")) && told.body.contains("/notifications#email-settings"));

    let id = app::notifications::repo::list(
        &site.db.db,
        app::accounts::repo::find_by_email(&site.db.db, "founder@example.com").await.unwrap().unwrap().id,
        10,
    )
    .await
    .unwrap()
    .items[0]
        .id
        .to_string();
    let mut stranger = user(&site, "stranger@example.com", Role::Graduate).await;
    assert_eq!(stranger.call("open_notification", &[("id", &id)]).await.status, StatusCode::NOT_FOUND, "someone else's");
    let opened = founder.submit("/notifications", "open_notification", &[("id", &id)]).await;
    assert_eq!(opened.headers["location"], format!("/orgs/{slug}"));
    assert!(!founder.get("/account").await.body.contains("Notifications (1)"), "read once opened");

    let mut visitor = Browser::new(&site.router, "10.3.3.3");
    assert_eq!(visitor.call("my_notifications", &[]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.get("/notifications").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.call("open_notification", &[("id", &id)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.call("save_email_choices", &[]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.call("mark_notifications_read", &[]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.call("unread_notifications", &[]).await.body, "null", "signed out: no count");
}

#[tokio::test]
async fn email_goes_only_to_confirmed_addresses_of_people_who_want_it() {
    let site = site().await;
    let mut owner = association(&site, "owner@example.com", "Pingdu Lash Association", BELT).await;
    let association = "pingdu-lash-association";
    confirm(&site, &mut owner, "owner@example.com").await;
    let mut unconfirmed = user(&site, "unconfirmed@example.com", Role::Graduate).await;
    let mut quiet = user(&site, "quiet@example.com", Role::Graduate).await;
    confirm(&site, &mut quiet, "quiet@example.com").await;
    let page = quiet.submit("/notifications", "save_email_choices", &[("by_email[]", "verified")]).await;
    assert_eq!(page.headers["location"], "/notifications?saved=1#email-settings");
    let settings = quiet.get("/notifications").await;
    assert!(settings.body.contains(r#"value="verified" checked"#) && !settings.body.contains(r#"value="join_decided" checked"#));
    assert_eq!(quiet.call("save_email_choices", &[("by_email[]", "nonsense")]).await.status, StatusCode::BAD_REQUEST);

    for person in [&mut unconfirmed, &mut quiet] {
        assert_eq!(person.call("ask_to_join", &[("slug", association)]).await.status, StatusCode::OK);
    }
    assert!(owner.get("/notifications").await.body.contains("asks to help run Pingdu Lash Association"));
    let db = &site.db.db;
    for email in ["unconfirmed@example.com", "quiet@example.com"] {
        let id = app::accounts::repo::find_by_email(db, email).await.unwrap().unwrap().id.to_string();
        let page = owner.call("decide_join_request", &[("slug", association), ("user_id", &id), ("decision", "approve")]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    }
    let mail = local_mail(&site).await;
    let about = |to: &str, words: &str| mail.iter().filter(|m| m.to == to && m.subject.contains(words)).count();
    assert_eq!(about("owner@example.com", "asks to help run"), 2, "the owner hears of each request");
    assert_eq!(about("unconfirmed@example.com", "You now help run"), 0, "never to an unproven address");
    assert_eq!(about("quiet@example.com", "You now help run"), 0, "not chosen by email");
    for browser in [&mut unconfirmed, &mut quiet] {
        let list = browser.get("/notifications").await;
        assert!(list.body.contains("You now help run Pingdu Lash Association"), "in the list either way");
        let page = browser.submit("/notifications", "mark_notifications_read", &[]).await;
        assert_eq!(page.headers["location"], "/notifications");
        assert!(!browser.get("/notifications").await.body.contains("Mark all as read"), "nothing unread");
    }
}

#[tokio::test]
async fn a_verification_tells_the_firm() {
    let site = site().await;
    let mut maker = user(&site, "maker@example.com", Role::Manufacturer).await;
    let slug = created_slug(&maker.call("create_organisation", &org_fields("manufacturer", "Verified Lash Works", BELT)).await);
    let mut verifier = association(&site, "verifier@example.com", "Pingdu Lash Association", BELT).await;
    let page = verifier.call("verify_organisation", &[("slug", &slug), ("evidence", "Visited the workshop on 2026-11-20")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let list = maker.get("/notifications").await;
    assert!(list.body.contains("Verified Lash Works: organisation details verified by verifier@example.com"), "{}", list.body);
}
