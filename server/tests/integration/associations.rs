//! Associations: the public directory and profile, firms applying to join
//! and the association deciding (with reasons the firm reads), secretariats
//! and committees set by its people — with who may do each, in both
//! languages, and committees found by search. (Hostile text in these
//! fields: `hostile.rs`.)

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

const HOSTILE: &str = "</title><script>alert('x')</script></textarea>\"><img src=x onerror=alert(1)>";

fn problem(page: &Page, field: &str) -> Problem {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    let AppError::Invalid(errors) = app_error(page) else { panic!("{}", page.body) };
    errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem on {field}: {errors:?}"))
}

/// A server function called with owned field values.
async fn call(browser: &mut Browser, function: &str, fields: Vec<(&str, String)>) -> Page {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.call(function, &refs).await
}

/// The id of the newest application of `firm`.
async fn application_id(site: &Site, firm: &str) -> String {
    use app::entities::{membership_application, organisation};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let org = organisation::Entity::find().filter(organisation::Column::Slug.eq(firm)).one(&site.db.db).await.unwrap().unwrap();
    membership_application::Entity::find()
        .filter(membership_application::Column::OrganisationId.eq(org.id))
        .order_by_desc(membership_application::Column::Id)
        .one(&site.db.db)
        .await
        .unwrap()
        .expect("an application")
        .id
        .to_string()
}

#[tokio::test]
async fn a_firm_applies_the_association_decides_and_sets_up_committees() {
    let site = site().await;
    let mut runner = user(&site, "runner@example.com", Role::Graduate).await;
    let association = created_slug(&runner.call("create_organisation", &org_fields("association", "Pingdu Lash Association", BELT)).await);
    let mut signed_out = Browser::new(&site.router, "10.9.0.1");
    // Waiting for a site admin: only its own people see its page.
    assert_eq!(signed_out.call("association_profile", &[("slug", &association)]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(runner.call("association_profile", &[("slug", &association)]).await.status, StatusCode::OK);
    assert_eq!(runner.call("association_manage", &[("slug", &association)]).await.status, StatusCode::FORBIDDEN, "not approved yet");
    approve(&site, &association).await;

    let (mut other_maker, other_firm) = firm(&site, "other@example.com", "Jiaozhou Cap Works").await;
    let (mut maker, firm) = firm(&site, "maker@example.com", "Pingdu Lash Works").await;
    let directory = signed_out.get("/associations").await;
    assert_eq!(directory.status, StatusCode::OK);
    assert!(main_of(&directory).contains(&format!("/associations/{association}")));
    let page = signed_out.get(&format!("/associations/{association}")).await;
    assert!(main_of(&page).contains("Sign in to apply"), "{}", main_of(&page));

    // Applying: signed in, for a firm one runs, once.
    let fields = |firm: &str| vec![("slug", association.clone()), ("firm", firm.to_string()), ("message", HOSTILE.to_string())];
    assert_eq!(call(&mut signed_out, "apply_for_membership", fields(&firm)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(call(&mut other_maker, "apply_for_membership", fields(&firm)).await.status, StatusCode::FORBIDDEN, "not their firm");
    assert_eq!(problem(&call(&mut runner, "apply_for_membership", fields("")).await, "firm"), Problem::Required);
    let too_long = vec![("slug", association.clone()), ("firm", firm.clone()), ("message", "x".repeat(1001))];
    assert_eq!(problem(&call(&mut maker, "apply_for_membership", too_long).await, "message"), Problem::TooLong { max: 1000 });
    let page = maker.get(&format!("/associations/{association}")).await;
    assert!(main_of(&page).contains(&format!(r#"<option value="{firm}""#)), "the form offers the maker's firm");
    let applied = call(&mut maker, "apply_for_membership", fields(&firm)).await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    assert_eq!(problem(&call(&mut maker, "apply_for_membership", fields(&firm)).await, "firm"), Problem::AlreadyAsked);
    let told = runner.get("/notifications").await;
    assert!(told.body.contains("Pingdu Lash Works applies to join"), "the association's people are told");

    // Deciding: the association's people (and site admins) only; a decline needs a reason.
    let id = application_id(&site, &firm).await;
    let mut rival = user(&site, "rival@example.com", Role::Graduate).await;
    let rival_association = created_slug(&rival.call("create_organisation", &org_fields("association", "Rival Association", BELT)).await);
    approve(&site, &rival_association).await;
    let decline = |reason: &str| vec![("id", id.clone()), ("decision", "decline".to_string()), ("reason", reason.to_string())];
    for (who, browser) in [("the firm", &mut maker), ("another association", &mut rival)] {
        assert_eq!(call(browser, "decide_application", decline("no")).await.status, StatusCode::FORBIDDEN, "{who}");
        assert_eq!(call(browser, "association_manage", vec![("slug", association.clone())]).await.status, StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(call(&mut signed_out, "decide_application", decline("no")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(problem(&call(&mut runner, "decide_application", decline("  ")).await, "reason"), Problem::Required);
    let manage = runner.get(&format!("/associations/{association}/manage")).await;
    assert_eq!(manage.status, StatusCode::OK);
    let declined = call(&mut runner, "decide_application", decline(HOSTILE)).await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    assert_eq!(problem(&call(&mut runner, "decide_application", decline("again")).await, "decision"), Problem::AlreadyClosed);
    let seen = maker.get(&format!("/associations/{association}")).await;
    assert!(main_of(&seen).contains("Declined"));
    assert!(maker.get("/notifications").await.body.contains("declined the application"));

    // Applying again after a decline, then withdrawing: the firm's own people only.
    assert_eq!(call(&mut maker, "apply_for_membership", fields(&firm)).await.status, StatusCode::OK);
    let id = application_id(&site, &firm).await;
    assert_eq!(call(&mut other_maker, "withdraw_application", vec![("id", id.clone())]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(call(&mut maker, "withdraw_application", vec![("id", id.clone())]).await.status, StatusCode::OK);
    assert_eq!(problem(&call(&mut maker, "withdraw_application", vec![("id", id)]).await, "decision"), Problem::AlreadyClosed);

    // Approved: the firm is a member, listed on the page, and can chair a committee.
    assert_eq!(call(&mut other_maker, "apply_for_membership", fields(&other_firm)).await.status, StatusCode::OK);
    let id = application_id(&site, &other_firm).await;
    let approve_it = vec![("id", id), ("decision", "approve".to_string()), ("reason", String::new())];
    assert_eq!(call(&mut runner, "decide_application", approve_it).await.status, StatusCode::OK);
    let page = signed_out.get(&format!("/associations/{association}")).await;
    assert!(main_of(&page).contains(&format!("/orgs/{other_firm}")), "the new member is listed");
    assert_eq!(problem(&call(&mut other_maker, "apply_for_membership", fields(&other_firm)).await, "firm"), Problem::AlreadyAMember);

    // Secretariats: one city a line; a repeat is refused with the text kept.
    let secretariats = |text: &str| vec![("slug", association.clone()), ("secretariats", text.to_string())];
    assert_eq!(call(&mut maker, "save_secretariats", secretariats("青岛 / Qingdao")).await.status, StatusCode::FORBIDDEN);
    let refused = call(&mut runner, "save_secretariats", secretariats("青岛 / Qingdao\nqingdao")).await;
    assert_eq!(problem(&refused, "secretariats"), Problem::Repeated);
    let AppError::Invalid(errors) = app_error(&refused) else { unreachable!() };
    assert_eq!(errors.value("secretariats"), Some("青岛 / Qingdao\nqingdao"));
    assert_eq!(call(&mut runner, "save_secretariats", secretariats("青岛 / Qingdao\n平度 / Pingdu")).await.status, StatusCode::OK);

    // Committees: chair and members must be member firms.
    let committee = |chair: &str, action: &str| {
        vec![("slug", association.clone()), ("kind", "logistics".to_string()), ("action", action.to_string()), ("chair", chair.to_string())]
    };
    assert_eq!(call(&mut maker, "save_committee", committee(&other_firm, "save")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(problem(&call(&mut runner, "save_committee", committee(&firm, "save")).await, "chair"), Problem::NotAChoice);
    let saved = call(&mut runner, "save_committee", committee(&other_firm, "save")).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let mut unknown = committee("", "save");
    unknown[1].1 = "astrology".into();
    assert_eq!(call(&mut runner, "save_committee", unknown).await.status, StatusCode::NOT_FOUND);

    let english = get(&site.router, &format!("/associations/{association}"), "en").await;
    let chinese = get(&site.router, &format!("/associations/{association}"), "zh-CN").await;
    for (page, words) in
        [(&english, ["Logistics committee", "Qingdao", "Jiaozhou Cap Works"]), (&chinese, ["物流专业委员会", "青岛", "Jiaozhou Cap Works"])]
    {
        assert_eq!(page.status, StatusCode::OK);
        for word in words {
            assert!(main_of(page).contains(word), "{word}: {}", main_of(page));
        }
    }
    drain_outbox(&site.db.db, &site.search).await;
    for q in ["logistics committee", "物流专业委员会", "Qingdao secretariat"] {
        assert!(search_hrefs(&site.search, q).await.contains(&format!("/orgs/{association}")), "{q}");
    }
    // Removed, it is gone from the page.
    assert_eq!(call(&mut runner, "save_committee", committee("", "remove")).await.status, StatusCode::OK);
    assert!(!main_of(&get(&site.router, &format!("/associations/{association}"), "en").await).contains("Logistics committee"));
}

#[tokio::test]
async fn the_yueyang_association_shows_what_the_article_says() {
    let site = site().await;
    let page = get(&site.router, "/associations/yueyang-cross-border-ecommerce-association", "zh-CN").await;
    assert_eq!(page.status, StatusCode::OK);
    let main = main_of(&page);
    for city in ["深圳", "广州", "东莞", "佛山", "上海", "杭州", "长沙", "岳阳"] {
        assert!(main.contains(city), "{city}");
    }
    for kind in app::associations::types::CommitteeKind::ALL {
        assert!(main.contains(kind.label(app::i18n::Lang::Zh)), "{kind:?}");
    }
    assert!(main.contains("尚未登记主任单位和成员单位"), "the article names no chairs, and none are made up");
    drain_outbox(&site.db.db, &site.search).await;
    assert!(search_hrefs(&site.search, "海外仓专业委员会").await.contains(&"/orgs/yueyang-cross-border-ecommerce-association".to_string()));
}
