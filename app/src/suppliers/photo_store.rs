//! Storing, listing and deleting profile photos: files under the data
//! directory, one row each. Server only.

use std::path::{Path, PathBuf};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::accounts::types::CurrentUser;
use crate::entities::supply_profile_photo;
use crate::error::AppError;
use crate::state::AppState;
use crate::suppliers::photos::{check_photo, is_photo_file_name, photo_url, reencode, Photo, PhotoProblem, CAPTION_MAX, MAX_PHOTOS};

/// Why an upload did not happen.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("{0}")]
    App(#[from] AppError),
    #[error("photo refused: {0:?}")]
    Photo(PhotoProblem),
}

impl From<sea_orm::DbErr> for UploadError {
    fn from(e: sea_orm::DbErr) -> Self {
        UploadError::App(e.into())
    }
}

/// Where photos are kept.
pub fn photo_dir(media_dir: &Path) -> PathBuf {
    media_dir.join("photos")
}

/// The stored file behind a photo URL's name, if it is one the site gave.
pub fn photo_path(media_dir: &Path, file_name: &str) -> Option<(PathBuf, &'static str)> {
    let format = is_photo_file_name(file_name)?;
    Some((photo_dir(media_dir).join(file_name), format.content_type()))
}

/// Decodes at a time: each may hold up to `MAX_PIXELS` × 4 bytes.
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Adds a photo to a profile (the caller has decided `uploader` may), if the
/// bytes prove to be an acceptable photo. It is stored re-encoded
/// ([`crate::suppliers::photos::reencode`]); the profile's limit is checked
/// in the transaction that adds the row, so concurrent uploads cannot pass it.
///
/// # Errors
/// `Photo` for the photo's own problem, `App` for the database's.
pub async fn add_photo(
    state: &AppState,
    profile_id: i32,
    uploader: &CurrentUser,
    bytes: Vec<u8>,
    caption: &str,
) -> Result<(), UploadError> {
    let caption = caption.trim();
    if caption.chars().count() > CAPTION_MAX {
        return Err(UploadError::Photo(PhotoProblem::CaptionTooLong));
    }
    if photo_count(&state.db, profile_id).await? >= MAX_PHOTOS {
        return Err(UploadError::Photo(PhotoProblem::TooMany));
    }
    let checked = check_photo(&bytes).map_err(UploadError::Photo)?;
    let stored = {
        let _decoding = DECODING.acquire().await.map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let stored = reencode(&bytes, checked);
            drop(bytes);
            release_freed_memory();
            stored
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "re-encoding a photo failed");
            AppError::Internal
        })?
    }
    .map_err(UploadError::Photo)?;
    let file_name = crate::uploads::random_file_name(stored.format.code());
    let dir = photo_dir(&state.media_dir);
    let path = dir.join(&file_name);
    crate::uploads::write_atomically(&dir, &path, &stored.bytes).await.map_err(|e| {
        tracing::error!(error = %e, path = %path.display(), "could not store a photo");
        AppError::Internal
    })?;
    let saved = insert_within_limit(&state.db, profile_id, uploader, &file_name, &stored, caption).await;
    if !matches!(saved, Ok(())) {
        // No row, no file: nothing is left half-stored.
        let _ = tokio::fs::remove_file(&path).await;
    }
    saved
}

async fn photo_count<C: ConnectionTrait>(db: &C, profile_id: i32) -> Result<usize, sea_orm::DbErr> {
    Ok(supply_profile_photo::Entity::find().filter(supply_profile_photo::Column::ProfileId.eq(profile_id)).count(db).await? as usize)
}

/// The row, if the profile still has room, counted in the same transaction.
async fn insert_within_limit(
    db: &sea_orm::DatabaseConnection,
    profile_id: i32,
    uploader: &CurrentUser,
    file_name: &str,
    stored: &crate::suppliers::photos::StoredPhoto,
    caption: &str,
) -> Result<(), UploadError> {
    use sea_orm::QuerySelect;
    let txn = crate::db::begin_write(db).await?;
    // PostgreSQL: hold the profile's row while counting (SQLite's write lock is taken at BEGIN).
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        crate::entities::supply_profile::Entity::find_by_id(profile_id).lock_exclusive().one(&txn).await?;
    }
    if photo_count(&txn, profile_id).await? >= MAX_PHOTOS {
        return Err(UploadError::Photo(PhotoProblem::TooMany));
    }
    supply_profile_photo::ActiveModel {
        profile_id: Set(profile_id),
        file_name: Set(file_name.to_string()),
        content_type: Set(stored.format.content_type().to_string()),
        byte_size: Set(stored.bytes.len() as i32),
        width: Set(stored.width as i32),
        height: Set(stored.height as i32),
        caption: Set(caption.to_string()),
        uploaded_by: Set(Some(uploader.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The profile and organisation a stored photo belongs to, by its file name.
pub async fn owner_of<C: ConnectionTrait>(
    db: &C,
    file_name: &str,
) -> Result<Option<(crate::entities::supply_profile::Model, crate::entities::organisation::Model)>, sea_orm::DbErr> {
    let Some(photo) = supply_profile_photo::Entity::find().filter(supply_profile_photo::Column::FileName.eq(file_name)).one(db).await?
    else {
        return Ok(None);
    };
    let Some(profile) = crate::entities::supply_profile::Entity::find_by_id(photo.profile_id).one(db).await? else {
        return Ok(None);
    };
    let org = crate::entities::organisation::Entity::find_by_id(profile.organisation_id).one(db).await?;
    Ok(org.map(|org| (profile, org)))
}

/// A profile's photos, in upload order.
pub async fn photos_of<C: ConnectionTrait>(db: &C, profile_id: i32) -> Result<Vec<Photo>, sea_orm::DbErr> {
    Ok(supply_profile_photo::Entity::find()
        .filter(supply_profile_photo::Column::ProfileId.eq(profile_id))
        .order_by_asc(supply_profile_photo::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Photo { id: p.id, url: photo_url(&p.file_name), width: p.width, height: p.height, caption: p.caption })
        .collect())
}

/// Deletes photo `id` of `profile_id`, row and file.
///
/// # Errors
/// `NotFound` when the profile has no such photo.
pub async fn delete_photo(state: &AppState, profile_id: i32, id: i32) -> Result<(), AppError> {
    let row = supply_profile_photo::Entity::find_by_id(id)
        .filter(supply_profile_photo::Column::ProfileId.eq(profile_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    supply_profile_photo::Entity::delete_by_id(id).exec(&state.db).await?;
    if let Some((path, _)) = photo_path(&state.media_dir, &row.file_name) {
        if let Err(e) = tokio::fs::remove_file(&path).await {
            tracing::warn!(error = %e, path = %path.display(), "a deleted photo's file could not be removed");
        }
    }
    Ok(())
}

/// Returns the memory a decode freed to the system. A photo at the pixel cap
/// takes about 100 MB to decode; glibc keeps such freed memory in its arenas,
/// so without this the server stays that much larger after every upload.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only gives free pages back; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
