//! Team server functions: each resolves the actor once, asks
//! `teams::policy`, and hands the actor to `teams::repo`.

use leptos::prelude::*;

use crate::error::AppError;
use crate::teams::types::{InvitationView, TeamView};

#[cfg(feature = "ssr")]
fn role(code: &str, field: &str) -> Result<crate::accounts::types::MemberRole, AppError> {
    crate::accounts::types::MemberRole::from_code(code).ok_or_else(|| {
        let mut errors = crate::forms::FormErrors::new();
        errors.add(field, crate::forms::Problem::NotAChoice);
        AppError::Invalid(errors)
    })
}

/// The signed-in actor with the organisation, if they may run its team.
#[cfg(feature = "ssr")]
async fn manager(
    state: &crate::state::AppState,
    slug: &str,
) -> Result<(crate::accounts::types::CurrentUser, crate::entities::organisation::Model), AppError> {
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = crate::orgs::api::with_standing(&state.db, &actor, slug).await?;
    if !crate::teams::policy::may_manage_team(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    Ok((actor, org))
}

/// An organisation's team: its people, and (for those who run it) the open invitations.
#[server(prefix = "/api", endpoint = "team")]
pub async fn team(slug: String) -> Result<TeamView, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = crate::orgs::api::with_standing(&state.db, &actor, &slug).await?;
    if !crate::teams::policy::may_view_team(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    let may_manage = crate::teams::policy::may_manage_team(&actor, &standing);
    crate::teams::repo::team(&state.db, &actor, &org, may_manage).await
}

/// Invites someone by email to the team with a role. Owners and site admins.
#[server(prefix = "/api", endpoint = "invite_teammate")]
pub async fn invite_teammate(slug: String, email: String, role: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (actor, org) = manager(&state, &slug).await?;
    let mut errors = crate::forms::FormErrors::new();
    errors.keep("email", &email);
    errors.keep("role", &role);
    if !crate::teams::policy::may_send_invitations(&actor) {
        errors.add("email", crate::forms::Problem::ConfirmYourEmailFirst);
        return Err(AppError::Invalid(errors));
    }
    let email = crate::forms::email(&mut errors, "email", &email);
    let chosen = crate::accounts::types::MemberRole::from_code(&role);
    if chosen.is_none() {
        errors.add("role", crate::forms::Problem::NotAChoice);
    }
    let Some(chosen) = chosen.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    match crate::teams::repo::invite(&state.db, &state.mail, &actor, &org, &email, chosen).await {
        Err(AppError::Invalid(refused)) => {
            errors.merge(refused);
            return Err(AppError::Invalid(errors));
        }
        other => other?,
    }
    tracing::info!(organisation = slug, user_id = actor.id, role = chosen.code(), "teammate invited");
    leptos_axum::redirect(&format!("/orgs/{slug}/team?invited={}", crate::clock::landing_stamp()));
    Ok(())
}

/// Withdraws an open invitation. Owners and site admins.
#[server(prefix = "/api", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(slug: String, id: i64) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (actor, org) = manager(&state, &slug).await?;
    crate::teams::repo::revoke_invitation(&state.db, &org, id).await?;
    tracing::info!(organisation = slug, user_id = actor.id, invitation = id, "invitation revoked");
    leptos_axum::redirect(&format!("/orgs/{slug}/team?revoked={}", crate::clock::landing_stamp()));
    Ok(())
}

/// Changes a teammate's role. Owners and site admins; a team keeps an owner.
#[server(prefix = "/api", endpoint = "change_teammate_role")]
pub async fn change_teammate_role(slug: String, user_id: i32, role: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (actor, org) = manager(&state, &slug).await?;
    let role = self::role(&role, "member")?;
    crate::teams::repo::set_place(&state.db, &state.mail, &actor, &org, user_id, Some(role)).await?;
    tracing::info!(organisation = slug, user_id = actor.id, member = user_id, role = role.code(), "teammate's role changed");
    leptos_axum::redirect(&format!("/orgs/{slug}/team?changed={}", crate::clock::landing_stamp()));
    Ok(())
}

/// Removes someone from the team. Owners and site admins; a team keeps an owner.
#[server(prefix = "/api", endpoint = "remove_teammate")]
pub async fn remove_teammate(slug: String, user_id: i32) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (actor, org) = manager(&state, &slug).await?;
    crate::teams::repo::set_place(&state.db, &state.mail, &actor, &org, user_id, None).await?;
    tracing::info!(organisation = slug, user_id = actor.id, member = user_id, "teammate removed");
    leptos_axum::redirect(&format!("/orgs/{slug}/team?removed={}", crate::clock::landing_stamp()));
    Ok(())
}

/// Leaves the team. Anyone in it, except its last owner.
#[server(prefix = "/api", endpoint = "leave_team")]
pub async fn leave_team(slug: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    crate::teams::repo::set_place(&state.db, &state.mail, &actor, &org, actor.id, None).await?;
    tracing::info!(organisation = slug, user_id = actor.id, "left the team");
    leptos_axum::redirect("/account?left=1");
    Ok(())
}

/// What an invitation link is: public, since the token is the secret.
#[server(prefix = "/api", endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<InvitationView, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    crate::teams::repo::invitation_view(&state.db, &token, actor.as_ref()).await
}

/// Accepts an invitation: signed in with the address it was sent to.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let slug = crate::teams::repo::accept(&state.db, &state.mail, &actor, &token).await?;
    tracing::info!(organisation = slug, user_id = actor.id, "invitation accepted");
    leptos_axum::redirect(&format!("/orgs/{slug}/team?joined=1"));
    Ok(())
}
