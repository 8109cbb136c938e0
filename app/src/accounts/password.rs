//! Password hashing with Argon2id (19 MiB, two passes, one lane), at most as
//! many hashes at once as there are cores, so a burst of sign-ins queues
//! behind itself instead of starving page rendering.
//!
//! The queues are bounded: past [`SIGN_IN_QUEUE`] waiting sign-ins, or
//! [`SIGN_UP_QUEUE`] waiting sign-ups, a new one is refused at once as
//! `Busy`. Sign-ups (and password changes) hash on at most half the cores, so
//! a flood of sign-ups can never keep people from signing in.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

/// How many sign-ins may wait for a hash at once.
pub const SIGN_IN_QUEUE: usize = 64;
/// How many sign-ups (and password changes) may wait for a hash at once.
pub const SIGN_UP_QUEUE: usize = 8;

/// The hashing slots and the queues in front of them.
struct Queues {
    /// One a core.
    hashing: Semaphore,
    /// New passwords' share of the cores.
    new_password_share: Semaphore,
    sign_in_waiting: Semaphore,
    new_password_waiting: Semaphore,
}

impl Queues {
    fn new(cores: usize) -> Queues {
        Queues {
            hashing: Semaphore::new(cores),
            new_password_share: Semaphore::new((cores / 2).max(1)),
            sign_in_waiting: Semaphore::new(SIGN_IN_QUEUE),
            new_password_waiting: Semaphore::new(SIGN_UP_QUEUE),
        }
    }
}

static QUEUES: LazyLock<Queues> = LazyLock::new(|| Queues::new(slots()));

/// What a hash is for, which decides the queue it waits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    SignIn,
    /// A new password: a sign-up or a change.
    NewPassword,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn fresh_salt() -> SaltString {
    let bytes: [u8; 16] = rand::random();
    SaltString::encode_b64(&bytes).expect("16 bytes make a valid salt")
}

/// How many hashes may run at once.
pub fn slots() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

async fn on_a_slot<T: Send + 'static>(purpose: Purpose, work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    on_a_slot_of(&QUEUES, purpose, work).await
}

async fn on_a_slot_of<T: Send + 'static>(
    queues: &Queues,
    purpose: Purpose,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let waiting = match purpose {
        Purpose::SignIn => &queues.sign_in_waiting,
        Purpose::NewPassword => &queues.new_password_waiting,
    };
    let Ok(_place) = waiting.try_acquire() else {
        tracing::warn!(?purpose, "password hashing queue full; refusing");
        return Err(AppError::Busy);
    };
    let _share = match purpose {
        Purpose::SignIn => None,
        Purpose::NewPassword => Some(queues.new_password_share.acquire().await.map_err(|_| AppError::Internal)?),
    };
    let _slot = queues.hashing.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|err| {
        tracing::error!(error = %err, "password hashing task failed");
        AppError::Internal
    })
}

/// The PHC string to store for `password`.
///
/// # Errors
/// `Internal` if hashing fails, which it should not.
pub async fn hash(password: String) -> Result<String, AppError> {
    on_a_slot(Purpose::NewPassword, move || argon2().hash_password(password.as_bytes(), &fresh_salt()).map(|h| h.to_string()))
        .await?
        .map_err(|err| {
            tracing::error!(error = %err, "hashing a password failed");
            AppError::Internal
        })
}

/// Whether `password` matches the stored `phc` string. With no stored hash
/// (unknown email) a dummy hash is checked, so both cases take as long.
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, AppError> {
    static DUMMY: LazyLock<String> =
        LazyLock::new(|| argon2().hash_password(b"no such account", &fresh_salt()).map(|h| h.to_string()).expect("hashing a constant"));
    let known = phc.is_some();
    on_a_slot(Purpose::SignIn, move || {
        let phc = phc.unwrap_or_else(|| DUMMY.clone());
        let Ok(parsed) = PasswordHash::new(&phc) else {
            tracing::error!("a stored password hash does not parse");
            return false;
        };
        argon2().verify_password(password.as_bytes(), &parsed).is_ok() && known
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_record_the_required_cost() {
        let phc = hash("correct horse battery".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery".into(), Some(phc.clone())).await.unwrap());
        assert!(!verify("wrong horse battery".into(), Some(phc)).await.unwrap());
        assert!(!verify("no such account".into(), None).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_flood_of_new_passwords_is_refused_past_its_queue_and_leaves_room_for_sign_ins() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        // Two cores' worth of slots, as on the machines this runs on.
        let queues: &'static Queues = Box::leak(Box::new(Queues::new(2)));
        let (gate_tx, gate_rx) = tokio::sync::watch::channel(false);
        let hashing_now = Arc::new(AtomicUsize::new(0));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let flood: Vec<_> = (0..SIGN_UP_QUEUE * 3)
            .map(|_| {
                let (mut gate, now, most) = (gate_rx.clone(), hashing_now.clone(), most_at_once.clone());
                tokio::spawn(async move {
                    on_a_slot_of(queues, Purpose::NewPassword, move || {
                        most.fetch_max(now.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                        // Held until the sign-in below got through.
                        tokio::runtime::Handle::current().block_on(gate.wait_for(|open| *open)).ok();
                        now.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        // New passwords hold one of the two cores; a sign-in gets the other at once.
        let signed_in = tokio::time::timeout(std::time::Duration::from_secs(5), on_a_slot_of(queues, Purpose::SignIn, || true)).await;
        assert!(matches!(signed_in, Ok(Ok(true))), "a sign-in is not starved");
        gate_tx.send(true).unwrap();
        let mut busy = 0;
        for job in flood {
            match job.await.unwrap() {
                Ok(()) => {}
                Err(AppError::Busy) => busy += 1,
                Err(other) => panic!("{other:?}"),
            }
        }
        assert_eq!(busy, SIGN_UP_QUEUE * 2, "past the queue, refused at once");
        assert_eq!(most_at_once.load(Ordering::SeqCst), 1, "new passwords hash on half the cores");
    }
}
