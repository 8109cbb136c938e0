//! Posting, listing and marking notifications; email for those who chose it.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{notification, notification_setting, user};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::mail::outbox::Letter;
use crate::notifications::types::{EmailChoice, NotificationItem, NotificationKind, NotificationList};
use crate::state::MailSettings;

/// What to tell someone, and where to look.
pub struct Notice {
    pub kind: NotificationKind,
    pub title: Bilingual,
    /// A path on this site.
    pub link: String,
}

/// Whether a kind goes by email when the user has not said: all do.
const EMAIL_BY_DEFAULT: bool = true;

/// Posts `notice` to each of `recipients` inside the caller's transaction,
/// and queues an email to those whose address is confirmed and who want
/// this kind by email.
pub async fn notify<C: ConnectionTrait>(db: &C, mail: &MailSettings, recipients: &[i32], notice: &Notice) -> Result<(), AppError> {
    let mut recipients = recipients.to_vec();
    recipients.sort_unstable();
    recipients.dedup();
    if recipients.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    notification::Entity::insert_many(recipients.iter().map(|&user_id| notification::ActiveModel {
        user_id: Set(user_id),
        kind: Set(notice.kind.code().to_string()),
        title_zh: Set(truncated(&notice.title.zh)),
        title_en: Set(truncated(&notice.title.en)),
        link: Set(notice.link.clone()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    let declined: Vec<i32> = notification_setting::Entity::find()
        .filter(notification_setting::Column::UserId.is_in(recipients.clone()))
        .filter(notification_setting::Column::Kind.eq(notice.kind.code()))
        .filter(notification_setting::Column::ByEmail.eq(!EMAIL_BY_DEFAULT))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.user_id)
        .collect();
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(recipients))
        .filter(user::Column::EmailConfirmedAt.is_not_null())
        .all(db)
        .await?;
    for person in people.into_iter().filter(|p| !declined.contains(&p.id)) {
        crate::mail::outbox::queue(db, letter(mail, &person.email, notice)).await?;
    }
    Ok(())
}

/// Titles carry organisation names; the column holds 400 characters.
fn truncated(text: &str) -> String {
    text.chars().take(400).collect()
}

fn letter(mail: &MailSettings, to: &str, notice: &Notice) -> Letter {
    let link = mail.link(&notice.link);
    let settings = mail.link("/notifications#email-settings");
    Letter {
        to: to.to_string(),
        subject: format!("{} · {}", notice.title.zh, notice.title.en).chars().take(300).collect(),
        body: format!(
            "{}\n\n{link}\n\n想少收邮件？在这里选择哪些通知发邮件：{settings}\n\n——————\n\n{}\n\n{link}\n\nFewer emails? Choose which notifications are emailed: {settings}\n",
            notice.title.zh, notice.title.en
        ),
        purpose: "notification",
    }
}

pub async fn unread_count<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<u64, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The newest `limit` notifications of `user_id`, the unread count and the email choices.
pub async fn list<C: ConnectionTrait>(db: &C, user_id: i32, limit: u64) -> Result<NotificationList, AppError> {
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let items = rows
        .into_iter()
        .map(|n| NotificationItem {
            id: n.id,
            title: Bilingual::new(n.title_zh, n.title_en),
            created_at: n.created_at.into(),
            unread: n.read_at.is_none(),
        })
        .collect();
    let saved = notification_setting::Entity::find().filter(notification_setting::Column::UserId.eq(user_id)).all(db).await?;
    let choices = NotificationKind::ALL
        .into_iter()
        .map(|kind| EmailChoice { kind, by_email: saved.iter().find(|s| s.kind == kind.code()).map_or(EMAIL_BY_DEFAULT, |s| s.by_email) })
        .collect();
    let email_confirmed = user::Entity::find_by_id(user_id).one(db).await?.is_some_and(|u| u.email_confirmed_at.is_some());
    Ok(NotificationList { items, unread: unread_count(db, user_id).await?, choices, email_confirmed })
}

/// Who notification `id` is addressed to, if it exists.
pub async fn recipient<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<i32>, AppError> {
    Ok(notification::Entity::find_by_id(id).one(db).await?.map(|n| n.user_id))
}

/// Marks notification `id` read; where it points.
pub async fn open<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<String>, AppError> {
    let Some(found) = notification::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    if found.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Utc::now()))
            .filter(notification::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(Some(found.link))
}

pub async fn mark_all_read<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), AppError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Saves which kinds go by email: exactly those in `by_email`.
pub async fn save_choices<C: ConnectionTrait>(db: &C, user_id: i32, by_email: &[NotificationKind]) -> Result<(), AppError> {
    notification_setting::Entity::delete_many().filter(notification_setting::Column::UserId.eq(user_id)).exec(db).await?;
    notification_setting::Entity::insert_many(NotificationKind::ALL.into_iter().map(|kind| notification_setting::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.code().to_string()),
        by_email: Set(by_email.contains(&kind)),
    }))
    .exec(db)
    .await?;
    Ok(())
}
