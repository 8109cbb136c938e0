//! Graduates' CVs on disk and in the database: one per person, replaced by
//! the next upload, removed with its row. Server only.

use std::path::{Path, PathBuf};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::accounts::types::CurrentUser;
use crate::entities::graduate_cv;
use crate::error::AppError;
use crate::state::AppState;
use crate::talent::cv::{clean_cv, cv_url, CvFile, CvProblem};

/// Why an upload did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CvUploadError {
    #[error("{0}")]
    App(#[from] AppError),
    #[error("CV refused: {0:?}")]
    Cv(CvProblem),
}

impl From<sea_orm::DbErr> for CvUploadError {
    fn from(e: sea_orm::DbErr) -> Self {
        CvUploadError::App(e.into())
    }
}

/// Where CVs are kept.
pub fn cv_dir(media_dir: &Path) -> PathBuf {
    media_dir.join("cvs")
}

/// The stored file behind a CV URL's name, if it is one the site gave.
pub fn cv_path(media_dir: &Path, file_name: &str) -> Option<PathBuf> {
    (crate::uploads::random_name_extension(file_name) == Some("pdf")).then(|| cv_dir(media_dir).join(file_name))
}

fn file_of(row: &graduate_cv::Model) -> CvFile {
    CvFile { url: cv_url(&row.file_name), pages: row.pages, byte_size: row.byte_size, uploaded_at: crate::clock::Moment(row.uploaded_at) }
}

/// A person's CV, if they keep one.
pub async fn cv_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Option<CvFile>, AppError> {
    Ok(graduate_cv::Entity::find().filter(graduate_cv::Column::UserId.eq(user_id)).one(db).await?.as_ref().map(file_of))
}

/// The CVs of `user_ids` who keep one.
pub async fn cvs_of<C: ConnectionTrait>(db: &C, user_ids: &[i32]) -> Result<std::collections::HashMap<i32, CvFile>, AppError> {
    if user_ids.is_empty() {
        return Ok(Default::default());
    }
    let rows = graduate_cv::Entity::find().filter(graduate_cv::Column::UserId.is_in(user_ids.iter().copied())).all(db).await?;
    Ok(rows.iter().map(|row| (row.user_id, file_of(row))).collect())
}

/// Whose CV a stored file is.
pub async fn owner_of<C: ConnectionTrait>(db: &C, file_name: &str) -> Result<Option<i32>, AppError> {
    Ok(graduate_cv::Entity::find().filter(graduate_cv::Column::FileName.eq(file_name)).one(db).await?.map(|row| row.user_id))
}

/// Whether `viewer` may review (`talent::policy::may_review`) any program `applicant_id` applied to.
pub async fn reviews_an_application_of<C: ConnectionTrait>(db: &C, viewer: &CurrentUser, applicant_id: i32) -> Result<bool, AppError> {
    for application in crate::talent::application_repo::mine(db, applicant_id).await? {
        let program = crate::entities::talent_program::Entity::find_by_id(application.program_id).one(db).await?;
        let Some(program) = program else { continue };
        let (_, kind, permissions) = crate::talent::api::organiser_standing(db, Some(viewer), &program).await?;
        if crate::talent::policy::may_review(Some(viewer), kind, &permissions) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Reads at a time: each may hold a document's objects in memory.
static READING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Keeps `bytes` as `owner`'s CV (the caller has decided they may), if they
/// prove to be an acceptable PDF, replacing the one kept before. The file is
/// the document written afresh ([`crate::talent::cv::clean_cv`]).
///
/// # Errors
/// `Cv` for the file's own problem (or no graduate profile yet), `App` for the database's.
pub async fn store_cv(state: &AppState, owner: &CurrentUser, bytes: Vec<u8>) -> Result<CvFile, CvUploadError> {
    if crate::talent::repo::graduate_of(&state.db, owner.id).await?.is_none() {
        return Err(CvUploadError::Cv(CvProblem::NoProfile));
    }
    let cleaned = {
        let _reading = READING.acquire().await.map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(move || clean_cv(&bytes)).await.map_err(|e| {
            tracing::error!(error = %e, "reading a CV failed");
            AppError::Internal
        })?
    }
    .map_err(CvUploadError::Cv)?;
    let file_name = crate::uploads::random_file_name("pdf");
    let dir = cv_dir(&state.media_dir);
    let path = dir.join(&file_name);
    crate::uploads::write_atomically(&dir, &path, &cleaned.bytes).await.map_err(|e| {
        tracing::error!(error = %e, path = %path.display(), "could not store a CV");
        AppError::Internal
    })?;
    let previous = graduate_cv::Entity::find().filter(graduate_cv::Column::UserId.eq(owner.id)).one(&state.db).await;
    let saved = async {
        let txn = crate::db::begin_write(&state.db).await?;
        graduate_cv::Entity::delete_many().filter(graduate_cv::Column::UserId.eq(owner.id)).exec(&txn).await?;
        let row = graduate_cv::ActiveModel {
            user_id: Set(owner.id),
            file_name: Set(file_name.clone()),
            byte_size: Set(cleaned.bytes.len() as i32),
            pages: Set(cleaned.pages as i32),
            uploaded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(row)
    }
    .await;
    match saved {
        Ok(row) => {
            if let Ok(Some(previous)) = previous {
                remove_file(&state.media_dir, &previous.file_name).await;
            }
            Ok(file_of(&row))
        }
        Err(e) => {
            // No row, no file: nothing is left half-stored.
            let _ = tokio::fs::remove_file(&path).await;
            Err(e.into())
        }
    }
}

/// Removes `owner_id`'s CV, row and file; nothing to remove is not an error.
pub async fn delete_cv(state: &AppState, owner_id: i32) -> Result<(), AppError> {
    let Some(row) = graduate_cv::Entity::find().filter(graduate_cv::Column::UserId.eq(owner_id)).one(&state.db).await? else {
        return Ok(());
    };
    graduate_cv::Entity::delete_by_id(row.id).exec(&state.db).await?;
    remove_file(&state.media_dir, &row.file_name).await;
    Ok(())
}

async fn remove_file(media_dir: &Path, file_name: &str) {
    if let Some(path) = cv_path(media_dir, file_name) {
        if let Err(e) = tokio::fs::remove_file(&path).await {
            tracing::warn!(error = %e, path = %path.display(), "a replaced or deleted CV's file could not be removed");
        }
    }
}
