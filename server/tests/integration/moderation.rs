//! Moderation: look-alike names are flagged, users report, site admins hide,
//! restore, merge and revoke, everything leaves public pages and search at
//! once and goes into the audit trail; nobody else may do any of it.

use crate::common;

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;

#[tokio::test]
async fn an_admin_hides_an_impersonator_and_it_leaves_pages_and_search_at_once() {
    let site = site().await;
    let (mut fake, slug) = firm(&site, "fake@example.com", "Amazon Official Lash Supplier").await;
    fake.call("save_supply_profile", &minimal_profile(&slug, "Mink strip lashes from the real Amazon")).await;
    fake.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await;
    drain_outbox(&site.db.db, &site.search).await;
    assert!(search_hrefs(&site.search, "Amazon Official Lash").await.contains(&format!("/suppliers/{slug}")));

    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let page = admin.get("/admin/moderation").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Names to check") && page.body.contains("Name like the platform Amazon"), "flagged when created");
    assert!(admin.get(&format!("/orgs/{slug}")).await.body.contains("Name like the platform Amazon"), "admins see why on its page");
    let mut visitor = Browser::new(&site.router, "10.7.7.7");
    assert!(!visitor.get(&format!("/orgs/{slug}")).await.body.contains("Name like the platform"), "visitors do not");

    let page = admin.call("hide_organisation", &[("slug", &slug), ("reason", "")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "a reason is required");
    let page = admin.submit(&format!("/orgs/{slug}"), "hide_organisation", &[("slug", &slug), ("reason", "Pretends to be Amazon")]).await;
    assert_eq!(page.headers["location"], format!("/orgs/{slug}?hidden=1"));
    assert_eq!(visitor.get(&format!("/orgs/{slug}")).await.status, StatusCode::NOT_FOUND, "gone from its page");
    assert_eq!(visitor.get(&format!("/suppliers/{slug}")).await.status, StatusCode::NOT_FOUND, "and its supplier page");
    assert!(!main_of(&visitor.get(&format!("/belts/{BELT}")).await).contains(&slug), "and the belt page");
    drain_outbox(&site.db.db, &site.search).await;
    assert!(!search_hrefs(&site.search, "Amazon Official Lash").await.iter().any(|h| h.contains(&slug)), "and search");
    assert!(!visitor.get("/sitemap.xml").await.body.contains(&slug), "and the sitemap");

    // Its own people still see it, and why; they were told.
    let own = fake.get(&format!("/orgs/{slug}")).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Pretends to be Amazon"));
    assert!(fake.get("/notifications").await.body.contains("A site admin hid Amazon Official Lash Supplier: Pretends to be Amazon"));
    let audit = admin.get("/admin/audit").await;
    assert!(
        audit.body.contains("Hid an organisation")
            && audit.body.contains("Pretends to be Amazon")
            && audit.body.contains("admin@example.com")
    );

    // Restored, it is back everywhere.
    let page = admin.call("restore_organisation", &[("slug", &slug), ("reason", "The owner proved the licence")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(visitor.get(&format!("/suppliers/{slug}")).await.status, StatusCode::OK);
    drain_outbox(&site.db.db, &site.search).await;
    assert!(search_hrefs(&site.search, "Amazon Official Lash").await.contains(&format!("/suppliers/{slug}")));
    let page = admin.call("clear_review", &[("slug", &slug)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!admin.get("/admin/moderation").await.body.contains("Name like the platform Amazon"));
}

#[tokio::test]
async fn near_copies_of_an_existing_name_are_flagged() {
    let site = site().await;
    firm(&site, "first@example.com", "Qingdao Jiamei Lashes Co., Ltd.").await;
    let (_, copy) = firm(&site, "copy@example.com", "Qingdao Jiamel Lashes").await;
    let (_, other) = firm(&site, "other@example.com", "Miluo Carbon Rods").await;
    let copy = app::read::organisation_by_slug(&site.db.db, &copy).await.unwrap();
    assert!(copy.review_reason.unwrap().contains("Qingdao Jiamei Lashes Co., Ltd."));
    assert_eq!(app::read::organisation_by_slug(&site.db.db, &other).await.unwrap().review_reason, None);
}

#[tokio::test]
async fn reports_queue_for_site_admins_who_resolve_them() {
    let site = site().await;
    let (mut owner, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;
    assert!(scout.get(&format!("/orgs/{slug}")).await.body.contains("Report this organisation"));
    assert!(!owner.get(&format!("/orgs/{slug}")).await.body.contains("Report this organisation"), "not one's own");
    assert_eq!(
        owner.call("report_organisation", &[("slug", &slug), ("reason", "spam"), ("details", "")]).await.status,
        StatusCode::FORBIDDEN
    );
    let mut visitor = Browser::new(&site.router, "10.7.7.8");
    assert_eq!(
        visitor.call("report_organisation", &[("slug", &slug), ("reason", "spam"), ("details", "")]).await.status,
        StatusCode::UNAUTHORIZED
    );

    let page = scout.call("report_organisation", &[("slug", &slug), ("reason", "nonsense"), ("details", "")]).await;
    assert!(matches!(app_error(&page), app::error::AppError::Invalid(e) if e.problem("reason") == Some(&app::forms::Problem::NotAChoice)));
    let page = scout
        .submit(
            &format!("/orgs/{slug}"),
            "report_organisation",
            &[("slug", &slug), ("reason", "false_information"), ("details", "No factory at this address")],
        )
        .await;
    assert_eq!(page.headers["location"], format!("/orgs/{slug}?reported=1"));
    let again = scout.call("report_organisation", &[("slug", &slug), ("reason", "spam"), ("details", "")]).await;
    assert!(
        matches!(app_error(&again), app::error::AppError::Invalid(e) if e.problem("reason") == Some(&app::forms::Problem::AlreadyAsked))
    );

    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    assert!(admin.get("/admin").await.body.contains("1 open report;"));
    let queue = admin.get("/admin/moderation").await;
    assert!(queue.body.contains("No factory at this address") && queue.body.contains("scout@example.com"));
    let id = {
        use sea_orm::EntityTrait;
        app::entities::report::Entity::find().one(&site.db.db).await.unwrap().unwrap().id.to_string()
    };
    let page = admin.call("dismiss_report", &[("id", &id), ("reason", "Checked the licence; it is there")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(admin.get("/admin/moderation").await.body.contains("No open reports."));
    assert_eq!(admin.call("dismiss_report", &[("id", &id), ("reason", "twice")]).await.status, StatusCode::NOT_FOUND);
    assert!(admin.get("/admin/audit").await.body.contains("Dismissed a report"));
}

#[tokio::test]
async fn a_revoked_verification_is_withdrawn_but_stays_on_the_record() {
    let site = site().await;
    let (mut owner, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    admin.call("verify_organisation", &[("slug", &slug), ("evidence", "Licence 3702 seen")]).await;
    let org = app::read::organisation_by_slug(&site.db.db, &slug).await.unwrap();
    let record = app::orgs::verifications::history(&site.db.db, org.id).await.unwrap();
    let id = record[0].id.to_string();

    assert_eq!(owner.call("revoke_verification", &[("id", &id), ("reason", "mine")]).await.status, StatusCode::FORBIDDEN);
    let page = admin.call("revoke_verification", &[("id", &id), ("reason", "The licence was forged")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let detail = app::orgs::repo::detail(&site.db.db, &slug).await.unwrap();
    assert!(detail.verification.is_none(), "no longer verified");
    assert_eq!(detail.verifications.len(), 2, "the record keeps both");
    assert!(detail.verifications[0].revoked && detail.verifications[0].evidence == "The licence was forged");
    let page = get(&site.router, &format!("/orgs/{slug}"), "en").await;
    assert!(page.body.contains("Verification withdrawn") && page.body.contains("Unverified"));
    assert_eq!(admin.call("revoke_verification", &[("id", &id), ("reason", "again")]).await.status, StatusCode::NOT_FOUND, "once");
    assert!(owner.get("/notifications").await.body.contains("was withdrawn: The licence was forged"));
}

#[tokio::test]
async fn a_duplicate_is_merged_into_the_original_and_its_address_follows() {
    let site = site().await;
    let (_, original) = firm(&site, "first@example.com", "Jiamei Lashes").await;
    let (mut second, duplicate) = firm(&site, "second@example.com", "Jiamei Lash Factory").await;
    second.call("save_supply_profile", &minimal_profile(&duplicate, "Silk lashes")).await;
    let (_, provider) = {
        let mut p = user(&site, "provider@example.com", Role::ServiceProvider).await;
        let slug = created_slug(&p.call("create_organisation", &org_fields("service_provider", "Jiamei Freight", BELT)).await);
        (p, slug)
    };
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let page = admin.call("merge_organisations", &[("slug", &duplicate), ("into", &provider), ("merge_reason", "same firm")]).await;
    assert!(matches!(app_error(&page), app::error::AppError::Invalid(e) if e.problem("into").is_some()), "not across kinds");
    let page = admin.call("merge_organisations", &[("slug", &duplicate), ("into", "no-such-firm"), ("merge_reason", "same firm")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);

    let link = format!("https://beltlink.test/orgs/{original}");
    let page = admin.call("merge_organisations", &[("slug", &duplicate), ("into", &link), ("merge_reason", "The same licence")]).await;
    assert_eq!(page.headers["location"], format!("/orgs/{original}?merged=1"), "{}", page.body);
    let db = &site.db.db;
    let kept = app::read::organisation_by_slug(db, &original).await.unwrap();
    let second_id = app::accounts::repo::find_by_email(db, "second@example.com").await.unwrap().unwrap().id;
    assert!(app::orgs::repo::membership_of(db, second_id, kept.id).await.unwrap().is_some(), "its people moved over");
    assert!(app::read::supply_profile_of(db, kept.id).await.unwrap().is_some(), "and its profile, as the original had none");
    let moved = get(&site.router, &format!("/orgs/{duplicate}"), "en").await;
    assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(moved.headers["location"], format!("/orgs/{original}"));
    assert!(second.get("/notifications").await.body.contains("Jiamei Lash Factory was merged into Jiamei Lashes"));
    assert!(admin.get("/admin/audit").await.body.contains("Merged a duplicate"));
}

/// Every moderation function, for every kind of person who is not a site admin.
#[tokio::test]
async fn only_site_admins_moderate() {
    let site = site().await;
    let (_, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let mut people = vec![("visitor", Browser::new(&site.router, "10.7.7.9"), StatusCode::UNAUTHORIZED)];
    for role in [Role::Manufacturer, Role::PlatformScout, Role::ServiceProvider, Role::Graduate, Role::AssociationAdmin] {
        people.push(("someone", user(&site, &format!("{}@example.com", role.code()), role).await, StatusCode::FORBIDDEN));
    }
    for (who, browser, refused) in &mut people {
        for (function, fields) in [
            ("moderation_overview", vec![]),
            ("audit_log", vec![]),
            ("hide_organisation", vec![("slug", slug.as_str()), ("reason", "x")]),
            ("restore_organisation", vec![("slug", slug.as_str()), ("reason", "x")]),
            ("clear_review", vec![("slug", slug.as_str())]),
            ("revoke_verification", vec![("id", "1"), ("reason", "x")]),
            ("merge_organisations", vec![("slug", slug.as_str()), ("into", "amazon"), ("merge_reason", "x")]),
            ("dismiss_report", vec![("id", "1"), ("reason", "x")]),
        ] {
            assert_eq!(browser.call(function, &fields).await.status, *refused, "{who} calling {function}");
        }
        assert_eq!(browser.get("/admin/moderation").await.status, *refused, "{who} opening moderation");
        assert_eq!(browser.get("/admin/audit").await.status, *refused, "{who} opening the audit trail");
    }
    assert!(app::read::organisation_by_slug(&site.db.db, &slug).await.unwrap().hidden_at.is_none());
}
