//! A manufacturer's reply record: how soon it first answers inquiries.
//! Shown on its supplier page and read by the scouting score, so it lives
//! below both (and below `inquiries`, which writes what it is made of).
//!
//! The record covers the inquiries received in the last [`WINDOW_DAYS`].
//! An answered inquiry counts with its time to the first answer; one still
//! unanswered after [`PATIENCE_HOURS`] counts as never answered (it sorts
//! after every answered one); a younger unanswered one is left out, since
//! nobody knows yet how it ends. The median is the middle one of those
//! counted, or the later of the two middle ones: when it falls on an
//! unanswered inquiry, most go unanswered and there is no median to show.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

pub const WINDOW_DAYS: i64 = 90;
pub const PATIENCE_HOURS: i64 = 48;
/// What the score reads for a firm that leaves most inquiries unanswered:
/// at least the whole window.
pub const UNANSWERED_HOURS: u32 = (WINDOW_DAYS * 24) as u32;

/// How a firm answers inquiries, over the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRecord {
    /// Inquiries counted (answered, or unanswered past the patience).
    pub counted: u32,
    pub answered: u32,
    /// Hours to the first answer, rounded up; `None` when most go unanswered.
    pub median_hours: Option<u32>,
}

impl ReplyRecord {
    /// The hours the score reads.
    pub fn score_hours(self) -> u32 {
        self.median_hours.unwrap_or(UNANSWERED_HOURS)
    }

    pub fn describe(self, lang: Lang) -> String {
        let counts = match lang {
            Lang::Zh => format!("近 {WINDOW_DAYS} 天 {} 条询盘，回复 {} 条", self.counted, self.answered),
            Lang::En if self.counted == 1 => format!("1 inquiry in the last {WINDOW_DAYS} days, {} answered", self.answered),
            Lang::En => format!("{} inquiries in the last {WINDOW_DAYS} days, {} answered", self.counted, self.answered),
        };
        match (self.median_hours, lang) {
            (Some(hours), Lang::Zh) => format!("首次回复中位时间 {hours} 小时内（{counts}）"),
            (Some(1), Lang::En) => format!("Median first reply within an hour ({counts})"),
            (Some(hours), Lang::En) => format!("Median first reply within {hours} hours ({counts})"),
            (None, Lang::Zh) => format!("多数询盘没有回复（{counts}）"),
            (None, Lang::En) => format!("Most inquiries go unanswered ({counts})"),
        }
    }
}

/// When each inquiry was received, and first answered if it was.
pub type Received = Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>;

/// The record made of `inquiries` (when each was received, and first
/// answered if it was), as of `now`; `None` when none count.
pub fn record(inquiries: &[(DateTime<Utc>, Option<DateTime<Utc>>)], now: DateTime<Utc>) -> Option<ReplyRecord> {
    let since = now - Duration::days(WINDOW_DAYS);
    let patience = Duration::hours(PATIENCE_HOURS);
    // Minutes to the first answer; `None` sorts as never answered, after every answer.
    let mut counted: Vec<Option<i64>> = inquiries
        .iter()
        .filter(|(received, _)| *received >= since && *received <= now)
        .filter_map(|(received, answered)| match answered {
            Some(at) if *at <= now => Some(Some((*at - *received).num_minutes().max(0))),
            _ if now - *received >= patience => Some(None),
            _ => None,
        })
        .collect();
    if counted.is_empty() {
        return None;
    }
    counted.sort_by_key(|minutes| minutes.unwrap_or(i64::MAX));
    let middle = counted[counted.len() / 2];
    let answered = counted.iter().filter(|m| m.is_some()).count();
    Some(ReplyRecord {
        counted: counted.len() as u32,
        answered: answered as u32,
        median_hours: middle.map(|minutes| u32::try_from((minutes + 59) / 60).unwrap_or(u32::MAX).max(1)),
    })
}

/// The records of the manufacturers `supplier_ids`, by id (those without one left out).
#[cfg(feature = "ssr")]
pub async fn records<C: sea_orm::ConnectionTrait>(
    db: &C,
    supplier_ids: &[i32],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<i32, ReplyRecord>, crate::error::AppError> {
    use crate::entities::inquiry;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let mut rows = Vec::new();
    // Bound parameters stay far below every database's limit.
    for ids in supplier_ids.chunks(500) {
        let chunk: Vec<(i32, DateTime<Utc>, Option<DateTime<Utc>>)> = inquiry::Entity::find()
            .select_only()
            .column(inquiry::Column::SupplierId)
            .column(inquiry::Column::CreatedAt)
            .column(inquiry::Column::FirstReplyAt)
            .filter(inquiry::Column::SupplierId.is_in(ids.iter().copied()))
            .filter(inquiry::Column::CreatedAt.gte(now - Duration::days(WINDOW_DAYS)))
            .into_tuple()
            .all(db)
            .await?;
        rows.extend(chunk);
    }
    Ok(records_of(rows, now))
}

/// The records of the firms a subquery of organisation ids selects (a belt's
/// members, say), without binding one parameter per firm.
///
/// # Errors
/// On a database failure.
#[cfg(feature = "ssr")]
pub async fn records_among<C: sea_orm::ConnectionTrait>(
    db: &C,
    suppliers: sea_orm::sea_query::SelectStatement,
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<i32, ReplyRecord>, crate::error::AppError> {
    use crate::entities::inquiry;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let rows: Vec<(i32, DateTime<Utc>, Option<DateTime<Utc>>)> = inquiry::Entity::find()
        .select_only()
        .column(inquiry::Column::SupplierId)
        .column(inquiry::Column::CreatedAt)
        .column(inquiry::Column::FirstReplyAt)
        .filter(inquiry::Column::SupplierId.in_subquery(suppliers))
        .filter(inquiry::Column::CreatedAt.gte(now - Duration::days(WINDOW_DAYS)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(records_of(rows, now))
}

/// Each firm's record from its rows (firm, received, first answered).
#[cfg(feature = "ssr")]
fn records_of<K: std::hash::Hash + Eq>(
    rows: Vec<(K, DateTime<Utc>, Option<DateTime<Utc>>)>,
    now: DateTime<Utc>,
) -> std::collections::HashMap<K, ReplyRecord> {
    let mut received: std::collections::HashMap<K, Received> = Default::default();
    for (firm, at, answered) in rows {
        received.entry(firm).or_default().push((at, answered));
    }
    received.into_iter().filter_map(|(firm, inquiries)| Some((firm, record(&inquiries, now)?))).collect()
}

/// The records of the manufacturers `slugs`, by slug (those without one left out).
#[cfg(feature = "ssr")]
pub async fn records_by_slug<C: sea_orm::ConnectionTrait>(
    db: &C,
    slugs: &[String],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<String, ReplyRecord>, crate::error::AppError> {
    use crate::entities::{inquiry, organisation};
    use sea_orm::{ColumnTrait, EntityTrait, JoinType, QueryFilter, QuerySelect};
    let mut rows = Vec::new();
    let to_supplier: sea_orm::RelationDef =
        inquiry::Entity::belongs_to(organisation::Entity).from(inquiry::Column::SupplierId).to(organisation::Column::Id).into();
    for chunk in slugs.chunks(500) {
        let chunk: Vec<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = inquiry::Entity::find()
            .select_only()
            .column(organisation::Column::Slug)
            .column(inquiry::Column::CreatedAt)
            .column(inquiry::Column::FirstReplyAt)
            .join(JoinType::InnerJoin, to_supplier.clone())
            .filter(organisation::Column::Slug.is_in(chunk.iter().cloned()))
            .filter(inquiry::Column::CreatedAt.gte(now - Duration::days(WINDOW_DAYS)))
            .into_tuple()
            .all(db)
            .await?;
        rows.extend(chunk);
    }
    Ok(records_of(rows, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(hours_ago: i64, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::hours(hours_ago)
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-02T12:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_median_of_answered_inquiries_in_hours_rounded_up() {
        let now = now();
        let inquiries =
            [(at(100, now), Some(at(98, now))), (at(50, now), Some(at(45, now))), (at(30, now), Some(at(29, now) + Duration::minutes(30)))];
        let record = record(&inquiries, now).unwrap();
        assert_eq!(record, ReplyRecord { counted: 3, answered: 3, median_hours: Some(2) });
        assert_eq!(record.describe(Lang::En), "Median first reply within 2 hours (3 inquiries in the last 90 days, 3 answered)");
    }

    #[test]
    fn a_young_unanswered_inquiry_waits_and_an_old_one_counts_as_never() {
        let now = now();
        let young = [(at(5, now), None)];
        assert_eq!(record(&young, now), None, "its outcome is unknown yet");
        let old = [(at(49, now), None), (at(60, now), Some(at(59, now)))];
        let record = record(&old, now).unwrap();
        assert_eq!(record.counted, 2);
        assert_eq!(record.median_hours, None, "the later middle one is unanswered");
        assert_eq!(record.score_hours(), UNANSWERED_HOURS);
    }

    #[test]
    fn only_the_window_counts() {
        let now = now();
        let inquiries = [(now - Duration::days(91), Some(now - Duration::days(90))), (at(10, now), Some(at(9, now)))];
        assert_eq!(record(&inquiries, now).unwrap().counted, 1);
    }

    #[test]
    fn an_answer_within_the_minute_reads_as_within_an_hour() {
        let now = now();
        assert_eq!(record(&[(at(3, now), Some(at(3, now)))], now).unwrap().median_hours, Some(1));
    }

    proptest! {
        /// Answering sooner never makes the record worse, and answering at all never does.
        #[test]
        fn faster_answers_never_worsen_the_record(
            delays in proptest::collection::vec(proptest::option::of(0i64..2_000), 1..30),
            which in 0usize..30,
            faster_by in 1i64..500,
        ) {
            let now = now();
            let inquiries: Vec<_> = delays
                .iter()
                .enumerate()
                .map(|(i, delay)| {
                    let received = now - Duration::hours(60 + i as i64 * 10);
                    (received, delay.map(|d| received + Duration::minutes(d)))
                })
                .collect();
            let before = record(&inquiries, now).unwrap();
            let mut improved = inquiries.clone();
            let i = which % improved.len();
            let received = improved[i].0;
            improved[i].1 = Some(match improved[i].1 {
                Some(answered) => (answered - Duration::minutes(faster_by)).max(received),
                None => received + Duration::minutes(faster_by),
            });
            let after = record(&improved, now).unwrap();
            prop_assert!(after.score_hours() <= before.score_hours());
            prop_assert_eq!(after.counted, before.counted);
        }
    }
}
