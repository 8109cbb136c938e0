//! Meeting requests, pure: who may ask whom, how many requests a
//! participant may have open, when pending requests expire, and the slots
//! a participant marks as unavailable.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::coded_enum;
use crate::events::types::Side;

/// Longest note on a request.
pub const NOTE_MAX: usize = 500;
/// Most requests a participant may have sent and still open (waiting or accepted):
/// a day has only so many slots, and a flood of requests helps nobody.
pub const OPEN_REQUESTS_MAX: usize = 15;

coded_enum! {
    pub enum RequestStatus {
        Pending = ("pending", "待回复", "Waiting for an answer"),
        Accepted = ("accepted", "已接受", "Accepted"),
        Declined = ("declined", "已婉拒", "Declined"),
        Withdrawn = ("withdrawn", "已撤回", "Withdrawn"),
        Expired = ("expired", "已过期", "Expired"),
    }
}

coded_enum! {
    pub enum Answer {
        Accept = ("accept", "接受", "Accept"),
        Decline = ("decline", "婉拒", "Decline"),
    }
}

/// When requests close and pending ones expire: the start of the event's
/// day in China (a schedule is made the day before).
pub fn requests_close_at(day: NaiveDate) -> DateTime<Utc> {
    (day.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(8)).and_utc()
}

/// A request's status as it stands at `now`: a pending one past the close has expired.
pub fn status_at(status: RequestStatus, closes: DateTime<Utc>, now: DateTime<Utc>) -> RequestStatus {
    match status {
        RequestStatus::Pending if now >= closes => RequestStatus::Expired,
        other => other,
    }
}

/// Whether a request still counts against its sender's limit, and blocks another between the same two.
pub fn is_open(status: RequestStatus) -> bool {
    matches!(status, RequestStatus::Pending | RequestStatus::Accepted)
}

/// One side of a possible meeting, as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Party {
    pub registration_id: i32,
    pub side: Side,
    /// Registered (not waiting, not withdrawn).
    pub accepted: bool,
}

/// Why a request may not be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Requests are closed: the event is not published, or its day has come.
    Closed,
    /// Only registered participants (not waiting) meet.
    NotParticipant,
    /// Suppliers meet buyers, not each other.
    SameSide,
    /// An open request between the two exists already (either way).
    AlreadyAsked,
    /// The sender has this many open requests already.
    LimitReached { max: usize },
}

/// Whether `from` may ask `to` for a meeting: both registered, on opposite
/// sides, no open request between them, the sender under its limit, and
/// requests not closed.
pub fn may_request(open: bool, from: Party, to: Party, between_open: bool, sender_open: usize) -> Result<(), Refusal> {
    if !open {
        return Err(Refusal::Closed);
    }
    if !from.accepted || !to.accepted {
        return Err(Refusal::NotParticipant);
    }
    if from.side == to.side {
        return Err(Refusal::SameSide);
    }
    if between_open {
        return Err(Refusal::AlreadyAsked);
    }
    if sender_open >= OPEN_REQUESTS_MAX {
        return Err(Refusal::LimitReached { max: OPEN_REQUESTS_MAX });
    }
    Ok(())
}

/// Slot numbers a participant cannot attend, from the ticked boxes: each
/// once, in order, only slots the day has; `None` when a box names no slot of the day.
pub fn unavailable_slots(ticked: &[String], slot_count: usize) -> Option<Vec<usize>> {
    let mut slots = Vec::new();
    for tick in ticked.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        match tick.parse::<usize>() {
            Ok(n) if n < slot_count => slots.push(n),
            _ => return None,
        }
    }
    slots.sort_unstable();
    slots.dedup();
    Some(slots)
}

/// Stored slot numbers, read back (unknown entries dropped).
pub fn stored_slots(stored: &str) -> Vec<usize> {
    stored.split(',').filter_map(|s| s.trim().parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn party(id: i32, side: Side) -> Party {
        Party { registration_id: id, side, accepted: true }
    }

    #[test]
    fn suppliers_ask_buyers_once_and_within_their_limit() {
        let (s, b, s2) = (party(1, Side::Supplier), party(2, Side::Buyer), party(3, Side::Supplier));
        assert_eq!(may_request(true, s, b, false, 0), Ok(()));
        assert_eq!(may_request(true, b, s, false, 0), Ok(()), "buyers ask suppliers too");
        assert_eq!(may_request(false, s, b, false, 0), Err(Refusal::Closed));
        assert_eq!(may_request(true, s, s2, false, 0), Err(Refusal::SameSide));
        assert_eq!(may_request(true, s, b, true, 0), Err(Refusal::AlreadyAsked));
        assert_eq!(may_request(true, s, b, false, OPEN_REQUESTS_MAX), Err(Refusal::LimitReached { max: OPEN_REQUESTS_MAX }));
        let waiting = Party { accepted: false, ..b };
        assert_eq!(may_request(true, s, waiting, false, 0), Err(Refusal::NotParticipant));
    }

    #[test]
    fn pending_requests_expire_when_the_day_starts_in_china() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        let closes = requests_close_at(day);
        assert_eq!(closes.to_rfc3339(), "2027-01-14T16:00:00+00:00");
        let before = closes - Duration::seconds(1);
        assert_eq!(status_at(RequestStatus::Pending, closes, before), RequestStatus::Pending);
        assert_eq!(status_at(RequestStatus::Pending, closes, closes), RequestStatus::Expired);
        assert_eq!(status_at(RequestStatus::Accepted, closes, closes), RequestStatus::Accepted, "an accepted meeting stands");
    }

    #[test]
    fn unavailable_slots_are_the_days_own() {
        let ticked = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(unavailable_slots(&ticked(&["5", "0", "5", ""]), 9), Some(vec![0, 5]));
        assert_eq!(unavailable_slots(&ticked(&["9"]), 9), None);
        assert_eq!(unavailable_slots(&ticked(&["x"]), 9), None);
        assert_eq!(stored_slots("0,5"), vec![0, 5]);
        assert_eq!(stored_slots(""), Vec::<usize>::new());
    }

    proptest! {
        /// However many requests are tried, a sender never has more than the limit open.
        #[test]
        fn never_more_open_requests_than_the_limit(tries in 0usize..60) {
            let mut open = 0usize;
            for n in 0..tries {
                let to = party(100 + n as i32, Side::Buyer);
                if may_request(true, party(1, Side::Supplier), to, false, open).is_ok() {
                    open += 1;
                }
            }
            prop_assert!(open <= OPEN_REQUESTS_MAX);
            prop_assert_eq!(open, tries.min(OPEN_REQUESTS_MAX));
        }

        /// Saved slots read back the same.
        #[test]
        fn slots_read_back(slots in proptest::collection::btree_set(0usize..64, 0..20)) {
            let ticked: Vec<String> = slots.iter().map(|s| s.to_string()).collect();
            let read = unavailable_slots(&ticked, 64).unwrap();
            let stored = read.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(",");
            prop_assert_eq!(stored_slots(&stored), read);
        }
    }
}
