//! Server functions of policy notices: each resolves the actor once, asks
//! `policies::policy`, and calls the data layer with the actor passed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::policies::types::{Deadline, ForMe, NoticeEditor, NoticeList, NoticePage};

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    crate::scouting::rules::china_today(chrono::Utc::now())
}

/// How the publishing association of `row` stands to `actor` (`None`: published for Beltlink).
#[cfg(feature = "ssr")]
async fn publisher_permissions<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: Option<&crate::accounts::types::CurrentUser>,
    row: &crate::entities::policy_notice::Model,
) -> Result<Option<crate::orgs::types::Permissions>, AppError> {
    match row.publisher_id {
        Some(id) => {
            let association = crate::read::organisation_by_id(db, id).await?;
            Ok(Some(crate::orgs::repo::permissions(db, actor, &association).await?))
        }
        None => Ok(None),
    }
}

/// The organisation the actor's matches are shown for: `slug`, or the first
/// of `firms` (theirs); any manufacturer or provider for site admins.
#[cfg(feature = "ssr")]
async fn chosen_firm<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &crate::accounts::types::CurrentUser,
    firms: &[crate::entities::organisation::Model],
    slug: &str,
) -> Result<Option<crate::entities::organisation::Model>, AppError> {
    use crate::orgs::types::OrgKind;
    let chosen = match slug.trim() {
        "" => firms.first().cloned(),
        slug => Some(crate::read::organisation_by_slug(db, slug).await?),
    };
    if let Some(chosen) = &chosen {
        let kind = OrgKind::from_code(&chosen.kind).ok_or(AppError::NotFound)?;
        let permissions = crate::orgs::repo::permissions(db, Some(actor), chosen).await?;
        if !crate::policies::policy::may_see_matches(kind, &permissions) {
            return Err(AppError::NotFound);
        }
    }
    Ok(chosen)
}

/// `/policies?province=…&benefit=…`: every notice, open ones first; public.
#[server(prefix = "/api", endpoint = "list_notices")]
pub async fn list_notices(#[server(default)] province: String, #[server(default)] benefit: String) -> Result<NoticeList, AppError> {
    use crate::policies::{policy, repo, types::Benefit};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let rows = repo::all(&state.db).await?;
    let mut provinces: Vec<String> = rows.iter().filter_map(|r| r.province.clone()).collect();
    provinces.sort();
    provinces.dedup();
    let benefit = Benefit::from_code(benefit.trim());
    let province = province.trim();
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|r| province.is_empty() || r.province.as_deref() == Some(province))
        .filter(|r| benefit.is_none_or(|b| r.benefit == b.code()))
        .collect();
    let publishers = repo::publishers(&state.db, &rows).await?;
    let today = today();
    let (open, closed): (Vec<_>, Vec<_>) = rows.iter().map(|r| repo::card_of(r, &publishers, today)).partition(|c| c.is_open);
    let (may_publish, has_firm) = match &actor {
        Some(actor) => (
            policy::may_publish_as_site(Some(actor)) || !crate::events::repo::managed_associations(&state.db, actor).await?.is_empty(),
            !repo::firms_of(&state.db, actor.id).await?.is_empty(),
        ),
        None => (false, false),
    };
    Ok(NoticeList {
        open,
        closed,
        provinces: provinces
            .into_iter()
            .filter_map(|code| crate::geo::province(&code).map(|p| (code.clone(), crate::i18n::Bilingual::new(p.name_zh, p.name_en))))
            .collect(),
        may_publish,
        has_firm,
    })
}

/// `/policies/{slug}?firm=…`: a notice, its rules in words, and for a
/// signed-in member of a manufacturer or provider how that firm stands on each.
#[server(prefix = "/api", endpoint = "load_notice")]
pub async fn load_notice(slug: String, #[server(default)] firm: String) -> Result<NoticePage, AppError> {
    use crate::policies::{eligibility, policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let row = repo::by_slug(&state.db, slug.trim()).await?;
    let publisher = publisher_permissions(&state.db, actor.as_ref(), &row).await?;
    let now = chrono::Utc::now();
    let (firms, chosen) = match &actor {
        Some(actor) => {
            let firms = repo::firms_of(&state.db, actor.id).await?;
            let chosen = chosen_firm(&state.db, actor, &firms, &firm).await?;
            (firms, chosen)
        }
        None => (Vec::new(), None),
    };
    let facts = match &chosen {
        Some(org) => repo::facts_of(&state.db, org).await?,
        None => None,
    };
    let rules = eligibility::rules(&repo::eligibility_of(&row));
    let this_year = crate::clock::year_in_china(now);
    let names = repo::names(&state.db).await?;
    let publishers = repo::publishers(&state.db, std::slice::from_ref(&row)).await?;
    Ok(NoticePage {
        card: repo::card_of(&row, &publishers, today()),
        summary: crate::i18n::Bilingual::new(&row.summary_zh, &row.summary_en),
        source_url: row.source_url.clone(),
        rules: repo::rule_views(&rules, facts.as_ref(), &names, this_year),
        firms: firms.iter().map(crate::read::named_org).collect(),
        firm: chosen.as_ref().map(crate::read::named_org),
        fit: facts.as_ref().map(|f| eligibility::fit(&rules, f, this_year)),
        signed_in: actor.is_some(),
        may_edit: policy::may_edit(actor.as_ref(), publisher.as_ref()),
        updated_at: row.updated_at.into(),
    })
}

/// `/policies/for-me?firm=…`: the open notices a firm the signed-in person
/// works for qualifies or nearly qualifies for.
#[server(prefix = "/api", endpoint = "policies_for_me")]
pub async fn policies_for_me(#[server(default)] firm: String) -> Result<ForMe, AppError> {
    use crate::policies::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let firms = repo::firms_of(&state.db, actor.id).await?;
    let chosen = chosen_firm(&state.db, &actor, &firms, &firm).await?;
    repo::for_me(&state.db, &firms, chosen.as_ref(), chrono::Utc::now()).await
}

/// For the account page: deadlines within 30 days of notices the signed-in
/// person's organisations qualify for.
#[server(prefix = "/api", endpoint = "policy_deadlines")]
pub async fn policy_deadlines() -> Result<Vec<Deadline>, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    crate::policies::repo::deadlines(&state.db, actor.id, chrono::Utc::now()).await
}

/// The notice form: notice `slug`, or a new one (`new`).
#[server(prefix = "/api", endpoint = "load_notice_editor")]
pub async fn load_notice_editor(slug: String) -> Result<NoticeEditor, AppError> {
    use crate::policies::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let as_site = policy::may_publish_as_site(Some(&actor));
    let (slug, associations, values) = if slug == "new" {
        let managed = crate::events::repo::managed_associations(&state.db, &actor).await?;
        if managed.is_empty() && !as_site {
            return Err(AppError::Forbidden);
        }
        let start = rules::NoticeForm {
            publisher: managed.first().map(|a| a.slug.clone()).unwrap_or_default(),
            org_kinds: vec![crate::orgs::types::OrgKind::Manufacturer.code().to_string()],
            ..rules::NoticeForm::default()
        };
        (None, managed.iter().map(crate::read::named_org).collect(), start.field_values())
    } else {
        let row = repo::by_slug(&state.db, slug.trim()).await?;
        let publisher = publisher_permissions(&state.db, Some(&actor), &row).await?;
        if !policy::may_edit(Some(&actor), publisher.as_ref()) {
            return Err(AppError::Forbidden);
        }
        let association = match row.publisher_id {
            Some(id) => Some(crate::read::organisation_by_id(&state.db, id).await?),
            None => None,
        };
        let publisher_slug = association.as_ref().map(|a| a.slug.clone()).unwrap_or_default();
        let values = rules::NoticeForm::from_data(&publisher_slug, &repo::data_of(&row)).field_values();
        (Some(row.slug), association.iter().map(crate::read::named_org).collect(), values)
    };
    Ok(NoticeEditor {
        slug,
        associations,
        as_site,
        categories: crate::read::all_categories(&state.db).await?,
        belts: crate::read::all_belts(&state.db).await?,
        values,
    })
}

/// Publishes (`slug` = `new`) or changes a notice. An association's
/// organisers for it, site admins for Beltlink or any; every rule in
/// `policies::rules::validate`. Organisations that newly qualify are told.
#[server(prefix = "/api", endpoint = "save_notice")]
pub async fn save_notice(
    slug: String,
    #[server(default)] publisher: String,
    #[server(default)] title_zh: String,
    #[server(default)] title_en: String,
    #[server(default)] issuer_zh: String,
    #[server(default)] issuer_en: String,
    #[server(default)] summary_zh: String,
    #[server(default)] summary_en: String,
    #[server(default)] benefit: String,
    #[server(default)] amount_zh: String,
    #[server(default)] amount_en: String,
    #[server(default)] deadline: String,
    #[server(default)] source_url: String,
    #[server(default)] province: String,
    #[server(default)] city_zh: String,
    #[server(default)] city_en: String,
    #[server(default)] org_kinds: Vec<String>,
    #[server(default)] categories: Vec<String>,
    #[server(default)] belts: Vec<String>,
    #[server(default)] min_annual_sales: String,
    #[server(default)] overseas_warehouse: Option<String>,
    #[server(default)] exports: Option<String>,
    #[server(default)] export_markets: String,
    #[server(default)] min_export_years: String,
    #[server(default)] verified: Option<String>,
) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::policies::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let ticked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    let form = rules::NoticeForm {
        publisher,
        title_zh,
        title_en,
        issuer_zh,
        issuer_en,
        summary_zh,
        summary_en,
        benefit,
        amount_zh,
        amount_en,
        deadline,
        source_url,
        province,
        city_zh,
        city_en,
        org_kinds,
        categories,
        belts,
        min_annual_sales,
        overseas_warehouse: ticked(&overseas_warehouse),
        exports: ticked(&exports),
        export_markets,
        min_export_years,
        verified: ticked(&verified),
    };
    let refuse = |field: &str, problem: Problem| {
        let mut errors = FormErrors::new();
        for (field, value) in form.field_values() {
            errors.keep(&field, &value);
        }
        errors.add(field, problem);
        AppError::Invalid(errors)
    };
    let (existing, publisher) = if slug == "new" {
        let managed = crate::events::repo::managed_associations(&state.db, &actor).await?;
        match form.publisher.trim() {
            "" if policy::may_publish_as_site(Some(&actor)) => (None, None),
            "" if managed.is_empty() => return Err(AppError::Forbidden),
            "" => return Err(refuse("publisher", Problem::Required)),
            chosen => match managed.into_iter().find(|a| a.slug == chosen) {
                Some(association) => (None, Some(association)),
                None if policy::may_publish_as_site(Some(&actor)) => return Err(refuse("publisher", Problem::NotAChoice)),
                None => return Err(AppError::Forbidden),
            },
        }
    } else {
        let row = repo::by_slug(&state.db, slug.trim()).await?;
        let permissions = publisher_permissions(&state.db, Some(&actor), &row).await?;
        if !policy::may_edit(Some(&actor), permissions.as_ref()) {
            return Err(AppError::Forbidden);
        }
        (Some(row), None)
    };
    let slugs = |refs: Vec<crate::belts::types::CategoryRef>| refs.into_iter().map(|c| c.slug).collect::<Vec<_>>();
    let known_categories = slugs(crate::read::all_categories(&state.db).await?);
    let known_belts = slugs(crate::read::all_belts(&state.db).await?);
    let known = rules::Known { categories: &known_categories, belts: &known_belts, today: today() };
    let data = rules::validate(&form, &known).map_err(AppError::Invalid)?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let row = repo::save_in(&txn, publisher.as_ref(), Some(actor.id), existing.as_ref(), &data, false, now).await?;
    let told = repo::tell_matches(&txn, &state.mail, &row, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    state.search.outbox_wake.notify_one();
    tracing::info!(notice = row.slug, user_id = actor.id, told, "policy notice saved");
    leptos_axum::redirect(&format!("/policies/{}?saved={}&told={told}", row.slug, crate::clock::landing_stamp()));
    Ok(())
}
