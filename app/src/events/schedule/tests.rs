use proptest::prelude::*;

use super::instance::Instance;
use super::*;

fn pair(a: usize, b: usize) -> Pair {
    Pair { a, b, priority: 1 }
}

fn problem(slots: usize, tables: usize, people: usize, requests: Vec<Pair>) -> Problem {
    Problem { slots, tables, unavailable: vec![0; people], requests }
}

/// The true optimum (meetings, then priority) by trying every assignment;
/// tiny problems only.
fn brute_force(problem: &Problem) -> (usize, u64) {
    // Enumerate slot choices (None or a slot) per request and check the rules.
    let r = problem.requests.len();
    let choices = problem.slots + 1;
    let mut best = (0, 0);
    let mut code = vec![0usize; r];
    loop {
        let mut per_slot = vec![0usize; problem.slots];
        let mut busy = std::collections::HashSet::new();
        let mut ok = true;
        let (mut count, mut priority) = (0, 0u64);
        for (i, &c) in code.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let t = c - 1;
            let req = problem.requests[i];
            per_slot[t] += 1;
            ok &= per_slot[t] <= problem.tables;
            for p in [req.a, req.b] {
                ok &= problem.unavailable[p] & (1 << t) == 0;
                ok &= busy.insert((p, t));
            }
            count += 1;
            priority += u64::from(req.priority);
        }
        if ok && (count, priority) > best {
            best = (count, priority);
        }
        // Next code.
        let mut k = 0;
        while k < r {
            code[k] += 1;
            if code[k] < choices {
                break;
            }
            code[k] = 0;
            k += 1;
        }
        if k == r {
            return best;
        }
    }
}

#[test]
fn a_popular_buyer_meets_as_many_as_there_are_slots() {
    // Buyer 0 asked by 20 suppliers; 16 slots.
    let p = problem(16, 10, 21, (1..=20).map(|s| pair(s, 0)).collect());
    let plan = schedule(&p, &[], Effort::default()).unwrap();
    assert_eq!(plan.meetings.len(), 16);
    assert_eq!(plan.upper_bound, 16);
    assert_eq!(conflict(&p, &plan.meetings), None);
}

#[test]
fn tables_limit_each_slot() {
    // Ten separate pairs, two slots of three tables: six meetings.
    let p = problem(2, 3, 20, (0..10).map(|i| pair(2 * i, 2 * i + 1)).collect());
    let plan = schedule(&p, &[], Effort::default()).unwrap();
    assert_eq!((plan.meetings.len(), plan.upper_bound), (6, 6));
    assert_eq!(conflict(&p, &plan.meetings), None);
}

#[test]
fn priority_decides_between_equally_many_meetings() {
    // One slot, one table: the priority meeting is the one held.
    let mut p = problem(1, 1, 4, vec![pair(0, 1), pair(2, 3)]);
    p.requests[1].priority = 5;
    let plan = schedule(&p, &[], Effort::default()).unwrap();
    assert_eq!(plan.meetings.iter().map(|m| m.request).collect::<Vec<_>>(), vec![1]);
    p.unavailable[0] = 0; // and under availability constraints too
    p.unavailable[3] = 0;
    p.slots = 2;
    p.unavailable[2] = 0b10;
    p.unavailable[1] = 0b10;
    let plan = schedule(&p, &[], Effort::default()).unwrap();
    assert_eq!(plan.meetings.iter().map(|m| m.request).collect::<Vec<_>>(), vec![1]);
}

#[test]
fn greedy_is_beaten_where_first_come_wastes_a_slot() {
    // s0 can only meet in slot 0; b0 is asked first by s1, who could meet later.
    // First come puts s1–b0 in slot 0 and s0 never meets; the scheduler meets both.
    let mut p = problem(2, 5, 3, vec![pair(1, 0), pair(2, 0)]);
    p.unavailable[2] = 0b10;
    let plan = schedule(&p, &[], Effort::default()).unwrap();
    assert_eq!((plan.greedy, plan.meetings.len(), plan.upper_bound), (1, 2, 2));
    assert_eq!(conflict(&p, &plan.meetings), None);
}

#[test]
fn kept_meetings_stay_at_their_slot_and_table() {
    let p = problem(4, 3, 6, vec![pair(0, 3), pair(1, 3), pair(2, 4), pair(0, 5)]);
    let keep = [Placed { request: 0, slot: 2, table: 1 }, Placed { request: 2, slot: 2, table: 1 }];
    let plan = schedule(&p, &keep, Effort::default()).unwrap();
    assert!(plan.meetings.contains(&keep[0]));
    // The second asks for a table already kept: it is not kept, but scheduled afresh.
    assert_eq!(plan.not_kept, vec![keep[1]]);
    assert!(plan.meetings.iter().any(|m| m.request == 2));
    assert_eq!(plan.meetings.len(), 4);
    assert_eq!(conflict(&p, &plan.meetings), None);
}

#[test]
fn changes_name_what_stayed_moved_came_and_went() {
    let before =
        [Placed { request: 0, slot: 0, table: 0 }, Placed { request: 1, slot: 1, table: 0 }, Placed { request: 2, slot: 2, table: 0 }];
    let after =
        [Placed { request: 0, slot: 0, table: 0 }, Placed { request: 1, slot: 3, table: 1 }, Placed { request: 3, slot: 2, table: 0 }];
    let c = changes(&before, &after);
    assert_eq!(c.kept, vec![before[0]]);
    assert_eq!(c.moved, vec![(before[1], after[1])]);
    assert_eq!(c.added, vec![after[2]]);
    assert_eq!(c.dropped, vec![before[2]]);
}

#[test]
fn invalid_problems_are_named() {
    assert_eq!(schedule(&problem(0, 1, 2, vec![]), &[], Effort(0)), Err(Invalid::Slots(0)));
    assert_eq!(schedule(&problem(65, 1, 2, vec![]), &[], Effort(0)), Err(Invalid::Slots(65)));
    assert_eq!(schedule(&problem(2, 0, 2, vec![]), &[], Effort(0)), Err(Invalid::NoTables));
    assert_eq!(schedule(&problem(2, 1, 2, vec![pair(0, 2)]), &[], Effort(0)), Err(Invalid::UnknownParticipant(0)));
    assert_eq!(schedule(&problem(2, 1, 2, vec![pair(1, 1)]), &[], Effort(0)), Err(Invalid::SelfMeeting(0)));
    assert_eq!(schedule(&problem(2, 1, 2, vec![pair(0, 1), pair(1, 0)]), &[], Effort(0)), Err(Invalid::Duplicate(0, 1)));
    assert!(matches!(schedule(&problem(2, 1, 3, vec![pair(0, 1), pair(1, 2), pair(2, 0)]), &[], Effort(0)), Err(Invalid::NotTwoSided(_))));
}

#[test]
fn an_instance_in_json_round_trips_to_a_solution() {
    let json = r#"{"slots": 2, "tables": 1, "participants": [{"id": "s1", "unavailable": [0]}, {"id": "b7"}, {"id": "s2"}],
        "requests": [{"a": "s1", "b": "b7"}, {"a": "s2", "b": "b7", "priority": 2}]}"#;
    let instance: Instance = serde_json::from_str(json).unwrap();
    let p = instance.problem().unwrap();
    let plan = schedule(&p, &[], Effort::default()).unwrap();
    let solution = instance.solution(&plan);
    assert_eq!(solution.upper_bound, 2);
    assert_eq!(solution.meetings.len(), 2);
    assert!(solution.meetings.iter().any(|m| m.a == "s1" && m.slot == 1));
    let bad: Instance =
        serde_json::from_str(r#"{"slots": 2, "tables": 1, "participants": [{"id": "s1", "unavailable": [2]}], "requests": []}"#).unwrap();
    assert!(bad.problem().unwrap_err().contains("slot 2"));
    let bad: Instance =
        serde_json::from_str(r#"{"slots": 2, "tables": 1, "participants": [{"id": "s1"}], "requests": [{"a": "s1", "b": "x"}]}"#).unwrap();
    assert!(bad.problem().unwrap_err().contains("\"x\""));
}

/// A random two-sided problem: `left` suppliers then `right` buyers.
fn arb_problem(
    max_slots: usize,
    max_tables: usize,
    max_side: usize,
    max_requests: usize,
    with_availability: bool,
) -> impl Strategy<Value = Problem> {
    (1..=max_slots, 1..=max_tables, 1..=max_side, 1..=max_side).prop_flat_map(move |(slots, tables, left, right)| {
        let pairs = proptest::collection::btree_set((0..left, 0..right), 0..=max_requests.min(left * right));
        let unavailable = proptest::collection::vec(0u64..(1 << slots), left + right);
        let priorities = proptest::collection::vec(1u32..4, max_requests);
        (Just((slots, tables, left)), pairs, unavailable, priorities).prop_map(
            move |((slots, tables, left), pairs, unavailable, priorities)| Problem {
                slots,
                tables,
                unavailable: if with_availability { unavailable } else { vec![0; unavailable.len()] },
                requests: pairs
                    .into_iter()
                    .zip(priorities.into_iter().chain(std::iter::repeat(1)))
                    .map(|((a, b), priority)| Pair { a, b: left + b, priority })
                    .collect(),
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn without_availability_the_plan_is_optimal_and_valid(p in arb_problem(6, 4, 8, 30, false)) {
        let plan = schedule(&p, &[], Effort(200)).unwrap();
        prop_assert_eq!(conflict(&p, &plan.meetings), None);
        prop_assert_eq!(plan.meetings.len(), plan.upper_bound);
        prop_assert!(plan.meetings.len() >= plan.greedy);
    }

    #[test]
    fn with_availability_the_plan_is_valid_within_the_bound_and_beats_greedy(p in arb_problem(8, 5, 10, 40, true)) {
        let plan = schedule(&p, &[], Effort(500)).unwrap();
        prop_assert_eq!(conflict(&p, &plan.meetings), None);
        prop_assert!(plan.meetings.len() <= plan.upper_bound);
        prop_assert!(plan.meetings.len() >= plan.greedy);
    }

    #[test]
    fn on_tiny_problems_the_bound_holds_and_the_exact_case_is_the_true_optimum(p in arb_problem(3, 2, 3, 6, true)) {
        let (best, _) = brute_force(&p);
        let plan = schedule(&p, &[], Effort(500)).unwrap();
        prop_assert!(plan.upper_bound >= best);
        prop_assert!(plan.meetings.len() <= best);
        let open = Problem { unavailable: vec![0; p.unavailable.len()], ..p.clone() };
        let (best, best_priority_open) = brute_force(&open);
        let plan = schedule(&open, &[], Effort(0)).unwrap();
        prop_assert_eq!((plan.meetings.len(), plan.priority(&open)), (best, best_priority_open));
    }

    #[test]
    fn kept_meetings_are_never_moved(p in arb_problem(6, 4, 8, 30, true)) {
        let first = schedule(&p, &[], Effort(200)).unwrap();
        // Keep every other meeting, as if the rest had been cancelled since.
        let keep: Vec<Placed> = first.meetings.iter().step_by(2).copied().collect();
        let again = schedule(&p, &keep, Effort(200)).unwrap();
        prop_assert!(again.not_kept.is_empty());
        for m in &keep {
            prop_assert!(again.meetings.contains(m));
        }
        prop_assert_eq!(conflict(&p, &again.meetings), None);
        prop_assert!(again.meetings.len() >= keep.len());
    }
}
