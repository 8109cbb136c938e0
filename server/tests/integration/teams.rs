//! Teams: invitations by email that work once and expire, roles that decide
//! who edits, a team that always keeps an owner, and organisations that can
//! be renamed without breaking the links to them.

use crate::common;

use app::accounts::types::{MemberRole, Role};
use axum::http::StatusCode;
use common::*;

/// The invitation token the site mailed to `to` most recently.
async fn invitation_token(site: &Site, to: &str) -> String {
    let mail = local_mail(site).await;
    let letter = mail.iter().find(|m| m.to == to && m.body.contains("/invitation?token=")).expect("an invitation mail");
    token_of(&link_in(&letter.body, "/invitation").unwrap())
}

async fn place(site: &Site, email: &str, slug: &str) -> Option<MemberRole> {
    let db = &site.db.db;
    let person = app::accounts::repo::find_by_email(db, email).await.unwrap().unwrap();
    let org = app::read::organisation_by_slug(db, slug).await.unwrap();
    app::orgs::repo::membership_of(db, person.id, org.id).await.unwrap()
}

#[tokio::test]
async fn an_invited_editor_accepts_and_edits_and_the_owner_hears_of_it() {
    let site = site().await;
    let (mut owner, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let page = owner.call("invite_teammate", &[("slug", &slug), ("email", "Wang.Fang@Example.com"), ("role", "editor")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.headers["location"].to_str().unwrap().starts_with(&format!("/orgs/{slug}/team?invited=")));
    let team = owner.get(&format!("/orgs/{slug}/team")).await;
    assert!(team.body.contains("wang.fang@example.com") && team.body.contains("Open invitations"), "listed as open");
    let token = invitation_token(&site, "wang.fang@example.com").await;

    // Signed out, the link says what it is and how to go on, coming back after.
    let mut wang = Browser::new(&site.router, "10.9.0.1");
    let page = wang.get(&format!("/invitation?token={token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Jiamei Lashes") && page.body.contains("Editor"));
    assert!(page.body.contains(&format!("/signup?next=%2Finvitation%3Ftoken%3D{token}")), "sign-up comes back here");
    let page = wang
        .call(
            "sign_up",
            &[
                ("email", "wang.fang@example.com"),
                ("display_name", "Wang Fang"),
                ("role", "manufacturer"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("next", &format!("/invitation?token={token}")),
            ],
        )
        .await;
    assert_eq!(page.headers["location"], format!("/signin?welcome=1&next=%2Finvitation%3Ftoken%3D{token}"));
    let page = wang
        .call("sign_in", &[("email", "wang.fang@example.com"), ("password", PASSWORD), ("next", &format!("/invitation?token={token}"))])
        .await;
    assert_eq!(page.headers["location"], format!("/invitation?token={token}"));
    assert!(wang.get(&format!("/invitation?token={token}")).await.body.contains("Accept the invitation"));

    let page = wang.submit(&format!("/invitation?token={token}"), "accept_invitation", &[("token", &token)]).await;
    assert_eq!(page.headers["location"], format!("/orgs/{slug}/team?joined=1"), "{}", page.body);
    assert_eq!(place(&site, "wang.fang@example.com", &slug).await, Some(MemberRole::Editor));
    let wang_user = app::accounts::repo::find_by_email(&site.db.db, "wang.fang@example.com").await.unwrap().unwrap();
    assert!(wang_user.email_confirmed_at.is_some(), "the link reached the address, which proves it");
    assert!(wang.get("/account").await.body.contains("My organisations"), "the header offers the organisation");

    // The editor edits; the owner is told who joined.
    let page = wang.call("save_supply_profile", &minimal_profile(&slug, "Mink strip lashes")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(owner.get("/notifications").await.body.contains("Wang Fang accepted the invitation and joined Jiamei Lashes as Editor"));

    // Used once.
    let again = wang.call("accept_invitation", &[("token", &token)]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(owner.get(&format!("/orgs/{slug}/team")).await.body.contains("No open invitations."));
}

#[tokio::test]
async fn invitations_are_for_their_address_and_end_when_revoked_or_expired() {
    let site = site().await;
    let (mut owner, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let mut other = user(&site, "other@example.com", Role::Manufacturer).await;
    let mut li = user(&site, "li@example.com", Role::Manufacturer).await;

    owner.call("invite_teammate", &[("slug", &slug), ("email", "li@example.com"), ("role", "viewer")]).await;
    let token = invitation_token(&site, "li@example.com").await;
    assert!(other.get(&format!("/invitation?token={token}")).await.body.contains("sent to another address"));
    assert_eq!(other.call("accept_invitation", &[("token", &token)]).await.status, StatusCode::FORBIDDEN, "someone else's link");
    assert_eq!(place(&site, "other@example.com", &slug).await, None);

    // Revoked: the link no longer works.
    let invitation = invitations_of(&site, &slug).await.pop().unwrap();
    let page = owner.call("revoke_invitation", &[("slug", &slug), ("id", &invitation.id.to_string())]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(li.get(&format!("/invitation?token={token}")).await.body.contains("was revoked"));
    assert_eq!(li.call("accept_invitation", &[("token", &token)]).await.status, StatusCode::BAD_REQUEST);

    // Expired: likewise.
    owner.call("invite_teammate", &[("slug", &slug), ("email", "li@example.com"), ("role", "viewer")]).await;
    let token = invitation_token(&site, "li@example.com").await;
    let fresh = invitations_of(&site, &slug).await.pop().unwrap();
    let mut aged: app::entities::invitation::ActiveModel = fresh.into();
    aged.expires_at = sea_orm::ActiveValue::Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    sea_orm::ActiveModelTrait::update(aged, &site.db.db).await.unwrap();
    assert!(li.get(&format!("/invitation?token={token}")).await.body.contains("has expired"));
    assert_eq!(li.call("accept_invitation", &[("token", &token)]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(place(&site, "li@example.com", &slug).await, None);

    // An unknown token is not found; someone in the team already is not invited again.
    assert_eq!(li.get("/invitation?token=0000").await.status, StatusCode::NOT_FOUND);
    let page = owner.call("invite_teammate", &[("slug", &slug), ("email", "owner@example.com"), ("role", "editor")]).await;
    assert!(
        matches!(app_error(&page), app::error::AppError::Invalid(e) if e.problem("email") == Some(&app::forms::Problem::AlreadyInTeam))
    );
}

#[tokio::test]
async fn invitations_go_out_only_once_the_sender_has_confirmed_their_address() {
    let site = site().await;
    let mut owner = user(&site, "owner@example.com", Role::Manufacturer).await;
    let slug = created_slug(&owner.call("create_organisation", &org_fields("manufacturer", "Jiamei Lashes", BELT)).await);
    let invite = [("slug", slug.as_str()), ("email", "li@example.com"), ("role", "viewer")];

    let team = owner.get(&format!("/orgs/{slug}/team")).await;
    assert!(team.body.contains("Your email address is not confirmed yet"), "told before trying");
    let refused = owner.submit(&format!("/orgs/{slug}/team"), "invite_teammate", &invite).await;
    let page = owner.get(refused.headers["location"].to_str().unwrap()).await;
    assert!(page.body.contains("Confirm your own email address first"), "said next to the field: {}", main_of(&page));
    assert!(page.body.contains("li@example.com"), "the address typed is kept");
    assert!(invitations_of(&site, &slug).await.is_empty());
    assert!(!local_mail(&site).await.iter().any(|m| m.to == "li@example.com"), "nothing mailed to the stranger");

    // Opening the link sent at sign-up lets invitations go out.
    let mail = local_mail(&site).await;
    let letter = mail.iter().find(|m| m.to == "owner@example.com").expect("the confirmation mail");
    let token = token_of(&link_in(&letter.body, "/confirm-email").unwrap());
    assert_eq!(owner.call("confirm_email", &[("token", &token)]).await.status, StatusCode::OK);
    assert_eq!(owner.call("invite_teammate", &invite).await.status, StatusCode::OK);
    assert_eq!(invitations_of(&site, &slug).await.len(), 1);
}

/// Times show on the viewer's clock once the browser has said which it is,
/// China time before that, and always with the offset they are on.
#[tokio::test]
async fn times_show_in_the_viewers_time_zone() {
    let site = site().await;
    let (mut owner, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    owner.call("invite_teammate", &[("slug", &slug), ("email", "li@example.com"), ("role", "viewer")]).await;
    let expires = invitations_of(&site, &slug).await.pop().unwrap().expires_at;

    let shown = |page: &Page| {
        let document = scraper::Html::parse_document(&page.body);
        let html = document.root_element().value().attr("data-tz").unwrap_or_default().to_string();
        let time = document.select(&scraper::Selector::parse(".invitations time").unwrap()).next().expect("the expiry is a <time>");
        (html, time.value().attr("datetime").unwrap().to_string(), time.text().collect::<String>())
    };
    // The wall clock shown, read back with the offset it names, is the instant itself.
    let instant_of = |text: &str| {
        let (wall, offset) = text.rsplit_once(" UTC").unwrap();
        let (sign, offset) = if let Some(rest) = offset.strip_prefix('-') { (-1, rest) } else { (1, offset.trim_start_matches('+')) };
        let (hours, minutes) = offset.split_once(':').unwrap_or((offset, "0"));
        let seconds = sign * (hours.parse::<i64>().unwrap() * 3600 + minutes.parse::<i64>().unwrap() * 60);
        chrono::NaiveDateTime::parse_from_str(wall, "%Y-%m-%d %H:%M").unwrap().and_utc() - chrono::Duration::seconds(seconds)
    };
    let to_the_minute = expires.timestamp() / 60 * 60;

    let (zone, datetime, text) = shown(&owner.get(&format!("/orgs/{slug}/team")).await);
    assert_eq!(zone, "Asia/Shanghai");
    assert!(text.ends_with(" UTC+8"), "China time by default: {text}");
    assert_eq!(instant_of(&text).timestamp(), to_the_minute);

    owner.script_cookies = vec!["beltlink_tz=Asia/Kolkata".to_string()];
    let (zone, datetime_in_kolkata, text) = shown(&owner.get(&format!("/orgs/{slug}/team")).await);
    assert_eq!(zone, "Asia/Kolkata");
    assert!(text.ends_with(" UTC+5:30"), "{text}");
    assert_eq!(instant_of(&text).timestamp(), to_the_minute);
    assert_eq!(datetime_in_kolkata, datetime, "the machine-readable instant does not move");

    // A cookie naming no zone (or trying to break out of the attribute) is China time.
    for hostile in ["beltlink_tz=Mars/Olympus", "beltlink_tz=\"><script>alert(1)</script>"] {
        owner.script_cookies = vec![hostile.to_string()];
        let page = owner.get(&format!("/orgs/{slug}/team")).await;
        assert!(!page.body.contains("<script>alert(1)"), "{hostile}");
        let (zone, _, text) = shown(&page);
        assert_eq!((zone.as_str(), text.ends_with(" UTC+8")), ("Asia/Shanghai", true), "{hostile}");
    }
}

async fn invitations_of(site: &Site, slug: &str) -> Vec<app::entities::invitation::Model> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let org = app::read::organisation_by_slug(&site.db.db, slug).await.unwrap();
    app::entities::invitation::Entity::find()
        .filter(app::entities::invitation::Column::OrganisationId.eq(org.id))
        .order_by_asc(app::entities::invitation::Column::Id)
        .all(&site.db.db)
        .await
        .unwrap()
}

/// Who may do what to a team, for every kind of person.
#[tokio::test]
async fn only_owners_and_site_admins_run_a_team() {
    let site = site().await;
    let (mut owner, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let mut people = Vec::new();
    for (email, role) in [("editor@example.com", "editor"), ("viewer@example.com", "viewer")] {
        let browser = user(&site, email, Role::Manufacturer).await;
        owner.call("invite_teammate", &[("slug", &slug), ("email", email), ("role", role)]).await;
        let token = invitation_token(&site, email).await;
        let mut browser = browser;
        assert_eq!(browser.call("accept_invitation", &[("token", &token)]).await.status, StatusCode::OK);
        people.push((role, browser));
    }
    let outsider = user(&site, "outsider@example.com", Role::Manufacturer).await;
    let admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    confirm_address(&site, "admin@example.com").await;
    let visitor = Browser::new(&site.router, "10.9.9.9");
    people.push(("outsider", outsider));
    people.push(("admin", admin));
    people.push(("visitor", visitor));

    for (who, browser) in &mut people {
        let sees = matches!(*who, "editor" | "viewer" | "admin");
        let runs = *who == "admin";
        let edits = matches!(*who, "editor" | "admin");
        let expected = |allowed: bool| match (allowed, *who) {
            (true, _) => StatusCode::OK,
            (false, "visitor") => StatusCode::UNAUTHORIZED,
            (false, _) => StatusCode::FORBIDDEN,
        };
        assert_eq!(browser.call("team", &[("slug", &slug)]).await.status, expected(sees), "{who} reading the team");
        let invite =
            browser.call("invite_teammate", &[("slug", &slug), ("email", &format!("new.{who}@example.com")), ("role", "viewer")]).await;
        assert_eq!(invite.status, expected(runs), "{who} inviting: {}", invite.body);
        assert_eq!(browser.call("organisation_form", &[("slug", &slug)]).await.status, expected(edits), "{who} opening the edit form");
        let mut fields = org_fields("manufacturer", "Jiamei Lashes", BELT);
        fields.retain(|(k, _)| *k != "kind");
        fields.push(("slug", &slug));
        assert_eq!(browser.call("update_organisation", &fields).await.status, expected(edits), "{who} editing");
        let page = browser.get(&format!("/orgs/{slug}/team")).await;
        assert_eq!(page.status, expected(sees), "{who} opening the team page");
        assert_eq!(page.body.contains("Invite someone"), runs, "{who} sees the invitation form only if they run the team");
    }
    let owner_id = app::accounts::repo::find_by_email(&site.db.db, "owner@example.com").await.unwrap().unwrap().id;
    let (_, editor) = &mut people[0];
    let page = editor.call("remove_teammate", &[("slug", &slug), ("user_id", &owner_id.to_string())]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "an editor does not remove the owner");
}

#[tokio::test]
async fn a_team_always_keeps_an_owner() {
    let site = site().await;
    let (mut owner, slug) = firm(&site, "owner@example.com", "Jiamei Lashes").await;
    let owner_id = app::accounts::repo::find_by_email(&site.db.db, "owner@example.com").await.unwrap().unwrap().id.to_string();
    let refused = |page: &Page| matches!(app_error(page), app::error::AppError::Invalid(e) if e.problems.values().any(|p| *p == app::forms::Problem::LastOwner));
    assert!(refused(&owner.call("leave_team", &[("slug", &slug)]).await), "the only owner may not leave");
    assert!(refused(&owner.call("change_teammate_role", &[("slug", &slug), ("user_id", &owner_id), ("role", "viewer")]).await));
    assert!(refused(&owner.call("remove_teammate", &[("slug", &slug), ("user_id", &owner_id)]).await));

    // With a second owner, the first may go; the second is told nothing of it but keeps the team.
    let mut second = user(&site, "second@example.com", Role::Manufacturer).await;
    owner.call("invite_teammate", &[("slug", &slug), ("email", "second@example.com"), ("role", "editor")]).await;
    let token = invitation_token(&site, "second@example.com").await;
    second.call("accept_invitation", &[("token", &token)]).await;
    let second_id = app::accounts::repo::find_by_email(&site.db.db, "second@example.com").await.unwrap().unwrap().id.to_string();
    let page = owner.call("change_teammate_role", &[("slug", &slug), ("user_id", &second_id), ("role", "owner")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(second.get("/notifications").await.body.contains("Your role in Jiamei Lashes is now Owner"));
    let page = owner.submit(&format!("/orgs/{slug}/team"), "leave_team", &[("slug", &slug)]).await;
    assert_eq!(page.headers["location"], "/account?left=1");
    assert_eq!(place(&site, "owner@example.com", &slug).await, None);
    assert_eq!(place(&site, "second@example.com", &slug).await, Some(MemberRole::Owner));
    assert_eq!(owner.call("team", &[("slug", &slug)]).await.status, StatusCode::FORBIDDEN, "gone from the team");
}

#[tokio::test]
async fn a_renamed_organisation_keeps_its_old_address_and_chinese_names_read_in_pinyin() {
    let site = site().await;
    let mut owner = user(&site, "owner@example.com", Role::Manufacturer).await;
    let mut fields = org_fields("manufacturer", "", BELT);
    fields.retain(|(k, _)| *k != "name_zh");
    fields.push(("name_zh", "平度佳美假睫毛"));
    let slug = created_slug(&owner.call("create_organisation", &fields).await);
    assert_eq!(slug, "pingdu-jiamei-jiajiemao", "a Chinese-only name gets a readable address");
    let page = get(&site.router, &format!("/orgs/{slug}"), "en").await;
    assert!(without_markers(&page.body).contains("<h1>Pingdu Jiamei Jiajiemao</h1>"), "English pages read the name in pinyin");

    owner.call("save_supply_profile", &minimal_profile(&slug, "Mink strip lashes")).await;
    owner.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await;
    let mut renamed = vec![("slug", slug.as_str()), ("name_zh", "平度佳美假睫毛"), ("name_en", "Jiamei Lash Works")];
    renamed.extend(org_fields("manufacturer", "", BELT).into_iter().filter(|(k, _)| !matches!(*k, "kind" | "name_zh" | "name_en")));
    let page = owner.call("update_organisation", &renamed).await;
    assert_eq!(page.headers["location"], "/orgs/jiamei-lash-works?saved=1", "{}", page.body);

    let moved = get(&site.router, &format!("/orgs/{slug}/team?x=1"), "en").await;
    assert_eq!(moved.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(moved.headers["location"], "/orgs/jiamei-lash-works/team?x=1");
    assert_eq!(get(&site.router, &format!("/suppliers/{slug}"), "en").await.headers["location"], "/suppliers/jiamei-lash-works");
    assert_eq!(get(&site.router, "/orgs/jiamei-lash-works", "en").await.status, StatusCode::OK);
    drain_outbox(&site.db.db, &site.search).await;
    let hits = search_hrefs(&site.search, "Jiamei Lash Works").await;
    assert!(hits.contains(&"/suppliers/jiamei-lash-works".to_string()), "search follows the rename: {hits:?}");

    // Nobody else takes the old address, and the old name can come back to it.
    let mut other = user(&site, "other@example.com", Role::Manufacturer).await;
    let mut same = org_fields("manufacturer", "", BELT);
    same.retain(|(k, _)| *k != "name_zh");
    same.push(("name_zh", "平度佳美假睫毛"));
    assert_eq!(created_slug(&other.call("create_organisation", &same).await), "pingdu-jiamei-jiajiemao-2");
}
