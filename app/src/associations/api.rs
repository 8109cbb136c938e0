use leptos::prelude::*;

use crate::associations::types::{ImportJobView, MembersPage};
use crate::error::AppError;

/// An association's member firms and recent imports. Its members and site admins.
#[server(prefix = "/api", endpoint = "association_members")]
pub async fn association_members(slug: String) -> Result<MembersPage, AppError> {
    use crate::associations::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed_association(&state.db, &actor, &slug).await?;
    repo::members_page(&state.db, &association).await
}

/// One member import: its progress, counts and row problems. The
/// association's members and site admins.
#[server(prefix = "/api", endpoint = "import_job")]
pub async fn import_job(slug: String, id: i32) -> Result<ImportJobView, AppError> {
    use crate::associations::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed_association(&state.db, &actor, &slug).await?;
    repo::job(&state.db, association.id, id).await
}

/// The association behind `slug`, if `actor` may manage its members
/// (`orgs::policy::may_manage_members`: approved and theirs, or a site admin).
/// Its member pages, imports and exports all ask this.
///
/// # Errors
/// `NotFound` for an unknown slug or another kind, `Forbidden` for others.
#[cfg(feature = "ssr")]
pub async fn managed_association(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
) -> Result<crate::entities::organisation::Model, AppError> {
    let association = crate::associations::repo::association(db, slug).await?;
    let standing = crate::orgs::repo::standing(db, actor, &association).await?;
    if !crate::orgs::policy::may_manage_members(actor, &standing) {
        return Err(AppError::Forbidden);
    }
    Ok(association)
}

/// `/associations`: approved associations, for everyone.
#[server(prefix = "/api", endpoint = "association_directory")]
pub async fn association_directory() -> Result<Vec<crate::associations::types::AssociationCard>, AppError> {
    let state = crate::state::app_state()?;
    crate::associations::directory::directory(&state.db).await
}

/// The association behind `slug` and the actor's permissions on it.
#[cfg(feature = "ssr")]
async fn association_for(
    db: &sea_orm::DatabaseConnection,
    actor: Option<&crate::accounts::types::CurrentUser>,
    slug: &str,
) -> Result<(crate::entities::organisation::Model, crate::orgs::types::Permissions), AppError> {
    let association = crate::associations::repo::association(db, slug.trim()).await?;
    let permissions = crate::orgs::repo::permissions(db, actor, &association).await?;
    if !crate::associations::policy::may_view(&permissions) {
        return Err(AppError::NotFound);
    }
    Ok((association, permissions))
}

/// `/associations/{slug}`: profile, secretariats, committees and members for
/// everyone; the firms a signed-in viewer runs that may apply, and their applications.
#[server(prefix = "/api", endpoint = "association_profile")]
pub async fn association_profile(slug: String) -> Result<crate::associations::types::AssociationProfile, AppError> {
    use crate::associations::{directory, policy};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let (association, permissions) = association_for(&state.db, actor.as_ref(), &slug).await?;
    let mut may_apply_for = Vec::new();
    let mut firm_ids = Vec::new();
    if let Some(actor) = &actor {
        for (firm, role) in directory::firms_run_by(&state.db, actor.id).await? {
            let Some(kind) = crate::orgs::types::OrgKind::from_code(&firm.kind) else { continue };
            let (member, pending) = directory::firm_standing(&state.db, association.id, firm.id).await?;
            let applicant = policy::Applicant { kind, role: Some(role), member, pending };
            if policy::may_apply(&permissions, &applicant).is_ok() {
                may_apply_for.push(crate::read::named_org(&firm));
            }
            if role.edits() {
                firm_ids.push(firm.id);
            }
        }
    }
    directory::profile(&state.db, &association, policy::may_manage(&permissions), may_apply_for, &firm_ids, actor.is_some()).await
}

/// A firm applies to join: its owners and editors, by `associations::policy::may_apply`.
#[server(prefix = "/api", endpoint = "apply_for_membership")]
pub async fn apply_for_membership(
    slug: String,
    #[server(default)] firm: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::associations::policy::{self, Refusal};
    use crate::associations::{directory, rules};
    use crate::forms::Problem;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (association, permissions) = association_for(&state.db, Some(&actor), &slug).await?;
    let mut errors = rules::application_message(&message).err().unwrap_or_default();
    errors.keep("message", &message);
    errors.keep("firm", &firm);
    let chosen = match firm.trim() {
        "" => None,
        slug => crate::read::organisation_by_slug(&state.db, slug).await.ok(),
    };
    let Some(chosen) = chosen else {
        errors.add("firm", Problem::Required);
        return Err(AppError::Invalid(errors));
    };
    let role = crate::read::active_places(&state.db, actor.id).await?.get(&chosen.id).copied();
    let (member, pending) = directory::firm_standing(&state.db, association.id, chosen.id).await?;
    let kind = crate::orgs::types::OrgKind::from_code(&chosen.kind).ok_or(AppError::NotFound)?;
    match policy::may_apply(&permissions, &policy::Applicant { kind, role, member, pending }) {
        Ok(()) => {}
        Err(Refusal::Closed) => return Err(AppError::NotFound),
        Err(Refusal::NotYourFirm | Refusal::WrongKind) => return Err(AppError::Forbidden),
        Err(Refusal::AlreadyMember) => errors.add("firm", Problem::AlreadyAMember),
        Err(Refusal::AlreadyPending) => errors.add("firm", Problem::AlreadyAsked),
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let message = message.trim();
    let txn = crate::db::begin_write(&state.db).await?;
    directory::apply(&txn, &state.mail, &association, &chosen, actor.id, message, chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(association = association.slug, firm = chosen.slug, user_id = actor.id, "membership applied for");
    leptos_axum::redirect(&format!("/associations/{}?applied={}", association.slug, chosen.slug));
    Ok(())
}

/// Withdraws a waiting application: the applying firm's owners and editors.
#[server(prefix = "/api", endpoint = "withdraw_application")]
pub async fn withdraw_application(id: i32) -> Result<(), AppError> {
    use crate::associations::types::ApplicationStatus;
    use crate::associations::{directory, policy};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let application = directory::application(&state.db, id).await?;
    let role = crate::read::active_places(&state.db, actor.id).await?.get(&application.organisation_id).copied();
    let status = ApplicationStatus::from_code(&application.status).ok_or(AppError::NotFound)?;
    if role.is_none() {
        return Err(AppError::NotFound);
    }
    if !policy::may_withdraw(role, status) {
        return Err(if status == ApplicationStatus::Pending {
            AppError::Forbidden
        } else {
            crate::forms::FormErrors::refusing("decision", crate::forms::Problem::AlreadyClosed)
        });
    }
    let association = crate::read::organisation_by_id(&state.db, application.association_id).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    directory::withdraw(&txn, application.id, chrono::Utc::now()).await?;
    txn.commit().await?;
    leptos_axum::redirect(&format!("/associations/{}", association.slug));
    Ok(())
}

/// `/associations/{slug}/manage`: applications, secretariats, committees —
/// the association's owners and editors once approved, and site admins.
#[server(prefix = "/api", endpoint = "association_manage")]
pub async fn association_manage(slug: String) -> Result<crate::associations::types::ManagePage, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed(&state.db, &actor, &slug).await?;
    crate::associations::directory::manage_page(&state.db, &association).await
}

/// The association behind `slug` if `actor` manages it (`associations::policy::may_manage`).
#[cfg(feature = "ssr")]
async fn managed(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
) -> Result<crate::entities::organisation::Model, AppError> {
    let (association, permissions) = association_for(db, Some(actor), slug).await?;
    if !crate::associations::policy::may_manage(&permissions) {
        return Err(AppError::Forbidden);
    }
    Ok(association)
}

/// Approves or declines (with a reason the firm reads) a waiting application.
#[server(prefix = "/api", endpoint = "decide_application")]
pub async fn decide_application(id: i32, decision: String, #[server(default)] reason: String) -> Result<(), AppError> {
    use crate::associations::types::ApplicationStatus;
    use crate::associations::{directory, policy, rules};
    use crate::forms::{FormErrors, Problem};
    use crate::orgs::types::Decision;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let application = directory::application(&state.db, id).await?;
    let association = crate::read::organisation_by_id(&state.db, application.association_id).await?;
    let (association, permissions) = association_for(&state.db, Some(&actor), &association.slug).await?;
    if !policy::may_manage(&permissions) {
        return Err(AppError::Forbidden);
    }
    // Every refusal names the application, so its own form on the manage page shows it.
    let refuse = |field: &str, problem: Problem| {
        let mut errors = FormErrors::new();
        errors.add(field, problem);
        errors.keep("id", &id.to_string());
        AppError::Invalid(errors)
    };
    let status = ApplicationStatus::from_code(&application.status).ok_or(AppError::NotFound)?;
    if !policy::may_decide(&permissions, status) {
        return Err(refuse("decision", Problem::AlreadyClosed));
    }
    let approve = match Decision::from_code(&decision) {
        Some(d) => d == Decision::Approve,
        None => return Err(refuse("decision", Problem::NotAChoice)),
    };
    let reason = rules::decision_reason(approve, &reason).map_err(|mut e| {
        e.keep("id", &id.to_string());
        AppError::Invalid(e)
    })?;
    let txn = crate::db::begin_write(&state.db).await?;
    directory::decide(&txn, &state.mail, &application, &association, approve, &reason, actor.id, chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(association = association.slug, application = id, approve, user_id = actor.id, "membership application decided");
    leptos_axum::redirect(&format!("/associations/{}/manage?decided={id}", association.slug));
    Ok(())
}

/// Replaces the association's secretariat cities (one a line).
#[server(prefix = "/api", endpoint = "save_secretariats")]
pub async fn save_secretariats(slug: String, #[server(default)] secretariats: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed(&state.db, &actor, &slug).await?;
    let cities = crate::associations::rules::secretariats(&secretariats).map_err(AppError::Invalid)?;
    let txn = crate::db::begin_write(&state.db).await?;
    crate::associations::directory::save_secretariats(&txn, association.id, &cities).await?;
    crate::changes::enqueue(&txn, crate::changes::EntityKind::Organisation, association.id).await?;
    txn.commit().await?;
    leptos_axum::redirect(&format!("/associations/{}/manage?saved=secretariats", association.slug));
    Ok(())
}

/// `/associations/{slug}/committees/{kind}`: one committee for its edit form.
#[server(prefix = "/api", endpoint = "association_committee")]
pub async fn association_committee(slug: String, kind: String) -> Result<crate::associations::types::CommitteePage, AppError> {
    use crate::associations::types::{CommitteeKind, CommitteePage};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed(&state.db, &actor, &slug).await?;
    let kind = CommitteeKind::from_code(kind.trim()).ok_or(AppError::NotFound)?;
    // Only the member firms: the rest of the manage page is not needed here.
    let members = crate::associations::directory::member_names(&state.db, association.id).await?;
    Ok(CommitteePage {
        association: crate::read::named_org(&association),
        kind,
        committee: crate::associations::directory::committee_of(&state.db, association.id, kind).await?,
        members,
    })
}

/// Sets up or changes a committee (`action=save`) or removes it (`action=remove`).
#[server(prefix = "/api", endpoint = "save_committee")]
pub async fn save_committee(
    slug: String,
    kind: String,
    action: String,
    #[server(default)] chair: String,
    #[server(default)] members: Vec<String>,
) -> Result<(), AppError> {
    use crate::associations::types::CommitteeKind;
    use crate::associations::{directory, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed(&state.db, &actor, &slug).await?;
    let kind = CommitteeKind::from_code(kind.trim()).ok_or(AppError::NotFound)?;
    let seats = match action.as_str() {
        "save" => {
            let known = directory::member_slugs(&state.db, association.id).await?;
            Some(rules::committee_seats(&chair, &members, &known).map_err(AppError::Invalid)?)
        }
        "remove" => None,
        _ => return Err(crate::forms::FormErrors::refusing("action", crate::forms::Problem::NotAChoice)),
    };
    let txn = crate::db::begin_write(&state.db).await?;
    directory::save_committee(&txn, association.id, kind, seats).await?;
    crate::changes::enqueue(&txn, crate::changes::EntityKind::Organisation, association.id).await?;
    txn.commit().await?;
    leptos_axum::redirect(&format!("/associations/{}/manage?saved={}", association.slug, kind.code()));
    Ok(())
}
