//! Server functions of competition teams: forming one, inviting, answering,
//! withdrawing an invitation, leaving, and the team's submission link. Each
//! resolves the actor once and asks `talent::policy`; the competition's
//! rules (`talent::teams`) refuse at the field.

use leptos::prelude::*;

use crate::error::AppError;

/// A refusal at `field`, keeping `id` (the row's) and `value` so that only its own form shows it.
#[cfg(feature = "ssr")]
fn refused(id: i32, field: &str, value: &str, problem: crate::forms::Problem) -> AppError {
    let mut errors = crate::forms::FormErrors::new();
    errors.keep("id", &id.to_string());
    errors.keep(field, value);
    crate::forms::FormErrors::refusing_kept(errors, field, problem)
}

#[cfg(feature = "ssr")]
fn back_to_teams(program: &crate::entities::talent_program::Model) {
    leptos_axum::redirect(&format!("/programs/{}?team={}#teams", program.slug, crate::clock::landing_stamp()));
}

/// The competition `row` as `actor` may see it, with the program kind; `Forbidden` for other kinds.
#[cfg(feature = "ssr")]
async fn competition(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    program_id: i32,
) -> Result<crate::entities::talent_program::Model, AppError> {
    let row = crate::entities::talent_program::Entity::find_by_id(program_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (_, _, permissions) = crate::talent::api::organiser_standing(db, Some(actor), &row).await?;
    if !permissions.see {
        return Err(AppError::NotFound);
    }
    let kind = crate::talent::types::ProgramKind::from_code(&row.kind).ok_or(AppError::NotFound)?;
    if !crate::talent::policy::may_team_up(Some(actor), kind) {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

#[cfg(feature = "ssr")]
use sea_orm::EntityTrait;

/// A write transaction with the competition's row locked, and team `team_id`
/// read again inside it (another request may have changed it meanwhile).
#[cfg(feature = "ssr")]
async fn locked_team(
    db: &sea_orm::DatabaseConnection,
    program_id: i32,
    team_id: i32,
) -> Result<(sea_orm::DatabaseTransaction, crate::entities::talent_program::Model, crate::entities::competition_team::Model), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let program = crate::talent::application_repo::lock_program(&txn, program_id).await?;
    let team = crate::talent::team_repo::by_id(&txn, team_id).await?;
    Ok((txn, program, team))
}

/// Whether `user_id`'s application lets them be in a team of `program`.
#[cfg(feature = "ssr")]
async fn application_allows<C: sea_orm::ConnectionTrait>(db: &C, program_id: i32, user_id: i32) -> Result<bool, AppError> {
    use crate::talent::application_repo;
    let status =
        application_repo::of_applicant(db, program_id, user_id).await?.map(|a| application_repo::status_of(&a, chrono::Utc::now()));
    Ok(crate::talent::teams::may_team_up(status))
}

/// Forms a team named `team_name` in competition `slug`, with the actor as
/// captain: they applied to it, are in no team of it yet, and it has not started.
#[server(prefix = "/api", endpoint = "form_team")]
pub async fn form_team(slug: String, #[server(default)] team_name: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::talent::{application_repo, repo, team_repo, teams};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = repo::by_slug(&state.db, slug.trim()).await?;
    let row = competition(&state.db, &actor, row.id).await?;
    let mut errors = FormErrors::new();
    errors.keep("team_name", &team_name);
    let refuse = |problem: Problem| FormErrors::refusing_kept(errors.clone(), "team_name", problem);
    if !teams::forming(row.starts_on, crate::talent::api::today()) {
        return Err(refuse(Problem::TeamsClosed));
    }
    let name = teams::check_name(&team_name).map_err(refuse)?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let program = application_repo::lock_program(&txn, row.id).await?;
    if !application_allows(&txn, program.id, actor.id).await? {
        return Err(refuse(Problem::NeedsApplicationForTeam));
    }
    if team_repo::team_of(&txn, program.id, actor.id).await?.is_some() {
        return Err(refuse(Problem::InCompetitionTeam));
    }
    let team = team_repo::form(&txn, program.id, actor.id, &name, now).await?;
    txn.commit().await?;
    tracing::info!(program = program.slug, team = team.id, user_id = actor.id, "team formed");
    back_to_teams(&program);
    Ok(())
}

/// The captain of team `team` invites the person with account `email`; they
/// are told, and answer on the competition's page.
#[server(prefix = "/api", endpoint = "invite_to_team")]
pub async fn invite_to_team(team: i32, #[server(default)] email: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::i18n::Bilingual;
    use crate::talent::{policy, team_repo, teams};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let found = team_repo::by_id(&state.db, team).await?;
    let row = competition(&state.db, &actor, found.program_id).await?;
    if !policy::may_lead_team(Some(&actor), found.captain_id) {
        return Err(AppError::Forbidden);
    }
    let refuse = |problem: Problem| refused(team, "email", &email, problem);
    if !teams::forming(row.starts_on, crate::talent::api::today()) {
        return Err(refuse(Problem::TeamsClosed));
    }
    let mut errors = FormErrors::new();
    let address = crate::forms::email(&mut errors, "email", &email);
    if let Some(problem) = errors.problem("email") {
        return Err(refuse(problem.clone()));
    }
    let Some(invitee) = crate::accounts::repo::find_by_email(&state.db, &address).await? else {
        return Err(refuse(Problem::NoAccountWithEmail));
    };
    let now = chrono::Utc::now();
    let (txn, program, found) = locked_team(&state.db, row.id, team).await?;
    match team_repo::team_of(&txn, program.id, invitee.id).await? {
        Some(theirs) if theirs.id == found.id => return Err(refuse(Problem::AlreadyInvited)),
        Some(_) => return Err(refuse(Problem::InCompetitionTeam)),
        None => {}
    }
    let (members, pending) = team_repo::size(&txn, found.id).await?;
    if !teams::has_room(members, pending) {
        return Err(refuse(Problem::TeamFull { max: teams::TEAM_MAX }));
    }
    if !team_repo::invite(&txn, found.id, invitee.id, actor.id, now).await? {
        return Err(refuse(Problem::AlreadyInvited));
    }
    let title = Bilingual::new(
        format!("{} 邀请你加入大赛队伍“{}”", actor.display_name, found.name),
        format!("{} invites you to join the team \"{}\"", actor.display_name, found.name),
    );
    team_repo::tell(&txn, &state.mail, &program, &[invitee.id], title).await?;
    txn.commit().await?;
    tracing::info!(program = program.slug, team = found.id, invitee = invitee.id, user_id = actor.id, "team invitation sent");
    back_to_teams(&program);
    Ok(())
}

/// The captain withdraws invitation `id` while it awaits an answer.
#[server(prefix = "/api", endpoint = "revoke_team_invitation")]
pub async fn revoke_team_invitation(id: i32) -> Result<(), AppError> {
    use crate::forms::Problem;
    use crate::talent::teams::InvitationStatus;
    use crate::talent::{application_repo, policy, team_repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let invitation = team_repo::invitation(&state.db, id).await?;
    let team = team_repo::by_id(&state.db, invitation.team_id).await?;
    let row = competition(&state.db, &actor, team.program_id).await?;
    if !policy::may_lead_team(Some(&actor), team.captain_id) {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin_write(&state.db).await?;
    let program = application_repo::lock_program(&txn, row.id).await?;
    if !team_repo::close_invitation(&txn, id, InvitationStatus::Revoked, chrono::Utc::now()).await? {
        return Err(refused(id, "invitation", "", Problem::AlreadyDecided));
    }
    txn.commit().await?;
    tracing::info!(program = program.slug, invitation = id, user_id = actor.id, "team invitation withdrawn");
    back_to_teams(&program);
    Ok(())
}

/// The person invited answers invitation `id`: `accept` (they applied to
/// the competition and are in no other team) or `decline`. The captain is told.
#[server(prefix = "/api", endpoint = "answer_team_invitation")]
pub async fn answer_team_invitation(id: i32, #[server(default)] answer: String) -> Result<(), AppError> {
    use crate::forms::Problem;
    use crate::i18n::Bilingual;
    use crate::talent::teams::{self, InvitationStatus};
    use crate::talent::{policy, team_repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let invitation = team_repo::invitation(&state.db, id).await?;
    if !policy::may_answer_invitation(Some(&actor), invitation.invitee_id) {
        return Err(AppError::Forbidden);
    }
    let team = team_repo::by_id(&state.db, invitation.team_id).await?;
    let row = competition(&state.db, &actor, team.program_id).await?;
    let refuse = |problem: Problem| refused(id, "answer", &answer, problem);
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(refuse(Problem::NotAChoice)),
    };
    if !teams::forming(row.starts_on, crate::talent::api::today()) {
        return Err(refuse(Problem::TeamsClosed));
    }
    let now = chrono::Utc::now();
    let (txn, program, team) = locked_team(&state.db, row.id, team.id).await?;
    if team_repo::invitation(&txn, id).await?.status != InvitationStatus::Pending.code() {
        return Err(refuse(Problem::AlreadyDecided));
    }
    if accept {
        if !application_allows(&txn, program.id, actor.id).await? {
            return Err(refuse(Problem::NeedsApplicationForTeam));
        }
        if team_repo::team_of(&txn, program.id, actor.id).await?.is_some() {
            return Err(refuse(Problem::InCompetitionTeam));
        }
    }
    let status = if accept { InvitationStatus::Accepted } else { InvitationStatus::Declined };
    if !team_repo::close_invitation(&txn, id, status, now).await? {
        return Err(refuse(Problem::AlreadyDecided));
    }
    if accept {
        team_repo::add_member(&txn, &team, actor.id, now).await?;
    }
    let title = if accept {
        Bilingual::new(
            format!("{} 加入了队伍“{}”", actor.display_name, team.name),
            format!("{} joined the team \"{}\"", actor.display_name, team.name),
        )
    } else {
        Bilingual::new(
            format!("{} 谢绝了加入队伍“{}”的邀请", actor.display_name, team.name),
            format!("{} declined to join the team \"{}\"", actor.display_name, team.name),
        )
    };
    team_repo::tell(&txn, &state.mail, &program, &[team.captain_id], title).await?;
    txn.commit().await?;
    tracing::info!(program = program.slug, invitation = id, accept, user_id = actor.id, "team invitation answered");
    back_to_teams(&program);
    Ok(())
}

/// A member leaves team `team` before the competition starts. A captain
/// hands the team to the member who joined next; the last one out disbands it.
#[server(prefix = "/api", endpoint = "leave_competition_team")]
pub async fn leave_competition_team(team: i32) -> Result<(), AppError> {
    use crate::forms::Problem;
    use crate::i18n::Bilingual;
    use crate::talent::team_repo::AfterLeaving;
    use crate::talent::{policy, team_repo, teams};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let found = team_repo::by_id(&state.db, team).await?;
    let row = competition(&state.db, &actor, found.program_id).await?;
    if !policy::may_act_for_team(Some(&actor), &team_repo::member_ids(&state.db, found.id).await?) {
        return Err(AppError::Forbidden);
    }
    if !teams::forming(row.starts_on, crate::talent::api::today()) {
        return Err(refused(team, "leave", "", Problem::TeamsClosed));
    }
    let (txn, program, found) = locked_team(&state.db, row.id, team).await?;
    let after = team_repo::leave(&txn, &found, actor.id).await?;
    if let AfterLeaving::Remains { captain_id } = after {
        let title = if captain_id == found.captain_id {
            Bilingual::new(
                format!("{} 退出了队伍“{}”", actor.display_name, found.name),
                format!("{} left the team \"{}\"", actor.display_name, found.name),
            )
        } else {
            Bilingual::new(
                format!("{} 退出了队伍“{}”，你现在是队长", actor.display_name, found.name),
                format!("{} left the team \"{}\"; you are its captain now", actor.display_name, found.name),
            )
        };
        team_repo::tell(&txn, &state.mail, &program, &[captain_id], title).await?;
    }
    txn.commit().await?;
    tracing::info!(program = program.slug, team = found.id, user_id = actor.id, ?after, "left a team");
    back_to_teams(&program);
    Ok(())
}

/// A member sets the team's one submission link (empty takes it away) until the competition ends.
#[server(prefix = "/api", endpoint = "submit_team_work")]
pub async fn submit_team_work(team: i32, #[server(default)] link: String) -> Result<(), AppError> {
    use crate::forms::Problem;
    use crate::talent::{policy, team_repo, teams};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let found = team_repo::by_id(&state.db, team).await?;
    let row = competition(&state.db, &actor, found.program_id).await?;
    if !policy::may_act_for_team(Some(&actor), &team_repo::member_ids(&state.db, found.id).await?) {
        return Err(AppError::Forbidden);
    }
    let refuse = |problem: Problem| refused(team, "link", &link, problem);
    if !teams::submitting(row.ends_on, crate::talent::api::today()) {
        return Err(refuse(Problem::SubmissionsClosed));
    }
    let checked = teams::check_link(&link).map_err(refuse)?;
    let (txn, program, found) = locked_team(&state.db, row.id, team).await?;
    team_repo::set_submission(&txn, &found, checked, chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(program = program.slug, team = found.id, user_id = actor.id, "team submission set");
    back_to_teams(&program);
    Ok(())
}
