//! One-time links sent by email: to confirm an address, to reset a password.
//! Only a SHA-256 digest of each token is stored; a token works once, until
//! it expires, and a newer one of the same purpose replaces it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use sha2::{Digest, Sha256};

use crate::entities::email_token;
use crate::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmEmail,
    ResetPassword,
}

impl TokenPurpose {
    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm",
            TokenPurpose::ResetPassword => "reset",
        }
    }

    /// How long a link works: a reset link briefly, since it is a key to the account.
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::ConfirmEmail => Duration::days(3),
            TokenPurpose::ResetPassword => Duration::hours(1),
        }
    }
}

/// The stored form of a token: its SHA-256, hex.
pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits, hex: the secret in a one-time link.
pub fn fresh_token() -> String {
    rand::random::<[u8; 32]>().iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh token for `user_id`; earlier unused ones of the same purpose stop working.
pub async fn issue<C: ConnectionTrait>(db: &C, user_id: i32, purpose: TokenPurpose) -> Result<String, AppError> {
    let now = Utc::now();
    retire(db, user_id, purpose, now).await?;
    let token = fresh_token();
    email_token::Entity::insert(email_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.code().to_string()),
        token_hash: Set(digest(&token)),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(token)
}

/// Marks every unused token of `user_id` for `purpose` as used.
pub async fn retire<C: ConnectionTrait>(db: &C, user_id: i32, purpose: TokenPurpose, now: DateTime<Utc>) -> Result<(), AppError> {
    email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose.code()))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Whose `token` is, if it is unused and unexpired; it stays usable.
pub async fn holder<C: ConnectionTrait>(db: &C, token: &str, purpose: TokenPurpose) -> Result<Option<i32>, AppError> {
    if token.len() != 64 {
        return Ok(None);
    }
    let found = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(digest(token)))
        .filter(email_token::Column::Purpose.eq(purpose.code()))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?;
    Ok(found.map(|t| t.user_id))
}

/// Uses `token`: whose it was, or `None` if it was not valid. Of two requests
/// using the same token at once, one gets the user and the other `None`.
pub async fn redeem<C: ConnectionTrait>(db: &C, token: &str, purpose: TokenPurpose) -> Result<Option<i32>, AppError> {
    let Some(user_id) = holder(db, token, purpose).await? else { return Ok(None) };
    let used = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(email_token::Column::TokenHash.eq(digest(token)))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok((used.rows_affected == 1).then_some(user_id))
}

/// How many tokens of `purpose` were issued to `user_id` since `since` (for the limit on emails sent).
pub async fn issued_since<C: ConnectionTrait>(db: &C, user_id: i32, purpose: TokenPurpose, since: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(email_token::Entity::find()
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose.code()))
        .filter(email_token::Column::CreatedAt.gte(since))
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_a_digest_not_the_token() {
        let token = "a".repeat(64);
        let stored = digest(&token);
        assert_eq!(stored.len(), 64);
        assert_ne!(stored, token);
        assert_eq!(stored, digest(&token));
    }

    #[test]
    fn reset_links_are_short_lived() {
        assert!(TokenPurpose::ResetPassword.lifetime() <= Duration::hours(1));
        assert!(TokenPurpose::ConfirmEmail.lifetime() > TokenPurpose::ResetPassword.lifetime());
    }
}
