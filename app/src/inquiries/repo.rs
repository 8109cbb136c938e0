//! Reading and writing inquiries. Every function takes the actor (or the ids
//! it needs) from its caller; none reads the request or the session.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::accounts::types::{CurrentUser, MemberRole};
use crate::entities::{brief, inquiry, inquiry_block, inquiry_message, organisation, user};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::inquiries::policy::{TargetStanding, ThreadStanding};
use crate::inquiries::rules;
use crate::inquiries::types::*;
use crate::notifications::repo::Notice;
use crate::notifications::types::NotificationKind;
use crate::orgs::types::OrgKind;
use crate::read::org_name;
use crate::scouting::types::Named;
use crate::state::MailSettings;

async fn is_blocked<C: ConnectionTrait>(db: &C, supplier_id: i32, sender_id: i32) -> Result<bool, AppError> {
    Ok(inquiry_block::Entity::find_by_id((supplier_id, sender_id)).one(db).await?.is_some())
}

pub async fn target_standing<C: ConnectionTrait>(
    db: &C,
    actor: &CurrentUser,
    supplier: &organisation::Model,
) -> Result<TargetStanding, AppError> {
    Ok(TargetStanding {
        membership: crate::read::active_places(db, actor.id).await?.get(&supplier.id).copied(),
        sender_blocked: is_blocked(db, supplier.id, actor.id).await?,
    })
}

/// The organisations `actor` may write for: those they belong to, bar the one written to.
pub async fn write_as_choices<C: ConnectionTrait>(
    db: &C,
    actor: &CurrentUser,
    supplier_id: i32,
) -> Result<Vec<organisation::Model>, AppError> {
    let ids: Vec<i32> = crate::read::active_places(db, actor.id).await?.into_keys().filter(|id| *id != supplier_id).collect();
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .filter(organisation::Column::HiddenAt.is_null())
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?)
}

/// The brief `slug` as something an inquiry may be about: one of the
/// actor's own platforms' briefs (a scout writes about what they look for).
pub async fn own_brief<C: ConnectionTrait>(db: &C, actor: &CurrentUser, slug: &str) -> Result<Option<brief::Model>, AppError> {
    let Some(found) = brief::Entity::find().filter(brief::Column::Slug.eq(slug)).one(db).await? else { return Ok(None) };
    Ok(crate::read::active_places(db, actor.id).await?.contains_key(&found.organisation_id).then_some(found))
}

pub fn brief_named(b: &brief::Model) -> Named {
    Named { slug: b.slug.clone(), name: Bilingual::new(b.title_zh.clone(), b.title_en.clone()) }
}

/// New inquiries `sender_id` started in the last day, and to `supplier_id` in the last week.
pub async fn started_counts<C: ConnectionTrait>(
    db: &C,
    sender_id: i32,
    supplier_id: i32,
    now: DateTime<Utc>,
) -> Result<(u64, u64), AppError> {
    let by_sender = || inquiry::Entity::find().filter(inquiry::Column::SenderId.eq(sender_id));
    let last_day = by_sender().filter(inquiry::Column::CreatedAt.gt(now - Duration::hours(24))).count(db).await?;
    let to_supplier = by_sender()
        .filter(inquiry::Column::SupplierId.eq(supplier_id))
        .filter(inquiry::Column::CreatedAt.gt(now - Duration::days(rules::PER_SUPPLIER_DAYS)))
        .count(db)
        .await?;
    Ok((last_day, to_supplier))
}

/// Messages `author_id` wrote in the last day.
pub async fn messages_last_day<C: ConnectionTrait>(db: &C, author_id: i32, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(inquiry_message::Entity::find()
        .filter(inquiry_message::Column::AuthorId.eq(author_id))
        .filter(inquiry_message::Column::StatusTo.is_null())
        .filter(inquiry_message::Column::CreatedAt.gt(now - Duration::hours(24)))
        .count(db)
        .await?)
}

/// What starting an inquiry takes.
pub struct NewInquiry<'a> {
    pub sender: &'a CurrentUser,
    pub write_as: Option<&'a organisation::Model>,
    pub supplier: &'a organisation::Model,
    pub brief: Option<&'a brief::Model>,
    pub subject: String,
    pub body: String,
}

/// Starts a thread inside the caller's transaction and tells the
/// manufacturer's people; its id.
pub async fn start<C: ConnectionTrait>(db: &C, mail: &MailSettings, new: NewInquiry<'_>, now: DateTime<Utc>) -> Result<i32, AppError> {
    let saved = inquiry::ActiveModel {
        sender_id: Set(new.sender.id),
        sender_organisation_id: Set(new.write_as.map(|o| o.id)),
        supplier_id: Set(new.supplier.id),
        brief_id: Set(new.brief.map(|b| b.id)),
        subject: Set(new.subject.clone()),
        status: Set(InquiryStatus::Open.code().to_string()),
        created_at: Set(now),
        first_reply_at: Set(None),
        last_message_at: Set(now),
        last_side: Set(Side::Buyer.code().to_string()),
        buyer_seen_at: Set(Some(now)),
        supplier_seen_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    write_message(db, saved.id, new.sender.id, Side::Buyer, &new.body, None, now).await?;
    let from = match new.write_as {
        Some(org) => {
            let firm = org_name(org);
            Bilingual::new(format!("{}（{}）", new.sender.display_name, firm.zh), format!("{} ({})", new.sender.display_name, firm.en))
        }
        None => Bilingual::new(new.sender.display_name.clone(), new.sender.display_name.clone()),
    };
    let notice = Notice {
        kind: NotificationKind::InquiryReceived,
        title: Bilingual::new(format!("{} 发来询盘：{}", from.zh, new.subject), format!("Inquiry from {}: {}", from.en, new.subject)),
        link: format!("/inbox/{}", saved.id),
    };
    let people = crate::read::active_members(db, new.supplier.id).await?;
    crate::notifications::repo::notify(db, mail, &people, &notice).await?;
    Ok(saved.id)
}

async fn write_message<C: ConnectionTrait>(
    db: &C,
    inquiry_id: i32,
    author_id: i32,
    side: Side,
    body: &str,
    status_to: Option<InquiryStatus>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    inquiry_message::ActiveModel {
        inquiry_id: Set(inquiry_id),
        author_id: Set(Some(author_id)),
        side: Set(side.code().to_string()),
        body: Set(body.to_string()),
        status_to: Set(status_to.map(|s| s.code().to_string())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The thread `id`.
///
/// # Errors
/// `NotFound`.
pub async fn thread<C: ConnectionTrait>(db: &C, id: i32) -> Result<inquiry::Model, AppError> {
    inquiry::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn standing<C: ConnectionTrait>(db: &C, actor: &CurrentUser, thread: &inquiry::Model) -> Result<ThreadStanding, AppError> {
    Ok(ThreadStanding {
        is_sender: thread.sender_id == actor.id,
        supplier_role: crate::read::active_places(db, actor.id).await?.get(&thread.supplier_id).copied(),
        sender_blocked: is_blocked(db, thread.supplier_id, thread.sender_id).await?,
    })
}

fn status_of(thread: &inquiry::Model) -> InquiryStatus {
    InquiryStatus::from_code(&thread.status).unwrap_or(InquiryStatus::Open)
}

/// Records that `side` did something at `now`: the other side has something unread.
async fn touched<C: ConnectionTrait>(
    db: &C,
    thread: &inquiry::Model,
    side: Side,
    status: InquiryStatus,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut update = inquiry::Entity::update_many()
        .col_expr(inquiry::Column::Status, Expr::value(status.code()))
        .col_expr(inquiry::Column::LastMessageAt, Expr::value(now))
        .col_expr(inquiry::Column::LastSide, Expr::value(side.code()))
        .col_expr(seen_column(side), Expr::value(now));
    // The manufacturer's first word or step is its first reply.
    if side == Side::Supplier && thread.first_reply_at.is_none() {
        update = update.col_expr(inquiry::Column::FirstReplyAt, Expr::value(now));
    }
    update.filter(inquiry::Column::Id.eq(thread.id)).exec(db).await?;
    Ok(())
}

fn seen_column(side: Side) -> inquiry::Column {
    match side {
        Side::Buyer => inquiry::Column::BuyerSeenAt,
        Side::Supplier => inquiry::Column::SupplierSeenAt,
    }
}

/// Tells the other side of `thread` that `side` wrote in it or moved it on.
async fn tell_the_other_side<C: ConnectionTrait>(
    db: &C,
    mail: &MailSettings,
    thread: &inquiry::Model,
    side: Side,
    what: Bilingual,
) -> Result<(), AppError> {
    let people = match side {
        Side::Buyer => crate::read::active_members(db, thread.supplier_id).await?,
        Side::Supplier => vec![thread.sender_id],
    };
    let notice = Notice {
        kind: NotificationKind::InquiryUpdated,
        title: Bilingual::new(format!("询盘“{}”：{}", thread.subject, what.zh), format!("Inquiry “{}”: {}", thread.subject, what.en)),
        link: format!("/inbox/{}", thread.id),
    };
    crate::notifications::repo::notify(db, mail, &people, &notice).await
}

/// `actor`, on `side`, writes `body` in `thread` (inside the caller's transaction).
pub async fn reply<C: ConnectionTrait>(
    db: &C,
    mail: &MailSettings,
    thread: &inquiry::Model,
    actor: &CurrentUser,
    side: Side,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    write_message(db, thread.id, actor.id, side, body, None, now).await?;
    touched(db, thread, side, rules::after_message(status_of(thread), side), now).await?;
    let what = Bilingual::new(format!("{} 写了新消息", actor.display_name), format!("new message from {}", actor.display_name));
    tell_the_other_side(db, mail, thread, side, what).await
}

/// `actor`, on `side`, moves `thread` to `status`, with an optional note.
pub async fn take_step<C: ConnectionTrait>(
    db: &C,
    mail: &MailSettings,
    thread: &inquiry::Model,
    actor: &CurrentUser,
    side: Side,
    status: InquiryStatus,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    write_message(db, thread.id, actor.id, side, note, Some(status), now).await?;
    touched(db, thread, side, status, now).await?;
    let what = Bilingual::new(
        format!("状态改为“{}”", status.label(crate::i18n::Lang::Zh)),
        format!("now “{}”", status.label(crate::i18n::Lang::En)),
    );
    tell_the_other_side(db, mail, thread, side, what).await
}

/// `side` has read `thread` up to `now`.
pub async fn mark_seen<C: ConnectionTrait>(db: &C, thread: &inquiry::Model, side: Side, now: DateTime<Utc>) -> Result<(), AppError> {
    inquiry::Entity::update_many().col_expr(seen_column(side), Expr::value(now)).filter(inquiry::Column::Id.eq(thread.id)).exec(db).await?;
    Ok(())
}

fn unread_for(thread: &inquiry::Model, side: Side) -> bool {
    let seen = match side {
        Side::Buyer => thread.buyer_seen_at,
        Side::Supplier => thread.supplier_seen_at,
    };
    thread.last_side != side.code() && seen.is_none_or(|seen| seen < thread.last_message_at)
}

/// Threads with something unread for `user_id`: sent ones the manufacturer
/// answered, and received ones the sender wrote in, across their firms.
pub async fn unread_count<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<u64, AppError> {
    let firms: Vec<i32> = crate::read::active_places(db, user_id).await?.into_keys().collect();
    let unread = |side: Side| {
        let seen = seen_column(side);
        Condition::all()
            .add(inquiry::Column::LastSide.ne(side.code()))
            .add(Condition::any().add(seen.is_null()).add(Expr::col(seen).lt(Expr::col(inquiry::Column::LastMessageAt))))
    };
    let sent = inquiry::Entity::find().filter(inquiry::Column::SenderId.eq(user_id)).filter(unread(Side::Buyer)).count(db).await?;
    let received = if firms.is_empty() {
        0
    } else {
        inquiry::Entity::find()
            .filter(inquiry::Column::SupplierId.is_in(firms))
            .filter(inquiry::Column::SenderId.ne(user_id))
            .filter(unread(Side::Supplier))
            .count(db)
            .await?
    };
    Ok(sent + received)
}

/// How many threads an inbox lists per group, newest first.
pub const INBOX_SHOWN: u64 = 200;

/// `/inbox` for `actor`.
pub async fn inbox<C: ConnectionTrait>(db: &C, actor: &CurrentUser) -> Result<Inbox, AppError> {
    use sea_orm::QuerySelect;
    let sent_threads = inquiry::Entity::find()
        .filter(inquiry::Column::SenderId.eq(actor.id))
        .order_by_desc(inquiry::Column::LastMessageAt)
        .limit(INBOX_SHOWN)
        .all(db)
        .await?;
    let places = crate::read::active_places(db, actor.id).await?;
    let firms: Vec<organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(places.keys().copied()))
        .filter(organisation::Column::Kind.eq(OrgKind::Manufacturer.code()))
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?;
    let mut received: Vec<(organisation::Model, Vec<inquiry::Model>)> = Vec::new();
    for firm in firms {
        let threads = inquiry::Entity::find()
            .filter(inquiry::Column::SupplierId.eq(firm.id))
            .filter(inquiry::Column::SenderId.ne(actor.id))
            .order_by_desc(inquiry::Column::LastMessageAt)
            .limit(INBOX_SHOWN)
            .all(db)
            .await?;
        received.push((firm, threads));
    }
    // Names of everything the rows mention, read once.
    let all: Vec<&inquiry::Model> = sent_threads.iter().chain(received.iter().flat_map(|(_, t)| t)).collect();
    let org_ids: Vec<i32> = all.iter().flat_map(|t| [Some(t.supplier_id), t.sender_organisation_id]).flatten().collect();
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let people = people_names(db, all.iter().map(|t| t.sender_id)).await?;
    let briefs: HashMap<i32, brief::Model> = brief::Entity::find()
        .filter(brief::Column::Id.is_in(all.iter().filter_map(|t| t.brief_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let row = |t: &inquiry::Model, side: Side| {
        let counterpart = match side {
            Side::Buyer => orgs.get(&t.supplier_id).map(org_name).unwrap_or_default(),
            Side::Supplier => {
                sender_label(people.get(&t.sender_id).map(String::as_str), t.sender_organisation_id.and_then(|id| orgs.get(&id)))
            }
        };
        InboxRow {
            id: t.id,
            subject: t.subject.clone(),
            counterpart,
            brief: t.brief_id.and_then(|id| briefs.get(&id)).map(|b| brief_named(b).name),
            status: status_of(t),
            last_at: t.last_message_at.into(),
            unread: unread_for(t, side),
        }
    };
    let sent: Vec<InboxRow> = sent_threads.iter().map(|t| row(t, Side::Buyer)).collect();
    let mut firm_inboxes = Vec::new();
    for (firm, threads) in &received {
        let rows: Vec<InboxRow> = threads.iter().map(|t| row(t, Side::Supplier)).collect();
        let may_act = crate::inquiries::policy::may_manage_blocks(places.get(&firm.id).copied());
        firm_inboxes.push(FirmInbox {
            firm: crate::read::named_org(firm),
            unread: rows.iter().filter(|r| r.unread).count() as u32,
            rows,
            may_act,
            blocked: if may_act { blocked_senders(db, firm.id).await? } else { Vec::new() },
        });
    }
    Ok(Inbox { sent_unread: sent.iter().filter(|r| r.unread).count() as u32, sent, firms: firm_inboxes })
}

/// "Name (Firm)" in each language, or just the name.
fn sender_label(person: Option<&str>, firm: Option<&organisation::Model>) -> Bilingual {
    let person = person.unwrap_or("—");
    match firm {
        Some(firm) => {
            let name = org_name(firm);
            Bilingual::new(format!("{person}（{}）", name.zh), format!("{person} ({})", name.en))
        }
        None => Bilingual::new(person.to_string(), person.to_string()),
    }
}

async fn people_names<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>, AppError> {
    let ids: Vec<i32> = ids.into_iter().collect();
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect())
}

async fn blocked_senders<C: ConnectionTrait>(db: &C, supplier_id: i32) -> Result<Vec<BlockedSender>, AppError> {
    let blocks = inquiry_block::Entity::find()
        .filter(inquiry_block::Column::SupplierId.eq(supplier_id))
        .order_by_asc(inquiry_block::Column::CreatedAt)
        .all(db)
        .await?;
    let names = people_names(db, blocks.iter().map(|b| b.sender_id)).await?;
    Ok(blocks
        .into_iter()
        .map(|b| BlockedSender { user_id: b.sender_id, name: names.get(&b.sender_id).cloned().unwrap_or_default() })
        .collect())
}

/// `/inbox/{id}` as `actor` on `side` sees it.
pub async fn thread_page<C: ConnectionTrait>(
    db: &C,
    thread: &inquiry::Model,
    standing: &ThreadStanding,
    side: Side,
) -> Result<ThreadPage, AppError> {
    use crate::inquiries::policy;
    let messages = inquiry_message::Entity::find()
        .filter(inquiry_message::Column::InquiryId.eq(thread.id))
        .order_by_asc(inquiry_message::Column::Id)
        .all(db)
        .await?;
    let names = people_names(db, messages.iter().filter_map(|m| m.author_id).chain([thread.sender_id])).await?;
    let supplier = organisation::Entity::find_by_id(thread.supplier_id).one(db).await?.ok_or(AppError::NotFound)?;
    let sender_firm = match thread.sender_organisation_id {
        Some(id) => organisation::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let brief = match thread.brief_id {
        Some(id) => brief::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let status = status_of(thread);
    let may_act = policy::may_act(standing);
    Ok(ThreadPage {
        id: thread.id,
        subject: thread.subject.clone(),
        status,
        sender: names.get(&thread.sender_id).cloned().unwrap_or_default(),
        sender_firm: sender_firm.as_ref().map(crate::read::named_org),
        supplier: crate::read::named_org(&supplier),
        brief: brief.as_ref().map(brief_named),
        messages: messages
            .into_iter()
            .map(|m| ThreadMessage {
                side: Side::from_code(&m.side).unwrap_or(Side::Buyer),
                author: m.author_id.and_then(|id| names.get(&id).cloned()),
                body: m.body,
                status_to: m.status_to.as_deref().and_then(InquiryStatus::from_code),
                at: m.created_at.into(),
            })
            .collect(),
        side,
        may_act,
        steps: if may_act { rules::steps(status, side) } else { Vec::new() },
        may_block: policy::may_block(standing),
        sender_blocked: standing.sender_blocked,
    })
}

/// `supplier_id` no longer hears from `sender_id` (again: nothing changes).
pub async fn block<C: ConnectionTrait>(db: &C, supplier_id: i32, sender_id: i32, by: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    if is_blocked(db, supplier_id, sender_id).await? {
        return Ok(());
    }
    inquiry_block::ActiveModel {
        supplier_id: Set(supplier_id),
        sender_id: Set(sender_id),
        blocked_by: Set(Some(by)),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn unblock<C: ConnectionTrait>(db: &C, supplier_id: i32, sender_id: i32) -> Result<(), AppError> {
    inquiry_block::Entity::delete_by_id((supplier_id, sender_id)).exec(db).await?;
    Ok(())
}

/// The actor's place in the organisation `slug`, and the organisation.
pub async fn firm_and_place<C: ConnectionTrait>(
    db: &C,
    actor: &CurrentUser,
    slug: &str,
) -> Result<(organisation::Model, Option<MemberRole>), AppError> {
    let org = crate::read::organisation_by_slug(db, slug).await?;
    let place = crate::read::active_places(db, actor.id).await?.get(&org.id).copied();
    Ok((org, place))
}
