//! How many failed sign-ins are allowed before we make someone wait.
//!
//! Three limits, each over a sliding window:
//! - one account from one address: 10 in 15 minutes (stops guessing from one place);
//! - one address over all accounts: 50 in an hour (stops spraying many accounts);
//! - one account from all addresses: 100 in an hour (the cap a distributed guesser meets).
//!
//! An attacker at one address can fail at most 40 times an hour against an
//! account (the first limit), short of the account-wide 100, so one address
//! alone can never lock another person's account. Every limit lifts by itself
//! as old failures leave the window: nothing locks forever.

use chrono::{DateTime, Duration, Utc};

pub struct Limit {
    pub max_failures: usize,
    pub window: Duration,
}

pub const PER_ACCOUNT_AND_ADDRESS: Limit = Limit { max_failures: 10, window: Duration::minutes(15) };
pub const PER_ADDRESS: Limit = Limit { max_failures: 50, window: Duration::hours(1) };
pub const PER_ACCOUNT: Limit = Limit { max_failures: 100, window: Duration::hours(1) };

/// The longest window; failures older than this can be forgotten.
pub const REMEMBER_FOR: Duration = Duration::hours(1);

/// One recorded failed sign-in.
#[derive(Clone, Debug)]
pub struct Failure {
    pub same_account: bool,
    pub same_address: bool,
    pub at: DateTime<Utc>,
}

/// `Ok` when another attempt may go ahead now, else how long to wait.
pub fn check(now: DateTime<Utc>, failures: &[Failure]) -> Result<(), Duration> {
    let waits = [
        wait_for(now, &PER_ACCOUNT_AND_ADDRESS, failures.iter().filter(|f| f.same_account && f.same_address)),
        wait_for(now, &PER_ADDRESS, failures.iter().filter(|f| f.same_address)),
        wait_for(now, &PER_ACCOUNT, failures.iter().filter(|f| f.same_account)),
    ];
    match waits.into_iter().flatten().max() {
        Some(wait) => Err(wait),
        None => Ok(()),
    }
}

/// How long until fewer than `limit.max_failures` of `failures` are inside the window.
fn wait_for<'a>(now: DateTime<Utc>, limit: &Limit, failures: impl Iterator<Item = &'a Failure>) -> Option<Duration> {
    let mut recent: Vec<DateTime<Utc>> = failures.map(|f| f.at).filter(|at| *at > now - limit.window && *at <= now).collect();
    if recent.len() < limit.max_failures {
        return None;
    }
    recent.sort();
    // Once this one ages out, the count drops below the limit.
    let freeing = recent[recent.len() - limit.max_failures];
    Some(freeing + limit.window - now)
}

/// Whole minutes to tell the user, at least one.
pub fn minutes_to_wait(wait: Duration) -> i64 {
    ((wait.num_seconds() + 59) / 60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn failures(n: usize, same_account: bool, same_address: bool, now: DateTime<Utc>, spacing: Duration) -> Vec<Failure> {
        (0..n).map(|i| Failure { same_account, same_address, at: now - spacing * (i as i32 + 1) }).collect()
    }

    #[test]
    fn ten_failures_from_one_address_make_that_address_wait() {
        let now = Utc::now();
        assert!(check(now, &failures(9, true, true, now, Duration::seconds(10))).is_ok());
        let wait = check(now, &failures(10, true, true, now, Duration::seconds(10))).unwrap_err();
        // The oldest of the ten was 100 s ago; it leaves the 15-minute window in 800 s.
        assert_eq!(wait, Duration::seconds(800));
        assert_eq!(minutes_to_wait(wait), 14);
    }

    #[test]
    fn others_failing_on_an_account_do_not_block_a_new_address_until_the_account_cap() {
        let now = Utc::now();
        // 99 failures from elsewhere: this address may still try.
        assert!(check(now, &failures(99, true, false, now, Duration::seconds(30))).is_ok());
        assert!(check(now, &failures(100, true, false, now, Duration::seconds(30))).is_err());
    }

    #[test]
    fn old_failures_are_forgotten() {
        let now = Utc::now();
        let old = failures(200, true, true, now - Duration::hours(1), Duration::seconds(1));
        assert!(check(now, &old).is_ok());
    }

    #[test]
    fn spraying_many_accounts_from_one_address_is_limited() {
        let now = Utc::now();
        assert!(check(now, &failures(50, false, true, now, Duration::seconds(5))).is_err());
    }

    proptest! {
        /// One address, failing as fast as the limits allow, never reaches the
        /// account-wide cap, so it can never lock someone else out.
        #[test]
        fn one_address_alone_never_trips_the_account_cap(gaps in proptest::collection::vec(0i64..600, 1..400)) {
            let start = Utc::now();
            let mut now = start;
            let mut log: Vec<Failure> = Vec::new();
            for gap in gaps {
                now += Duration::seconds(gap);
                if check(now, &log).is_ok() {
                    log.push(Failure { same_account: true, same_address: true, at: now });
                }
                let recent = log.iter().filter(|f| f.at > now - PER_ACCOUNT.window).count();
                prop_assert!(recent < PER_ACCOUNT.max_failures);
            }
        }

        /// Whatever happened, waiting as long as we are told is enough.
        #[test]
        fn waiting_the_time_given_is_enough(ages in proptest::collection::vec((0i64..4000, any::<bool>(), any::<bool>()), 0..300)) {
            let now = Utc::now();
            let log: Vec<Failure> = ages.iter().map(|(age, acc, addr)| Failure { same_account: *acc, same_address: *addr, at: now - Duration::seconds(*age) }).collect();
            if let Err(wait) = check(now, &log) {
                prop_assert!(wait > Duration::zero());
                prop_assert!(wait <= REMEMBER_FOR);
                prop_assert!(check(now + wait, &log).is_ok());
            }
        }
    }
}
