//! Server functions of applications to programs: applying, the organisers'
//! decisions, withdrawing, confirming a seat offered, and the lists on both
//! sides. Each resolves the actor once and asks `talent::policy`.

use leptos::prelude::*;

use crate::error::AppError;
use crate::talent::types::{ApplicationItem, ReviewPage};

/// What is missing for `profile` to meet `row`'s requirements, in words with what the profile says.
#[cfg(feature = "ssr")]
pub(crate) fn missing_for(
    row: &crate::entities::talent_program::Model,
    profile: &crate::talent::types::GraduateProfileData,
) -> Vec<crate::i18n::Bilingual> {
    use crate::talent::{matching, repo, texts};
    let facts = profile.facts();
    matching::requirements(&repo::eligibility_of(row))
        .iter()
        .filter(|r| matching::judge(r, &facts) != crate::policies::types::Judged::Met)
        .map(|r| {
            crate::i18n::Bilingual::each(|lang| {
                let yours = texts::yours_text(r, profile, lang);
                let needed = texts::requirement_text(r, lang);
                let yours = if yours.is_empty() {
                    texts::texts(lang).not_on_profile.to_string()
                } else {
                    format!("{}{yours}", texts::texts(lang).yours)
                };
                format!("{needed}{}", crate::i18n::bracketed(yours, lang))
            })
        })
        .collect()
}

/// A refusal of a step on application `id`, keeping the id so that only its own form shows it.
#[cfg(feature = "ssr")]
fn refused(id: i32, problem: crate::forms::Problem) -> AppError {
    let mut errors = crate::forms::FormErrors::new();
    errors.keep("id", &id.to_string());
    crate::forms::FormErrors::refusing_kept(errors, "application", problem)
}

/// Applies to program `slug` with a motivation: signed in, with a graduate
/// profile that meets the program's requirements, while it takes applications.
#[server(prefix = "/api", endpoint = "apply_to_program")]
pub async fn apply_to_program(slug: String, #[server(default)] motivation: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::talent::applications::{self, ApplicationStatus};
    use crate::talent::{application_repo, policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !policy::may_apply(Some(&actor)) {
        return Err(AppError::Forbidden);
    }
    let row = repo::by_slug(&state.db, slug.trim()).await?;
    let (_, _, permissions) = crate::talent::api::organiser_standing(&state.db, Some(&actor), &row).await?;
    if !permissions.see {
        return Err(AppError::NotFound);
    }
    let mut errors = FormErrors::new();
    errors.keep("motivation", &motivation);
    let refuse = |problem: Problem| FormErrors::refusing_kept(errors.clone(), "motivation", problem);
    if !repo::is_open(&row, crate::talent::api::today()) {
        return Err(refuse(Problem::ApplicationsClosed));
    }
    let Some(profile) = repo::graduate_of(&state.db, actor.id).await? else {
        return Err(refuse(Problem::NeedsGraduateProfile));
    };
    let missing = missing_for(&row, &profile);
    if !missing.is_empty() {
        return Err(refuse(Problem::NotEligible(missing)));
    }
    let motivation = applications::motivation(&motivation).map_err(refuse)?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let program = application_repo::lock_program(&txn, row.id).await?;
    if let Some(old) = application_repo::of_applicant(&txn, program.id, actor.id).await? {
        match application_repo::status_of(&old, now) {
            ApplicationStatus::Withdrawn | ApplicationStatus::Lapsed => {}
            ApplicationStatus::Declined => return Err(refuse(Problem::AlreadyDecided)),
            _ => return Err(refuse(Problem::AlreadyApplied)),
        }
    }
    application_repo::apply(&txn, &program, actor.id, &motivation, now).await?;
    application_repo::tell_organisers(&txn, &state.mail, &program, actor.id, false).await?;
    txn.commit().await?;
    tracing::info!(program = program.slug, user_id = actor.id, "applied to program");
    leptos_axum::redirect(&format!("/programs/{}?applied={}#apply", program.slug, crate::clock::landing_stamp()));
    Ok(())
}

/// An organiser's decision on application `id`: accept (while a seat is
/// left), waitlist, or decline with a reason. The applicant is told.
#[server(prefix = "/api", endpoint = "decide_program_application")]
pub async fn decide_program_application(
    id: i32,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
    #[server(default)] shown: String,
) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::talent::applications::{self, Decision};
    use crate::talent::{application_repo, policy};
    use sea_orm::EntityTrait;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let application = application_repo::by_id(&state.db, id).await?;
    let row =
        crate::entities::talent_program::Entity::find_by_id(application.program_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let (_, kind, permissions) = crate::talent::api::organiser_standing(&state.db, Some(&actor), &row).await?;
    if !policy::may_review(Some(&actor), kind, &permissions) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    errors.keep("reason", &reason);
    errors.keep("id", &id.to_string());
    let Some(decision) = Decision::from_code(decision.trim()) else {
        return Err(FormErrors::refusing_kept(errors, "decision", Problem::Required));
    };
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    // Locked, then counted: of two organisers taking the last seat at once, the second finds it gone.
    let program = application_repo::lock_program(&txn, row.id).await?;
    let application = application_repo::by_id(&txn, id).await?;
    let rows = application_repo::of_program(&txn, program.id).await?;
    let current = application_repo::status_of(&application, now);
    let next = match applications::decide(current, decision, application_repo::left_in(&program, &rows, now), &reason) {
        Ok(next) => next,
        Err((field, problem)) => return Err(FormErrors::refusing_kept(errors, field, problem)),
    };
    if !application_repo::move_status(&txn, &application, current, next, &reason, Some(actor.id), now).await? {
        return Err(FormErrors::refusing_kept(errors, "decision", Problem::AlreadyDecided));
    }
    application_repo::tell_applicant(&txn, &state.mail, &program, application.applicant_id, next).await?;
    txn.commit().await?;
    tracing::info!(program = program.slug, application = id, status = next.code(), user_id = actor.id, "application decided");
    let shown = crate::talent::applications::ApplicationStatus::from_code(shown.trim())
        .map(|s| format!("status={}&", s.code()))
        .unwrap_or_default();
    leptos_axum::redirect(&format!(
        "/programs/{}/applications?{shown}decided={id}&at={}#application-{id}",
        program.slug,
        crate::clock::landing_stamp()
    ));
    Ok(())
}

/// The actor's own application `id` (`talent::policy::may_act_on_application`),
/// read again inside a write transaction once its program's row is locked.
#[cfg(feature = "ssr")]
async fn own_locked(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    id: i32,
) -> Result<(sea_orm::DatabaseTransaction, crate::entities::talent_program::Model, crate::entities::program_application::Model), AppError> {
    use crate::talent::{application_repo, policy};
    let application = application_repo::by_id(db, id).await?;
    if !policy::may_act_on_application(Some(actor), application.applicant_id) {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin_write(db).await?;
    let program = application_repo::lock_program(&txn, application.program_id).await?;
    let application = application_repo::by_id(&txn, id).await?;
    Ok((txn, program, application))
}

/// The applicant withdraws application `id`; a seat it held is offered to
/// the first on the waitlist, and the organisers are told.
#[server(prefix = "/api", endpoint = "withdraw_program_application")]
pub async fn withdraw_program_application(id: i32) -> Result<(), AppError> {
    use crate::forms::Problem;
    use crate::talent::application_repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let now = chrono::Utc::now();
    let (txn, program, application) = own_locked(&state.db, &actor, id).await?;
    let current = application_repo::status_of(&application, now);
    if !current.is_standing() {
        return Err(refused(id, Problem::AlreadyDecided));
    }
    let withdrawn = crate::talent::applications::ApplicationStatus::Withdrawn;
    if !application_repo::move_status(&txn, &application, current, withdrawn, "", None, now).await? {
        return Err(refused(id, Problem::AlreadyDecided));
    }
    if current.holds_seat() {
        application_repo::fill_freed_seats(&txn, &state.mail, &program, now).await?;
    }
    application_repo::tell_organisers(&txn, &state.mail, &program, actor.id, true).await?;
    txn.commit().await?;
    tracing::info!(program = program.slug, application = id, user_id = actor.id, "application withdrawn");
    leptos_axum::redirect(&format!("/me/applications?withdrawn={id}&at={}", crate::clock::landing_stamp()));
    Ok(())
}

/// The applicant takes the seat offered to them, before its deadline.
#[server(prefix = "/api", endpoint = "confirm_seat")]
pub async fn confirm_seat(id: i32) -> Result<(), AppError> {
    use crate::forms::Problem;
    use crate::talent::application_repo;
    use crate::talent::applications::{self, ApplicationStatus};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let now = chrono::Utc::now();
    let (txn, program, application) = own_locked(&state.db, &actor, id).await?;
    let stored = ApplicationStatus::from_code(&application.status).unwrap_or(ApplicationStatus::Withdrawn);
    if let Err(problem) = applications::may_confirm(stored, application.offer_expires_at, now) {
        return Err(refused(id, problem));
    }
    if !application_repo::move_status(&txn, &application, ApplicationStatus::Offered, ApplicationStatus::Accepted, "", None, now).await? {
        return Err(refused(id, Problem::AlreadyDecided));
    }
    txn.commit().await?;
    tracing::info!(program = program.slug, application = id, user_id = actor.id, "seat confirmed");
    leptos_axum::redirect(&format!("/me/applications?confirmed={id}&at={}", crate::clock::landing_stamp()));
    Ok(())
}

/// `/me/applications`: everything the signed-in person applied to, newest first.
#[server(prefix = "/api", endpoint = "my_program_applications")]
pub async fn my_program_applications() -> Result<Vec<ApplicationItem>, AppError> {
    use crate::talent::{application_repo, policy, repo};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !policy::may_apply(Some(&actor)) {
        return Err(AppError::Forbidden);
    }
    let now = chrono::Utc::now();
    let rows = application_repo::mine(&state.db, actor.id).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.program_id).collect();
    let programs: std::collections::HashMap<i32, crate::entities::talent_program::Model> = crate::entities::talent_program::Entity::find()
        .filter(crate::entities::talent_program::Column::Id.is_in(ids.iter().copied()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let organisers = repo::organisers(&state.db, programs.values()).await?;
    let held = application_repo::held_seats(&state.db, &ids, now).await?;
    let positions = application_repo::waitlist_positions(&application_repo::waitlisted_of(&state.db, &ids).await?, now);
    let today = crate::talent::api::today();
    Ok(rows
        .iter()
        .filter_map(|r| {
            let program = programs.get(&r.program_id)?;
            Some(ApplicationItem {
                card: repo::card_of(program, &organisers, &held, today),
                application: application_repo::my_view(r, &positions, now),
                applied_at: crate::clock::Moment(r.created_at),
            })
        })
        .collect())
}

/// `/programs/{slug}/applications?status=…`: the program's applications for
/// its organisers (and site admins), each with the applicant's profile.
#[server(prefix = "/api", endpoint = "program_applications")]
pub async fn program_applications(slug: String, #[server(default)] status: String) -> Result<ReviewPage, AppError> {
    use crate::talent::applications::ApplicationStatus;
    use crate::talent::types::ReviewItem;
    use crate::talent::{application_repo, policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = repo::by_slug(&state.db, slug.trim()).await?;
    let (organiser, kind, permissions) = crate::talent::api::organiser_standing(&state.db, Some(&actor), &row).await?;
    if !policy::may_review(Some(&actor), kind, &permissions) {
        return Err(AppError::Forbidden);
    }
    let now = chrono::Utc::now();
    let rows = application_repo::of_program(&state.db, row.id).await?;
    let positions = application_repo::waitlist_positions(&rows, now);
    let applicant_ids: Vec<i32> = rows.iter().map(|r| r.applicant_id).collect();
    let (names, profiles_all) = application_repo::applicants(&state.db, &applicant_ids).await?;
    let cvs = crate::talent::cv_store::cvs_of(&state.db, &applicant_ids).await?;
    let shown = ApplicationStatus::from_code(status.trim());
    let counts = ApplicationStatus::ALL
        .iter()
        .map(|s| (*s, rows.iter().filter(|r| application_repo::status_of(r, now) == *s).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let held = application_repo::held_seats(&state.db, &[row.id], now).await?;
    let organisers = std::collections::HashMap::from([(organiser.id, organiser)]);
    let items = rows
        .iter()
        .filter(|r| shown.is_none_or(|s| application_repo::status_of(r, now) == s))
        .map(|r| {
            let mine = application_repo::my_view(r, &positions, now);
            ReviewItem {
                id: r.id,
                name: names.get(&r.applicant_id).cloned().unwrap_or_default(),
                profile: profiles_all.get(&r.applicant_id).cloned(),
                cv: cvs.get(&r.applicant_id).cloned(),
                motivation: mine.motivation,
                status: mine.status,
                reason: mine.reason,
                offer_expires_at: mine.offer_expires_at,
                position: mine.position,
                applied_at: crate::clock::Moment(r.created_at),
            }
        })
        .collect();
    let breakdowns = breakdowns(&rows, &profiles_all, now, crate::request_lang());
    let teams = if row.kind == crate::talent::types::ProgramKind::Competition.code() {
        crate::talent::team_repo::summaries(&state.db, row.id).await?
    } else {
        Vec::new()
    };
    Ok(ReviewPage {
        card: repo::card_of(&row, &organisers, &held, crate::talent::api::today()),
        items,
        status: shown,
        counts,
        breakdowns,
        teams,
    })
}

/// A program's applications counted four ways, each drawn as bars.
#[cfg(feature = "ssr")]
fn breakdowns(
    rows: &[crate::entities::program_application::Model],
    profiles: &std::collections::HashMap<i32, crate::talent::types::GraduateProfileData>,
    now: chrono::DateTime<chrono::Utc>,
    lang: crate::i18n::Lang,
) -> Vec<crate::talent::types::Breakdown> {
    use crate::charts::Tally;
    use crate::i18n::Bilingual;
    use crate::talent::application_repo::status_of;
    use crate::talent::applications::{by_status, school_key, tally};
    if rows.is_empty() {
        return Vec::new();
    }
    let s = |lang| crate::talent::texts::texts(lang);
    let unsaid = Bilingual::each(|lang| s(lang).not_on_profile.to_string());
    let profile = |r: &crate::entities::program_application::Model| profiles.get(&r.applicant_id);
    let status: Vec<Tally> = by_status(rows.iter().map(|r| status_of(r, now)))
        .into_iter()
        .map(|(status, count)| Tally { label: Bilingual::each(|lang| status.label(lang).to_string()), count })
        .collect();
    // Schools as typed: counted by a loose key, shown as first typed.
    let mut spelled: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let school_keys: Vec<String> = rows
        .iter()
        .map(|r| {
            let typed = profile(r).map(|p| p.school.trim().to_string()).unwrap_or_default();
            let key = school_key(&typed);
            spelled.entry(key.clone()).or_insert(typed);
            key
        })
        .collect();
    let schools: Vec<Tally> = tally(school_keys)
        .into_iter()
        .map(|(key, count)| match spelled.get(&key).filter(|t| !t.is_empty()) {
            Some(typed) => Tally { label: Bilingual::new(typed.clone(), typed.clone()), count },
            None => Tally { label: unsaid.clone(), count },
        })
        .collect();
    let majors: Vec<Tally> = tally(rows.iter().map(|r| profile(r).and_then(|p| p.major)))
        .into_iter()
        .map(|(major, count)| Tally {
            label: major.map_or_else(|| unsaid.clone(), |m| Bilingual::each(|lang| m.label(lang).to_string())),
            count,
        })
        .collect();
    let mut years = tally(rows.iter().map(|r| profile(r).and_then(|p| p.graduation_year)));
    // Years read in order; the unsaid last.
    years.sort_by_key(|(year, _)| year.map_or(i32::MAX, |y| y));
    let years: Vec<Tally> = years
        .into_iter()
        .map(|(year, count)| Tally { label: year.map_or_else(|| unsaid.clone(), |y| Bilingual::new(y.to_string(), y.to_string())), count })
        .collect();
    [("status", status), ("school", schools), ("major", majors), ("graduation_year", years)]
        .into_iter()
        .map(|(key, rows)| {
            let svg = crate::charts::bars(&rows, lang).unwrap_or_else(|error| {
                tracing::error!(key, %error, "an applications chart could not be drawn; its table stands alone");
                String::new()
            });
            crate::talent::types::Breakdown { key: key.to_string(), svg, rows }
        })
        .collect()
}

/// `/programs/{slug}/applications.csv`: the program's applications for its
/// organisers, in `lang`, every cell formula-safe. The file's name and bytes.
///
/// # Errors
/// Forbidden to anyone who may not review them; not found for no such program.
#[cfg(feature = "ssr")]
pub async fn applications_file(
    state: &crate::state::AppState,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
    lang: crate::i18n::Lang,
) -> Result<(String, Vec<u8>), AppError> {
    use crate::talent::{application_repo, policy, repo, texts::texts};
    let row = repo::by_slug(&state.db, slug.trim()).await?;
    let (_, kind, permissions) = crate::talent::api::organiser_standing(&state.db, Some(actor), &row).await?;
    if !policy::may_review(Some(actor), kind, &permissions) {
        return Err(AppError::Forbidden);
    }
    let now = chrono::Utc::now();
    let rows = application_repo::of_program(&state.db, row.id).await?;
    let positions = application_repo::waitlist_positions(&rows, now);
    let (names, profiles) = application_repo::applicants(&state.db, &rows.iter().map(|r| r.applicant_id).collect::<Vec<_>>()).await?;
    let s = texts(lang);
    let header = [
        s.csv_applicant,
        s.csv_status,
        s.csv_position,
        s.csv_applied_at,
        s.school,
        s.major,
        s.graduation_year,
        s.languages,
        s.home_province,
        s.skills,
        s.motivation,
        s.reason,
    ];
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let profile = profiles.get(&r.applicant_id);
            let languages = profile
                .map(|p| {
                    p.languages
                        .iter()
                        .map(|l| format!("{}: {}", l.language.label(lang), l.level.label(lang)))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default();
            vec![
                names.get(&r.applicant_id).cloned().unwrap_or_default(),
                application_repo::status_of(r, now).label(lang).to_string(),
                positions.get(&r.id).map(|n| n.to_string()).unwrap_or_default(),
                r.created_at.format("%Y-%m-%d %H:%M").to_string(),
                profile.map(|p| p.school.clone()).unwrap_or_default(),
                profile.and_then(|p| p.major).map(|m| m.label(lang).to_string()).unwrap_or_default(),
                profile.and_then(|p| p.graduation_year).map(|y| y.to_string()).unwrap_or_default(),
                languages,
                profile
                    .and_then(|p| p.province.as_deref())
                    .and_then(crate::geo::province)
                    .map(|g| lang.pick(g.name_zh, g.name_en).to_string())
                    .unwrap_or_default(),
                profile.map(|p| p.skills.clone()).unwrap_or_default(),
                r.motivation.clone(),
                r.reason.clone(),
            ]
        })
        .collect();
    Ok((format!("{}-applications.csv", row.slug), crate::spreadsheet::csv_file(&header, &lines)?))
}
