//! From an event's participants, accepted requests and published meetings
//! to a scheduling problem, and from the scheduler's plan back to meetings
//! and a summary of what changed. Pure; `schedule` does the mathematics.

use std::collections::HashMap;

use crate::events::schedule::{self, Effort, Invalid, Pair, Placed, Problem};
use crate::events::types::ScheduleRun;

/// A firm with a seat, and the slots it cannot attend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub registration_id: i32,
    pub unavailable: Vec<usize>,
}

/// An accepted meeting request between two registrations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub request_id: i32,
    pub from: i32,
    pub to: i32,
    pub priority: bool,
}

/// A meeting as stored: a request at a slot and a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stored {
    pub request_id: i32,
    pub slot: usize,
    pub table: usize,
}

/// A priority meeting weighs this much against an ordinary one, once the
/// number of meetings is as high as it goes.
const PRIORITY_WEIGHT: u32 = 1;

/// The new schedule and what the run did.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub meetings: Vec<Stored>,
    pub run: ScheduleRun,
}

/// Schedules `accepted` among `participants` in `slots` × `tables`, keeping
/// `published` meetings in place where they still work unless `rebuild`.
/// Requests with an end not among the participants are left out; published
/// meetings of requests no longer accepted are dropped.
pub fn reschedule(
    slots: usize,
    tables: usize,
    participants: &[Participant],
    accepted: &[Accepted],
    published: &[Stored],
    rebuild: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Outcome, Invalid> {
    let index: HashMap<i32, usize> = participants.iter().enumerate().map(|(i, p)| (p.registration_id, i)).collect();
    let unavailable = participants
        .iter()
        .map(|p| p.unavailable.iter().filter(|&&s| s < slots.min(schedule::MOST_SLOTS)).fold(0u64, |bits, &s| bits | (1 << s)))
        .collect();
    let mut request_ids = Vec::new();
    let mut requests = Vec::new();
    let mut pairs = std::collections::HashSet::new();
    for a in accepted {
        let (Some(&from), Some(&to)) = (index.get(&a.from), index.get(&a.to)) else { continue };
        // Two firms meet once, however many requests they accepted.
        if !pairs.insert((from.min(to), from.max(to))) {
            continue;
        }
        request_ids.push(a.request_id);
        requests.push(Pair { a: from, b: to, priority: if a.priority { PRIORITY_WEIGHT } else { 0 } });
    }
    let problem = Problem { slots, tables, unavailable, requests };
    let position: HashMap<i32, usize> = request_ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let before: Vec<Placed> =
        published.iter().filter_map(|m| Some(Placed { request: *position.get(&m.request_id)?, slot: m.slot, table: m.table })).collect();
    let gone: Vec<(i32, crate::events::types::Place)> =
        published.iter().filter(|m| !position.contains_key(&m.request_id)).map(|m| (m.request_id, (m.slot, m.table))).collect();
    let keep = if rebuild { Vec::new() } else { before.clone() };
    let plan = schedule::schedule(&problem, &keep, Effort::default())?;
    let changes = schedule::changes(&before, &plan.meetings);
    let id = |p: &Placed| request_ids[p.request];
    let mut meetings: Vec<Stored> = plan.meetings.iter().map(|p| Stored { request_id: id(p), slot: p.slot, table: p.table }).collect();
    meetings.sort_by_key(|m| (m.slot, m.table));
    let run = ScheduleRun {
        ran_at: now,
        rebuild,
        requests: problem.requests.len(),
        placed: plan.meetings.len(),
        upper_bound: plan.upper_bound,
        greedy: plan.greedy,
        kept: changes.kept.len(),
        moved: changes.moved.iter().map(|(b, a)| (id(b), (b.slot, b.table), (a.slot, a.table))).collect(),
        added: changes.added.iter().map(id).collect(),
        dropped: changes.dropped.iter().map(|p| (id(p), (p.slot, p.table))).chain(gone).collect(),
    };
    Ok(Outcome { meetings, run })
}

/// The firms (registrations) whose meetings the run changed.
pub fn affected(run: &ScheduleRun, ends: &HashMap<i32, (i32, i32)>) -> Vec<i32> {
    let mut firms: Vec<i32> = run
        .moved
        .iter()
        .map(|m| m.0)
        .chain(run.added.iter().copied())
        .chain(run.dropped.iter().map(|d| d.0))
        .filter_map(|request| ends.get(&request))
        .flat_map(|&(a, b)| [a, b])
        .collect();
    firms.sort_unstable();
    firms.dedup();
    firms
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::UNIX_EPOCH
    }

    fn people(n: i32) -> Vec<Participant> {
        (1..=n).map(|id| Participant { registration_id: id, unavailable: vec![] }).collect()
    }

    fn asked(request_id: i32, from: i32, to: i32) -> Accepted {
        Accepted { request_id, from, to, priority: false }
    }

    #[test]
    fn a_first_run_places_every_meeting_that_fits_and_adds_them_all() {
        let accepted = [asked(10, 1, 3), asked(11, 2, 3), asked(12, 1, 4)];
        let out = reschedule(2, 2, &people(4), &accepted, &[], false, now()).unwrap();
        assert_eq!(out.meetings.len(), 3);
        assert_eq!(out.run.placed, 3);
        assert_eq!(out.run.upper_bound, 3);
        let mut added = out.run.added.clone();
        added.sort_unstable();
        assert_eq!(added, vec![10, 11, 12]);
        assert!(out.run.moved.is_empty() && out.run.dropped.is_empty());
    }

    #[test]
    fn a_rerun_keeps_published_meetings_where_they_are() {
        let accepted = [asked(10, 1, 3), asked(11, 2, 4)];
        let published = [Stored { request_id: 10, slot: 2, table: 1 }, Stored { request_id: 11, slot: 0, table: 0 }];
        let out = reschedule(3, 2, &people(4), &accepted, &published, false, now()).unwrap();
        assert_eq!(out.run.kept, 2);
        assert!(out.meetings.contains(&published[0]) && out.meetings.contains(&published[1]));
    }

    #[test]
    fn a_meeting_in_a_slot_its_firm_now_cannot_attend_moves_and_is_reported() {
        let mut who = people(2);
        who[0].unavailable = vec![0];
        let published = [Stored { request_id: 7, slot: 0, table: 0 }];
        let out = reschedule(2, 1, &who, &[asked(7, 1, 2)], &published, false, now()).unwrap();
        assert_eq!(out.meetings, vec![Stored { request_id: 7, slot: 1, table: 0 }]);
        assert_eq!(out.run.moved, vec![(7, (0, 0), (1, 0))]);
    }

    #[test]
    fn withdrawn_requests_and_departed_firms_drop_their_meetings() {
        let published = [Stored { request_id: 7, slot: 0, table: 0 }, Stored { request_id: 8, slot: 1, table: 0 }];
        // 7 is no longer accepted; 8's buyer (3) left the event.
        let out = reschedule(2, 1, &people(2), &[asked(8, 1, 3)], &published, false, now()).unwrap();
        assert!(out.meetings.is_empty());
        let mut dropped = out.run.dropped.clone();
        dropped.sort_unstable();
        assert_eq!(dropped, vec![(7, (0, 0)), (8, (1, 0))]);
    }

    #[test]
    fn the_firms_affected_are_both_ends_of_every_changed_meeting() {
        let run = ScheduleRun { moved: vec![(1, (0, 0), (1, 0))], added: vec![2], dropped: vec![(3, (1, 1))], ..Default::default() };
        let ends = HashMap::from([(1, (10, 20)), (2, (10, 21)), (3, (11, 22)), (4, (12, 23))]);
        assert_eq!(affected(&run, &ends), vec![10, 11, 20, 21, 22]);
    }

    proptest! {
        #[test]
        fn every_schedule_is_valid_and_keeps_what_it_can(
            n in 2usize..10,
            pairs in proptest::collection::vec((0usize..5, 5usize..10, any::<bool>()), 0..20),
            blocked in proptest::collection::vec((0usize..10, 0usize..4), 0..8),
            slots in 1usize..5,
            tables in 1usize..3,
            rebuild in any::<bool>(),
        ) {
            let mut who: Vec<Participant> = (0..10).map(|i| Participant { registration_id: i + 1, unavailable: vec![] }).collect();
            for (p, s) in blocked { who[p].unavailable.push(s); }
            // Only the first n firms are still registered.
            let who: Vec<Participant> = who.into_iter().take(n.max(6)).collect();
            let mut seen = std::collections::HashSet::new();
            let accepted: Vec<Accepted> = pairs.iter().enumerate()
                .filter(|(_, (a, b, _))| seen.insert((*a, *b)))
                .map(|(i, &(a, b, priority))| Accepted { request_id: i as i32 + 100, from: a as i32 + 1, to: b as i32 + 1, priority })
                .collect();
            let first = reschedule(slots, tables, &who, &accepted, &[], false, now()).unwrap();
            let again = reschedule(slots, tables, &who, &accepted, &first.meetings, rebuild, now()).unwrap();
            for out in [&first, &again] {
                let mut tables_used = std::collections::HashSet::new();
                let mut busy = std::collections::HashSet::new();
                for m in &out.meetings {
                    prop_assert!(m.slot < slots && m.table < tables);
                    prop_assert!(tables_used.insert((m.slot, m.table)));
                    let a = accepted.iter().find(|a| a.request_id == m.request_id).unwrap();
                    for firm in [a.from, a.to] {
                        let p = who.iter().find(|p| p.registration_id == firm).unwrap();
                        prop_assert!(!p.unavailable.contains(&m.slot));
                        prop_assert!(busy.insert((firm, m.slot)));
                    }
                }
            }
            if !rebuild {
                // Nothing changed, so a rerun keeps every meeting where it was.
                prop_assert_eq!(again.run.kept, first.meetings.len());
                prop_assert!(again.run.moved.is_empty() && again.run.dropped.is_empty() && again.run.added.is_empty());
            }
            prop_assert!(again.run.placed >= again.run.greedy && again.run.placed <= again.run.upper_bound);
        }
    }
}
