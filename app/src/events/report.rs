//! The event report's arithmetic: how the meetings stood, what the firms
//! recorded after them, and the same counted by the supplier's belt and
//! category. Pure; the data layer gathers the meetings, `report_repo` draws.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::events::day::{MeetingState, Outcome};

/// One scheduled meeting as the report sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportMeeting {
    pub state: MeetingState,
    /// The supplier's belts and categories by key; a firm in several counts
    /// under each, one in none under the empty key ("not stated").
    pub belts: Vec<String>,
    pub categories: Vec<String>,
    /// What its sides recorded: none, one or two outcomes.
    pub outcomes: Vec<Outcome>,
}

/// Outcomes counted in `Outcome::ALL` order.
pub type OutcomeCounts = [u64; 4];

fn index_of(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(0)
}

/// The event's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Meetings on the plan (not cancelled).
    pub scheduled: u64,
    pub upcoming: u64,
    pub held: u64,
    pub no_shows: u64,
    pub cancelled: u64,
    /// Outcomes recorded (one per side) on meetings not cancelled.
    pub outcomes: OutcomeCounts,
    /// Meetings where at least one side recorded an intent to order.
    pub order_intent_meetings: u64,
}

impl Figures {
    pub fn recorded(&self) -> u64 {
        self.outcomes.iter().sum()
    }
}

/// One belt's or category's share of the meetings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The belt's or category's key; empty for "not stated".
    pub key: String,
    /// Meetings on the plan (not cancelled) and of those, held.
    pub meetings: u64,
    pub held: u64,
    pub outcomes: OutcomeCounts,
}

fn has_order_intent(m: &ReportMeeting) -> bool {
    m.outcomes.contains(&Outcome::OrderIntent)
}

/// The figures of the whole event.
pub fn figures(meetings: &[ReportMeeting]) -> Figures {
    let mut figures = Figures::default();
    for m in meetings {
        match m.state {
            MeetingState::Cancelled => {
                figures.cancelled += 1;
                continue;
            }
            MeetingState::Upcoming => figures.upcoming += 1,
            MeetingState::Held => figures.held += 1,
            MeetingState::NoShow => figures.no_shows += 1,
        }
        figures.scheduled += 1;
        for outcome in &m.outcomes {
            figures.outcomes[index_of(*outcome)] += 1;
        }
        figures.order_intent_meetings += u64::from(has_order_intent(m));
    }
    figures
}

/// The meetings counted by the keys `keys_of` gives each (its belts, or its
/// categories), most order intents first, then most meetings, then by key
/// with "not stated" last. Cancelled meetings count nowhere.
pub fn grouped(meetings: &[ReportMeeting], keys_of: impl Fn(&ReportMeeting) -> &[String]) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for m in meetings.iter().filter(|m| m.state != MeetingState::Cancelled) {
        let keys = keys_of(m);
        let not_stated = [String::new()];
        let mut keys: Vec<&String> = if keys.is_empty() { not_stated.iter().collect() } else { keys.iter().collect() };
        // A firm listed twice under one key still counts once there.
        keys.sort();
        keys.dedup();
        for key in keys {
            let group = groups.entry(key.clone()).or_insert_with(|| Group { key: key.clone(), ..Group::default() });
            group.meetings += 1;
            group.held += u64::from(m.state == MeetingState::Held);
            for outcome in &m.outcomes {
                group.outcomes[index_of(*outcome)] += 1;
            }
        }
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    let order_intents = |g: &Group| g.outcomes[index_of(Outcome::OrderIntent)];
    groups.sort_by(|a, b| {
        a.key
            .is_empty()
            .cmp(&b.key.is_empty())
            .then(order_intents(b).cmp(&order_intents(a)))
            .then(b.meetings.cmp(&a.meetings))
            .then(a.key.cmp(&b.key))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn meeting(state: MeetingState, belts: &[&str], outcomes: &[Outcome]) -> ReportMeeting {
        ReportMeeting {
            state,
            belts: belts.iter().map(|b| b.to_string()).collect(),
            categories: vec!["lashes".into()],
            outcomes: outcomes.to_vec(),
        }
    }

    #[test]
    fn the_figures_count_each_state_and_each_sides_outcome() {
        use MeetingState::*;
        use Outcome::*;
        let meetings = [
            meeting(Held, &["pingdu"], &[OrderIntent, SampleRequested]),
            meeting(Held, &["pingdu"], &[OrderIntent, OrderIntent]),
            meeting(NoShow, &["jimo"], &[NoFit]),
            meeting(Upcoming, &[], &[]),
            meeting(Cancelled, &["pingdu"], &[FollowUp]),
        ];
        let figures = figures(&meetings);
        assert_eq!((figures.scheduled, figures.held, figures.no_shows, figures.upcoming, figures.cancelled), (4, 2, 1, 1, 1));
        assert_eq!(figures.outcomes, [1, 0, 1, 3], "a cancelled meeting's record does not count");
        assert_eq!(figures.recorded(), 5);
        assert_eq!(figures.order_intent_meetings, 2, "a meeting counts once however many sides intend to order");
    }

    #[test]
    fn groups_lead_with_order_intents_and_end_with_not_stated() {
        use MeetingState::*;
        use Outcome::*;
        let meetings = [
            meeting(Held, &["jimo"], &[FollowUp]),
            meeting(Held, &["jimo"], &[NoFit]),
            meeting(Held, &["pingdu", "jiaozhou"], &[OrderIntent]),
            meeting(NoShow, &[], &[]),
            meeting(Cancelled, &["miluo"], &[]),
            meeting(Held, &["pingdu", "pingdu"], &[]),
        ];
        let groups = grouped(&meetings, |m| &m.belts);
        let keys: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["pingdu", "jiaozhou", "jimo", ""], "miluo's only meeting was cancelled");
        assert_eq!((groups[0].meetings, groups[0].held, groups[0].outcomes), (2, 2, [0, 0, 0, 1]));
        assert_eq!((groups[2].meetings, groups[2].outcomes), (2, [1, 1, 0, 0]));
        assert_eq!((groups[3].meetings, groups[3].held), (1, 0));
        assert!(grouped(&[], |m| &m.belts).is_empty());
    }

    fn any_meeting() -> impl Strategy<Value = ReportMeeting> {
        let state = prop::sample::select(MeetingState::ALL.to_vec());
        let keys = prop::collection::vec(prop::sample::select(vec!["a", "b", "c"]), 0..3);
        let outcomes = prop::collection::vec(prop::sample::select(Outcome::ALL.to_vec()), 0..=2);
        (state, keys.clone(), keys, outcomes).prop_map(|(state, belts, categories, outcomes)| ReportMeeting {
            state,
            belts: belts.into_iter().map(String::from).collect(),
            categories: categories.into_iter().map(String::from).collect(),
            outcomes,
        })
    }

    proptest! {
        #[test]
        fn the_figures_add_up(meetings in prop::collection::vec(any_meeting(), 0..40)) {
            let f = figures(&meetings);
            prop_assert_eq!(f.scheduled, f.upcoming + f.held + f.no_shows);
            prop_assert_eq!(f.scheduled + f.cancelled, meetings.len() as u64);
            prop_assert!(f.order_intent_meetings <= f.scheduled);
            prop_assert!(f.order_intent_meetings <= f.outcomes[3]);
            fn belts(m: &ReportMeeting) -> &[String] { &m.belts }
            fn categories(m: &ReportMeeting) -> &[String] { &m.categories }
            for keys_of in [belts as fn(&ReportMeeting) -> &[String], categories] {
                let groups = grouped(&meetings, keys_of);
                // Each meeting is in at least one group, so the groups hold at least the whole.
                prop_assert!(groups.iter().map(|g| g.meetings).sum::<u64>() >= f.scheduled);
                for (i, count) in f.outcomes.iter().enumerate() {
                    prop_assert!(groups.iter().map(|g| g.outcomes[i]).sum::<u64>() >= *count);
                }
                for g in &groups {
                    prop_assert!(g.held <= g.meetings && g.meetings <= f.scheduled);
                }
                // With one key each, the groups split the whole exactly.
                let single: Vec<ReportMeeting> = meetings.iter().cloned().map(|mut m| { m.belts.truncate(1); m }).collect();
                let split = grouped(&single, |m| &m.belts);
                prop_assert_eq!(split.iter().map(|g| g.meetings).sum::<u64>(), f.scheduled);
                prop_assert_eq!(split.iter().map(|g| g.outcomes.iter().sum::<u64>()).sum::<u64>(), f.recorded());
            }
        }
    }
}
