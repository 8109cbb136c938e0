//! Moderation server functions: site admins act (`orgs::policy::may_moderate`),
//! people from outside an organisation report it (`may_report`).

use leptos::prelude::*;

use crate::audit::AuditRow;
use crate::error::AppError;
use crate::moderation::types::ModerationView;

/// The longest reason or report a form takes.
pub const REASON_MAX: usize = 1000;

/// The signed-in site admin.
#[cfg(feature = "ssr")]
async fn moderator(state: &crate::state::AppState) -> Result<crate::accounts::types::CurrentUser, AppError> {
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !crate::moderation::policy::may_moderate(&actor) {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

/// A reason an admin must give, checked.
#[cfg(feature = "ssr")]
fn reason_given(reason: &str) -> Result<String, AppError> {
    let mut errors = crate::forms::FormErrors::new();
    errors.keep("reason", reason);
    let reason = crate::forms::required_text(&mut errors, "reason", reason, REASON_MAX);
    if errors.is_empty() {
        Ok(reason)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Reports, look-alike names, recent organisations and verifications. Site admins.
#[server(prefix = "/api", endpoint = "moderation_overview")]
pub async fn moderation_overview() -> Result<ModerationView, AppError> {
    let state = crate::state::app_state()?;
    moderator(&state).await?;
    crate::moderation::repo::overview(&state.db).await
}

/// The audit trail, newest first. Site admins.
#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn audit_log() -> Result<Vec<AuditRow>, AppError> {
    let state = crate::state::app_state()?;
    moderator(&state).await?;
    crate::audit::recent(&state.db, 300).await
}

/// Hides an organisation from every public page and search. Site admins, with a reason.
#[server(prefix = "/api", endpoint = "hide_organisation")]
pub async fn hide_organisation(slug: String, reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = moderator(&state).await?;
    let reason = reason_given(&reason)?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    crate::moderation::repo::hide(&state.db, &state.mail, &actor, &org, &reason).await?;
    state.search.outbox_wake.notify_one();
    tracing::info!(organisation = slug, user_id = actor.id, "organisation hidden");
    leptos_axum::redirect(&format!("/orgs/{slug}?hidden=1"));
    Ok(())
}

/// Shows a hidden organisation again. Site admins, with a reason.
#[server(prefix = "/api", endpoint = "restore_organisation")]
pub async fn restore_organisation(slug: String, reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = moderator(&state).await?;
    let reason = reason_given(&reason)?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    crate::moderation::repo::restore(&state.db, &state.mail, &actor, &org, &reason).await?;
    state.search.outbox_wake.notify_one();
    tracing::info!(organisation = slug, user_id = actor.id, "organisation restored");
    leptos_axum::redirect(&format!("/orgs/{slug}?restored=1"));
    Ok(())
}

/// Clears an organisation's look-alike flag. Site admins.
#[server(prefix = "/api", endpoint = "clear_review")]
pub async fn clear_review(slug: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = moderator(&state).await?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    crate::moderation::repo::clear_review(&state.db, &actor, &org).await?;
    leptos_axum::redirect(&format!("/admin/moderation?cleared={}", crate::clock::landing_stamp()));
    Ok(())
}

/// Withdraws the verification in force. Site admins, with a reason.
#[server(prefix = "/api", endpoint = "revoke_verification")]
pub async fn revoke_verification(id: i32, reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = moderator(&state).await?;
    let reason = reason_given(&reason)?;
    crate::moderation::repo::revoke_verification(&state.db, &state.mail, &actor, id, &reason).await?;
    state.search.outbox_wake.notify_one();
    tracing::info!(verification = id, user_id = actor.id, "verification revoked");
    leptos_axum::redirect(&format!("/admin/moderation?revoked={}", crate::clock::landing_stamp()));
    Ok(())
}

/// Merges the duplicate `slug` into `into` (an address or a full link to it). Site admins, with a reason.
#[server(prefix = "/api", endpoint = "merge_organisations")]
pub async fn merge_organisations(slug: String, into: String, merge_reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = moderator(&state).await?;
    let mut errors = crate::forms::FormErrors::new();
    errors.keep("into", &into);
    errors.keep("merge_reason", &merge_reason);
    let reason = crate::forms::required_text(&mut errors, "merge_reason", &merge_reason, REASON_MAX);
    // People paste the page's link as often as its address.
    let target = into.trim().trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string();
    let kept = if crate::orgs::rules::is_slug(&target) { crate::read::organisation_by_slug(&state.db, &target).await.ok() } else { None };
    if kept.is_none() {
        errors.add("into", crate::forms::Problem::NotAChoice);
    }
    let Some(kept) = kept.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    let duplicate = crate::read::organisation_by_slug(&state.db, &slug).await?;
    match crate::moderation::repo::merge(&state.db, &state.mail, &actor, &duplicate, &kept, &reason).await {
        Err(AppError::Invalid(refused)) => {
            errors.merge(refused);
            return Err(AppError::Invalid(errors));
        }
        other => other?,
    }
    state.search.outbox_wake.notify_one();
    tracing::info!(organisation = slug, into = kept.slug, user_id = actor.id, "organisations merged");
    leptos_axum::redirect(&format!("/orgs/{}?merged=1", kept.slug));
    Ok(())
}

/// Reports an organisation to the site admins. Signed-in people from outside it.
#[server(prefix = "/api", endpoint = "report_organisation")]
pub async fn report_organisation(slug: String, reason: String, details: String) -> Result<(), AppError> {
    use crate::moderation::types::ReportReason;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = crate::orgs::api::with_standing(&state.db, &actor, &slug).await?;
    if !crate::moderation::policy::may_report(&actor, &standing) || !crate::orgs::policy::may_see(Some(&actor), &standing) {
        return Err(AppError::Forbidden);
    }
    let mut errors = crate::forms::FormErrors::new();
    errors.keep("reason", &reason);
    errors.keep("details", &details);
    let chosen = ReportReason::from_code(&reason);
    if chosen.is_none() {
        errors.add("reason", crate::forms::Problem::NotAChoice);
    }
    let details = crate::forms::optional_text(&mut errors, "details", &details, REASON_MAX);
    let Some(chosen) = chosen.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    match crate::moderation::repo::file_report(&state.db, &actor, &org, chosen, &details).await {
        Err(AppError::Invalid(refused)) => {
            errors.merge(refused);
            return Err(AppError::Invalid(errors));
        }
        other => other?,
    }
    tracing::info!(organisation = slug, user_id = actor.id, reason = chosen.code(), "organisation reported");
    leptos_axum::redirect(&format!("/orgs/{slug}?reported=1"));
    Ok(())
}

/// Dismisses a report. Site admins, with a reason.
#[server(prefix = "/api", endpoint = "dismiss_report")]
pub async fn dismiss_report(id: i64, reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = moderator(&state).await?;
    let reason = reason_given(&reason)?;
    crate::moderation::repo::dismiss_report(&state.db, &actor, id, &reason).await?;
    leptos_axum::redirect(&format!("/admin/moderation?dismissed={}", crate::clock::landing_stamp()));
    Ok(())
}
