//! Applying to a program, pure: where an application stands, what an
//! organiser's decision or the applicant's step does to it, how many seats
//! are left, who is offered a freed seat and until when.
//!
//! A seat is held by an accepted application and by an offered one until its
//! deadline. A seat freed (a withdrawal, an offer that lapsed) goes to the
//! longest waiting, who confirms by the deadline or lets it go to the next.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::forms::Problem;

crate::coded_enum! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        Applied = ("applied", "已申请，待审核", "Applied, awaiting review"),
        Accepted = ("accepted", "已录取", "Accepted"),
        Waitlisted = ("waitlisted", "候补中", "On the waitlist"),
        Offered = ("offered", "有空位，待确认", "Seat offered, to confirm"),
        Declined = ("declined", "未录取", "Declined"),
        Withdrawn = ("withdrawn", "已撤回", "Withdrawn"),
        Lapsed = ("lapsed", "逾期未确认", "Offer lapsed"),
    }
}

crate::coded_enum! {
    /// What an organiser decides on an application.
    pub enum Decision {
        Accept = ("accept", "录取", "Accept"),
        Waitlist = ("waitlist", "列入候补", "Waitlist"),
        Decline = ("decline", "不录取", "Decline"),
    }
}

impl ApplicationStatus {
    /// Holds one of the program's seats.
    pub fn holds_seat(self) -> bool {
        matches!(self, ApplicationStatus::Accepted | ApplicationStatus::Offered)
    }

    /// Still in play: the applicant may withdraw it.
    pub fn is_standing(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Applied | ApplicationStatus::Accepted | ApplicationStatus::Waitlisted | ApplicationStatus::Offered
        )
    }
}

/// How long someone offered a freed seat has to confirm it.
pub const OFFER_HOURS: i64 = 48;

/// The most a decline's reason may say.
pub const REASON_MAX: usize = 500;

/// The least and the most a motivation may say.
pub const MOTIVATION_MIN: usize = 20;
pub const MOTIVATION_MAX: usize = 2_000;

/// Where an application stands at `now`: an offer past its deadline has lapsed
/// even before the sweeper writes it down.
pub fn effective(status: ApplicationStatus, offer_expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> ApplicationStatus {
    match (status, offer_expires_at) {
        (ApplicationStatus::Offered, Some(deadline)) if deadline <= now => ApplicationStatus::Lapsed,
        _ => status,
    }
}

/// Seats left, given the seats (`None`: no limit) and how many are held.
pub fn seats_left(seats: Option<u32>, held: u32) -> Option<u32> {
    seats.map(|seats| seats.saturating_sub(held))
}

/// What an organiser's `decision` makes of an application that stands at
/// `current`, with `left` seats (`None`: no limit). A decline needs a reason;
/// an acceptance needs a seat.
pub fn decide(
    current: ApplicationStatus,
    decision: Decision,
    left: Option<u32>,
    reason: &str,
) -> Result<ApplicationStatus, (&'static str, Problem)> {
    let undecided = matches!(current, ApplicationStatus::Applied | ApplicationStatus::Waitlisted);
    match decision {
        _ if !undecided => Err(("decision", Problem::AlreadyDecided)),
        Decision::Accept if left == Some(0) => Err(("decision", Problem::NoSeatLeft)),
        Decision::Accept => Ok(ApplicationStatus::Accepted),
        Decision::Waitlist if current == ApplicationStatus::Waitlisted => Err(("decision", Problem::AlreadyDecided)),
        Decision::Waitlist => Ok(ApplicationStatus::Waitlisted),
        Decision::Decline => {
            let reason = reason.trim();
            if reason.is_empty() {
                Err(("reason", Problem::Required))
            } else if reason.chars().count() > REASON_MAX {
                Err(("reason", Problem::TooLong { max: REASON_MAX }))
            } else {
                Ok(ApplicationStatus::Declined)
            }
        }
    }
}

/// Whether the applicant may confirm a seat offered to them at `now`.
pub fn may_confirm(status: ApplicationStatus, offer_expires_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), Problem> {
    match effective(status, offer_expires_at, now) {
        ApplicationStatus::Offered => Ok(()),
        ApplicationStatus::Lapsed => Err(Problem::OfferLapsed),
        _ => Err(Problem::AlreadyDecided),
    }
}

/// A motivation, trimmed, or what is wrong with it.
pub fn motivation(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    let length = text.chars().count();
    if text.is_empty() {
        Err(Problem::Required)
    } else if length < MOTIVATION_MIN {
        Err(Problem::TooShort { min: MOTIVATION_MIN })
    } else if length > MOTIVATION_MAX {
        Err(Problem::TooLong { max: MOTIVATION_MAX })
    } else {
        Ok(text.to_string())
    }
}

/// The deadline to confirm a seat offered at `now`: [`OFFER_HOURS`] later,
/// but no later than the program's first day begins in China. `None` once it
/// has begun (a seat freed then is not offered).
pub fn offer_deadline(now: DateTime<Utc>, starts_on: NaiveDate) -> Option<DateTime<Utc>> {
    let start = starts_on.and_hms_opt(0, 0, 0)?.and_local_timezone(crate::clock::china()).single()?.with_timezone(&Utc);
    (start > now).then(|| (now + Duration::hours(OFFER_HOURS)).min(start))
}

/// Who is offered the seats free: the first `free` of the waitlist, which is
/// in the order its people joined it.
pub fn offers(seats: Option<u32>, held: u32, waitlist: &[i32]) -> Vec<i32> {
    match seats_left(seats, held) {
        // Without a limit no seat is ever short; the organiser accepts from the waitlist at will.
        None => Vec::new(),
        Some(free) => waitlist.iter().take(free as usize).copied().collect(),
    }
}

/// Counts of things, most first; equal counts in the things' order.
pub fn tally<K: Ord + Clone>(keys: impl IntoIterator<Item = K>) -> Vec<(K, u64)> {
    let mut counts = std::collections::BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0u64) += 1;
    }
    let mut counted: Vec<(K, u64)> = counts.into_iter().collect();
    // A stable sort keeps equal counts in key order.
    counted.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    counted
}

/// Applications per status, in the statuses' own order, leaving out those with none.
pub fn by_status(statuses: impl IntoIterator<Item = ApplicationStatus>) -> Vec<(ApplicationStatus, u64)> {
    let counted = tally(statuses);
    ApplicationStatus::ALL.iter().filter_map(|s| counted.iter().find(|(k, _)| k == s).copied()).collect()
}

/// A school as people type it, counted as one: spaces trimmed and runs of them
/// made one, Latin letters compared without case.
pub fn school_key(school: &str) -> String {
    school.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ApplicationStatus as S;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn organisers_decide_only_what_is_undecided() {
        assert_eq!(decide(S::Applied, Decision::Accept, Some(1), ""), Ok(S::Accepted));
        assert_eq!(decide(S::Waitlisted, Decision::Accept, None, ""), Ok(S::Accepted));
        assert_eq!(decide(S::Applied, Decision::Waitlist, Some(0), ""), Ok(S::Waitlisted), "waitlisting needs no seat");
        assert_eq!(decide(S::Waitlisted, Decision::Waitlist, Some(0), ""), Err(("decision", Problem::AlreadyDecided)));
        assert_eq!(decide(S::Applied, Decision::Decline, Some(3), "  Not from the region "), Ok(S::Declined));
        for done in [S::Accepted, S::Offered, S::Declined, S::Withdrawn, S::Lapsed] {
            for decision in Decision::ALL {
                assert_eq!(decide(done, *decision, Some(5), "reason"), Err(("decision", Problem::AlreadyDecided)), "{done:?} {decision:?}");
            }
        }
    }

    #[test]
    fn an_acceptance_needs_a_seat_and_a_decline_a_reason() {
        assert_eq!(decide(S::Applied, Decision::Accept, Some(0), ""), Err(("decision", Problem::NoSeatLeft)));
        assert_eq!(decide(S::Applied, Decision::Decline, None, "   "), Err(("reason", Problem::Required)));
        let long = "很".repeat(REASON_MAX + 1);
        assert_eq!(decide(S::Applied, Decision::Decline, None, &long), Err(("reason", Problem::TooLong { max: REASON_MAX })));
        assert_eq!(decide(S::Applied, Decision::Decline, None, &"很".repeat(REASON_MAX)), Ok(S::Declined), "counted in characters");
    }

    #[test]
    fn an_offer_lapses_at_its_deadline() {
        let deadline = at("2026-12-05T10:00:00Z");
        assert_eq!(effective(S::Offered, Some(deadline), at("2026-12-05T09:59:59Z")), S::Offered);
        assert_eq!(effective(S::Offered, Some(deadline), deadline), S::Lapsed);
        assert_eq!(effective(S::Accepted, Some(deadline), at("2026-12-06T00:00:00Z")), S::Accepted, "only offers lapse");
        assert_eq!(may_confirm(S::Offered, Some(deadline), at("2026-12-04T00:00:00Z")), Ok(()));
        assert_eq!(may_confirm(S::Offered, Some(deadline), at("2026-12-06T00:00:00Z")), Err(Problem::OfferLapsed));
        assert_eq!(may_confirm(S::Waitlisted, None, at("2026-12-04T00:00:00Z")), Err(Problem::AlreadyDecided));
    }

    #[test]
    fn an_offer_gives_two_days_but_not_past_the_first_day() {
        let now = at("2026-12-03T02:00:00Z");
        let far = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
        assert_eq!(offer_deadline(now, far), Some(at("2026-12-05T02:00:00Z")));
        // The first day begins at midnight in China (16:00 UTC the day before).
        let tomorrow = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(offer_deadline(now, tomorrow), Some(at("2026-12-03T16:00:00Z")));
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(offer_deadline(now, today), None, "begun already");
    }

    #[test]
    fn a_motivation_says_enough_but_not_too_much() {
        assert_eq!(motivation("  "), Err(Problem::Required));
        assert_eq!(motivation("I like it"), Err(Problem::TooShort { min: MOTIVATION_MIN }));
        assert_eq!(
            motivation("我家在岳阳做茶叶，想学跨境电商把君山银针卖到海外去。"),
            Ok("我家在岳阳做茶叶，想学跨境电商把君山银针卖到海外去。".into())
        );
        assert_eq!(motivation(&"a".repeat(MOTIVATION_MAX + 1)), Err(Problem::TooLong { max: MOTIVATION_MAX }));
    }

    #[test]
    fn freed_seats_go_to_the_longest_waiting() {
        assert_eq!(offers(Some(3), 2, &[7, 4, 9]), vec![7]);
        assert_eq!(offers(Some(3), 1, &[7, 4, 9]), vec![7, 4]);
        assert_eq!(offers(Some(3), 3, &[7, 4, 9]), Vec::<i32>::new());
        assert_eq!(offers(Some(3), 5, &[7]), Vec::<i32>::new(), "over-full (seats cut since) offers nothing");
        assert_eq!(offers(None, 40, &[7]), Vec::<i32>::new(), "no limit: nothing is offered by itself");
        assert_eq!(seats_left(Some(2), 5), Some(0));
    }

    #[test]
    fn the_dashboard_counts_most_first_and_statuses_in_their_order() {
        assert_eq!(tally(["b", "a", "b", "c", "a", "b"]), vec![("b", 3), ("a", 2), ("c", 1)]);
        assert_eq!(tally(["z", "y"]), vec![("y", 1), ("z", 1)], "ties in key order");
        assert_eq!(
            by_status([S::Declined, S::Applied, S::Declined, S::Accepted]),
            vec![(S::Applied, 1), (S::Accepted, 1), (S::Declined, 2)]
        );
        assert_eq!(school_key("  Qingdao   University "), school_key("qingdao university"));
        assert_eq!(school_key("青岛大学"), "青岛大学");
    }

    proptest! {
        #[test]
        fn a_tally_counts_every_item_once(keys in proptest::collection::vec(0u8..6, 0..60)) {
            let counted = tally(keys.iter().copied());
            prop_assert_eq!(counted.iter().map(|(_, n)| n).sum::<u64>(), keys.len() as u64);
            prop_assert!(counted.windows(2).all(|w| w[0].1 >= w[1].1));
        }

        #[test]
        fn offers_never_overfill_and_keep_the_queue_order(seats in 0u32..20, held in 0u32..25, queue in proptest::collection::vec(0i32..1000, 0..30)) {
            let offered = offers(Some(seats), held, &queue);
            prop_assert!(held + offered.len() as u32 <= seats.max(held));
            prop_assert_eq!(&offered[..], &queue[..offered.len()]);
            if held < seats {
                prop_assert_eq!(offered.len(), ((seats - held) as usize).min(queue.len()));
            }
        }

        #[test]
        fn accepting_never_takes_a_seat_that_is_not_there(seats in proptest::option::of(0u32..10), held in 0u32..12) {
            let left = seats_left(seats, held);
            if decide(S::Applied, Decision::Accept, left, "").is_ok() {
                prop_assert!(seats.is_none_or(|s| held < s));
            }
        }
    }
}
