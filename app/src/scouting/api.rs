//! Server functions of scouting: each resolves the actor once, asks
//! `scouting::policy`, and calls the data layer with the actor passed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::scouting::types::{BriefEditor, BriefList, BriefPage};

/// `/briefs`: open public briefs narrowed by category, belt, platform and
/// market (each a slug or code, empty for any), and, for scouts, their own
/// platforms' briefs.
#[server(prefix = "/api", endpoint = "list_briefs")]
pub async fn list_briefs(category: String, belt: String, platform: String, market: String) -> Result<BriefList, AppError> {
    use crate::scouting::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let given = |v: String| Some(v.trim().chars().take(100).collect::<String>()).filter(|v| !v.is_empty());
    let filter = repo::ListFilter { category: given(category), belt: given(belt), platform: given(platform), market: given(market) };
    let lookup = repo::Lookup::load(&state.db).await?;
    let now = chrono::Utc::now();
    let briefs = repo::open_cards(&state.db, &filter, now, &lookup).await?;
    let (own, may_post, for_firms, unpublished_firms) = match &actor {
        Some(actor) => (
            repo::own_cards(&state.db, actor, &lookup).await?,
            !repo::platforms_for(&state.db, actor).await?.is_empty(),
            repo::firm_fits(&state.db, actor, now, &lookup).await?,
            repo::unpublished_firms(&state.db, actor).await?,
        ),
        None => (Vec::new(), false, Vec::new(), Vec::new()),
    };
    let platforms = crate::read::organisations_of_kind(&state.db, crate::orgs::types::OrgKind::Platform)
        .await?
        .iter()
        .map(crate::read::named_org)
        .collect();
    Ok(BriefList {
        briefs,
        categories: lookup.all_categories,
        belts: lookup.all_belts,
        platforms,
        own,
        may_post,
        for_firms,
        unpublished_firms,
    })
}

/// The open public briefs that target belt `belt`, for its page.
#[server(prefix = "/api", endpoint = "belt_briefs")]
pub async fn belt_briefs(belt: String) -> Result<Vec<crate::scouting::types::BriefCard>, AppError> {
    use crate::scouting::repo;
    let state = crate::state::app_state()?;
    let filter = repo::ListFilter { belt: Some(belt), ..Default::default() };
    let lookup = repo::Lookup::load(&state.db).await?;
    repo::open_cards(&state.db, &filter, chrono::Utc::now(), &lookup).await
}

/// `/briefs/{slug}`: the brief, and its ranked suppliers for those who may see them.
#[server(prefix = "/api", endpoint = "load_brief")]
pub async fn load_brief(slug: String) -> Result<BriefPage, AppError> {
    use crate::scouting::{matching, policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let brief = repo::by_slug(&state.db, &slug).await?;
    let standing = repo::standing(&state.db, actor.as_ref(), &brief).await?;
    if !policy::may_see(actor.as_ref(), &standing) {
        // A brief one may not see is not there, as far as one can tell.
        return Err(AppError::NotFound);
    }
    let data = repo::data_of(&state.db, &brief).await?;
    let lookup = repo::Lookup::load(&state.db).await?;
    let platform = repo::platform_of(&state.db, &brief).await?;
    let reason = brief.close_reason.as_deref().and_then(crate::scouting::types::CloseReason::from_code);
    let (status, close_reason) = rules::status_at(standing.status, reason, brief.deadline, chrono::Utc::now());
    let matches = if policy::may_see_matches(actor.as_ref(), &standing) {
        Some(matching::matches(&state.db, &state.search, &data.needs).await?)
    } else {
        None
    };
    let your_fits = match &actor {
        Some(actor) => repo::own_fits(&state.db, actor, &data.needs).await?,
        None => Vec::new(),
    };
    let audience = match &data.audience {
        Some(audience) => Some(repo::audience_names(&state.db, audience, &lookup).await?),
        None => None,
    };
    Ok(BriefPage {
        slug: brief.slug.clone(),
        asks: lookup.asks(&data.needs, data.price_band),
        title: data.title,
        details: data.details,
        platform: crate::read::named_org(&platform),
        status,
        close_reason,
        open_until: rules::deadline_date(brief.deadline).format("%Y-%m-%d").to_string(),
        audience,
        is_demo: brief.is_demo,
        may_manage: actor.as_ref().is_some_and(|a| policy::may_manage(a, &standing)),
        matches,
        your_fits,
    })
}

/// The brief form's data: brief `slug`, or a new one (`new`).
#[server(prefix = "/api", endpoint = "load_brief_editor")]
pub async fn load_brief_editor(slug: String) -> Result<BriefEditor, AppError> {
    use crate::scouting::{policy, repo, rules, types::BriefStatus};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let platforms = repo::platforms_for(&state.db, &actor).await?;
    let (slug, status, values) = if slug == "new" {
        if platforms.is_empty() {
            return Err(AppError::Forbidden);
        }
        let today = rules::china_today(chrono::Utc::now());
        let start = rules::BriefForm {
            platform: platforms.first().map(|p| p.slug.clone()).unwrap_or_default(),
            deadline: (today + chrono::Duration::days(30)).format("%Y-%m-%d").to_string(),
            visibility: "public".into(),
            capacity_period: "month".into(),
            ..rules::BriefForm::default()
        };
        let mut values = start.field_values();
        values.insert("publish".into(), "yes".into());
        (None, None, values)
    } else {
        let brief = repo::by_slug(&state.db, &slug).await?;
        let standing = repo::standing(&state.db, Some(&actor), &brief).await?;
        if !policy::may_manage(&actor, &standing) {
            return Err(if policy::may_see(Some(&actor), &standing) { AppError::Forbidden } else { AppError::NotFound });
        }
        let platform = repo::platform_of(&state.db, &brief).await?;
        let data = repo::data_of(&state.db, &brief).await?;
        let values = rules::BriefForm::from_data(&platform.slug, &data).field_values();
        (Some(brief.slug), BriefStatus::from_code(&brief.status), values)
    };
    Ok(BriefEditor {
        slug,
        status,
        platforms,
        categories: crate::read::all_categories(&state.db).await?,
        belts: crate::read::all_belts(&state.db).await?,
        associations: repo::associations(&state.db).await?,
        values,
    })
}

/// Creates (`slug` = `new`) or updates a brief, and publishes it when
/// `publish` is ticked. A platform's owners and editors, and site admins;
/// every rule in `scouting::rules::validate`.
#[server(prefix = "/api", endpoint = "save_brief")]
pub async fn save_brief(
    slug: String,
    platform: String,
    title_zh: String,
    title_en: String,
    details_zh: String,
    details_en: String,
    #[server(default)] categories: Vec<String>,
    markets: String,
    #[server(default)] certifications: Vec<String>,
    capacity_value: String,
    capacity_unit: String,
    capacity_period: String,
    max_lead_time_days: String,
    #[server(default)] samples_needed: Option<String>,
    #[server(default)] business_models: Vec<String>,
    price_band: String,
    #[server(default)] belts: Vec<String>,
    deadline: String,
    visibility: String,
    #[server(default)] audience_belts: Vec<String>,
    #[server(default)] audience_associations: Vec<String>,
    #[server(default)] publish: Option<String>,
) -> Result<(), AppError> {
    use crate::forms::FormErrors;
    use crate::scouting::{policy, repo, rules, types::BriefStatus};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let ticked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    let form = rules::BriefForm {
        platform,
        title_zh,
        title_en,
        details_zh,
        details_en,
        categories,
        markets,
        certifications,
        capacity_value,
        capacity_unit,
        capacity_period,
        max_lead_time_days,
        samples_needed: ticked(&samples_needed),
        business_models,
        price_band,
        belts,
        deadline,
        visibility,
        audience_belts,
        audience_associations,
    };
    let publish = ticked(&publish);
    // The brief being changed, and the platform it is (or will be) posted for.
    let existing = if slug == "new" {
        None
    } else {
        let brief = repo::by_slug(&state.db, &slug).await?;
        let standing = repo::standing(&state.db, Some(&actor), &brief).await?;
        if !policy::may_manage(&actor, &standing) {
            return Err(if policy::may_see(Some(&actor), &standing) { AppError::Forbidden } else { AppError::NotFound });
        }
        if standing.status == BriefStatus::Closed {
            return Err(FormErrors::refusing("title_zh", crate::forms::Problem::AlreadyClosed));
        }
        Some(brief)
    };
    let platform = match &existing {
        Some(brief) => repo::platform_of(&state.db, brief).await?,
        None => {
            let allowed = repo::platforms_for(&state.db, &actor).await?;
            if allowed.is_empty() {
                return Err(AppError::Forbidden);
            }
            let Some(chosen) = allowed.iter().find(|p| p.slug == form.platform.trim()) else {
                let mut errors = FormErrors::new();
                for (field, value) in form.field_values() {
                    errors.keep(&field, &value);
                }
                errors.add("platform", crate::forms::Problem::NotAChoice);
                return Err(AppError::Invalid(errors));
            };
            crate::read::organisation_by_slug(&state.db, &chosen.slug).await?
        }
    };
    let slugs = |refs: Vec<crate::belts::types::CategoryRef>| refs.into_iter().map(|c| c.slug).collect::<Vec<_>>();
    let categories = slugs(crate::read::all_categories(&state.db).await?);
    let belts = slugs(crate::read::all_belts(&state.db).await?);
    let associations: Vec<String> = repo::associations(&state.db).await?.into_iter().map(|a| a.slug).collect();
    let known = rules::Known { categories: &categories, belts: &belts, associations: &associations };
    let now = chrono::Utc::now();
    let data = rules::validate(&form, &known, rules::china_today(now)).map_err(|mut errors| {
        errors.keep("publish", if publish { "yes" } else { "" });
        AppError::Invalid(errors)
    })?;
    let txn = crate::db::begin_write(&state.db).await?;
    let slug = repo::save_in(&txn, &platform, Some(actor.id), existing.as_ref(), &data, false).await?;
    if publish && existing.as_ref().is_none_or(|b| b.status == BriefStatus::Draft.code()) {
        let brief = repo::by_slug(&txn, &slug).await?;
        repo::set_status(&txn, &brief, BriefStatus::Open, None, now).await?;
        repo::announce(&txn, &state.mail, &brief).await?;
    }
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(brief = slug, platform = platform.slug, user_id = actor.id, "brief saved");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/briefs/{slug}?saved=1"));
    Ok(())
}

/// Publishes or closes a brief. Its platform's owners and editors, and site admins.
#[server(prefix = "/api", endpoint = "change_brief_status")]
pub async fn change_brief_status(slug: String, change: String) -> Result<(), AppError> {
    use crate::forms::FormErrors;
    use crate::scouting::{policy, repo, rules, types::StatusChange};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let brief = repo::by_slug(&state.db, &slug).await?;
    let standing = repo::standing(&state.db, Some(&actor), &brief).await?;
    if !policy::may_manage(&actor, &standing) {
        return Err(if policy::may_see(Some(&actor), &standing) { AppError::Forbidden } else { AppError::NotFound });
    }
    let change = StatusChange::from_code(change.trim()).ok_or_else(|| FormErrors::refusing("change", crate::forms::Problem::NotAChoice))?;
    let now = chrono::Utc::now();
    let (status, reason) =
        rules::transition(standing.status, change, brief.deadline, now).map_err(|(field, problem)| FormErrors::refusing(field, problem))?;
    let txn = crate::db::begin_write(&state.db).await?;
    repo::set_status(&txn, &brief, status, reason, now).await?;
    if change == StatusChange::Open {
        repo::announce(&txn, &state.mail, &brief).await?;
    }
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(brief = slug, change = change.code(), user_id = actor.id, "brief status changed");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/briefs/{slug}?status={}", change.code()));
    Ok(())
}
