use leptos::prelude::*;

use crate::error::AppError;
use crate::orgs::types::{OrgDetail, Permissions};

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2000;
pub const CITY_MAX: usize = 64;
pub const EVIDENCE_MAX: usize = 500;
/// Most belts one organisation names at once (far more than any works in).
pub const BELTS_MAX: usize = 30;

/// One organisation. Public, except an association or school waiting for
/// approval: its own people and site admins only.
#[server(prefix = "/api", endpoint = "organisation")]
pub async fn get_organisation(slug: String) -> Result<OrgDetail, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let mut detail = crate::orgs::repo::detail(&state.db, &slug).await?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    let permissions = crate::orgs::repo::permissions(&state.db, actor.as_ref(), &org).await?;
    // Hidden by a site admin, or a request not yet approved: only from inside.
    if !permissions.see || (detail.awaiting_approval && !permissions.see_inside) {
        return Err(AppError::NotFound);
    }
    if !permissions.moderate {
        detail.review_reason = None;
    }
    Ok(detail)
}

/// What the signed-in user may do with an organisation (nothing when signed out).
#[server(prefix = "/api", endpoint = "organisation_permissions")]
pub async fn organisation_permissions(slug: String) -> Result<Permissions, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    crate::orgs::repo::permissions(&state.db, actor.as_ref(), &org).await
}

/// An organisation's facts for its edit form. Those who may edit it.
#[server(prefix = "/api", endpoint = "organisation_form")]
pub async fn organisation_form(slug: String) -> Result<crate::orgs::types::OrgFormValues, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = with_standing(&state.db, &actor, &slug).await?;
    if !crate::orgs::policy::may_edit(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    crate::orgs::repo::form_values(&state.db, &org).await
}

/// Creates an organisation owned by the caller, in one or more belts. Signed-in
/// users whose role matches the kind; an association or school is a request
/// that a site admin approves (see `orgs::policy::creation`).
#[server(prefix = "/api", endpoint = "create_organisation")]
pub async fn create_organisation(
    kind: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    province: String,
    city_zh: String,
    city_en: String,
    #[server(default)] belts: Vec<String>,
) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::orgs::{policy, repo, types::OrgKind};

    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !OrgKind::ALL.into_iter().any(|k| policy::may_create(actor.role, k)) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    errors.keep("kind", &kind);
    let kind = OrgKind::from_code(&kind).filter(|k| policy::may_create(actor.role, *k));
    if kind.is_none() {
        errors.add("kind", Problem::NotAChoice);
    }
    let sent = SentFacts { name_zh, name_en, description_zh, description_en, province, city_zh, city_en, belts };
    let facts = checked_facts(&state.db, &mut errors, sent).await?;
    let (Some(kind), Some(repo::OrgFacts { name, description, province, city, belt_ids })) = (kind, facts) else {
        return Err(AppError::Invalid(errors));
    };
    let approved = policy::creation(actor.role, kind) == policy::Creation::Direct;
    let new = repo::NewOrganisation { description, province, city, ..repo::NewOrganisation::by(actor.id, kind, name, belt_ids, approved) };
    let slug = repo::create(&state.db, &actor, new).await?;
    if !approved {
        tracing::info!(organisation = slug, user_id = actor.id, "organisation awaits a site admin's approval");
    }
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/orgs/{slug}"));
    Ok(())
}

/// What an organisation form sends about the organisation itself.
#[cfg(feature = "ssr")]
struct SentFacts {
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    province: String,
    city_zh: String,
    city_en: String,
    belts: Vec<String>,
}

/// Checks an organisation form's facts, keeping what was sent in `errors`;
/// `None` when something was refused.
#[cfg(feature = "ssr")]
async fn checked_facts(
    db: &sea_orm::DatabaseConnection,
    errors: &mut crate::forms::FormErrors,
    sent: SentFacts,
) -> Result<Option<crate::orgs::repo::OrgFacts>, AppError> {
    use crate::forms::{self, Problem};
    for (field, value) in [
        ("name_zh", &sent.name_zh),
        ("name_en", &sent.name_en),
        ("description_zh", &sent.description_zh),
        ("description_en", &sent.description_en),
        ("province", &sent.province),
        ("city_zh", &sent.city_zh),
        ("city_en", &sent.city_en),
    ] {
        errors.keep(field, value);
    }
    errors.keep("belts", &sent.belts.join(","));
    let name = forms::bilingual(errors, "name", &sent.name_zh, &sent.name_en, NAME_MAX, true);
    let description = forms::bilingual(errors, "description", &sent.description_zh, &sent.description_en, DESCRIPTION_MAX, false);
    let city = forms::bilingual(errors, "city", &sent.city_zh, &sent.city_en, CITY_MAX, false);
    let province = Some(sent.province.trim().to_string()).filter(|p| !p.is_empty());
    if province.as_deref().is_some_and(|p| crate::geo::province(p).is_none()) {
        errors.add("province", Problem::NotAChoice);
    }
    let belt_ids = if sent.belts.is_empty() {
        errors.add("belts", Problem::ChooseAtLeastOne);
        Vec::new()
    } else if sent.belts.len() > BELTS_MAX {
        errors.add("belts", Problem::TooMany { max: BELTS_MAX });
        Vec::new()
    } else {
        crate::orgs::repo::belt_ids(db, &sent.belts).await?.unwrap_or_else(|_| {
            errors.add("belts", Problem::NotAChoice);
            Vec::new()
        })
    };
    Ok(errors.is_empty().then_some(crate::orgs::repo::OrgFacts { name, description, province, city, belt_ids }))
}

/// Changes an organisation's name, description, place and belts. Those who
/// may edit it (`orgs::policy::may_edit`). A new name may give it a new
/// address; the old one keeps leading to it.
#[server(prefix = "/api", endpoint = "update_organisation")]
#[allow(clippy::too_many_arguments)]
pub async fn update_organisation(
    slug: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    province: String,
    city_zh: String,
    city_en: String,
    #[server(default)] belts: Vec<String>,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = with_standing(&state.db, &actor, &slug).await?;
    if !crate::orgs::policy::may_edit(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    let mut errors = crate::forms::FormErrors::new();
    let sent = SentFacts { name_zh, name_en, description_zh, description_en, province, city_zh, city_en, belts };
    let Some(facts) = checked_facts(&state.db, &mut errors, sent).await? else {
        return Err(AppError::Invalid(errors));
    };
    let new_slug = crate::orgs::repo::edit(&state.db, &actor, &org, facts).await?;
    state.search.outbox_wake.notify_one();
    tracing::info!(
        organisation = new_slug,
        former = (new_slug != slug).then_some(slug.as_str()),
        user_id = actor.id,
        "organisation edited"
    );
    leptos_axum::redirect(&format!("/orgs/{new_slug}?saved=1"));
    Ok(())
}

/// Marks an organisation verified, adding who, for which association, when
/// and on what evidence to its record. See `orgs::policy::may_verify`.
#[server(prefix = "/api", endpoint = "verify_organisation")]
pub async fn verify_organisation(slug: String, evidence: String) -> Result<(), AppError> {
    use crate::forms::{self, FormErrors};
    use crate::orgs::{policy, repo, verifications::Verifier};

    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    let standing = repo::standing(&state.db, &actor, &org).await?;
    if !policy::may_verify(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    errors.keep("evidence", &evidence);
    let evidence = forms::required_text(&mut errors, "evidence", &evidence, EVIDENCE_MAX);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let verifier = Verifier { actor: &actor, organisation_id: standing.serving_association, mail: &state.mail };
    repo::verify(&state.db, org.id, &verifier, &evidence).await?;
    tracing::info!(organisation = slug, user_id = actor.id, "organisation verified");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/orgs/{slug}?verified=1"));
    Ok(())
}

/// The organisation behind `slug`, with what the data says of `actor`'s place in it.
#[cfg(feature = "ssr")]
pub async fn with_standing(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
) -> Result<(crate::entities::organisation::Model, crate::orgs::policy::Standing), AppError> {
    let org = crate::read::organisation_by_slug(db, slug).await?;
    let standing = crate::orgs::repo::standing(db, actor, &org).await?;
    Ok((org, standing))
}

#[cfg(feature = "ssr")]
fn decision(code: &str) -> Result<crate::orgs::types::Decision, AppError> {
    crate::orgs::types::Decision::from_code(code).ok_or_else(|| {
        let mut errors = crate::forms::FormErrors::new();
        errors.add("decision", crate::forms::Problem::NotAChoice);
        AppError::Invalid(errors)
    })
}

/// The signed-in actor, if they may approve requests (`orgs::policy::may_approve`).
#[cfg(feature = "ssr")]
async fn approver(db: &sea_orm::DatabaseConnection) -> Result<crate::accounts::types::CurrentUser, AppError> {
    let actor = crate::accounts::actor::require(db).await?;
    if !crate::orgs::policy::may_approve(&actor) {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

/// Everything waiting for approval. Site admins.
#[server(prefix = "/api", endpoint = "approval_queue")]
pub async fn approval_queue() -> Result<crate::orgs::types::ApprovalQueue, AppError> {
    let state = crate::state::app_state()?;
    approver(&state.db).await?;
    crate::orgs::approvals::queue(&state.db).await
}

/// Approves or declines a waiting association or school. Site admins.
#[server(prefix = "/api", endpoint = "decide_organisation")]
pub async fn decide_organisation(slug: String, decision: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = approver(&state.db).await?;
    let decision = self::decision(&decision)?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    crate::orgs::approvals::decide_organisation(&state.db, &state.mail, &actor, &org, decision).await?;
    tracing::info!(organisation = slug, user_id = actor.id, decision = decision.code(), "organisation request decided");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect("/admin/approvals");
    Ok(())
}

/// Approves or declines an association's request to serve a belt. Site admins.
#[server(prefix = "/api", endpoint = "decide_belt")]
pub async fn decide_belt(slug: String, belt: String, decision: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = approver(&state.db).await?;
    let decision = self::decision(&decision)?;
    let org = crate::read::organisation_by_slug(&state.db, &slug).await?;
    let belt_id = crate::orgs::repo::belt_ids(&state.db, std::slice::from_ref(&belt)).await?.map_err(|_| AppError::NotFound)?[0];
    crate::orgs::approvals::decide_belt(&state.db, &state.mail, &actor, &org, belt_id, decision).await?;
    tracing::info!(organisation = slug, belt, user_id = actor.id, decision = decision.code(), "belt request decided");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect("/admin/approvals");
    Ok(())
}

/// Asks a site admin to let an approved association serve one more belt. Its members.
#[server(prefix = "/api", endpoint = "request_belt")]
pub async fn request_belt(slug: String, belt: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::orgs::{policy, types::OrgKind};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = with_standing(&state.db, &actor, &slug).await?;
    if standing.kind != Some(OrgKind::Association) || !standing.approved || !policy::may_edit(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    let Ok(Ok(ids)) = crate::orgs::repo::belt_ids(&state.db, &[belt]).await.map(|found| found.map_err(|_| ())) else {
        let mut errors = FormErrors::new();
        errors.add("belt", Problem::NotAChoice);
        return Err(AppError::Invalid(errors));
    };
    crate::orgs::approvals::request_belt(&state.db, &actor, &org, ids[0]).await?;
    leptos_axum::redirect(&format!("/orgs/{slug}?asked=belt"));
    Ok(())
}

/// Asks to help run an approved association or school. Signed-in users not yet part of it.
#[server(prefix = "/api", endpoint = "ask_to_join")]
pub async fn ask_to_join(slug: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = with_standing(&state.db, &actor, &slug).await?;
    if !crate::orgs::policy::may_ask_to_join(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    crate::orgs::approvals::ask_to_join(&state.db, &state.mail, &actor, &org).await?;
    tracing::info!(organisation = slug, user_id = actor.id, "asked to join");
    leptos_axum::redirect(&format!("/orgs/{slug}?asked=join"));
    Ok(())
}

/// The people waiting to join an organisation. Those who decide on them.
#[server(prefix = "/api", endpoint = "join_requests")]
pub async fn join_requests(slug: String) -> Result<Vec<crate::orgs::types::JoinRequest>, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = with_standing(&state.db, &actor, &slug).await?;
    if !crate::orgs::policy::may_decide_requests(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    crate::orgs::approvals::join_requests(&state.db, &org).await
}

/// Accepts or declines someone's request to help run an organisation. Its
/// owners (once it is approved) and site admins.
#[server(prefix = "/api", endpoint = "decide_join_request")]
pub async fn decide_join_request(slug: String, user_id: i32, decision: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, standing) = with_standing(&state.db, &actor, &slug).await?;
    if !crate::orgs::policy::may_decide_requests(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    let decision = self::decision(&decision)?;
    crate::orgs::approvals::decide_join(&state.db, &state.mail, &org, user_id, decision).await?;
    tracing::info!(organisation = slug, member = user_id, user_id = actor.id, decision = decision.code(), "join request decided");
    leptos_axum::redirect(&format!("/orgs/{slug}#requests"));
    Ok(())
}
