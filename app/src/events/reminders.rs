//! Reminders before an event: the day before and an hour before it starts,
//! to every firm with a seat, each with its own meetings. Which is due is a
//! pure function of the clock (`due`); the rest is server only.

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    DayBefore,
    HourBefore,
}

/// The reminder due at `now` for an event starting at `starts`, given which
/// went out already: the day before from 24 hours ahead, an hour before from
/// an hour ahead; none once it has started. A day-before reminder not sent
/// by the time the hour-before one is due is skipped: one reminder, not two.
pub fn due(now: DateTime<Utc>, starts: DateTime<Utc>, day_before_sent: bool, hour_before_sent: bool) -> Option<Reminder> {
    if now >= starts {
        None
    } else if now >= starts - Duration::hours(1) {
        (!hour_before_sent).then_some(Reminder::HourBefore)
    } else if now >= starts - Duration::hours(24) {
        (!day_before_sent).then_some(Reminder::DayBefore)
    } else {
        None
    }
}

#[cfg(feature = "ssr")]
pub use repo::send_due;

#[cfg(feature = "ssr")]
mod repo {
    use super::*;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

    use crate::entities::event;
    use crate::error::AppError;
    use crate::events::types::EventStatus;
    use crate::events::{meeting_repo, repo as events, schedule_repo, timetable};
    use crate::i18n::{Bilingual, Lang};
    use crate::state::MailSettings;

    /// Sends every reminder due at `now` (each once: the event is claimed
    /// before anyone is told) and says how many events it reminded.
    pub async fn send_due(db: &sea_orm::DatabaseConnection, mail: &MailSettings, now: DateTime<Utc>) -> Result<usize, AppError> {
        let today = crate::scouting::rules::china_today(now);
        let soon = event::Entity::find()
            .filter(event::Column::Status.eq(EventStatus::Published.code()))
            .filter(event::Column::Day.between(today, today + Duration::days(2)))
            .all(db)
            .await?;
        let mut reminded = 0;
        for row in soon {
            let starts = timetable::in_china(row.day, events::day_hours(&row).0);
            let Some(reminder) = due(now, starts, row.reminded_day_before_at.is_some(), row.reminded_hour_before_at.is_some()) else {
                continue;
            };
            let column = match reminder {
                Reminder::DayBefore => event::Column::RemindedDayBeforeAt,
                Reminder::HourBefore => event::Column::RemindedHourBeforeAt,
            };
            let txn = crate::db::begin_write(db).await?;
            let claimed = event::Entity::update_many()
                .col_expr(column, Expr::value(Some(now)))
                .filter(event::Column::Id.eq(row.id))
                .filter(column.is_null())
                .exec(&txn)
                .await?;
            if claimed.rows_affected == 0 {
                continue;
            }
            remind(&txn, mail, &row, reminder, now).await?;
            txn.commit().await?;
            mail.wake.notify_one();
            reminded += 1;
            tracing::info!(event = row.slug, ?reminder, "event reminders sent");
        }
        Ok(reminded)
    }

    /// Tells each firm with a seat of the event and its first meeting.
    async fn remind<C: ConnectionTrait>(
        txn: &C,
        mail: &MailSettings,
        row: &event::Model,
        reminder: Reminder,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let t = events::title_of(row);
        let venue = Bilingual::new(&row.venue_zh, &row.venue_en);
        let hours = format!("{}–{}", row.starts_at, row.ends_at);
        let seated = events::standing_registrations(txn, row.id).await?;
        for registration in seated.iter().filter(|r| r.status == crate::events::types::RegistrationStatus::Accepted.code()) {
            let (items, _, _) = schedule_repo::items_of(txn, row, registration, now).await?;
            let meetings: Vec<_> = items.iter().filter(|i| !i.cancelled).collect();
            let title = Bilingual::each(|lang| {
                let when = match (reminder, lang) {
                    (Reminder::DayBefore, Lang::Zh) => format!("明天 {hours}"),
                    (Reminder::DayBefore, Lang::En) => format!("Tomorrow, {hours}"),
                    (Reminder::HourBefore, Lang::Zh) => format!("一小时后开始（{hours}）"),
                    (Reminder::HourBefore, Lang::En) => format!("Starts in an hour ({hours})"),
                };
                let first = meetings.first().map(|m| match lang {
                    Lang::Zh => format!(
                        "；你有 {} 场洽谈，第一场 {}，{} 号桌，对方 {}",
                        meetings.len(),
                        m.time,
                        m.table + 1,
                        m.counterpart.name.get(lang)
                    ),
                    Lang::En => format!(
                        "; your {} meeting(s) begin at {}, table {}, with {}",
                        meetings.len(),
                        m.time,
                        m.table + 1,
                        m.counterpart.name.get(lang)
                    ),
                });
                let place = venue.get(lang);
                match lang {
                    Lang::Zh => format!(
                        "{when}：{}{}{}",
                        t.zh,
                        if place.is_empty() { String::new() } else { format!("（{place}）") },
                        first.unwrap_or_default()
                    ),
                    Lang::En => format!(
                        "{when}: {}{}{}",
                        t.en,
                        if place.is_empty() { String::new() } else { format!(" at {place}") },
                        first.unwrap_or_default()
                    ),
                }
            });
            meeting_repo::tell_schedule(txn, mail, row, registration.organisation_id, title).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(hours_before: i64, minutes: i64) -> (DateTime<Utc>, DateTime<Utc>) {
        let starts = DateTime::UNIX_EPOCH + Duration::days(100);
        (starts - Duration::hours(hours_before) + Duration::minutes(minutes), starts)
    }

    #[test]
    fn the_day_before_then_an_hour_before_then_nothing() {
        let (now, starts) = at(25, 0);
        assert_eq!(due(now, starts, false, false), None, "too early");
        let (now, starts) = at(24, 0);
        assert_eq!(due(now, starts, false, false), Some(Reminder::DayBefore));
        assert_eq!(due(now, starts, true, false), None, "once");
        let (now, starts) = at(1, 0);
        assert_eq!(due(now, starts, true, false), Some(Reminder::HourBefore));
        assert_eq!(due(now, starts, false, false), Some(Reminder::HourBefore), "a missed day-before is skipped");
        assert_eq!(due(now, starts, true, true), None);
        let (now, starts) = at(0, 0);
        assert_eq!(due(now, starts, false, false), None, "started");
    }

    proptest! {
        #[test]
        fn reminders_come_only_in_their_windows_and_once(minutes_before in -600i64..3000, day in any::<bool>(), hour in any::<bool>()) {
            let starts = DateTime::UNIX_EPOCH + Duration::days(100);
            let now = starts - Duration::minutes(minutes_before);
            match due(now, starts, day, hour) {
                Some(Reminder::DayBefore) => prop_assert!(!day && minutes_before > 60 && minutes_before <= 24 * 60),
                Some(Reminder::HourBefore) => prop_assert!(!hour && minutes_before > 0 && minutes_before <= 60),
                None => prop_assert!(minutes_before <= 0 || minutes_before > 24 * 60 || (minutes_before > 60 && day) || (minutes_before <= 60 && hour)),
            }
        }
    }
}
