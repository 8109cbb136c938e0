//! Granted powers: an association is a request until a site admin approves
//! it, so is each further belt it serves, and people join one only when its
//! owners (or a site admin) accept them.

use crate::common;

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;

#[tokio::test]
async fn an_association_is_a_request_until_a_site_admin_approves_it() {
    for site in sites().await {
        a_request_until_approved(&site).await;
    }
}

async fn a_request_until_approved(site: &Site) {
    let mut founder = user(site, "founder@example.com", Role::Graduate).await;
    let slug = created_slug(&founder.call("create_organisation", &org_fields("association", "Pingdu Eyelash Guild", BELT)).await);

    let mut visitor = Browser::new(&site.router, "10.0.0.9");
    assert_eq!(visitor.get(&format!("/orgs/{slug}")).await.status, StatusCode::NOT_FOUND, "not public yet");
    let own = founder.get(&format!("/orgs/{slug}")).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("waits for a site admin"));
    // (The header's own menu offers the founder their organisation; the belt page itself does not list it.)
    assert!(!main_of(&founder.get(&format!("/belts/{BELT}")).await).contains(&format!("/orgs/{slug}")), "not on the belt page");
    assert_eq!(founder.get(&format!("/orgs/{slug}/members")).await.status, StatusCode::FORBIDDEN, "no member import yet");
    assert!(founder.get("/account").await.body.contains("awaiting approval"));
    drain_outbox(&site.db.db, &site.search).await;
    assert!(!search_hrefs(&site.search, "Eyelash Guild").await.iter().any(|h| h.contains(&slug)), "not searchable");

    let mut admin = user(site, "admin@example.com", Role::SiteAdmin).await;
    let queue = admin.get("/admin/approvals").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("Pingdu Eyelash Guild") && queue.body.contains("founder@example.com"), "who asked, for what");
    assert_eq!(founder.get("/admin/approvals").await.status, StatusCode::FORBIDDEN);
    let waiting = admin.get(&format!("/orgs/{slug}")).await;
    assert!(waiting.body.contains("Belts it asks to serve") && waiting.body.contains(r#"value="approve""#), "decided on its own page too");
    assert!(!own.body.contains(r#"value="approve""#), "not by the one who asked");
    let page = admin.call("decide_organisation", &[("slug", &slug), ("decision", "approve")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        admin.call("decide_organisation", &[("slug", &slug), ("decision", "approve")]).await.status,
        StatusCode::NOT_FOUND,
        "decided once"
    );

    assert_eq!(visitor.get(&format!("/orgs/{slug}")).await.status, StatusCode::OK);
    assert!(visitor.get(&format!("/belts/{BELT}")).await.body.contains(&format!("/orgs/{slug}")));
    assert_eq!(founder.get(&format!("/orgs/{slug}/members")).await.status, StatusCode::OK);
    drain_outbox(&site.db.db, &site.search).await;
    assert!(search_hrefs(&site.search, "Eyelash Guild").await.iter().any(|h| h.contains(&slug)), "searchable once approved");
}

#[tokio::test]
async fn a_declined_request_is_removed() {
    let site = site().await;
    let mut founder = user(&site, "founder@example.com", Role::ServiceProvider).await;
    let slug = created_slug(&founder.call("create_organisation", &org_fields("school", "Lash Academy", BELT)).await);
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let page = admin.call("decide_organisation", &[("slug", &slug), ("decision", "decline")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(founder.get(&format!("/orgs/{slug}")).await.status, StatusCode::NOT_FOUND);
    assert!(!founder.get("/account").await.body.contains("Lash Academy"));
    assert_eq!(admin.call("decide_organisation", &[("slug", &slug), ("decision", "maybe")]).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn people_join_an_association_when_its_owner_accepts_them() {
    let site = site().await;
    let mut owner = association(&site, "owner@example.com", "Pingdu Lash Association", BELT).await;
    let association = "pingdu-lash-association";
    let mut colleague = user(&site, "colleague@example.com", Role::Graduate).await;
    let mut stranger = user(&site, "stranger@example.com", Role::Graduate).await;

    let page = colleague.get(&format!("/orgs/{association}")).await;
    assert!(page.body.contains("Ask to help run it"));
    assert_eq!(colleague.call("ask_to_join", &[("slug", association)]).await.status, StatusCode::OK);
    assert_eq!(colleague.call("ask_to_join", &[("slug", association)]).await.status, StatusCode::FORBIDDEN, "asked already");
    assert!(colleague.get(&format!("/orgs/{association}")).await.body.contains("waits for a decision"));
    assert_eq!(colleague.get(&format!("/orgs/{association}/members")).await.status, StatusCode::FORBIDDEN, "not before a decision");
    assert_eq!(stranger.call("ask_to_join", &[("slug", association)]).await.status, StatusCode::OK);

    let page = owner.get(&format!("/orgs/{association}")).await;
    assert!(page.body.contains("Requests to join") && page.body.contains("colleague@example.com"));
    assert_eq!(colleague.call("join_requests", &[("slug", association)]).await.status, StatusCode::FORBIDDEN);
    let db = &site.db.db;
    let id = |email: &'static str| async move { app::accounts::repo::find_by_email(db, email).await.unwrap().unwrap().id.to_string() };
    let colleague_id = id("colleague@example.com").await;
    let stranger_id = id("stranger@example.com").await;
    assert_eq!(
        stranger.call("decide_join_request", &[("slug", association), ("user_id", &colleague_id), ("decision", "approve")]).await.status,
        StatusCode::FORBIDDEN,
        "not by another requester"
    );
    let page = owner.call("decide_join_request", &[("slug", association), ("user_id", &colleague_id), ("decision", "approve")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = owner.call("decide_join_request", &[("slug", association), ("user_id", &stranger_id), ("decision", "decline")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);

    assert_eq!(colleague.get(&format!("/orgs/{association}/members")).await.status, StatusCode::OK, "a member now");
    assert_eq!(stranger.get(&format!("/orgs/{association}/members")).await.status, StatusCode::FORBIDDEN);
    // A member, not an owner: accepting others stays with the owners.
    assert_eq!(colleague.call("join_requests", &[("slug", association)]).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_association_verifies_in_a_further_belt_only_once_it_is_approved_there() {
    let site = site().await;
    let mut maker = user(&site, "maker@example.com", Role::Manufacturer).await;
    created_slug(&maker.call("create_organisation", &org_fields("manufacturer", "Miluo Carbon Rods", "miluo-fishing-tackle")).await);
    let verify = [("slug", "miluo-carbon-rods"), ("evidence", "Visited the workshop")];

    let mut association = association(&site, "owner@example.com", "Pingdu Lash Association", BELT).await;
    assert_eq!(association.call("verify_organisation", &verify).await.status, StatusCode::FORBIDDEN, "outside its belts");
    let page = association.call("request_belt", &[("slug", "pingdu-lash-association"), ("belt", "miluo-fishing-tackle")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let again = association.call("request_belt", &[("slug", "pingdu-lash-association"), ("belt", "miluo-fishing-tackle")]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "asked already");
    assert_eq!(association.call("verify_organisation", &verify).await.status, StatusCode::FORBIDDEN, "asked, not approved");
    assert!(association.get("/orgs/pingdu-lash-association").await.body.contains("Belts waiting for approval"));

    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    assert!(admin.get("/admin/approvals").await.body.contains("Miluo"));
    let page =
        admin.call("decide_belt", &[("slug", "pingdu-lash-association"), ("belt", "miluo-fishing-tackle"), ("decision", "approve")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(association.call("verify_organisation", &verify).await.status, StatusCode::OK);
}
