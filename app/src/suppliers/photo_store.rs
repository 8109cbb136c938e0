//! Storing, listing and deleting profile photos: files under the data
//! directory, one row each. Server only.

use std::path::{Path, PathBuf};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::accounts::types::CurrentUser;
use crate::entities::supply_profile_photo;
use crate::error::AppError;
use crate::state::AppState;
use crate::suppliers::photos::{check_photo, is_photo_file_name, photo_url, Photo, PhotoProblem, CAPTION_MAX, MAX_PHOTOS};
use crate::suppliers::repo;

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

/// A name no other file will have: 128 random bits.
fn new_file_name(ext: &str) -> String {
    let bits: u128 = rand::random();
    format!("{bits:032x}.{ext}")
}

/// Adds a photo to the manufacturer's profile, if `user` may edit it and the
/// bytes prove to be an acceptable photo.
///
/// # Errors
/// `App` for a missing firm or a refusal of authority, `Photo` for the photo's own problem.
pub async fn add_photo(state: &AppState, user: &CurrentUser, slug: &str, bytes: &[u8], caption: &str) -> Result<(), UploadError> {
    let org = repo::manufacturer(&state.db, slug).await?;
    if !repo::permissions(&state.db, Some(user), &org).await?.edit {
        return Err(AppError::Forbidden.into());
    }
    let profile = repo::find_for_org(&state.db, org.id).await?.ok_or(UploadError::Photo(PhotoProblem::NoProfile))?;
    let caption = caption.trim();
    if caption.chars().count() > CAPTION_MAX {
        return Err(UploadError::Photo(PhotoProblem::CaptionTooLong));
    }
    let count = supply_profile_photo::Entity::find()
        .filter(supply_profile_photo::Column::ProfileId.eq(profile.id))
        .count(&state.db)
        .await?;
    if count as usize >= MAX_PHOTOS {
        return Err(UploadError::Photo(PhotoProblem::TooMany));
    }
    let checked = check_photo(bytes).map_err(UploadError::Photo)?;
    let file_name = new_file_name(checked.format.code());
    let dir = photo_dir(&state.media_dir);
    let path = dir.join(&file_name);
    write_file(&dir, &path, bytes).await.map_err(|e| {
        tracing::error!(error = %e, path = %path.display(), "could not store a photo");
        AppError::Internal
    })?;
    let row = supply_profile_photo::ActiveModel {
        profile_id: Set(profile.id),
        file_name: Set(file_name),
        content_type: Set(checked.format.content_type().to_string()),
        byte_size: Set(bytes.len() as i32),
        width: Set(checked.width as i32),
        height: Set(checked.height as i32),
        caption: Set(caption.to_string()),
        uploaded_by: Set(Some(user.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Err(e) = row.insert(&state.db).await {
        // No row, no file: nothing is left half-stored.
        let _ = tokio::fs::remove_file(&path).await;
        return Err(e.into());
    }
    Ok(())
}

/// Writes through a temporary name, so a reader never sees half a file.
async fn write_file(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let partial = path.with_extension("partial");
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, path).await
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
