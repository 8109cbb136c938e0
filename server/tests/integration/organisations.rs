//! Organisations: creation by the people who work for them, verification,
//! and the authorization matrix of every server function.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

#[tokio::test]
async fn a_manufacturer_creates_its_factory_in_a_belt_and_it_shows_everywhere() {
    let site = site().await;
    let mut maker = user(&site, "wang@example.com", Role::Manufacturer).await;
    let page = maker.call("create_organisation", &org_fields("manufacturer", "Pingdu Silk Lashes", "pingdu-false-eyelashes")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers["location"], "/orgs/pingdu-silk-lashes");

    let org = maker.get("/orgs/pingdu-silk-lashes").await;
    assert_eq!(org.status, StatusCode::OK);
    for expected in ["Pingdu Silk Lashes", "Unverified", "Strip lashes and magnetic lashes", "/belts/pingdu-false-eyelashes"] {
        assert!(org.body.contains(expected), "{expected} missing from the organisation page");
    }
    assert!(!org.body.contains("Verify this organisation"), "a manufacturer cannot verify");
    let account = maker.get("/account").await;
    assert!(account.body.contains("/orgs/pingdu-silk-lashes") && account.body.contains("Owner"));
    let belt = maker.get("/belts/pingdu-false-eyelashes").await;
    assert!(belt.body.contains("/orgs/pingdu-silk-lashes"), "the belt lists its new firm");

    drain_outbox(&site.db.db, &site.search).await;
    let hits = common::search_hrefs(&site.search, "Silk Lashes").await;
    assert!(hits.iter().any(|h| h == "/orgs/pingdu-silk-lashes"), "searchable once the outbox ran");

    // A second one with the same name gets its own address.
    let page = maker.call("create_organisation", &org_fields("manufacturer", "Pingdu Silk Lashes", "pingdu-false-eyelashes")).await;
    assert_eq!(page.headers["location"], "/orgs/pingdu-silk-lashes-2");
}

#[tokio::test]
async fn each_organisation_problem_is_named_by_field() {
    let site = site().await;
    let mut maker = user(&site, "wang@example.com", Role::Manufacturer).await;
    let mut fields = org_fields("platform", "", "no-such-belt");
    fields.retain(|(k, _)| *k != "province");
    fields.push(("province", "atlantis"));
    let page = maker.call("create_organisation", &fields).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
    assert_eq!(errors.problem("kind"), Some(&Problem::NotAChoice), "a manufacturer cannot create a platform");
    assert_eq!(errors.problem("name_zh"), Some(&Problem::NeedOneLanguage));
    assert_eq!(errors.problem("province"), Some(&Problem::NotAChoice));
    assert_eq!(errors.problem("belts"), Some(&Problem::NotAChoice));
    assert_eq!(errors.value("city_en"), Some("Pingdu"), "the rest of the input comes back");

    let mut no_belt = org_fields("manufacturer", "Lashes", "x");
    no_belt.retain(|(k, _)| *k != "belts[0]");
    let AppError::Invalid(errors) = app_error(&maker.call("create_organisation", &no_belt).await) else { panic!() };
    assert_eq!(errors.problem("belts"), Some(&Problem::ChooseAtLeastOne));
    let mut many_belts = no_belt.clone();
    many_belts.extend(std::iter::repeat_n(("belts[]", "pingdu-false-eyelashes"), 31));
    let AppError::Invalid(errors) = app_error(&maker.call("create_organisation", &many_belts).await) else { panic!() };
    assert_eq!(errors.problem("belts"), Some(&Problem::TooMany { max: 30 }));
}

#[tokio::test]
async fn without_javascript_the_belt_checkboxes_post_and_errors_come_back() {
    let site = site().await;
    let mut maker = user(&site, "wang@example.com", Role::Manufacturer).await;
    let form = maker.get("/orgs/new").await;
    assert!(form.body.contains(r#"name="belts[]""#) && form.body.contains(r#"value="pingdu-false-eyelashes""#));

    let mut fields = org_fields("manufacturer", "", "pingdu-false-eyelashes");
    fields.retain(|(k, _)| *k != "belts[0]");
    fields.push(("belts[]", "pingdu-false-eyelashes"));
    fields.push(("belts[]", "qingdao-wigs"));
    let page = maker.submit("/orgs/new", "create_organisation", &fields).await;
    let back = page.headers["location"].to_str().unwrap().trim_start_matches(SITE).to_string();
    let form = maker.get(&back).await;
    assert!(form.body.contains("Give it in Chinese, in English, or both."));
    assert!(form.body.contains(r#"id="belt-qingdao-wigs" name="belts[]" value="qingdao-wigs" checked"#), "choices kept");

    let mut fixed = fields.clone();
    fixed.retain(|(k, _)| *k != "name_en");
    fixed.push(("name_en", "Two Belt Hair and Lashes"));
    let page = maker.submit(&back, "create_organisation", &fixed).await;
    assert_eq!(page.headers["location"], "/orgs/two-belt-hair-and-lashes");
}

#[tokio::test]
async fn verification_is_for_site_admins_and_associations_of_the_same_belt() {
    let site = site().await;
    let mut maker = user(&site, "wang@example.com", Role::Manufacturer).await;
    maker.call("create_organisation", &org_fields("manufacturer", "Pingdu Silk Lashes", "pingdu-false-eyelashes")).await;
    let verify = [("slug", "pingdu-silk-lashes"), ("evidence", "Business licence 91370283MA3C")];

    assert_eq!(maker.call("verify_organisation", &verify).await.status, StatusCode::FORBIDDEN, "not their own");

    let mut far_association = association(&site, "hunan@example.com", "Miluo Tackle Association", "miluo-fishing-tackle").await;
    assert_eq!(far_association.call("verify_organisation", &verify).await.status, StatusCode::FORBIDDEN, "another belt");

    // An association nobody approved yet verifies nothing, even in its belt.
    let mut unapproved = user(&site, "pending@example.com", Role::Graduate).await;
    let pending = created_slug(
        &unapproved.call("create_organisation", &org_fields("association", "Self Made Lash Association", "pingdu-false-eyelashes")).await,
    );
    assert_eq!(unapproved.call("verify_organisation", &verify).await.status, StatusCode::FORBIDDEN, "not approved");
    assert!(unapproved.get(&format!("/orgs/{pending}")).await.body.contains("waits for a site admin"));

    let mut near_association = association(&site, "qingdao@example.com", "Pingdu Lash Association", "pingdu-false-eyelashes").await;
    assert_eq!(
        near_association.call("verify_organisation", &[("slug", "pingdu-lash-association"), ("evidence", "ours")]).await.status,
        StatusCode::FORBIDDEN,
        "never their own association"
    );
    let page = near_association.get("/orgs/pingdu-silk-lashes").await;
    assert!(page.body.contains("Verify this organisation"), "offered to the belt's association");
    let AppError::Invalid(errors) =
        app_error(&near_association.call("verify_organisation", &[("slug", "pingdu-silk-lashes"), ("evidence", " ")]).await)
    else {
        panic!()
    };
    assert_eq!(errors.problem("evidence"), Some(&Problem::Required));
    let page = near_association.call("verify_organisation", &verify).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = maker.get("/orgs/pingdu-silk-lashes").await;
    assert!(page.body.contains("Verified · qingdao@example.com"), "who and when are shown");
    assert!(
        page.body.contains("Verification record") && page.body.contains(r#"href="/orgs/pingdu-lash-association""#),
        "for which association"
    );
    assert!(page.body.contains("Business licence 91370283MA3C"), "on what evidence");
    // A second verification supersedes the first; both stay in the record.
    let page = near_association.call("verify_organisation", &[("slug", "pingdu-silk-lashes"), ("evidence", "Site visit 2026-11-20")]).await;
    assert_eq!(page.status, StatusCode::OK);
    let page = maker.get("/orgs/pingdu-silk-lashes").await;
    assert!(page.body.contains("Site visit 2026-11-20") && page.body.contains("Business licence 91370283MA3C"));
    assert_eq!(page.body.matches("Superseded by a later verification").count(), 1);
    let record = app::orgs::verifications::history(&site.db.db, stored_id(&site, "pingdu-silk-lashes").await).await.unwrap();
    assert_eq!(record.len(), 2);
    assert!(record[0].in_force && !record[1].in_force && record.iter().all(|e| e.verifier_recorded));
    let stored = app::read::organisation_by_slug(&site.db.db, "pingdu-silk-lashes").await.unwrap();
    assert_eq!(stored.verification_evidence.as_deref(), Some("Site visit 2026-11-20"), "the one in force");
    assert!(stored.verified_at.is_some());

    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let page = admin
        .call("verify_organisation", &[("slug", "pingdu-lash-association"), ("evidence", "Registered with the civil affairs bureau")])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(admin.call("verify_organisation", &[("slug", "no-such-org"), ("evidence", "x")]).await.status, StatusCode::NOT_FOUND);
}

async fn stored_id(site: &Site, slug: &str) -> i32 {
    app::read::organisation_by_slug(&site.db.db, slug).await.unwrap().id
}

/// Every server function, called as every role and signed out: who may and who may not.
#[tokio::test]
async fn authorization_matrix() {
    let site = site().await;
    let mut owner = user(&site, "owner@example.com", Role::Manufacturer).await;
    owner.call("create_organisation", &org_fields("manufacturer", "Matrix Lashes", "pingdu-false-eyelashes")).await;
    let profile = minimal_profile("matrix-lashes", "Strip lashes");
    assert_eq!(owner.call("save_supply_profile", &profile).await.status, StatusCode::OK);
    assert_eq!(owner.call("set_supply_profile_status", &[("slug", "matrix-lashes"), ("action", "publish")]).await.status, StatusCode::OK);
    let png = real_png(768, 512);
    let upload = owner.upload("/orgs/matrix-lashes/profile", "/orgs/matrix-lashes/profile/photos", &[], ("a.png", "image/png", &png)).await;
    assert!(upload.headers["location"].to_str().unwrap().contains("photo=added"));
    let matrix_lashes = app::read::organisation_by_slug(&site.db.db, "matrix-lashes").await.unwrap();
    let profile_id = app::read::supply_profile_of(&site.db.db, matrix_lashes.id).await.unwrap().unwrap().id;
    let photo_id: &'static str = app::suppliers::photo_store::photos_of(&site.db.db, profile_id).await.unwrap()[0].id.to_string().leak();
    let mut secretary = association(&site, "secretary@example.com", "Matrix Association", "qingdao-wigs").await;
    // Requests waiting for decisions: a belt, an association, a person.
    assert_eq!(
        secretary.call("request_belt", &[("slug", "matrix-association"), ("belt", "pingdu-false-eyelashes")]).await.status,
        StatusCode::OK
    );
    let mut founder = user(&site, "founder@example.com", Role::Graduate).await;
    created_slug(&founder.call("create_organisation", &org_fields("association", "Matrix Pending Association", "qingdao-wigs")).await);
    let mut joiner = user(&site, "joiner@example.com", Role::Graduate).await;
    assert_eq!(joiner.call("ask_to_join", &[("slug", "matrix-association")]).await.status, StatusCode::OK);
    let joiner_id: &'static str =
        app::accounts::repo::find_by_email(&site.db.db, "joiner@example.com").await.unwrap().unwrap().id.to_string().leak();
    let members_csv =
        format!("{}\n,,Matrix Wigs,,,,qingdao-wigs,,Wigs,wigs,,,,,,,,,,,,,,,,no", app::associations::member_csv::COLUMNS.join(","));
    let started = secretary
        .upload_file(
            "/orgs/matrix-association/members",
            "/orgs/matrix-association/members/import",
            "file",
            ("m.csv", "text/csv", members_csv.as_bytes()),
        )
        .await;
    let job_id: &'static str = started.headers["location"].to_str().unwrap().rsplit('/').next().unwrap().to_string().leak();
    let mut provider = user(&site, "provider@example.com", Role::ServiceProvider).await;
    provider.call("create_organisation", &org_fields("service_provider", "Matrix Freight", "pingdu-false-eyelashes")).await;
    let offering = |id: &'static str| {
        vec![
            ("slug", "matrix-freight"),
            ("id", id),
            ("service_type", "logistics_channel"),
            ("title_zh", ""),
            ("title_en", "Lash express to the US"),
            ("description_zh", ""),
            ("description_en", ""),
            ("terms_zh", ""),
            ("terms_en", ""),
            ("markets", "US"),
            ("published", "yes"),
        ]
    };
    assert_eq!(provider.call("save_offering", &offering("new")).await.status, StatusCode::OK);
    let freight = app::read::organisation_by_slug(&site.db.db, "matrix-freight").await.unwrap();
    let offering_id: &'static str = app::read::offerings_of(&site.db.db, freight.id, true).await.unwrap()[0].id.to_string().leak();

    let kind_for = |role: Option<Role>| match role {
        Some(Role::PlatformScout) => "platform",
        Some(Role::ServiceProvider) => "service_provider",
        // Anyone may ask to run an association or a school (approved later).
        Some(Role::AssociationAdmin) => "association",
        Some(Role::Graduate) => "school",
        _ => "manufacturer",
    };
    let roles: Vec<Option<Role>> = std::iter::once(None).chain(Role::ALL.into_iter().map(Some)).collect();
    let mut table = Vec::new();
    for (n, role) in roles.iter().enumerate() {
        let mut browser = match role {
            Some(role) => user(&site, &format!("user{n}@example.com"), *role).await,
            None => Browser::new(&site.router, "10.0.0.9"),
        };
        let name = format!("Matrix Org {n}");
        let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("belts", vec![]),
            ("belt", vec![("slug", "pingdu-false-eyelashes")]),
            ("organisation", vec![("slug", "matrix-lashes")]),
            ("organisation_permissions", vec![("slug", "matrix-lashes")]),
            ("search", vec![("query", "q=lashes")]),
            ("current_user", vec![]),
            ("my_account", vec![]),
            ("create_organisation", org_fields(kind_for(*role), &name, "pingdu-false-eyelashes")),
            ("verify_organisation", vec![("slug", "matrix-lashes"), ("evidence", "licence")]),
            ("supplier", vec![("slug", "matrix-lashes")]),
            ("supply_profile_editor", vec![("slug", "matrix-lashes")]),
            ("save_supply_profile", profile.clone()),
            ("set_supply_profile_status", vec![("slug", "matrix-lashes"), ("action", "publish")]),
            ("verify_supply_profile", vec![("slug", "matrix-lashes"), ("fields[]", "products"), ("evidence", "site visit")]),
            ("delete_profile_photo", vec![("slug", "matrix-lashes"), ("id", photo_id)]),
            ("association_members", vec![("slug", "matrix-association")]),
            ("import_job", vec![("slug", "matrix-association"), ("id", job_id)]),
            ("my_offerings", vec![("slug", "matrix-freight")]),
            ("offering_editor", vec![("slug", "matrix-freight"), ("id", offering_id)]),
            ("save_offering", offering(offering_id)),
            ("delete_offering", vec![("slug", "matrix-freight"), ("id", offering_id)]),
            ("search_status", vec![]),
            ("retry_dead_letter", vec![("id", "999999")]),
            ("approval_queue", vec![]),
            ("decide_organisation", vec![("slug", "matrix-pending-association"), ("decision", "approve")]),
            ("decide_belt", vec![("slug", "matrix-association"), ("belt", "pingdu-false-eyelashes"), ("decision", "approve")]),
            ("request_belt", vec![("slug", "matrix-association"), ("belt", "miluo-fishing-tackle")]),
            ("ask_to_join", vec![("slug", "matrix-association")]),
            ("join_requests", vec![("slug", "matrix-association")]),
            ("decide_join_request", vec![("slug", "matrix-association"), ("user_id", joiner_id), ("decision", "approve")]),
            ("sign_in", vec![("email", "owner@example.com"), ("password", "wrong-password")]),
            (
                "change_password",
                vec![
                    ("current_password", "wrong-password-x"),
                    ("new_password", "tea-from-junshan-island"),
                    ("new_password_again", "tea-from-junshan-island"),
                ],
            ),
            ("sign_out", vec![]),
            ("sign_out_everywhere", vec![]),
        ];
        let mut row = Vec::new();
        for (function, fields) in calls {
            let status = browser.call(function, &fields).await.status;
            row.push((function, status));
        }
        table.push((*role, row));
    }

    let expected = |role: Option<Role>, function: &str| -> StatusCode {
        const SIGNED_IN_ONLY: [&str; 25] = [
            "my_account",
            "create_organisation",
            "verify_organisation",
            "supply_profile_editor",
            "save_supply_profile",
            "set_supply_profile_status",
            "verify_supply_profile",
            "delete_profile_photo",
            "association_members",
            "import_job",
            "my_offerings",
            "offering_editor",
            "save_offering",
            "delete_offering",
            "search_status",
            "retry_dead_letter",
            "approval_queue",
            "decide_organisation",
            "decide_belt",
            "request_belt",
            "ask_to_join",
            "join_requests",
            "decide_join_request",
            "change_password",
            "sign_out_everywhere",
        ];
        match (function, role) {
            (f, None) if SIGNED_IN_ONLY.contains(&f) => StatusCode::UNAUTHORIZED,
            // Editing a profile: the firm's members (not these callers) and site admins.
            ("save_supply_profile" | "set_supply_profile_status" | "delete_profile_photo", Some(Role::SiteAdmin)) => StatusCode::OK,
            ("save_supply_profile" | "set_supply_profile_status" | "delete_profile_photo", Some(_)) => StatusCode::FORBIDDEN,
            // The editor opens for editors and verifiers; verifying is for verifiers.
            // The old association_admin role grants nothing: its association waits for approval.
            ("supply_profile_editor" | "verify_supply_profile", Some(Role::SiteAdmin)) => StatusCode::OK,
            ("supply_profile_editor" | "verify_supply_profile", Some(_)) => StatusCode::FORBIDDEN,
            // An association's members and imports: its own people (not these callers) and site admins.
            ("association_members" | "import_job", Some(Role::SiteAdmin)) => StatusCode::OK,
            ("association_members" | "import_job", Some(_)) => StatusCode::FORBIDDEN,
            // Offerings: the provider's members (not these callers) and site admins.
            ("my_offerings" | "offering_editor" | "save_offering" | "delete_offering", Some(Role::SiteAdmin)) => StatusCode::OK,
            ("my_offerings" | "offering_editor" | "save_offering" | "delete_offering", Some(_)) => StatusCode::FORBIDDEN,
            ("verify_organisation", Some(Role::SiteAdmin)) => StatusCode::OK,
            ("verify_organisation", Some(_)) => StatusCode::FORBIDDEN,
            // Approvals: site admins. Site admins run no association, so they do not ask to join one.
            (
                "approval_queue" | "decide_organisation" | "decide_belt" | "request_belt" | "join_requests" | "decide_join_request",
                Some(Role::SiteAdmin),
            ) => StatusCode::OK,
            (
                "approval_queue" | "decide_organisation" | "decide_belt" | "request_belt" | "join_requests" | "decide_join_request",
                Some(_),
            ) => StatusCode::FORBIDDEN,
            ("ask_to_join", Some(Role::SiteAdmin)) => StatusCode::FORBIDDEN,
            // Indexing status and refused documents: site admins only.
            ("search_status", Some(Role::SiteAdmin)) => StatusCode::OK,
            // Past the role check, there is no refusal with that id.
            ("retry_dead_letter", Some(Role::SiteAdmin)) => StatusCode::NOT_FOUND,
            ("search_status" | "retry_dead_letter", Some(_)) => StatusCode::FORBIDDEN,
            ("sign_in", _) => StatusCode::BAD_REQUEST, // a wrong password, for everyone alike
            ("change_password", Some(_)) => StatusCode::BAD_REQUEST, // the current password is wrong
            // Signed out a moment earlier by `sign_out`.
            ("sign_out_everywhere", _) => StatusCode::UNAUTHORIZED,
            _ => StatusCode::OK,
        }
    };
    let mut report = String::from("\nserver function × caller → HTTP status\n");
    for (role, row) in &table {
        let who = role.map_or("signed out", |r| r.code());
        report.push_str(&format!("{who:<18}"));
        for (function, status) in row {
            report.push_str(&format!(" {function}={}", status.as_u16()));
        }
        report.push('\n');
    }
    println!("{report}");
    for (role, row) in &table {
        for (function, status) in row {
            assert_eq!(*status, expected(*role, function), "{function} as {role:?}{report}");
        }
    }
}
