//! How many failed sign-ins are allowed before we make someone wait.
//!
//! - One account from one address: 10 failures in 15 minutes, then that
//!   address waits until the oldest leaves the window (stops guessing from
//!   one place without touching anyone else).
//! - One address over all accounts, and one account from all addresses:
//!   past 50 and 20 failures in an hour, each further attempt must wait a
//!   delay that doubles with every failure, up to a minute. Nobody is locked
//!   out: not everyone behind an office's shared address when one of them
//!   guesses, and not the owner of an account that others guess at from many
//!   addresses. A guesser gets about one try a minute.
//!
//! Each attempt is recorded as a failure *before* the password is checked
//! (and forgiven when it was right), so concurrent attempts count too.

use chrono::{DateTime, Duration, Utc};

/// A hard limit: at most `max_failures` in `window`.
pub struct Limit {
    pub max_failures: usize,
    pub window: Duration,
}

/// A soft limit: past `free_failures` in `window`, a growing delay between attempts.
pub struct Delay {
    pub free_failures: usize,
    pub window: Duration,
}

pub const PER_ACCOUNT_AND_ADDRESS: Limit = Limit { max_failures: 10, window: Duration::minutes(15) };
pub const PER_ADDRESS: Delay = Delay { free_failures: 50, window: Duration::hours(1) };
pub const PER_ACCOUNT: Delay = Delay { free_failures: 20, window: Duration::hours(1) };
/// The longest delay a soft limit asks for.
pub const MAX_DELAY: Duration = Duration::seconds(60);

/// Sign-ups from one address: past 10 in an hour, a growing delay between them.
pub const SIGN_UPS_PER_ADDRESS: Delay = Delay { free_failures: 10, window: Duration::hours(1) };

/// `Ok` when another sign-up from an address may go ahead now, given when
/// the earlier ones were; else how long to wait.
pub fn sign_up_check(now: DateTime<Utc>, earlier: &[DateTime<Utc>]) -> Result<(), Duration> {
    let attempts: Vec<Failure> = earlier.iter().map(|at| Failure { same_account: false, same_address: true, at: *at }).collect();
    match delay_for(now, &SIGN_UPS_PER_ADDRESS, attempts.iter()) {
        Some(wait) => Err(wait),
        None => Ok(()),
    }
}

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
        delay_for(now, &PER_ADDRESS, failures.iter().filter(|f| f.same_address)),
        delay_for(now, &PER_ACCOUNT, failures.iter().filter(|f| f.same_account)),
    ];
    match waits.into_iter().flatten().max() {
        Some(wait) => Err(wait),
        None => Ok(()),
    }
}

fn recent<'a>(now: DateTime<Utc>, window: Duration, failures: impl Iterator<Item = &'a Failure>) -> Vec<DateTime<Utc>> {
    let mut recent: Vec<DateTime<Utc>> = failures.map(|f| f.at).filter(|at| *at > now - window && *at <= now).collect();
    recent.sort();
    recent
}

/// How long until fewer than `limit.max_failures` of `failures` are inside the window.
fn wait_for<'a>(now: DateTime<Utc>, limit: &Limit, failures: impl Iterator<Item = &'a Failure>) -> Option<Duration> {
    let recent = recent(now, limit.window, failures);
    if recent.len() < limit.max_failures {
        return None;
    }
    // Once this one ages out, the count drops below the limit.
    let freeing = recent[recent.len() - limit.max_failures];
    Some(freeing + limit.window - now)
}

/// How long until the next attempt may follow the last failure: nothing
/// within the free failures, then 1 s, 2 s, 4 s … up to [`MAX_DELAY`].
fn delay_for<'a>(now: DateTime<Utc>, delay: &Delay, failures: impl Iterator<Item = &'a Failure>) -> Option<Duration> {
    let recent = recent(now, delay.window, failures);
    let past_free = recent.len().checked_sub(delay.free_failures)?;
    let gap = Duration::seconds(1i64 << past_free.min(6)).min(MAX_DELAY);
    let last = *recent.last()?;
    let wait = last + gap - now;
    (wait > Duration::zero()).then_some(wait)
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
    fn others_failing_on_an_account_only_slow_it_down() {
        let now = Utc::now();
        // 19 failures from elsewhere: no delay yet.
        assert!(check(now, &failures(19, true, false, now, Duration::seconds(30))).is_ok());
        // Hundreds, the last a moment ago: a wait of at most a minute, never a lock.
        let wait = check(now, &failures(500, true, false, now, Duration::milliseconds(100))).unwrap_err();
        assert!(wait <= MAX_DELAY);
        // The last one a minute ago: the owner may try now.
        assert!(check(now, &failures(500, true, false, now - Duration::seconds(60), Duration::milliseconds(100))).is_ok());
    }

    #[test]
    fn delays_double() {
        let now = Utc::now();
        let at = |n: usize| check(now, &failures(n, true, false, now, Duration::milliseconds(1))).unwrap_err();
        assert!(at(20) <= Duration::seconds(1));
        assert!(at(21) <= Duration::seconds(2) && at(21) > Duration::seconds(1));
        assert!(at(30) <= MAX_DELAY && at(30) > Duration::seconds(59));
    }

    #[test]
    fn sign_ups_from_one_address_are_slowed_past_ten_an_hour() {
        let now = Utc::now();
        let earlier = |n: i32| (0..n).map(|i| now - Duration::milliseconds(10 * (i64::from(i) + 1))).collect::<Vec<_>>();
        assert!(sign_up_check(now, &earlier(9)).is_ok());
        assert!(sign_up_check(now, &earlier(10)).is_err());
        assert!(sign_up_check(now, &earlier(40)).unwrap_err() <= MAX_DELAY);
    }

    #[test]
    fn old_failures_are_forgotten() {
        let now = Utc::now();
        let old = failures(200, true, true, now - Duration::hours(1), Duration::seconds(1));
        assert!(check(now, &old).is_ok());
    }

    #[test]
    fn spraying_many_accounts_from_one_address_is_slowed() {
        let now = Utc::now();
        assert!(check(now, &failures(50, false, true, now, Duration::milliseconds(5))).is_err());
        assert!(check(now, &failures(49, false, true, now, Duration::milliseconds(5))).is_ok());
    }

    proptest! {
        /// Whatever others did, an account's owner at a fresh address never
        /// waits longer than a minute.
        #[test]
        fn nobody_is_locked_out_by_others(ages in proptest::collection::vec((0i64..4000, any::<bool>()), 0..600)) {
            let now = Utc::now();
            let log: Vec<Failure> = ages.iter().map(|(age, acc)| Failure { same_account: *acc, same_address: false, at: now - Duration::seconds(*age) }).collect();
            if let Err(wait) = check(now, &log) {
                prop_assert!(wait <= MAX_DELAY);
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
