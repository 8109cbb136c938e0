//! Server functions of talent programs: each resolves the actor once, asks
//! `talent::policy`, and calls the data layer with the actor passed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::talent::types::{ForYou, GraduateEditor, ProgramEditor, ProgramList, ProgramPage};

#[cfg(feature = "ssr")]
pub(crate) fn today() -> chrono::NaiveDate {
    crate::scouting::rules::china_today(chrono::Utc::now())
}

/// How the organiser of `row` stands to `actor`, with its kind.
#[cfg(feature = "ssr")]
pub(crate) async fn organiser_standing<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: Option<&crate::accounts::types::CurrentUser>,
    row: &crate::entities::talent_program::Model,
) -> Result<(crate::entities::organisation::Model, crate::orgs::types::OrgKind, crate::orgs::types::Permissions), AppError> {
    let organiser = crate::read::organisation_by_id(db, row.organiser_id).await?;
    let kind = crate::orgs::types::OrgKind::from_code(&organiser.kind).ok_or(AppError::NotFound)?;
    let permissions = crate::orgs::repo::permissions(db, actor, &organiser).await?;
    Ok((organiser, kind, permissions))
}

/// `/programs?kind=…&city=…&belt=…&within=…&subsidised=…&seats_left=…`: programs taking
/// applications first, then those closed; public.
#[server(prefix = "/api", endpoint = "list_programs")]
pub async fn list_programs(
    #[server(default)] kind: String,
    #[server(default)] city: String,
    #[server(default)] belt: String,
    #[server(default)] within: String,
    #[server(default)] subsidised: String,
    #[server(default)] seats_left: String,
) -> Result<ProgramList, AppError> {
    use crate::talent::{repo, types::ProgramKind};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    // Each program with its belts, read once for the belt choices and the belt filter.
    let rows: Vec<_> = repo::all_listed(&state.db).await?.into_iter().map(|r| (repo::belt_slugs_of(&r), r)).collect();
    let today = today();
    let mut cities: Vec<crate::i18n::Bilingual> = Vec::new();
    let mut belt_slugs: Vec<String> = Vec::new();
    for (belts, row) in &rows {
        let city = crate::i18n::Bilingual::new(&row.city_zh, &row.city_en);
        if !cities.iter().any(|c| c.zh == city.zh && c.en == city.en) {
            cities.push(city);
        }
        for slug in belts {
            if !belt_slugs.contains(slug) {
                belt_slugs.push(slug.clone());
            }
        }
    }
    let kind = ProgramKind::from_code(kind.trim());
    let city = city.trim();
    let belt = belt.trim();
    let within_days: Option<i64> = within.trim().parse().ok().filter(|d| [30, 90, 365].contains(d));
    let subsidised = !subsidised.trim().is_empty();
    let with_seats_left = !seats_left.trim().is_empty();
    let held =
        crate::talent::application_repo::held_seats(&state.db, &rows.iter().map(|(_, r)| r.id).collect::<Vec<_>>(), chrono::Utc::now())
            .await?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|(belts, _)| belt.is_empty() || belts.iter().any(|s| s == belt))
        .map(|(_, r)| r)
        .filter(|r| kind.is_none_or(|k| r.kind == k.code()))
        .filter(|r| city.is_empty() || r.city_zh == city || r.city_en == city)
        .filter(|r| within_days.is_none_or(|days| r.starts_on >= today && (r.starts_on - today).num_days() <= days))
        .filter(|r| !subsidised || r.subsidised)
        .collect();
    let organisers = repo::organisers(&state.db, &rows).await?;
    let (open, closed): (Vec<_>, Vec<_>) = rows
        .iter()
        .map(|r| repo::card_of(r, &organisers, &held, today))
        .filter(|c| !with_seats_left || c.seats_left != Some(0))
        .partition(|c| c.is_open);
    let may_publish = match &actor {
        Some(actor) => !repo::managed_organisers(&state.db, actor).await?.is_empty(),
        None => false,
    };
    let belts = crate::read::all_belts(&state.db).await?.into_iter().filter(|b| belt_slugs.contains(&b.slug)).collect();
    Ok(ProgramList { open, closed, cities, belts, may_publish, signed_in: actor.is_some() })
}

/// A belt page's programs still taking applications, soonest first; public.
#[server(prefix = "/api", endpoint = "belt_programs")]
pub async fn belt_programs(belt: String) -> Result<Vec<crate::talent::types::ProgramCard>, AppError> {
    use crate::talent::repo;
    let state = crate::state::app_state()?;
    let today = today();
    let belt = belt.trim();
    let rows: Vec<_> = repo::all_listed(&state.db)
        .await?
        .into_iter()
        .filter(|r| repo::is_open(r, today) && repo::belt_slugs_of(r).iter().any(|s| s == belt))
        .collect();
    let organisers = repo::organisers(&state.db, &rows).await?;
    let held =
        crate::talent::application_repo::held_seats(&state.db, &rows.iter().map(|r| r.id).collect::<Vec<_>>(), chrono::Utc::now()).await?;
    Ok(rows.iter().map(|r| repo::card_of(r, &organisers, &held, today)).collect())
}

/// `/programs/{slug}`: a program in full; public unless its organiser is hidden.
#[server(prefix = "/api", endpoint = "load_program")]
pub async fn load_program(slug: String) -> Result<ProgramPage, AppError> {
    use crate::talent::{matching, policy, repo, texts};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let row = repo::by_slug(&state.db, slug.trim()).await?;
    let (organiser, kind, permissions) = organiser_standing(&state.db, actor.as_ref(), &row).await?;
    if !permissions.see {
        return Err(AppError::NotFound);
    }
    let organisers = std::collections::HashMap::from([(organiser.id, organiser)]);
    let belt_slugs = repo::belt_slugs_of(&row);
    let belts = crate::read::all_belts(&state.db).await?.into_iter().filter(|b| belt_slugs.contains(&b.slug)).collect();
    let companies = repo::companies_of(&state.db, row.id).await?.into_iter().filter(|o| o.hidden_at.is_none()).collect::<Vec<_>>();
    let province = crate::geo::province(&row.province).map(|p| crate::i18n::Bilingual::new(p.name_zh, p.name_en)).unwrap_or_default();
    let now = chrono::Utc::now();
    let held = crate::talent::application_repo::held_seats(&state.db, &[row.id], now).await?;
    let may_edit = policy::may_edit(actor.as_ref(), kind, &permissions);
    let apply = match &actor {
        None => crate::talent::types::ApplyPanel::default(),
        Some(actor) => {
            use crate::talent::application_repo as applications;
            let profile = repo::graduate_of(&state.db, actor.id).await?;
            let mine = match applications::of_applicant(&state.db, row.id, actor.id).await? {
                Some(mine) => {
                    let positions = applications::waitlist_positions(&applications::waitlisted_of(&state.db, &[row.id]).await?, now);
                    Some(applications::my_view(&mine, &positions, now))
                }
                None => None,
            };
            crate::talent::types::ApplyPanel {
                signed_in: true,
                has_profile: profile.is_some(),
                missing: profile.as_ref().map(|p| crate::talent::application_api::missing_for(&row, p)).unwrap_or_default(),
                mine,
                may_review: policy::may_review(Some(actor), kind, &permissions),
            }
        }
    };
    let marks = marks_panel(&state.db, actor.as_ref(), &row, &companies).await?;
    let teams = match crate::talent::types::ProgramKind::from_code(&row.kind) {
        Some(crate::talent::types::ProgramKind::Competition) => Some(teams_panel(&state.db, actor.as_ref(), &row).await?),
        _ => None,
    };
    Ok(ProgramPage {
        card: repo::card_of(&row, &organisers, &held, today()),
        summary: crate::i18n::Bilingual::new(&row.summary_zh, &row.summary_en),
        province,
        venue: crate::i18n::Bilingual::new(&row.venue_zh, &row.venue_en),
        cost: crate::i18n::Bilingual::new(&row.cost_zh, &row.cost_en),
        curriculum: crate::i18n::Bilingual::new(&row.curriculum_zh, &row.curriculum_en),
        instruction_languages: repo::languages_of(&row),
        requirements: texts::requirement_words(&matching::requirements(&repo::eligibility_of(&row))),
        belts,
        companies: companies.iter().map(crate::read::named_org).collect(),
        may_edit,
        apply,
        marks,
        teams,
    })
}

/// A competition's teams for `actor`: how many, theirs, and invitations to them.
#[cfg(feature = "ssr")]
async fn teams_panel<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: Option<&crate::accounts::types::CurrentUser>,
    row: &crate::entities::talent_program::Model,
) -> Result<crate::talent::types::TeamsPanel, AppError> {
    use crate::talent::{application_repo, team_repo, teams};
    let mut panel = crate::talent::types::TeamsPanel {
        count: team_repo::count(db, row.id).await?,
        forming: teams::forming(row.starts_on, today()),
        submitting: teams::submitting(row.ends_on, today()),
        ..Default::default()
    };
    if let Some(actor) = actor {
        let status =
            application_repo::of_applicant(db, row.id, actor.id).await?.map(|a| application_repo::status_of(&a, chrono::Utc::now()));
        panel.signed_in = true;
        panel.may_team_up = teams::may_team_up(status);
        panel.mine = team_repo::my_team(db, row.id, actor.id).await?;
        panel.invitations = team_repo::invitations_to(db, row.id, actor.id).await?;
    }
    Ok(panel)
}

/// A job fair's marks for `actor`: whether they may mark, whom they marked,
/// and who marked the employers they run.
#[cfg(feature = "ssr")]
async fn marks_panel<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: Option<&crate::accounts::types::CurrentUser>,
    row: &crate::entities::talent_program::Model,
    companies: &[crate::entities::organisation::Model],
) -> Result<crate::talent::types::MarksPanel, AppError> {
    use crate::talent::{marks_repo, policy, types::ProgramKind};
    let kind = ProgramKind::from_code(&row.kind).unwrap_or(ProgramKind::TrainingCamp);
    let Some(actor) = actor.filter(|_| kind == ProgramKind::JobFair && !companies.is_empty()) else {
        return Ok(crate::talent::types::MarksPanel::default());
    };
    let mine = marks_repo::marked_by(db, row.id, actor.id).await?;
    let mut run = Vec::new();
    for company in companies {
        let permissions = crate::orgs::repo::permissions(db, Some(actor), company).await?;
        if policy::may_see_marks(Some(actor), &permissions) {
            run.push(company);
        }
    }
    let mut markers = marks_repo::markers_of(db, row.id, &run.iter().map(|c| c.id).collect::<Vec<_>>()).await?;
    Ok(crate::talent::types::MarksPanel {
        may_mark: policy::may_mark(Some(actor), kind) && row.ends_on >= today(),
        marked: companies.iter().filter(|c| mine.contains(&c.id)).map(|c| c.slug.clone()).collect(),
        employers: run
            .into_iter()
            .map(|c| crate::talent::types::EmployerMarks {
                firm: crate::read::named_org(c),
                graduates: markers.remove(&c.id).unwrap_or_default(),
            })
            .collect(),
    })
}

/// Marks (`want` = `yes`) or unmarks an employer taking part in job fair
/// `slug` as one the signed-in person wants to meet; until the fair is over.
#[server(prefix = "/api", endpoint = "mark_employer")]
pub async fn mark_employer(slug: String, #[server(default)] employer: String, #[server(default)] want: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::talent::{marks_repo, policy, repo, types::ProgramKind};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = repo::by_slug(&state.db, slug.trim()).await?;
    let (_, _, permissions) = organiser_standing(&state.db, Some(&actor), &row).await?;
    if !permissions.see {
        return Err(AppError::NotFound);
    }
    if !policy::may_mark(Some(&actor), ProgramKind::from_code(&row.kind).unwrap_or(ProgramKind::TrainingCamp)) {
        return Err(AppError::Forbidden);
    }
    if row.ends_on < today() {
        return Err(FormErrors::refusing("employer", Problem::AlreadyClosed));
    }
    let companies = repo::companies_of(&state.db, row.id).await?;
    let Some(company) = companies.iter().find(|c| c.slug == employer.trim() && c.hidden_at.is_none()) else {
        return Err(FormErrors::refusing("employer", Problem::NotAChoice));
    };
    marks_repo::set(&state.db, row.id, company.id, actor.id, want.trim() == "yes", chrono::Utc::now()).await?;
    tracing::info!(program = row.slug, employer = company.slug, user_id = actor.id, "employer mark set");
    leptos_axum::redirect(&format!("/programs/{}?marked={}#companies", row.slug, crate::clock::landing_stamp()));
    Ok(())
}

/// `/me/graduate`: the signed-in person's graduate profile, to fill in.
#[server(prefix = "/api", endpoint = "load_graduate_editor")]
pub async fn load_graduate_editor() -> Result<GraduateEditor, AppError> {
    use crate::talent::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !policy::may_keep_profile(Some(&actor)) {
        return Err(AppError::Forbidden);
    }
    let saved = repo::graduate_of(&state.db, actor.id).await?;
    let values = saved.as_ref().map(rules::GraduateForm::from_data).unwrap_or_default().field_values();
    let cv = crate::talent::cv_store::cv_of(&state.db, actor.id).await?;
    Ok(GraduateEditor { exists: saved.is_some(), cv, belts: crate::read::all_belts(&state.db).await?, values })
}

/// Deletes the signed-in person's CV (uploading one is the multipart form of `/me/graduate/cv`).
#[server(prefix = "/api", endpoint = "delete_graduate_cv")]
pub async fn delete_graduate_cv() -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !crate::talent::policy::may_keep_profile(Some(&actor)) {
        return Err(AppError::Forbidden);
    }
    crate::talent::cv_store::delete_cv(&state, actor.id).await?;
    tracing::info!(user_id = actor.id, "CV deleted");
    leptos_axum::redirect(&format!("/me/graduate?cv=deleted&at={}#cv", crate::clock::landing_stamp()));
    Ok(())
}

/// Saves the signed-in person's graduate profile; every rule in `talent::rules::validate_graduate`.
#[server(prefix = "/api", endpoint = "save_graduate_profile")]
pub async fn save_graduate_profile(
    #[server(default)] school: String,
    #[server(default)] major: String,
    #[server(default)] graduation_year: String,
    #[server(default)] province: String,
    #[server(default)] language_1: String,
    #[server(default)] level_1: String,
    #[server(default)] language_2: String,
    #[server(default)] level_2: String,
    #[server(default)] language_3: String,
    #[server(default)] level_3: String,
    #[server(default)] skills: String,
    #[server(default)] preferred_cities: String,
    #[server(default)] preferred_belts: Vec<String>,
    #[server(default)] preferred_kinds: Vec<String>,
    #[server(default)] statement: String,
) -> Result<(), AppError> {
    use crate::talent::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !policy::may_keep_profile(Some(&actor)) {
        return Err(AppError::Forbidden);
    }
    let form = rules::GraduateForm {
        school,
        major,
        graduation_year,
        province,
        languages: vec![(language_1, level_1), (language_2, level_2), (language_3, level_3)],
        skills,
        preferred_cities,
        preferred_belts,
        preferred_kinds,
        statement,
    };
    let belts: Vec<String> = crate::read::all_belts(&state.db).await?.into_iter().map(|b| b.slug).collect();
    let data = rules::validate_graduate(&form, &belts).map_err(AppError::Invalid)?;
    repo::save_graduate(&state.db, actor.id, &data, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/programs/for-you?saved={}", crate::clock::landing_stamp()));
    Ok(())
}

/// `/programs/for-you`: open programs ranked for the signed-in person's profile.
#[server(prefix = "/api", endpoint = "programs_for_you")]
pub async fn programs_for_you() -> Result<ForYou, AppError> {
    use crate::talent::{policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !policy::may_keep_profile(Some(&actor)) {
        return Err(AppError::Forbidden);
    }
    Ok(match repo::graduate_of(&state.db, actor.id).await? {
        Some(profile) => ForYou { has_profile: true, items: repo::for_you(&state.db, &profile, today()).await? },
        None => ForYou { has_profile: false, items: Vec::new() },
    })
}

/// The program form: program `slug`, or a new one (`new`).
#[server(prefix = "/api", endpoint = "load_program_editor")]
pub async fn load_program_editor(slug: String) -> Result<ProgramEditor, AppError> {
    use crate::talent::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (slug, organisers, values) = if slug == "new" {
        let managed = repo::managed_organisers(&state.db, &actor).await?;
        if managed.is_empty() {
            return Err(AppError::Forbidden);
        }
        let start = rules::ProgramForm {
            organiser: managed.first().map(|o| o.slug.clone()).unwrap_or_default(),
            instruction_languages: vec![crate::suppliers::types::Language::Chinese.code().to_string()],
            ..rules::ProgramForm::default()
        };
        (None, managed.iter().map(crate::read::named_org).collect(), start.field_values())
    } else {
        let row = repo::by_slug(&state.db, slug.trim()).await?;
        let (organiser, kind, permissions) = organiser_standing(&state.db, Some(&actor), &row).await?;
        if !policy::may_edit(Some(&actor), kind, &permissions) {
            return Err(AppError::Forbidden);
        }
        let companies = repo::companies_of(&state.db, row.id).await?.into_iter().map(|o| o.slug).collect();
        let values = rules::ProgramForm::from_data(&organiser.slug, &repo::data_of(&row, companies)).field_values();
        (Some(row.slug), vec![crate::read::named_org(&organiser)], values)
    };
    Ok(ProgramEditor { slug, organisers, belts: crate::read::all_belts(&state.db).await?, values })
}

/// Publishes (`slug` = `new`) or changes a program. An organiser's owners and
/// editors for it, site admins for any; every rule in `talent::rules::validate`.
#[server(prefix = "/api", endpoint = "save_program")]
pub async fn save_program(
    slug: String,
    #[server(default)] organiser: String,
    #[server(default)] kind: String,
    #[server(default)] title_zh: String,
    #[server(default)] title_en: String,
    #[server(default)] summary_zh: String,
    #[server(default)] summary_en: String,
    #[server(default)] province: String,
    #[server(default)] city_zh: String,
    #[server(default)] city_en: String,
    #[server(default)] venue_zh: String,
    #[server(default)] venue_en: String,
    #[server(default)] starts_on: String,
    #[server(default)] ends_on: String,
    #[server(default)] applications_close: String,
    #[server(default)] seats: String,
    #[server(default)] cost_zh: String,
    #[server(default)] cost_en: String,
    #[server(default)] subsidised: Option<String>,
    #[server(default)] curriculum_zh: String,
    #[server(default)] curriculum_en: String,
    #[server(default)] instruction_languages: Vec<String>,
    #[server(default)] belts: Vec<String>,
    #[server(default)] companies: String,
    #[server(default)] graduation_from: String,
    #[server(default)] graduation_to: String,
    #[server(default)] majors: Vec<String>,
    #[server(default)] language: String,
    #[server(default)] language_level: String,
    #[server(default)] from_province: String,
) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::talent::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let form = rules::ProgramForm {
        organiser,
        kind,
        title_zh,
        title_en,
        summary_zh,
        summary_en,
        province,
        city_zh,
        city_en,
        venue_zh,
        venue_en,
        starts_on,
        ends_on,
        applications_close,
        seats,
        cost_zh,
        cost_en,
        subsidised: subsidised.as_deref().is_some_and(|v| !v.is_empty()),
        curriculum_zh,
        curriculum_en,
        instruction_languages,
        belts,
        companies,
        graduation_from,
        graduation_to,
        majors,
        language,
        language_level,
        from_province,
    };
    let refuse = |field: &str, problem: Problem| {
        let mut errors = FormErrors::new();
        for (field, value) in form.field_values() {
            errors.keep(&field, &value);
        }
        errors.add(field, problem);
        AppError::Invalid(errors)
    };
    let (existing, organiser) = if slug == "new" {
        let managed = repo::managed_organisers(&state.db, &actor).await?;
        if managed.is_empty() {
            return Err(AppError::Forbidden);
        }
        match form.organiser.trim() {
            "" => return Err(refuse("organiser", Problem::Required)),
            chosen => match managed.into_iter().find(|o| o.slug == chosen) {
                Some(organiser) => (None, organiser),
                None => return Err(AppError::Forbidden),
            },
        }
    } else {
        let row = repo::by_slug(&state.db, slug.trim()).await?;
        let (organiser, kind, permissions) = organiser_standing(&state.db, Some(&actor), &row).await?;
        if !policy::may_edit(Some(&actor), kind, &permissions) {
            return Err(AppError::Forbidden);
        }
        (Some(row), organiser)
    };
    let known_belts: Vec<String> = crate::read::all_belts(&state.db).await?.into_iter().map(|b| b.slug).collect();
    let companies = repo::companies_by_slugs(&state.db, &rules::company_slugs(&form.companies)).await?;
    let company_slugs: Vec<String> = companies.iter().map(|o| o.slug.clone()).collect();
    let known = rules::Known { belts: &known_belts, companies: &company_slugs, today: today(), is_new: existing.is_none() };
    let data = rules::validate(&form, &known).map_err(AppError::Invalid)?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let row = repo::save_in(&txn, &organiser, Some(actor.id), existing.as_ref(), &data, &companies, false, now).await?;
    txn.commit().await?;
    state.search.outbox_wake.notify_one();
    tracing::info!(program = row.slug, user_id = actor.id, "talent program saved");
    leptos_axum::redirect(&format!("/programs/{}?saved={}", row.slug, crate::clock::landing_stamp()));
    Ok(())
}
