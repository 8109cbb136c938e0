//! Server functions of events: each resolves the actor once, asks
//! `events::policy`, and calls the data layer with the actor passed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::events::types::{EventEditor, EventList, EventPage, EventsOf};

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    crate::scouting::rules::china_today(chrono::Utc::now())
}

#[cfg(feature = "ssr")]
use crate::clock::landing_stamp;

/// An event and the actor's permissions on its association.
#[cfg(feature = "ssr")]
async fn event_for(
    db: &sea_orm::DatabaseConnection,
    actor: Option<&crate::accounts::types::CurrentUser>,
    slug: &str,
) -> Result<(crate::entities::event::Model, crate::entities::organisation::Model, crate::orgs::types::Permissions), AppError> {
    use crate::events::{policy, repo};
    let row = repo::by_slug(db, slug).await?;
    let association = crate::read::organisation_by_id(db, row.association_id).await?;
    let permissions = crate::orgs::repo::permissions(db, actor, &association).await?;
    if !policy::may_view(&permissions, repo::status_of(&row)) {
        // An event one may not see is not there, as far as one can tell.
        return Err(AppError::NotFound);
    }
    Ok((row, association, permissions))
}

/// `/events`: upcoming and past events narrowed by belt, city and platform
/// (each empty for any), and for organisers their associations' events.
#[server(prefix = "/api", endpoint = "list_events")]
pub async fn list_events(
    #[server(default)] belt: String,
    #[server(default)] city: String,
    #[server(default)] platform: String,
) -> Result<EventList, AppError> {
    use crate::events::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let given = |v: String| Some(v.trim().chars().take(100).collect::<String>()).filter(|v| !v.is_empty());
    let filter = repo::ListFilter { belt: given(belt), city: given(city), platform: given(platform) };
    let (upcoming, past) = repo::listed(&state.db, &filter, today()).await?;
    let managed = match &actor {
        Some(actor) => repo::managed_associations(&state.db, actor).await?,
        None => Vec::new(),
    };
    let own = repo::of_associations(&state.db, &managed.iter().map(|a| a.id).collect::<Vec<_>>()).await?;
    let platforms = crate::read::organisations_of_kind(&state.db, crate::orgs::types::OrgKind::Platform)
        .await?
        .iter()
        .map(crate::read::named_org)
        .collect();
    Ok(EventList {
        upcoming,
        past,
        own,
        may_create: !managed.is_empty(),
        belts: crate::read::all_belts(&state.db).await?,
        cities: repo::cities(&state.db).await?,
        platforms,
    })
}

/// A belt's events (upcoming first) and the order intents recorded at them, for its page.
#[server(prefix = "/api", endpoint = "belt_events")]
pub async fn belt_events(belt: String) -> Result<EventsOf, AppError> {
    use crate::entities::belt as belts;
    use crate::entities::event::Column;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = crate::state::app_state()?;
    let Some(found) = belts::Entity::find().filter(belts::Column::Slug.eq(belt.trim())).one(&state.db).await? else {
        return Ok(EventsOf::default());
    };
    Ok(EventsOf {
        cards: crate::events::repo::public_of(&state.db, Column::BeltId, found.id, today()).await?,
        order_intents: crate::events::report_repo::order_intents(&state.db, Column::BeltId, found.id).await?,
    })
}

/// An association's events (upcoming first) and the order intents recorded at them, for its page.
#[server(prefix = "/api", endpoint = "association_events")]
pub async fn association_events(slug: String) -> Result<EventsOf, AppError> {
    use crate::entities::event::Column;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let association = crate::read::organisation_by_slug(&state.db, slug.trim()).await?;
    let permissions = crate::orgs::repo::permissions(&state.db, actor.as_ref(), &association).await?;
    if !crate::events::policy::may_view(&permissions, crate::events::types::EventStatus::Published) {
        return Err(AppError::NotFound);
    }
    Ok(EventsOf {
        cards: crate::events::repo::public_of(&state.db, Column::AssociationId, association.id, today()).await?,
        order_intents: crate::events::report_repo::order_intents(&state.db, Column::AssociationId, association.id).await?,
    })
}

/// `/events/{slug}`: the event for everyone who may see it; the viewer's
/// firms that may register and their registrations; for the organisers,
/// every registration.
#[server(prefix = "/api", endpoint = "load_event")]
pub async fn load_event(slug: String) -> Result<EventPage, AppError> {
    use crate::events::types::*;
    use crate::events::{policy, repo, rules};
    use crate::i18n::Bilingual;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let (row, _association, permissions) = event_for(&state.db, actor.as_ref(), &slug).await?;
    let manages = policy::may_manage(&permissions);
    let status = repo::status_of(&row);
    let today = today();
    let open = rules::registration_open(status, row.registration_opens, row.registration_closes, today);
    let standing = repo::standing_registrations(&state.db, row.id).await?;
    let views = repo::registration_views(&state.db, &standing).await?;
    let (categories, belts) = repo::names(&state.db).await?;
    let sides = Side::ALL
        .iter()
        .map(|&side| {
            let (criteria, seats) = repo::side_terms(&row, side);
            let of_side = views.iter().filter(|v| v.side == side);
            SideView {
                side,
                seats,
                taken: of_side.clone().filter(|v| v.status == RegistrationStatus::Accepted).count() as u32,
                waiting: of_side.clone().filter(|v| v.status == RegistrationStatus::Waitlisted).count() as u32,
                requirements: rules::requirements(&criteria)
                    .iter()
                    .map(|r| Bilingual::each(|lang| crate::readiness::texts::requirement_text(r, &categories, &belts, lang)))
                    .collect(),
                participants: of_side.filter(|v| v.status == RegistrationStatus::Accepted).map(|v| v.firm.clone()).collect(),
            }
        })
        .collect();
    let mut viewer = EventViewer { signed_in: actor.is_some(), manages, ..EventViewer::default() };
    if let Some(actor) = &actor {
        let places = crate::read::active_places(&state.db, actor.id).await?;
        let mine: Vec<i32> = places.keys().copied().collect();
        let firms = crate::read::organisations_by_ids(&state.db, &mine).await?;
        for firm in firms {
            let role = places.get(&firm.id).copied();
            let registered = standing.iter().any(|r| r.organisation_id == firm.id);
            let Some(kind) = crate::orgs::types::OrgKind::from_code(&firm.kind) else { continue };
            if let Ok(side) = policy::may_register(open, &policy::Registrant { kind, role, registered }) {
                viewer.may_register.push((crate::read::named_org(&firm), side));
            }
        }
        // Their own firms' registrations, whatever their place in its team.
        viewer.registrations =
            views.iter().filter(|v| standing.iter().any(|r| r.id == v.id && places.contains_key(&r.organisation_id))).cloned().collect();
    }
    let data = repo::data_of(&state.db, &row).await?;
    let province = match row.belt_id {
        Some(id) => crate::read::belt_province(&state.db, id).await?,
        None => None,
    };
    let cards = repo::cards(&state.db, vec![row.clone()]).await?;
    let card = cards.into_iter().next().ok_or(AppError::NotFound)?;
    let hh_mm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    Ok(EventPage {
        card,
        description: data.description,
        venue: data.venue,
        position: data.position,
        province,
        slots: repo::slots_of(&row).iter().map(|s| format!("{}–{}", hh_mm(s.start), hh_mm(s.end))).collect(),
        breaks: data.breaks.iter().map(|b| format!("{}–{}", hh_mm(b.start), hh_mm(b.end))).collect(),
        slot_minutes: data.slot_minutes,
        tables: data.tables,
        registration_opens: row.registration_opens.format("%Y-%m-%d").to_string(),
        registration_closes: row.registration_closes.format("%Y-%m-%d").to_string(),
        registration_open: open,
        sides,
        viewer,
        registrations: if manages { views } else { Vec::new() },
    })
}

/// The event form's data: event `slug`, or a new one (`new`). The
/// organisers of an association, by `events::policy::may_manage`.
#[server(prefix = "/api", endpoint = "load_event_editor")]
pub async fn load_event_editor(slug: String) -> Result<EventEditor, AppError> {
    use crate::events::{policy, repo, rules, types::EventStatus};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (slug, status, associations, values) = if slug == "new" {
        let managed = repo::managed_associations(&state.db, &actor).await?;
        if managed.is_empty() {
            return Err(AppError::Forbidden);
        }
        let today = today();
        let day = today + chrono::Duration::days(30);
        let start = rules::EventForm {
            association: managed[0].slug.clone(),
            day: day.format("%Y-%m-%d").to_string(),
            starts_at: "09:00".into(),
            ends_at: "17:00".into(),
            slot_minutes: "20".into(),
            breaks: "12:00-13:30".into(),
            tables: "10".into(),
            registration_opens: today.format("%Y-%m-%d").to_string(),
            registration_closes: (day - chrono::Duration::days(3)).format("%Y-%m-%d").to_string(),
            ..rules::EventForm::default()
        };
        (None, None, managed.iter().map(crate::read::named_org).collect(), start.field_values())
    } else {
        let (row, association, permissions) = event_for(&state.db, Some(&actor), &slug).await?;
        if !policy::may_manage(&permissions) {
            return Err(AppError::Forbidden);
        }
        let status = repo::status_of(&row);
        if matches!(status, EventStatus::Cancelled | EventStatus::Finished) {
            return Err(crate::forms::FormErrors::refusing("change", crate::forms::Problem::AlreadyClosed));
        }
        let data = repo::data_of(&state.db, &row).await?;
        let values = rules::EventForm::from_data(&association.slug, &data).field_values();
        (Some(row.slug), Some(status), vec![crate::read::named_org(&association)], values)
    };
    let platforms = crate::read::organisations_of_kind(&state.db, crate::orgs::types::OrgKind::Platform)
        .await?
        .iter()
        .map(crate::read::named_org)
        .collect();
    Ok(EventEditor {
        slug,
        status,
        associations,
        platforms,
        belts: crate::read::all_belts(&state.db).await?,
        categories: crate::read::all_categories(&state.db).await?,
        values,
    })
}

/// Creates (`slug` = `new`, as a draft) or updates an event, publishing it
/// when `publish` is ticked. The association's organisers; every rule in
/// `events::rules::validate`. Registered firms are told when a published
/// event's day, hours or venue change, and a seat added goes to the waitlist.
#[server(prefix = "/api", endpoint = "save_event")]
pub async fn save_event(
    slug: String,
    #[server(default)] association: String,
    #[server(default)] platform: String,
    #[server(default)] belt: String,
    #[server(default)] title_zh: String,
    #[server(default)] title_en: String,
    #[server(default)] description_zh: String,
    #[server(default)] description_en: String,
    #[server(default)] venue_zh: String,
    #[server(default)] venue_en: String,
    #[server(default)] city_zh: String,
    #[server(default)] city_en: String,
    #[server(default)] latitude: String,
    #[server(default)] longitude: String,
    #[server(default)] day: String,
    #[server(default)] starts_at: String,
    #[server(default)] ends_at: String,
    #[server(default)] slot_minutes: String,
    #[server(default)] breaks: String,
    #[server(default)] tables: String,
    #[server(default)] registration_opens: String,
    #[server(default)] registration_closes: String,
    #[server(default)] supplier_seats: String,
    #[server(default)] buyer_seats: String,
    #[server(default)] s_categories: Vec<String>,
    #[server(default)] s_certifications: Vec<String>,
    #[server(default)] s_capacity_value: String,
    #[server(default)] s_capacity_unit: String,
    #[server(default)] s_own_factory: Option<String>,
    #[server(default)] s_min_floor_area: String,
    #[server(default)] s_export_years: String,
    #[server(default)] s_verified: Option<String>,
    #[server(default)] b_verified: Option<String>,
    #[server(default)] publish: Option<String>,
) -> Result<(), AppError> {
    use crate::events::{policy, repo, rules, types::EventStatus};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let ticked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    let form = rules::EventForm {
        association,
        platform,
        belt,
        title_zh,
        title_en,
        description_zh,
        description_en,
        venue_zh,
        venue_en,
        city_zh,
        city_en,
        latitude,
        longitude,
        day,
        starts_at,
        ends_at,
        slot_minutes,
        breaks,
        tables,
        registration_opens,
        registration_closes,
        supplier_seats,
        buyer_seats,
        s_categories,
        s_certifications,
        s_capacity_value,
        s_capacity_unit,
        s_own_factory: ticked(&s_own_factory),
        s_min_floor_area,
        s_export_years,
        s_verified: ticked(&s_verified),
        b_verified: ticked(&b_verified),
    };
    let publish = ticked(&publish);
    let refuse = |field: &str, problem: Problem| {
        let mut errors = FormErrors::new();
        for (field, value) in form.field_values() {
            errors.keep(&field, &value);
        }
        errors.add(field, problem);
        AppError::Invalid(errors)
    };
    let (existing, association) = if slug == "new" {
        let managed = repo::managed_associations(&state.db, &actor).await?;
        if managed.is_empty() {
            return Err(AppError::Forbidden);
        }
        let Some(chosen) = managed.into_iter().find(|a| a.slug == form.association.trim()) else {
            return Err(refuse("association", Problem::NotAChoice));
        };
        (None, chosen)
    } else {
        let (row, association, permissions) = event_for(&state.db, Some(&actor), &slug).await?;
        if !policy::may_manage(&permissions) {
            return Err(AppError::Forbidden);
        }
        if matches!(repo::status_of(&row), EventStatus::Cancelled | EventStatus::Finished) {
            return Err(refuse("title_zh", Problem::AlreadyClosed));
        }
        (Some(row), association)
    };
    let slugs = |refs: Vec<crate::belts::types::CategoryRef>| refs.into_iter().map(|c| c.slug).collect::<Vec<_>>();
    let categories = slugs(crate::read::all_categories(&state.db).await?);
    let belts = slugs(crate::read::all_belts(&state.db).await?);
    let platforms: Vec<String> =
        crate::read::organisations_of_kind(&state.db, crate::orgs::types::OrgKind::Platform).await?.into_iter().map(|p| p.slug).collect();
    let known = rules::Known { platforms: &platforms, belts: &belts, categories: &categories };
    let now = chrono::Utc::now();
    let data = rules::validate(&form, &known, today()).map_err(|mut errors| {
        errors.keep("publish", if publish { "yes" } else { "" });
        AppError::Invalid(errors)
    })?;
    let ids = repo::ids_of(&state.db, &data).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    let slug = repo::save_in(&txn, &association, Some(actor.id), existing.as_ref(), &data, ids, false, now).await?;
    let row = repo::by_slug(&txn, &slug).await?;
    match &existing {
        Some(before) if repo::status_of(before) == EventStatus::Published => {
            let moved = before.day != row.day
                || before.starts_at != row.starts_at
                || before.ends_at != row.ends_at
                || before.venue_zh != row.venue_zh
                || before.venue_en != row.venue_en;
            if moved {
                let t = crate::i18n::Bilingual::new(&row.title_zh, &row.title_en);
                let title = crate::i18n::Bilingual::new(
                    format!("对接会时间或地点有变：{}", t.get(crate::i18n::Lang::Zh)),
                    format!("New date, hours or venue: {}", t.get(crate::i18n::Lang::En)),
                );
                repo::tell_registered(&txn, &state.mail, &row, title).await?;
            }
            repo::fill_seats(&txn, &state.mail, &row, now).await?;
        }
        _ if publish && repo::status_of(&row) == EventStatus::Draft => {
            repo::set_status(&txn, &row, EventStatus::Published, now).await?;
        }
        _ => {}
    }
    txn.commit().await?;
    state.mail.wake.notify_one();
    state.search.outbox_wake.notify_one();
    tracing::info!(event = slug, association = association.slug, user_id = actor.id, "event saved");
    leptos_axum::redirect(&format!("/events/{slug}?saved=1"));
    Ok(())
}

/// Publishes, cancels or finishes an event. Its association's organisers.
#[server(prefix = "/api", endpoint = "change_event_status")]
pub async fn change_event_status(slug: String, change: String) -> Result<(), AppError> {
    use crate::events::{policy, repo, rules, types::StatusChange};
    use crate::forms::FormErrors;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, permissions) = event_for(&state.db, Some(&actor), &slug).await?;
    if !policy::may_manage(&permissions) {
        return Err(AppError::Forbidden);
    }
    let change = StatusChange::from_code(change.trim()).ok_or_else(|| FormErrors::refusing("change", crate::forms::Problem::NotAChoice))?;
    let status = rules::transition(repo::status_of(&row), change, row.day, today())
        .map_err(|(field, problem)| FormErrors::refusing(field, problem))?;
    let txn = crate::db::begin_write(&state.db).await?;
    repo::set_status(&txn, &row, status, chrono::Utc::now()).await?;
    if status == crate::events::types::EventStatus::Cancelled {
        repo::tell_cancelled(&txn, &state.mail, &row).await?;
    }
    txn.commit().await?;
    state.mail.wake.notify_one();
    state.search.outbox_wake.notify_one();
    tracing::info!(event = slug, change = change.code(), user_id = actor.id, "event status changed");
    leptos_axum::redirect(&format!("/events/{slug}?status={}", change.code()));
    Ok(())
}

/// Registers a firm: its owners and editors (`events::policy::may_register`),
/// against the side's entry criteria (a refusal names each one failed) and
/// seats (a full side puts the firm on the waitlist).
#[server(prefix = "/api", endpoint = "register_for_event")]
pub async fn register_for_event(slug: String, #[server(default)] firm: String) -> Result<(), AppError> {
    use crate::events::policy::{self, Refusal};
    use crate::events::registration::{decide, Outcome};
    use crate::events::types::RegistrationStatus;
    use crate::events::{repo, rules};
    use crate::forms::{FormErrors, Problem};
    use crate::i18n::Bilingual;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, _) = event_for(&state.db, Some(&actor), &slug).await?;
    let mut errors = FormErrors::new();
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
    let kind = crate::orgs::types::OrgKind::from_code(&chosen.kind).ok_or(AppError::NotFound)?;
    let today = today();
    let open = rules::registration_open(repo::status_of(&row), row.registration_opens, row.registration_closes, today);
    let txn = crate::db::begin_write(&state.db).await?;
    // Read inside the write transaction: two firms taking the last seat at once queue one behind the other.
    let standing = repo::standing_registrations(&txn, row.id).await?;
    let registered = standing.iter().any(|r| r.organisation_id == chosen.id);
    let side = match policy::may_register(open, &policy::Registrant { kind, role, registered }) {
        Ok(side) => side,
        Err(Refusal::NotYourFirm) => return Err(AppError::Forbidden),
        Err(Refusal::CannotAttend) => return Err(FormErrors::refusing_kept(errors, "firm", Problem::CannotAttend)),
        Err(Refusal::Closed) => return Err(FormErrors::refusing_kept(errors, "firm", Problem::RegistrationClosed)),
        Err(Refusal::AlreadyRegistered) => return Err(FormErrors::refusing_kept(errors, "firm", Problem::AlreadyRegistered)),
    };
    let (criteria, seats) = repo::side_terms(&row, side);
    let facts = repo::facts_of(&txn, &chosen).await?;
    let checks: Vec<_> = rules::requirements(&criteria)
        .iter()
        .map(|r| crate::readiness::rules::judge(r, &facts, crate::clock::year_in_china(chrono::Utc::now())))
        .collect();
    let of_side = |status: RegistrationStatus| standing.iter().filter(|r| r.side == side.code() && r.status == status.code()).count();
    let status = match decide(seats, of_side(RegistrationStatus::Accepted) as u32, of_side(RegistrationStatus::Waitlisted), &checks) {
        Outcome::Accepted => RegistrationStatus::Accepted,
        Outcome::Waitlisted { .. } => RegistrationStatus::Waitlisted,
        Outcome::Refused { failed } => {
            let (categories, belts) = repo::names(&txn).await?;
            let failed = failed
                .iter()
                .map(|(r, standing)| {
                    let words = Bilingual::each(|lang| crate::readiness::texts::requirement_text(r, &categories, &belts, lang));
                    (words, *standing == crate::readiness::types::Standing::NotSaid)
                })
                .collect();
            return Err(FormErrors::refusing_kept(errors, "firm", Problem::CriteriaNotMet(failed)));
        }
    };
    repo::register(&txn, &row, &chosen, side, status, actor.id, chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(event = row.slug, firm = chosen.slug, status = status.code(), user_id = actor.id, "registered for event");
    leptos_axum::redirect(&format!("/events/{}?registered={}&at={}", row.slug, status.code(), landing_stamp()));
    Ok(())
}

/// Withdraws a registration (`events::policy::may_withdraw`); a seat freed
/// goes to the first on the waitlist, who is told.
#[server(prefix = "/api", endpoint = "withdraw_registration")]
pub async fn withdraw_registration(id: i32) -> Result<(), AppError> {
    use crate::events::types::RegistrationStatus;
    use crate::events::{policy, repo};
    use sea_orm::EntityTrait;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let registration = repo::registration_by_id(&state.db, id).await?;
    let row = crate::entities::event::Entity::find_by_id(registration.event_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let role = crate::read::active_places(&state.db, actor.id).await?.get(&registration.organisation_id).copied();
    let status = RegistrationStatus::from_code(&registration.status).unwrap_or(RegistrationStatus::Withdrawn);
    if role.is_none() {
        return Err(AppError::NotFound);
    }
    if !policy::may_withdraw(role, status, repo::status_of(&row)) {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin_write(&state.db).await?;
    repo::withdraw(&txn, &state.mail, &row, &registration, chrono::Utc::now()).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(event = row.slug, registration = id, user_id = actor.id, "registration withdrawn");
    leptos_axum::redirect(&format!("/events/{}?withdrawn={}", row.slug, landing_stamp()));
    Ok(())
}

/// The viewer's firm at an event for the meetings functions: the firm named
/// by `firm` (else the first of theirs registered), its registration, and
/// the viewer's place in its team.
#[cfg(feature = "ssr")]
async fn participant(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    row: &crate::entities::event::Model,
    firm: &str,
) -> Result<
    (
        crate::entities::organisation::Model,
        crate::entities::event_registration::Model,
        Option<crate::accounts::types::MemberRole>,
        Vec<crate::events::types::Named>,
    ),
    AppError,
> {
    use crate::events::meeting_repo;
    let places = crate::read::active_places(db, actor.id).await?;
    let mut registered = Vec::new();
    for org in crate::read::organisations_by_ids(db, &places.keys().copied().collect::<Vec<_>>()).await? {
        if let Some(registration) = meeting_repo::registration_of(db, row.id, org.id).await? {
            registered.push((org, registration));
        }
    }
    let chosen = match firm.trim() {
        "" => registered.first().cloned(),
        slug => registered.iter().find(|(org, _)| org.slug == slug).cloned(),
    };
    let Some((org, registration)) = chosen else {
        // Not in the team of a registered firm: nothing here is theirs.
        return Err(AppError::NotFound);
    };
    let role = places.get(&org.id).copied();
    if !crate::events::policy::may_see_meetings(role) {
        return Err(AppError::Forbidden);
    }
    let others = registered.iter().filter(|(o, _)| o.id != org.id).map(|(o, _)| crate::read::named_org(o)).collect();
    Ok((org, registration, role, others))
}

/// The event and the viewer's firm at it, for the functions that change
/// something of the firm's: its owners and editors only.
#[cfg(feature = "ssr")]
async fn acting_participant(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
    firm: &str,
) -> Result<(crate::entities::event::Model, crate::entities::organisation::Model, crate::entities::event_registration::Model), AppError> {
    let (row, _, _) = event_for(db, Some(actor), slug).await?;
    let (org, registration, role, _) = participant(db, actor, &row, firm).await?;
    if !crate::events::policy::may_act_for(role) {
        return Err(AppError::Forbidden);
    }
    Ok((row, org, registration))
}

/// `/events/{slug}/meetings`: a registered firm's view of the other side
/// (narrowed by `q`), its requests and the slots it cannot attend. Its team.
#[server(prefix = "/api", endpoint = "event_meetings")]
pub async fn event_meetings(
    slug: String,
    #[server(default)] firm: String,
    #[server(default)] q: String,
) -> Result<crate::events::types::MeetingsPage, AppError> {
    use crate::events::{meeting_repo, policy};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, _) = event_for(&state.db, Some(&actor), &slug).await?;
    let (_, registration, role, others) = participant(&state.db, &actor, &row, &firm).await?;
    let q: String = q.chars().take(100).collect();
    meeting_repo::page(&state.db, &row, &registration, others, policy::may_act_for(role), &q, chrono::Utc::now()).await
}

/// A registered firm asks a participant on the other side for a meeting,
/// with a note (`events::meetings::may_request`). Its owners and editors.
#[server(prefix = "/api", endpoint = "request_meeting")]
pub async fn request_meeting(
    slug: String,
    #[server(default)] firm: String,
    #[server(default)] to: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::events::meetings::{self, Party, Refusal};
    use crate::events::types::{RegistrationStatus, Side};
    use crate::events::{meeting_repo, repo};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, org, mine) = acting_participant(&state.db, &actor, &slug, &firm).await?;
    let mut errors = FormErrors::new();
    errors.keep("to", &to);
    errors.keep("note", &note);
    let note = crate::forms::optional_text(&mut errors, "note", &note, meetings::NOTE_MAX);
    let other = match to.trim().parse::<i32>() {
        Ok(id) => repo::registration_by_id(&state.db, id).await.ok().filter(|r| r.event_id == row.id),
        Err(_) => None,
    };
    let Some(other) = other else { return Err(AppError::NotFound) };
    let party = |r: &crate::entities::event_registration::Model| Party {
        registration_id: r.id,
        side: Side::from_code(&r.side).unwrap_or(Side::Supplier),
        accepted: r.status == RegistrationStatus::Accepted.code(),
    };
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let requests = meeting_repo::requests_of(&txn, row.id).await?;
    let (sent, between) = meeting_repo::open_counts(&requests, &row, mine.id, other.id, now);
    match meetings::may_request(meeting_repo::requests_open(&row, now), party(&mine), party(&other), between, sent) {
        Ok(()) => {}
        Err(Refusal::NotParticipant | Refusal::SameSide) => return Err(AppError::Forbidden),
        Err(Refusal::Closed) => errors.add("to", Problem::RequestsClosed),
        Err(Refusal::AlreadyAsked) => errors.add("to", Problem::AlreadyAsked),
        Err(Refusal::LimitReached { max }) => errors.add("to", Problem::TooManyRequests { max }),
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    meeting_repo::send(&txn, &state.mail, &row, &mine, &other, &note, actor.id, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(event = row.slug, firm = org.slug, to = other.id, user_id = actor.id, "meeting requested");
    leptos_axum::redirect(&format!("/events/{}/meetings?firm={}&sent={}", row.slug, org.slug, landing_stamp()));
    Ok(())
}

/// The receiving firm accepts or declines a waiting request. Its owners and editors, before the event's day.
#[server(prefix = "/api", endpoint = "answer_meeting_request")]
pub async fn answer_meeting_request(id: i32, #[server(default)] answer: String) -> Result<(), AppError> {
    use crate::events::meetings::{Answer, RequestStatus};
    use crate::events::{meeting_repo, policy, repo};
    use crate::forms::{FormErrors, Problem};
    use sea_orm::EntityTrait;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let request = meeting_repo::request_by_id(&state.db, id).await?;
    let to = repo::registration_by_id(&state.db, request.to_registration_id).await?;
    let role = crate::read::active_places(&state.db, actor.id).await?.get(&to.organisation_id).copied();
    if role.is_none() {
        return Err(AppError::NotFound);
    }
    if !policy::may_act_for(role) {
        return Err(AppError::Forbidden);
    }
    let row = crate::entities::event::Entity::find_by_id(request.event_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let answer = Answer::from_code(answer.trim()).ok_or_else(|| FormErrors::refusing("answer", Problem::NotAChoice))?;
    let now = chrono::Utc::now();
    if !meeting_repo::requests_open(&row, now) {
        return Err(FormErrors::refusing("id", Problem::RequestsClosed));
    }
    if meeting_repo::status_now(&request, &row, now) != RequestStatus::Pending {
        return Err(FormErrors::refusing("id", Problem::AlreadyClosed));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    meeting_repo::answer(&txn, &state.mail, &row, &request, answer == Answer::Accept, actor.id, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    let firm = crate::read::organisation_by_id(&state.db, to.organisation_id).await?;
    tracing::info!(event = row.slug, request = id, answer = answer.code(), user_id = actor.id, "meeting request answered");
    leptos_axum::redirect(&format!("/events/{}/meetings?firm={}&answered={}&at={}", row.slug, firm.slug, answer.code(), landing_stamp()));
    Ok(())
}

/// The sending firm withdraws a waiting or accepted request. Its owners and editors, before the event's day.
#[server(prefix = "/api", endpoint = "withdraw_meeting_request")]
pub async fn withdraw_meeting_request(id: i32) -> Result<(), AppError> {
    use crate::events::{meeting_repo, policy, repo};
    use crate::forms::{FormErrors, Problem};
    use sea_orm::EntityTrait;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let request = meeting_repo::request_by_id(&state.db, id).await?;
    let from = repo::registration_by_id(&state.db, request.from_registration_id).await?;
    let role = crate::read::active_places(&state.db, actor.id).await?.get(&from.organisation_id).copied();
    if role.is_none() {
        return Err(AppError::NotFound);
    }
    if !policy::may_act_for(role) || request.priority {
        // A priority meeting is the organisers' to change.
        return Err(AppError::Forbidden);
    }
    let row = crate::entities::event::Entity::find_by_id(request.event_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    if !meeting_repo::requests_open(&row, now) {
        return Err(FormErrors::refusing("id", Problem::RequestsClosed));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    meeting_repo::withdraw(&txn, &state.mail, &row, &request, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    let firm = crate::read::organisation_by_id(&state.db, from.organisation_id).await?;
    tracing::info!(event = row.slug, request = id, user_id = actor.id, "meeting request withdrawn");
    leptos_axum::redirect(&format!("/events/{}/meetings?firm={}&withdrawn={}", row.slug, firm.slug, landing_stamp()));
    Ok(())
}

/// A registered firm marks the slots it cannot attend. Its owners and editors, before the event's day.
#[server(prefix = "/api", endpoint = "save_availability")]
pub async fn save_availability(
    slug: String,
    #[server(default)] firm: String,
    #[server(default)] slots: Vec<String>,
) -> Result<(), AppError> {
    use crate::events::{meeting_repo, meetings, repo};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, org, mine) = acting_participant(&state.db, &actor, &slug, &firm).await?;
    if !meeting_repo::requests_open(&row, chrono::Utc::now()) {
        return Err(FormErrors::refusing("slots", Problem::RequestsClosed));
    }
    let chosen = meetings::unavailable_slots(&slots, repo::slots_of(&row).len())
        .ok_or_else(|| FormErrors::refusing("slots", Problem::NotAChoice))?;
    let txn = crate::db::begin_write(&state.db).await?;
    meeting_repo::save_unavailable(&txn, &mine, &chosen).await?;
    txn.commit().await?;
    tracing::info!(event = row.slug, firm = org.slug, slots = chosen.len(), user_id = actor.id, "availability saved");
    leptos_axum::redirect(&format!("/events/{}/meetings?firm={}&saved={}", row.slug, org.slug, landing_stamp()));
    Ok(())
}

/// An organiser sets a priority meeting between a registered supplier and
/// a registered buyer. The association's organisers, before the event's day.
#[server(prefix = "/api", endpoint = "add_priority_meeting")]
pub async fn add_priority_meeting(
    slug: String,
    #[server(default)] supplier: String,
    #[server(default)] buyer: String,
) -> Result<(), AppError> {
    use crate::events::types::{RegistrationStatus, Side};
    use crate::events::{meeting_repo, policy};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, permissions) = event_for(&state.db, Some(&actor), &slug).await?;
    if !policy::may_manage(&permissions) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    errors.keep("supplier", &supplier);
    errors.keep("buyer", &buyer);
    let now = chrono::Utc::now();
    if !meeting_repo::requests_open(&row, now) {
        errors.add("supplier", Problem::RequestsClosed);
        return Err(AppError::Invalid(errors));
    }
    let mut pick = async |field: &str, slug: &str, side: Side| {
        let found = match crate::read::organisation_by_slug(&state.db, slug.trim()).await {
            Ok(org) => meeting_repo::registration_of(&state.db, row.id, org.id).await?,
            Err(_) => None,
        };
        let found = found.filter(|r| r.side == side.code() && r.status == RegistrationStatus::Accepted.code());
        if found.is_none() {
            errors.add(field, Problem::NotAChoice);
        }
        Ok::<_, AppError>(found)
    };
    let supplier_reg = pick("supplier", &supplier, Side::Supplier).await?;
    let buyer_reg = pick("buyer", &buyer, Side::Buyer).await?;
    let (Some(supplier_reg), Some(buyer_reg)) = (supplier_reg, buyer_reg) else {
        return Err(AppError::Invalid(errors));
    };
    let txn = crate::db::begin_write(&state.db).await?;
    meeting_repo::prioritise(&txn, &state.mail, &row, &supplier_reg, &buyer_reg, actor.id, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(event = row.slug, supplier, buyer, user_id = actor.id, "priority meeting set");
    leptos_axum::redirect(&format!("/events/{}?priority={}", row.slug, landing_stamp()));
    Ok(())
}

/// `/events/{slug}/schedule`: the meetings placed and not, and what the last
/// run did. The association's organisers.
#[server(prefix = "/api", endpoint = "event_schedule")]
pub async fn event_schedule(slug: String) -> Result<crate::events::types::SchedulePage, AppError> {
    use crate::events::{policy, schedule_repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, permissions) = event_for(&state.db, Some(&actor), &slug).await?;
    if !policy::may_manage(&permissions) {
        return Err(AppError::Forbidden);
    }
    schedule_repo::page(&state.db, &row, chrono::Utc::now()).await
}

/// Places the accepted requests at slot × table, keeping the published
/// meetings in place unless `rebuild` is set, and tells the firms whose
/// meetings changed. The organisers, while the event is published.
#[server(prefix = "/api", endpoint = "generate_schedule")]
pub async fn generate_schedule(slug: String, #[server(default)] rebuild: String) -> Result<(), AppError> {
    use crate::events::policy::{self, ScheduleRefusal};
    use crate::events::{repo, schedule_repo};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, permissions) = event_for(&state.db, Some(&actor), &slug).await?;
    match policy::may_schedule(&permissions, repo::status_of(&row)) {
        Ok(()) => {}
        Err(ScheduleRefusal::NotOrganiser) => return Err(AppError::Forbidden),
        Err(ScheduleRefusal::NotPublished) => return Err(FormErrors::refusing("rebuild", Problem::ScheduleClosed)),
    }
    let rebuild = !rebuild.trim().is_empty();
    let txn = crate::db::begin_write(&state.db).await?;
    // Read again inside the write: the schedule is made from what stands now.
    let row = repo::by_slug(&txn, &row.slug).await?;
    let run = schedule_repo::run(&txn, &state.mail, &row, rebuild, chrono::Utc::now()).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(
        event = row.slug,
        rebuild,
        placed = run.placed,
        upper_bound = run.upper_bound,
        moved = run.moved.len(),
        dropped = run.dropped.len(),
        user_id = actor.id,
        "schedule made"
    );
    leptos_axum::redirect(&format!("/events/{}/schedule?ran={}", row.slug, landing_stamp()));
    Ok(())
}

/// `/events/{slug}/agenda`: a registered firm's meetings. Its team.
#[server(prefix = "/api", endpoint = "event_agenda")]
pub async fn event_agenda(slug: String, #[server(default)] firm: String) -> Result<crate::events::types::AgendaPage, AppError> {
    use crate::events::{policy, schedule_repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, _) = event_for(&state.db, Some(&actor), &slug).await?;
    let (_, registration, role, others) = participant(&state.db, &actor, &row, &firm).await?;
    schedule_repo::agenda(&state.db, &state.mail, &row, &registration, others, policy::may_act_for(role), chrono::Utc::now()).await
}

/// Makes the firm a calendar subscription address, or a new one that
/// revokes the old. Its owners and editors.
#[server(prefix = "/api", endpoint = "new_calendar_link")]
pub async fn new_calendar_link(slug: String, #[server(default)] firm: String) -> Result<(), AppError> {
    use crate::events::schedule_repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, org, registration) = acting_participant(&state.db, &actor, &slug, &firm).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    schedule_repo::new_token(&txn, &registration).await?;
    txn.commit().await?;
    tracing::info!(event = row.slug, firm = org.slug, user_id = actor.id, "calendar link made");
    leptos_axum::redirect(&format!("/events/{}/agenda?firm={}&link={}", row.slug, org.slug, landing_stamp()));
    Ok(())
}

/// `/events/{slug}/agenda.ics?firm=`: a registered firm's calendar, for its
/// team. Returns the file's name and text. (A plain route, not a server function.)
#[cfg(feature = "ssr")]
pub async fn agenda_calendar(
    state: &crate::state::AppState,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
    firm: &str,
    lang: crate::i18n::Lang,
) -> Result<(String, String), AppError> {
    use crate::events::schedule_repo;
    let (row, _, _) = event_for(&state.db, Some(actor), slug).await?;
    let (org, registration, _, _) = participant(&state.db, actor, &row, firm).await?;
    let text = schedule_repo::calendar_of(&state.db, &state.mail, &row, &registration, lang, chrono::Utc::now()).await?;
    Ok((format!("{}-{}.ics", row.slug, org.slug), text))
}

/// `/calendars/{token}.ics`: the calendar of the registration the secret
/// belongs to, for calendar apps (no session). The secret is the permission;
/// a withdrawn registration's, or an event no longer public, finds nothing.
#[cfg(feature = "ssr")]
pub async fn subscribed_calendar(state: &crate::state::AppState, token: &str, lang: crate::i18n::Lang) -> Result<String, AppError> {
    use crate::events::schedule_repo;
    use sea_orm::EntityTrait;
    let registration = schedule_repo::by_token(&state.db, token).await?.ok_or(AppError::NotFound)?;
    let found = crate::entities::event::Entity::find_by_id(registration.event_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    // An event no longer public (its association hidden) is not there.
    let (row, _, _) = event_for(&state.db, None, &found.slug).await?;
    schedule_repo::calendar_of(&state.db, &state.mail, &row, &registration, lang, chrono::Utc::now()).await
}

/// The event and the actor, for the organisers' day functions: only its
/// organisers (`may_manage`), and changes only while it is published.
#[cfg(feature = "ssr")]
async fn organised(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
    changing: bool,
) -> Result<crate::entities::event::Model, AppError> {
    use crate::events::policy::{self, ScheduleRefusal};
    use crate::events::repo;
    let (row, _, permissions) = event_for(db, Some(actor), slug).await?;
    if !policy::may_manage(&permissions) {
        return Err(AppError::Forbidden);
    }
    if changing {
        match policy::may_schedule(&permissions, repo::status_of(&row)) {
            Ok(()) => {}
            Err(ScheduleRefusal::NotOrganiser) => return Err(AppError::Forbidden),
            Err(ScheduleRefusal::NotPublished) => {
                return Err(crate::forms::FormErrors::refusing("meeting", crate::forms::Problem::ScheduleClosed))
            }
        }
    }
    Ok(row)
}

/// `/events/{slug}/day`: the table plan as it stands, arrivals, no-shows;
/// `moving` names a meeting to offer new places for. The organisers.
#[server(prefix = "/api", endpoint = "event_day")]
pub async fn event_day(slug: String, #[server(default)] moving: String) -> Result<crate::events::types::DayPage, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = organised(&state.db, &actor, &slug, false).await?;
    crate::events::day_repo::page(&state.db, &row, moving.trim().parse().ok(), chrono::Utc::now()).await
}

/// A registration of the event by id (another event's is not there).
#[cfg(feature = "ssr")]
async fn registration_at(
    db: &sea_orm::DatabaseConnection,
    row: &crate::entities::event::Model,
    id: &str,
) -> Result<crate::entities::event_registration::Model, AppError> {
    use crate::events::types::RegistrationStatus;
    let id = id.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
    let found = crate::events::repo::registration_by_id(db, id).await?;
    if found.event_id != row.id || found.status != RegistrationStatus::Accepted.code() {
        return Err(AppError::NotFound);
    }
    Ok(found)
}

/// `/events/{slug}/check-in/{registration}`: what a badge's QR code opens. The organisers.
#[server(prefix = "/api", endpoint = "event_check_in")]
pub async fn event_check_in(slug: String, registration: String) -> Result<crate::events::types::CheckInPage, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = organised(&state.db, &actor, &slug, false).await?;
    let registration = registration_at(&state.db, &row, &registration).await?;
    crate::events::day_repo::check_in_page(&state.db, &row, &registration, chrono::Utc::now()).await
}

/// Marks a firm arrived, or (`arrived` empty) undoes it. The organisers, while the event is published.
#[server(prefix = "/api", endpoint = "check_in_participant")]
pub async fn check_in_participant(
    slug: String,
    registration: String,
    #[server(default)] arrived: String,
    #[server(default)] from: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = organised(&state.db, &actor, &slug, true).await?;
    let found = registration_at(&state.db, &row, &registration).await?;
    let arrived = !arrived.trim().is_empty();
    let txn = crate::db::begin_write(&state.db).await?;
    crate::events::day_repo::check_in(&txn, &found, arrived, chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(event = row.slug, registration = found.id, arrived, user_id = actor.id, "check-in");
    let back = if from == "desk" {
        format!("/events/{}/check-in/{}?saved={}", row.slug, found.id, landing_stamp())
    } else {
        format!("/events/{}/day?saved={}", row.slug, landing_stamp())
    };
    leptos_axum::redirect(&back);
    Ok(())
}

/// Cancels a meeting on the day; both firms are told. The organisers, while the event is published.
#[server(prefix = "/api", endpoint = "cancel_event_meeting")]
pub async fn cancel_event_meeting(slug: String, meeting: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = organised(&state.db, &actor, &slug, true).await?;
    let found = crate::events::day_repo::meeting_by_id(&state.db, row.id, meeting.trim().parse().map_err(|_| AppError::NotFound)?).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    crate::events::day_repo::cancel(&txn, &state.mail, &row, &found, chrono::Utc::now()).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(event = row.slug, meeting = found.id, user_id = actor.id, "meeting cancelled");
    leptos_axum::redirect(&format!("/events/{}/day?cancelled={}", row.slug, landing_stamp()));
    Ok(())
}

/// Moves a meeting to a free place (`slot-table`) both firms can make; both are told.
/// The organisers, while the event is published.
#[server(prefix = "/api", endpoint = "move_event_meeting")]
pub async fn move_event_meeting(slug: String, meeting: String, #[server(default)] place: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = organised(&state.db, &actor, &slug, true).await?;
    let found = crate::events::day_repo::meeting_by_id(&state.db, row.id, meeting.trim().parse().map_err(|_| AppError::NotFound)?).await?;
    if found.cancelled_at.is_some() {
        return Err(FormErrors::refusing("meeting", Problem::AlreadyClosed));
    }
    let place = crate::events::day::parse_place(&place).ok_or_else(|| FormErrors::refusing("place", Problem::NotAChoice))?;
    let txn = crate::db::begin_write(&state.db).await?;
    crate::events::day_repo::move_to(&txn, &state.mail, &row, &found, place, chrono::Utc::now()).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(event = row.slug, meeting = found.id, slot = place.0, table = place.1, user_id = actor.id, "meeting moved");
    leptos_axum::redirect(&format!("/events/{}/day?moved={}", row.slug, landing_stamp()));
    Ok(())
}

/// `/events/{slug}/badge`: a registered firm's printable badge. Its team.
#[server(prefix = "/api", endpoint = "event_badge")]
pub async fn event_badge(slug: String, #[server(default)] firm: String) -> Result<crate::events::types::BadgePage, AppError> {
    use crate::events::types::RegistrationStatus;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, _, _) = event_for(&state.db, Some(&actor), &slug).await?;
    let (_, registration, _, _) = participant(&state.db, &actor, &row, &firm).await?;
    if registration.status != RegistrationStatus::Accepted.code() {
        // A firm on the waitlist has no seat, so no badge.
        return Err(AppError::NotFound);
    }
    crate::events::day_repo::badge(&state.db, &state.mail, &row, &registration, chrono::Utc::now()).await
}

/// A registered firm records how one of its meetings went (no fit, a
/// follow-up, a sample requested, an intent to order) with a note only it
/// and the organisers read. Its owners and editors, once the meeting began.
#[server(prefix = "/api", endpoint = "record_meeting_outcome")]
pub async fn record_meeting_outcome(
    slug: String,
    #[server(default)] firm: String,
    meeting: String,
    #[server(default)] outcome: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::events::day::{Outcome, OUTCOME_NOTE_MAX};
    use crate::events::{day_repo, meeting_repo};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (row, org, registration) = acting_participant(&state.db, &actor, &slug, &firm).await?;
    let found = day_repo::meeting_by_id(&state.db, row.id, meeting.trim().parse().map_err(|_| AppError::NotFound)?).await?;
    let request = meeting_repo::request_by_id(&state.db, found.request_id).await?;
    if request.from_registration_id != registration.id && request.to_registration_id != registration.id {
        // Another pair's meeting is not there, as far as this firm can tell.
        return Err(AppError::NotFound);
    }
    let mut errors = FormErrors::new();
    errors.keep("meeting", &meeting);
    errors.keep("outcome", &outcome);
    errors.keep("note", &note);
    let chosen = Outcome::from_code(outcome.trim());
    if chosen.is_none() {
        errors.add("outcome", Problem::NotAChoice);
    }
    let note = crate::forms::optional_text(&mut errors, "note", &note, OUTCOME_NOTE_MAX);
    let now = chrono::Utc::now();
    if !day_repo::may_record(&row, &found, now) {
        errors.add("outcome", Problem::MeetingNotBegun);
    }
    let Some(chosen) = chosen.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    let txn = crate::db::begin_write(&state.db).await?;
    day_repo::record_outcome(&txn, &found, &registration, chosen, &note, actor.id, now).await?;
    txn.commit().await?;
    tracing::info!(event = row.slug, firm = org.slug, meeting = found.id, outcome = chosen.code(), user_id = actor.id, "outcome recorded");
    leptos_axum::redirect(&format!("/events/{}/agenda?firm={}&recorded={}", row.slug, org.slug, landing_stamp()));
    Ok(())
}

/// `/events/{slug}/report`: meetings held, no-shows and both sides'
/// outcomes, overall and by the supplier's belt and category. The organisers.
#[server(prefix = "/api", endpoint = "event_report")]
pub async fn event_report(slug: String) -> Result<crate::events::types::EventReport, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let row = organised(&state.db, &actor, &slug, false).await?;
    crate::events::report_repo::page(&state.db, &row, crate::request_lang(), chrono::Utc::now()).await
}

/// `/events/{slug}/report.csv`: the report's meetings as a spreadsheet, in
/// `lang`. The organisers. Returns the file's name and bytes. (A plain route,
/// not a server function.)
#[cfg(feature = "ssr")]
pub async fn report_file(
    state: &crate::state::AppState,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
    lang: crate::i18n::Lang,
) -> Result<(String, Vec<u8>), AppError> {
    let row = organised(&state.db, actor, slug, false).await?;
    let bytes = crate::events::report_repo::csv(&state.db, &row, lang, chrono::Utc::now()).await?;
    Ok((format!("{}-report.csv", row.slug), bytes))
}
