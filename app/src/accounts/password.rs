//! Password hashing with Argon2id (19 MiB, two passes, one lane), at most as
//! many hashes at once as there are cores, so a burst of sign-ins queues
//! behind itself instead of starving page rendering.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

static HASHING_SLOTS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)));

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

async fn on_a_slot<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let _slot = HASHING_SLOTS.acquire().await.map_err(|_| AppError::Internal)?;
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
    on_a_slot(move || {
        argon2().hash_password(password.as_bytes(), &fresh_salt()).map(|h| h.to_string())
    })
    .await?
    .map_err(|err| {
        tracing::error!(error = %err, "hashing a password failed");
        AppError::Internal
    })
}

/// Whether `password` matches the stored `phc` string. With no stored hash
/// (unknown email) a dummy hash is checked, so both cases take as long.
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, AppError> {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        argon2().hash_password(b"no such account", &fresh_salt()).map(|h| h.to_string()).expect("hashing a constant")
    });
    let known = phc.is_some();
    on_a_slot(move || {
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
}
