//! Meeting requests and availability in the database: a firm's meetings
//! page, sending, answering and withdrawing requests, organisers' priority
//! meetings, and the slots a firm cannot attend — with the other firm told.
//! Server only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{event, event_meeting, event_registration, meeting_request, organisation};
use crate::error::AppError;
use crate::events::meetings::{self, RequestStatus};
use crate::events::repo;
use crate::events::types::*;
use crate::i18n::Bilingual;
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::read::named_org;
use crate::state::MailSettings;

/// The firm's standing registration at the event, if any.
pub async fn registration_of<C: ConnectionTrait>(
    db: &C,
    event_id: i32,
    firm_id: i32,
) -> Result<Option<event_registration::Model>, AppError> {
    Ok(event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::OrganisationId.eq(firm_id))
        .filter(event_registration::Column::Status.ne(RegistrationStatus::Withdrawn.code()))
        .one(db)
        .await?)
}

pub async fn request_by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<meeting_request::Model, AppError> {
    meeting_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn requests_of<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<Vec<meeting_request::Model>, AppError> {
    Ok(meeting_request::Entity::find()
        .filter(meeting_request::Column::EventId.eq(event_id))
        .order_by_asc(meeting_request::Column::CreatedAt)
        .order_by_asc(meeting_request::Column::Id)
        .all(db)
        .await?)
}

/// A request's status now (a pending one past the close has expired).
pub fn status_now(request: &meeting_request::Model, row: &event::Model, now: DateTime<Utc>) -> RequestStatus {
    let stored = RequestStatus::from_code(&request.status).unwrap_or(RequestStatus::Withdrawn);
    meetings::status_at(stored, meetings::requests_close_at(row.day), now)
}

/// The open requests `registration_id` sent, and whether one is open between the two.
pub fn open_counts(requests: &[meeting_request::Model], row: &event::Model, from: i32, to: i32, now: DateTime<Utc>) -> (usize, bool) {
    let open: Vec<&meeting_request::Model> = requests.iter().filter(|r| meetings::is_open(status_now(r, row, now))).collect();
    let sent = open.iter().filter(|r| r.from_registration_id == from).count();
    let between = open.iter().any(|r| {
        (r.from_registration_id == from && r.to_registration_id == to) || (r.from_registration_id == to && r.to_registration_id == from)
    });
    (sent, between)
}

/// Whether requests may be sent or answered at `now`: published, before its day.
pub fn requests_open(row: &event::Model, now: DateTime<Utc>) -> bool {
    repo::status_of(row) == EventStatus::Published && now < meetings::requests_close_at(row.day)
}

fn views(requests: &[&meeting_request::Model], firms: &HashMap<i32, Named>, row: &event::Model, now: DateTime<Utc>) -> Vec<RequestView> {
    requests
        .iter()
        .filter_map(|r| {
            Some(RequestView {
                id: r.id,
                from: firms.get(&r.from_registration_id)?.clone(),
                to: firms.get(&r.to_registration_id)?.clone(),
                note: r.note.clone(),
                status: status_now(r, row, now),
                priority: r.priority,
                created_at: r.created_at.into(),
            })
        })
        .collect()
}

/// Registered firms by registration id.
pub async fn firms_by_registration<C: ConnectionTrait>(
    db: &C,
    registrations: &[event_registration::Model],
) -> Result<HashMap<i32, Named>, AppError> {
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(registrations.iter().map(|r| r.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    Ok(registrations.iter().filter_map(|r| Some((r.id, named_org(orgs.get(&r.organisation_id)?)))).collect())
}

/// `/events/{slug}/meetings` for `mine`, a standing registration; `query`
/// narrows the other side by name or category, in either language.
#[allow(clippy::too_many_arguments)]
pub async fn page<C: ConnectionTrait>(
    db: &C,
    row: &event::Model,
    mine: &event_registration::Model,
    other_firms: Vec<Named>,
    may_act: bool,
    query: &str,
    now: DateTime<Utc>,
) -> Result<MeetingsPage, AppError> {
    let side = Side::from_code(&mine.side).unwrap_or(Side::Supplier);
    let standing = repo::standing_registrations(db, row.id).await?;
    let firms = firms_by_registration(db, &standing).await?;
    let others: Vec<&event_registration::Model> =
        standing.iter().filter(|r| r.side != mine.side && r.status == RegistrationStatus::Accepted.code()).collect();
    let categories = crate::read::categories_by_org(db, others.iter().map(|r| r.organisation_id)).await?;
    let requests = requests_of(db, row.id).await?;
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut counterparts = Vec::new();
    for other in others {
        let Some(firm) = firms.get(&other.id) else { continue };
        let names: Vec<Bilingual> =
            categories.get(&other.organisation_id).map(|c| c.iter().map(|c| c.name.clone()).collect()).unwrap_or_default();
        let haystack =
            std::iter::once(&firm.name).chain(names.iter()).map(|b| format!("{} {}", b.zh, b.en).to_lowercase()).collect::<String>();
        if !words.iter().all(|w| haystack.contains(w.as_str())) {
            continue;
        }
        let open_request = requests
            .iter()
            .filter(|r| {
                (r.from_registration_id == mine.id && r.to_registration_id == other.id)
                    || (r.from_registration_id == other.id && r.to_registration_id == mine.id)
            })
            .map(|r| status_now(r, row, now))
            .find(|s| meetings::is_open(*s));
        counterparts.push(Counterpart { registration_id: other.id, firm: firm.clone(), categories: names, open_request });
    }
    counterparts.sort_by(|a, b| a.firm.name.en.to_lowercase().cmp(&b.firm.name.en.to_lowercase()).then(a.firm.slug.cmp(&b.firm.slug)));
    let incoming: Vec<&meeting_request::Model> = requests.iter().filter(|r| r.to_registration_id == mine.id).collect();
    let outgoing: Vec<&meeting_request::Model> = requests.iter().filter(|r| r.from_registration_id == mine.id).collect();
    let open_outgoing = outgoing.iter().filter(|r| meetings::is_open(status_now(r, row, now))).count();
    let closes = meetings::requests_close_at(row.day).with_timezone(&crate::clock::china());
    let card = repo::cards(db, vec![row.clone()]).await?.into_iter().next().ok_or(AppError::NotFound)?;
    Ok(MeetingsPage {
        event: card,
        firm: firms.get(&mine.id).cloned().ok_or(AppError::NotFound)?,
        side,
        other_firms,
        may_act,
        registered: mine.status == RegistrationStatus::Accepted.code(),
        requests_open: requests_open(row, now),
        requests_close: closes.format("%Y-%m-%d %H:%M").to_string(),
        counterparts,
        incoming: views(&incoming, &firms, row, now),
        outgoing: views(&outgoing, &firms, row, now),
        open_outgoing,
        limit: meetings::OPEN_REQUESTS_MAX,
        slots: repo::slots_of(row).iter().map(crate::events::timetable::Slot::label).collect(),
        unavailable: meetings::stored_slots(&mine.unavailable_slots),
    })
}

/// Tells a firm's people of a meeting request, linking to its meetings page.
async fn tell<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    firm_id: i32,
    title: Bilingual,
) -> Result<(), AppError> {
    tell_firm(txn, mail, firm_id, NotificationKind::MeetingRequest, title, &format!("/events/{}/meetings", row.slug)).await
}

async fn tell_firm<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    firm_id: i32,
    kind: NotificationKind,
    title: Bilingual,
    link: &str,
) -> Result<(), AppError> {
    let notice = Notice { kind, title, link: link.to_string() };
    notify(txn, mail, &crate::read::active_runners(txn, &[firm_id]).await?, &notice).await
}

/// Records `from`'s request to meet `to` and tells `to`'s people.
#[allow(clippy::too_many_arguments)]
pub async fn send<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    from: &event_registration::Model,
    to: &event_registration::Model,
    note: &str,
    actor_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    meeting_request::Entity::insert(meeting_request::ActiveModel {
        event_id: Set(row.id),
        from_registration_id: Set(from.id),
        to_registration_id: Set(to.id),
        note: Set(note.to_string()),
        status: Set(RequestStatus::Pending.code().to_string()),
        priority: Set(false),
        created_by: Set(Some(actor_id)),
        answered_by: Set(None),
        created_at: Set(now),
        answered_at: Set(None),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    let sender = named_org(&crate::read::organisation_by_id(txn, from.organisation_id).await?);
    let t = repo::title_of(row);
    let title = Bilingual::new(
        format!("{} 约你洽谈：{}", sender.name.get(crate::i18n::Lang::Zh), t.zh),
        format!("{} asks to meet you at {}", sender.name.get(crate::i18n::Lang::En), t.en),
    );
    tell(txn, mail, row, to.organisation_id, title).await
}

/// Accepts or declines a pending request and tells the sender. The first
/// answer stands.
pub async fn answer<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    request: &meeting_request::Model,
    accept: bool,
    actor_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let status = if accept { RequestStatus::Accepted } else { RequestStatus::Declined };
    let updated = meeting_request::Entity::update_many()
        .col_expr(meeting_request::Column::Status, Expr::value(status.code()))
        .col_expr(meeting_request::Column::AnsweredBy, Expr::value(Some(actor_id)))
        .col_expr(meeting_request::Column::AnsweredAt, Expr::value(Some(now)))
        .filter(meeting_request::Column::Id.eq(request.id))
        .filter(meeting_request::Column::Status.eq(RequestStatus::Pending.code()))
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(crate::forms::FormErrors::refusing("id", crate::forms::Problem::AlreadyClosed));
    }
    let to = repo::registration_by_id(txn, request.to_registration_id).await?;
    let from = repo::registration_by_id(txn, request.from_registration_id).await?;
    let answered_by = named_org(&crate::read::organisation_by_id(txn, to.organisation_id).await?);
    let (zh, en) = (answered_by.name.get(crate::i18n::Lang::Zh).to_string(), answered_by.name.get(crate::i18n::Lang::En).to_string());
    let t = repo::title_of(row);
    let title = if accept {
        Bilingual::new(format!("{zh} 接受了洽谈邀约：{}", t.zh), format!("{en} accepted your meeting request at {}", t.en))
    } else {
        Bilingual::new(format!("{zh} 婉拒了洽谈邀约：{}", t.zh), format!("{en} declined your meeting request at {}", t.en))
    };
    tell(txn, mail, row, from.organisation_id, title).await
}

/// Withdraws a waiting or accepted request (its sender's); a meeting placed
/// for it leaves the schedule, and the other firm is told.
pub async fn withdraw<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    request: &meeting_request::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let updated = meeting_request::Entity::update_many()
        .col_expr(meeting_request::Column::Status, Expr::value(RequestStatus::Withdrawn.code()))
        .col_expr(meeting_request::Column::AnsweredAt, Expr::value(Some(now)))
        .filter(meeting_request::Column::Id.eq(request.id))
        .filter(meeting_request::Column::Status.is_in([RequestStatus::Pending.code(), RequestStatus::Accepted.code()]))
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(crate::forms::FormErrors::refusing("id", crate::forms::Problem::AlreadyClosed));
    }
    unschedule(txn, mail, row, std::slice::from_ref(request), request.from_registration_id).await
}

/// Withdraws every open request to or from a registration (its firm left
/// the event); their placed meetings leave the schedule, the other firms told.
pub async fn withdraw_all_of<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    registration_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let open = [RequestStatus::Pending.code(), RequestStatus::Accepted.code()];
    let involving = sea_orm::Condition::any()
        .add(meeting_request::Column::FromRegistrationId.eq(registration_id))
        .add(meeting_request::Column::ToRegistrationId.eq(registration_id));
    let requests =
        meeting_request::Entity::find().filter(involving.clone()).filter(meeting_request::Column::Status.is_in(open)).all(txn).await?;
    meeting_request::Entity::update_many()
        .col_expr(meeting_request::Column::Status, Expr::value(RequestStatus::Withdrawn.code()))
        .col_expr(meeting_request::Column::AnsweredAt, Expr::value(Some(now)))
        .filter(involving)
        .filter(meeting_request::Column::Status.is_in(open))
        .exec(txn)
        .await?;
    unschedule(txn, mail, row, &requests, registration_id).await
}

/// Takes the meetings placed for `requests` out of the schedule and tells
/// the firm on the other side from `leaving` of each.
async fn unschedule<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    requests: &[meeting_request::Model],
    leaving: i32,
) -> Result<(), AppError> {
    let placed =
        event_meeting::Entity::find().filter(event_meeting::Column::RequestId.is_in(requests.iter().map(|r| r.id))).all(txn).await?;
    if placed.is_empty() {
        return Ok(());
    }
    event_meeting::Entity::delete_many().filter(event_meeting::Column::Id.is_in(placed.iter().map(|m| m.id))).exec(txn).await?;
    let leaver = named_org(&crate::read::organisation_by_id(txn, repo::registration_by_id(txn, leaving).await?.organisation_id).await?);
    let slots = repo::slots_of(row);
    let t = repo::title_of(row);
    for meeting in placed {
        let Some(request) = requests.iter().find(|r| r.id == meeting.request_id) else { continue };
        let other = if request.from_registration_id == leaving { request.to_registration_id } else { request.from_registration_id };
        let other = repo::registration_by_id(txn, other).await?;
        let time = slots.get(meeting.slot as usize).map(crate::events::timetable::Slot::label).unwrap_or_default();
        let title = Bilingual::new(
            format!("{} 取消了「{}」{} 的洽谈", leaver.name.get(crate::i18n::Lang::Zh), t.zh, time),
            format!("{} cancelled your {} meeting at {}", leaver.name.get(crate::i18n::Lang::En), time, t.en),
        );
        tell_schedule(txn, mail, row, other.organisation_id, title).await?;
    }
    Ok(())
}

/// Tells a firm's people about its meetings, linking to its agenda.
pub async fn tell_schedule<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    firm_id: i32,
    title: Bilingual,
) -> Result<(), AppError> {
    let firm = crate::read::organisation_by_id(txn, firm_id).await?;
    let notice = Notice { kind: NotificationKind::MeetingSchedule, title, link: format!("/events/{}/agenda?firm={}", row.slug, firm.slug) };
    notify(txn, mail, &crate::read::active_runners(txn, &[firm_id]).await?, &notice).await
}

/// An organiser's priority meeting between a supplier and a buyer: an open
/// request between them becomes accepted and priority; otherwise one is made.
/// Both firms are told.
#[allow(clippy::too_many_arguments)]
pub async fn prioritise<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    supplier: &event_registration::Model,
    buyer: &event_registration::Model,
    actor_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let requests = requests_of(txn, row.id).await?;
    let between = requests.iter().find(|r| {
        meetings::is_open(status_now(r, row, now))
            && ((r.from_registration_id == supplier.id && r.to_registration_id == buyer.id)
                || (r.from_registration_id == buyer.id && r.to_registration_id == supplier.id))
    });
    match between {
        Some(r) => {
            meeting_request::Entity::update_many()
                .col_expr(meeting_request::Column::Status, Expr::value(RequestStatus::Accepted.code()))
                .col_expr(meeting_request::Column::Priority, Expr::value(true))
                .col_expr(meeting_request::Column::AnsweredBy, Expr::value(Some(actor_id)))
                .col_expr(meeting_request::Column::AnsweredAt, Expr::value(Some(now)))
                .filter(meeting_request::Column::Id.eq(r.id))
                .exec(txn)
                .await?;
        }
        None => {
            meeting_request::Entity::insert(meeting_request::ActiveModel {
                event_id: Set(row.id),
                from_registration_id: Set(supplier.id),
                to_registration_id: Set(buyer.id),
                note: Set(String::new()),
                status: Set(RequestStatus::Accepted.code().to_string()),
                priority: Set(true),
                created_by: Set(Some(actor_id)),
                answered_by: Set(Some(actor_id)),
                created_at: Set(now),
                answered_at: Set(Some(now)),
                ..Default::default()
            })
            .exec(txn)
            .await?;
        }
    }
    let t = repo::title_of(row);
    let title =
        Bilingual::new(format!("主办方为你安排了一场重点洽谈：{}", t.zh), format!("The organisers set you a priority meeting at {}", t.en));
    for firm in [supplier.organisation_id, buyer.organisation_id] {
        tell(txn, mail, row, firm, title.clone()).await?;
    }
    Ok(())
}

/// Saves the slots a registered firm cannot attend.
pub async fn save_unavailable<C: ConnectionTrait>(
    txn: &C,
    registration: &event_registration::Model,
    slots: &[usize],
) -> Result<(), AppError> {
    let stored = slots.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(",");
    event_registration::Entity::update_many()
        .col_expr(event_registration::Column::UnavailableSlots, Expr::value(stored))
        .filter(event_registration::Column::Id.eq(registration.id))
        .exec(txn)
        .await?;
    Ok(())
}
