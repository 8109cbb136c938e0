//! The mail outbox: `queue` inside the caller's transaction, `deliver_due`
//! afterwards (the worker, or a test).

use std::sync::Arc;

use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::mail_message;
use crate::error::AppError;
use crate::mail::transport::Transport;
use crate::mail::types::{Delivery, MailRow, Mailbox};

/// One message to send, plain text.
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// What it is for (`confirm_email`, `password_reset`, `invite`, `notification`…), for the mailbox.
    pub purpose: &'static str,
}

/// After this many failed attempts a message is given up on (about a day of retries).
const MAX_ATTEMPTS: i32 = 10;
/// Messages handled per round.
const BATCH: u64 = 20;
/// How long a taken message is left to its sender before another may try it.
const CLAIM: Duration = Duration::minutes(5);

/// Writes `letter` to the outbox, in the caller's transaction: it is sent only if the change it tells of is kept.
pub async fn queue<C: ConnectionTrait>(db: &C, letter: Letter) -> Result<(), AppError> {
    let now = Utc::now();
    mail_message::Entity::insert(mail_message::ActiveModel {
        to_address: Set(letter.to),
        subject: Set(letter.subject),
        body_text: Set(letter.body),
        purpose: Set(letter.purpose.to_string()),
        created_at: Set(now),
        delivered_at: Set(None),
        delivered_via: Set(None),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most 4 hours.
pub fn retry_after(attempts: i32) -> Duration {
    let seconds = 30i64.saturating_mul(1i64 << attempts.clamp(0, 20));
    Duration::seconds(seconds.min(4 * 3600))
}

/// Delivers the messages that are due; how many it handled.
pub async fn deliver_due<C: ConnectionTrait>(db: &C, transport: &Transport) -> Result<usize, AppError> {
    let now = Utc::now();
    let due = mail_message::Entity::find()
        .filter(mail_message::Column::DeliveredAt.is_null())
        .filter(mail_message::Column::NextAttemptAt.lte(now))
        .order_by_asc(mail_message::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut handled = 0;
    for message in due {
        // Take it first, so a second server sharing the database does not send it too.
        let taken = mail_message::Entity::update_many()
            .col_expr(mail_message::Column::NextAttemptAt, sea_orm::sea_query::Expr::value(now + CLAIM))
            .filter(mail_message::Column::Id.eq(message.id))
            .filter(mail_message::Column::DeliveredAt.is_null())
            .filter(mail_message::Column::NextAttemptAt.eq(message.next_attempt_at))
            .exec(db)
            .await?;
        if taken.rows_affected != 1 {
            continue;
        }
        let outcome = if transport.is_smtp() {
            match transport.send_smtp(&message.to_address, &message.subject, &message.body_text).await {
                Ok(()) => Outcome::Sent,
                Err(error) if message.attempts + 1 >= MAX_ATTEMPTS => Outcome::GaveUp(error),
                Err(error) => Outcome::Retry(error),
            }
        } else {
            Outcome::KeptLocally
        };
        record(db, &message, outcome).await?;
        handled += 1;
    }
    Ok(handled)
}

/// What became of one attempt to deliver a message.
enum Outcome {
    Sent,
    KeptLocally,
    Retry(String),
    GaveUp(String),
}

async fn record<C: ConnectionTrait>(db: &C, message: &mail_message::Model, outcome: Outcome) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    let now = Utc::now();
    let update = mail_message::Entity::update_many().filter(mail_message::Column::Id.eq(message.id));
    let delivered = |update: sea_orm::UpdateMany<mail_message::Entity>, via: &str| {
        update.col_expr(mail_message::Column::DeliveredAt, Expr::value(now)).col_expr(mail_message::Column::DeliveredVia, Expr::value(via))
    };
    let failed = |update: sea_orm::UpdateMany<mail_message::Entity>, error: String| {
        tracing::warn!(mail_id = message.id, attempts = message.attempts + 1, %error, "sending mail failed");
        update
            .col_expr(mail_message::Column::Attempts, Expr::value(message.attempts + 1))
            .col_expr(mail_message::Column::LastError, Expr::value(error))
    };
    let update = match outcome {
        // The body may hold a one-time link: once SMTP has it, it is not kept.
        Outcome::Sent => delivered(update, "smtp")
            .col_expr(mail_message::Column::BodyText, Expr::value(""))
            .col_expr(mail_message::Column::LastError, Expr::value(Option::<String>::None)),
        Outcome::KeptLocally => delivered(update, "local"),
        Outcome::Retry(error) => {
            failed(update, error).col_expr(mail_message::Column::NextAttemptAt, Expr::value(now + retry_after(message.attempts + 1)))
        }
        Outcome::GaveUp(error) => delivered(failed(update, error), "failed"),
    };
    update.exec(db).await?;
    Ok(())
}

/// Delivers what is due whenever woken, and every few seconds (retries come due by the clock).
pub async fn run_worker(db: sea_orm::DatabaseConnection, transport: Transport, wake: Arc<tokio::sync::Notify>) {
    loop {
        match deliver_due(&db, &transport).await {
            Ok(handled) if handled > 0 => continue,
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "the mail outbox could not be read"),
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(std::time::Duration::from_secs(5)) => {}
        }
    }
}

fn delivery(row: &mail_message::Model) -> Delivery {
    match (row.delivered_at, row.delivered_via.as_deref()) {
        (None, _) => Delivery::Waiting,
        (Some(_), Some("smtp")) => Delivery::Sent,
        (Some(_), Some("failed")) => Delivery::Failed,
        (Some(_), _) => Delivery::Local,
    }
}

/// The newest `limit` messages, and how many are waiting.
pub async fn mailbox<C: ConnectionTrait>(db: &C, smtp: bool, limit: u64) -> Result<Mailbox, AppError> {
    let rows = mail_message::Entity::find().order_by_desc(mail_message::Column::Id).limit(limit).all(db).await?;
    let waiting = mail_message::Entity::find().filter(mail_message::Column::DeliveredAt.is_null()).count(db).await?;
    let messages = rows
        .into_iter()
        .map(|row| MailRow {
            id: row.id,
            delivery: delivery(&row),
            to: row.to_address,
            subject: row.subject,
            body: row.body_text,
            created_at: row.created_at.into(),
            attempts: row.attempts,
            last_error: row.last_error,
        })
        .collect();
    Ok(Mailbox { smtp, messages, waiting })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop_growing() {
        assert_eq!(retry_after(0), Duration::seconds(30));
        assert_eq!(retry_after(1), Duration::seconds(60));
        assert_eq!(retry_after(9), Duration::hours(4));
        assert_eq!(retry_after(60), Duration::hours(4));
        for attempts in 0..30 {
            assert!(retry_after(attempts) <= retry_after(attempts + 1));
        }
    }
}
