//! Registering for an event, pure: a side's seats and entry criteria decide
//! whether a firm is in, on the waitlist, or refused with the criteria it
//! failed; a freed seat goes to the first on the waitlist.

use crate::readiness::types::{Check, Requirement, Standing};

/// The outcome of one registration.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Accepted,
    /// Every seat is taken: `position` on the waitlist (1 = next in).
    Waitlisted {
        position: usize,
    },
    /// These entry criteria are not met, or the firm's profile does not say.
    Refused {
        failed: Vec<(Requirement, Standing)>,
    },
}

/// Decides a registration from the side's seats (`None`: no limit), how
/// many are taken, how many wait already, and the firm checked against the
/// side's entry criteria (`readiness::rules::assess`). A criterion is met by
/// a verified or a self-declared fact; an unsaid one fails, so the firm is
/// told to add it.
pub fn decide(seats: Option<u32>, taken: u32, waiting: usize, checks: &[Check]) -> Outcome {
    let failed: Vec<(Requirement, Standing)> = checks
        .iter()
        .filter(|c| matches!(c.standing, Standing::NotMet | Standing::NotSaid))
        .map(|c| (c.requirement.clone(), c.standing))
        .collect();
    if !failed.is_empty() {
        return Outcome::Refused { failed };
    }
    match seats {
        Some(seats) if taken >= seats => Outcome::Waitlisted { position: waiting + 1 },
        _ => Outcome::Accepted,
    }
}

/// Who moves up when `freed` seats open: the first `freed` of the waitlist,
/// in the order they registered (`(id, when)`; ties by id).
pub fn promote<T: Ord + Copy>(waitlist: &[(i32, T)], freed: usize) -> Vec<i32> {
    let mut order = waitlist.to_vec();
    order.sort_by_key(|&(id, when)| (when, id));
    order.into_iter().take(freed).map(|(id, _)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suppliers::types::Certification;
    use proptest::prelude::*;

    fn check(requirement: Requirement, standing: Standing) -> Check {
        Check { requirement, standing, steps: Vec::new() }
    }

    #[test]
    fn criteria_come_before_seats_and_an_unsaid_fact_fails() {
        let bsci = Requirement::Certification(Certification::ALL[0]);
        let met = [check(bsci.clone(), Standing::SelfDeclared)];
        assert_eq!(decide(Some(10), 3, 0, &met), Outcome::Accepted);
        assert_eq!(decide(Some(10), 10, 4, &met), Outcome::Waitlisted { position: 5 });
        assert_eq!(decide(None, 500, 0, &met), Outcome::Accepted);
        let unsaid = [check(bsci.clone(), Standing::NotSaid)];
        assert_eq!(decide(Some(10), 10, 0, &unsaid), Outcome::Refused { failed: vec![(bsci, Standing::NotSaid)] });
    }

    #[test]
    fn the_first_to_wait_moves_up_first() {
        assert_eq!(promote(&[(7, 30), (3, 10), (9, 10)], 2), vec![3, 9]);
        assert_eq!(promote(&[(7, 30)], 5), vec![7]);
        assert_eq!(promote::<i64>(&[], 1), Vec::<i32>::new());
    }

    proptest! {
        #[test]
        fn never_more_accepted_than_seats(seats in 0u32..50, arrivals in 0usize..120) {
            let (mut taken, mut waiting) = (0u32, 0usize);
            for _ in 0..arrivals {
                match decide(Some(seats), taken, waiting, &[]) {
                    Outcome::Accepted => taken += 1,
                    Outcome::Waitlisted { position } => { prop_assert_eq!(position, waiting + 1); waiting += 1 }
                    Outcome::Refused { .. } => prop_assert!(false, "no criteria, no refusal"),
                }
            }
            prop_assert!(taken <= seats);
            prop_assert_eq!(taken as usize + waiting, arrivals);
        }
    }
}
