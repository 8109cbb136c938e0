//! Competition teams: a captain who applied forms a team, invites others by
//! their account's address, who answer; one team per person, at most five,
//! one submission link; teams change until the competition starts; the
//! organisers see every team.

use crate::applications::{graduate, organiser, MOTIVATION};
use crate::common;
use crate::programs::{problem, program, refs, slug_of, with};

use app::accounts::types::Role;
use app::entities::{competition_team, talent_program};
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

async fn team_id(site: &Site, name: &str) -> i32 {
    competition_team::Entity::find().all(&site.db.db).await.unwrap().into_iter().find(|t| t.name == name).expect("the team").id
}

async fn invitation_to(site: &Site, email: &str) -> i32 {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let person = app::accounts::repo::find_by_email(&site.db.db, email).await.unwrap().unwrap();
    app::entities::team_invitation::Entity::find()
        .filter(app::entities::team_invitation::Column::InviteeId.eq(person.id))
        .order_by_desc(app::entities::team_invitation::Column::Id)
        .one(&site.db.db)
        .await
        .unwrap()
        .expect("an invitation")
        .id
}

#[tokio::test]
async fn a_captain_forms_a_team_invites_and_the_team_submits_one_link() {
    for site in sites().await {
        let (mut organiser, association) = organiser(&site, "contest-office@example.com", "Qingdao Contest Office").await;
        let fields = with(&with(&program(&association, "Cross-border talent contest", ""), "kind", "competition"), "seats", "20");
        let slug = slug_of(&organiser.call("save_program", &refs(&fields)).await);
        let camp = slug_of(&organiser.call("save_program", &refs(&program(&association, "Not a contest camp", ""))).await);
        let page = |slug: &str| format!("/programs/{slug}");

        let mut signed_out = Browser::new(&site.router, "10.9.4.1");
        assert_eq!(signed_out.call("form_team", &[("slug", &slug), ("team_name", "Lash Rockets")]).await.status, StatusCode::UNAUTHORIZED);
        let shown = main_of(&signed_out.get(&page(&slug)).await);
        assert!(shown.contains("No team has entered yet.") && shown.contains("Sign in to form or join a team"), "{shown}");

        let mut ana = graduate(&site, "team-ana@example.com", "2025").await;
        let mut ben = graduate(&site, "team-ben@example.com", "2025").await;
        let mut cai = graduate(&site, "team-cai@example.com", "2025").await;
        let mut dan = graduate(&site, "team-dan@example.com", "2025").await;
        for person in [&mut ana, &mut ben, &mut dan] {
            let applied = person.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await;
            assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        }

        // Forming takes an application, a competition, and a name no other team has.
        let refused = cai.call("form_team", &[("slug", &slug), ("team_name", "Cai's team")]).await;
        assert_eq!(problem(&refused, "team_name"), Problem::NeedsApplicationForTeam);
        assert!(main_of(&cai.get(&page(&slug)).await).contains("Apply to the competition first"));
        assert_eq!(ana.call("form_team", &[("slug", &camp), ("team_name", "Lash Rockets")]).await.status, StatusCode::FORBIDDEN);
        assert!(!main_of(&ana.get(&page(&camp)).await).contains("id=\"teams\""), "a camp has no teams");
        assert_eq!(
            problem(&ana.call("form_team", &[("slug", &slug), ("team_name", "A")]).await, "team_name"),
            Problem::TooShort { min: 2 }
        );
        let formed = ana.call("form_team", &[("slug", &slug), ("team_name", "  Lash   Rockets ")]).await;
        assert_eq!(formed.status, StatusCode::OK, "{}", formed.body);
        assert!(formed.headers["location"].to_str().unwrap().starts_with(&format!("/programs/{slug}?team=")));
        let team = team_id(&site, "Lash Rockets").await;
        let taken = ben.call("form_team", &[("slug", &slug), ("team_name", "lash rockets")]).await;
        assert_eq!(problem(&taken, "team_name"), Problem::TeamNameTaken);
        let AppError::Invalid(errors) = app_error(&taken) else { unreachable!() };
        assert_eq!(errors.value("team_name"), Some("lash rockets"), "what was typed is kept");
        assert_eq!(
            problem(&ana.call("form_team", &[("slug", &slug), ("team_name", "Second")]).await, "team_name"),
            Problem::InCompetitionTeam
        );

        // The captain invites by account address; only the captain does.
        let team_key = team.to_string();
        let invite = |email: &'static str| vec![("team", team_key.clone()), ("email", email.to_string())];
        let call = |fields: &Vec<(&'static str, String)>| fields.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
        assert_eq!(
            problem(&ana.call("invite_to_team", &refs(&call(&invite("nobody@example.com")))).await, "email"),
            Problem::NoAccountWithEmail
        );
        assert_eq!(problem(&ana.call("invite_to_team", &refs(&call(&invite("not an address")))).await, "email"), Problem::NotAnEmail);
        assert_eq!(ben.call("invite_to_team", &refs(&call(&invite("team-dan@example.com")))).await.status, StatusCode::FORBIDDEN);
        assert_eq!(signed_out.call("invite_to_team", &refs(&call(&invite("team-dan@example.com")))).await.status, StatusCode::UNAUTHORIZED);
        for email in ["team-ben@example.com", "team-cai@example.com"] {
            let sent = ana.call("invite_to_team", &refs(&call(&invite(email)))).await;
            assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        }
        assert_eq!(
            problem(&ana.call("invite_to_team", &refs(&call(&invite("TEAM-BEN@example.com")))).await, "email"),
            Problem::AlreadyInvited
        );
        let notices = main_of(&ben.get("/notifications").await);
        assert!(
            notices.contains("invites you to join the team &quot;Lash Rockets&quot;")
                || notices.contains("invites you to join the team \"Lash Rockets\""),
            "{notices}"
        );
        assert!(local_mail(&site).await.iter().any(|m| m.to == "team-ben@example.com" && m.subject.contains("Lash Rockets")), "mailed");
        let bens_page = main_of(&ben.get(&page(&slug)).await);
        assert!(bens_page.contains("Teams inviting you") && bens_page.contains("Lash Rockets"), "{bens_page}");

        // Answering is the invited person's alone, and joining takes an application.
        let ben_invitation = invitation_to(&site, "team-ben@example.com").await.to_string();
        let cai_invitation = invitation_to(&site, "team-cai@example.com").await.to_string();
        assert_eq!(
            dan.call("answer_team_invitation", &[("id", &ben_invitation), ("answer", "accept")]).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            problem(&cai.call("answer_team_invitation", &[("id", &cai_invitation), ("answer", "accept")]).await, "answer"),
            Problem::NeedsApplicationForTeam
        );
        let joined = ben.call("answer_team_invitation", &[("id", &ben_invitation), ("answer", "accept")]).await;
        assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
        assert!(main_of(&ana.get("/notifications").await).contains("team-ben@example.com joined the team"));
        assert_eq!(
            problem(&ben.call("answer_team_invitation", &[("id", &ben_invitation), ("answer", "accept")]).await, "answer"),
            Problem::AlreadyDecided
        );

        // Five at most, invitations awaiting an answer included; a withdrawn invitation frees its place.
        for n in 1..=2 {
            let email = format!("team-extra{n}@example.com");
            user(&site, &email, Role::Graduate).await;
            let fields = [("team", team_key.as_str()), ("email", email.as_str())];
            assert_eq!(ana.call("invite_to_team", &fields).await.status, StatusCode::OK);
        }
        user(&site, "team-extra3@example.com", Role::Graduate).await;
        let full = ana.call("invite_to_team", &[("team", team_key.as_str()), ("email", "team-extra3@example.com")]).await;
        assert_eq!(problem(&full, "email"), Problem::TeamFull { max: 5 });
        assert!(main_of(&ana.get(&page(&slug)).await).contains("The team is full"));
        assert_eq!(
            ben.call("revoke_team_invitation", &[("id", &cai_invitation)]).await.status,
            StatusCode::FORBIDDEN,
            "the captain's alone"
        );
        assert_eq!(ana.call("revoke_team_invitation", &[("id", &cai_invitation)]).await.status, StatusCode::OK);
        assert_eq!(
            problem(&cai.call("answer_team_invitation", &[("id", &cai_invitation), ("answer", "accept")]).await, "answer"),
            Problem::AlreadyDecided
        );
        assert_eq!(
            ana.call("invite_to_team", &[("team", team_key.as_str()), ("email", "team-extra3@example.com")]).await.status,
            StatusCode::OK
        );

        // One link, set by any member, a web address.
        let bad = ben.call("submit_team_work", &[("team", &team_key), ("link", "javascript:alert(1)")]).await;
        assert_eq!(problem(&bad, "link"), Problem::NotALink);
        assert_eq!(
            dan.call("submit_team_work", &[("team", &team_key), ("link", "https://evil.example/")]).await.status,
            StatusCode::FORBIDDEN
        );
        let link = "https://github.com/lash-rockets/listing-tool";
        assert_eq!(ben.call("submit_team_work", &[("team", &team_key), ("link", link)]).await.status, StatusCode::OK);
        let anas_page = main_of(&ana.get(&page(&slug)).await);
        assert!(anas_page.contains(link) && anas_page.contains("1 team has entered."), "{anas_page}");
        assert!(anas_page.contains("team-ana@example.com, team-ben@example.com"), "members in the order they joined: {anas_page}");

        // The organisers see every team with its people and link; others do not.
        let review = main_of(&organiser.get(&format!("/programs/{slug}/applications")).await);
        assert!(review.contains("Lash Rockets") && review.contains(link) && review.contains("team-ben@example.com"), "{review}");

        // The captain leaves: the next to join leads; the last out disbands the team.
        let refused = dan.call("leave_competition_team", &[("team", &team_key)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(ana.call("leave_competition_team", &[("team", &team_key)]).await.status, StatusCode::OK);
        assert!(main_of(&ben.get("/notifications").await).contains("you are its captain now"));
        assert!(main_of(&ben.get(&page(&slug)).await).contains("(you are its captain)"));
        assert_eq!(ben.call("leave_competition_team", &[("team", &team_key)]).await.status, StatusCode::OK);
        assert!(competition_team::Entity::find_by_id(team).one(&site.db.db).await.unwrap().is_none(), "disbanded");
        assert!(main_of(&signed_out.get(&page(&slug)).await).contains("No team has entered yet."));

        // Once the competition has started, teams no longer form.
        let program = app::talent::repo::by_slug(&site.db.db, &slug).await.unwrap();
        let mut started: talent_program::ActiveModel = program.into();
        started.starts_on = Set(app::scouting::rules::china_today(chrono::Utc::now()));
        started.update(&site.db.db).await.unwrap();
        assert_eq!(
            problem(&dan.call("form_team", &[("slug", &slug), ("team_name", "Late Team")]).await, "team_name"),
            Problem::TeamsClosed
        );
        assert!(main_of(&dan.get(&page(&slug)).await).contains("teams no longer form or change"));
    }
}
