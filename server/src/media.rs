//! Uploaded photos and CVs over HTTP: the upload forms' targets (plain
//! multipart POSTs, so they work without JavaScript) and the files themselves.

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_sessions::Session;

use app::suppliers::photo_store::{self, UploadError};
use app::suppliers::photos::{PhotoProblem, MAX_BYTES};
use app::talent::cv::{CvProblem, MAX_CV_BYTES as CV_MAX_BYTES};
use app::talent::cv_store::{self, CvUploadError};

use crate::web::{refusal, ServerState};

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(
            "/orgs/{slug}/profile/photos",
            // The form's other fields and multipart framing need a little room beyond the photo.
            post(upload).layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)),
        )
        .route("/media/photos/{name}", get(serve))
        .route("/me/graduate/cv", post(upload_cv).layer(DefaultBodyLimit::max(CV_MAX_BYTES + 64 * 1024)))
        .route("/media/cvs/{name}", get(serve_cv))
}

/// Takes the `photo` (and `caption`) of the upload form and goes back to the
/// editor, saying what happened there. Who may upload is decided before a
/// byte of the body is read.
async fn upload(State(state): State<ServerState>, session: Session, Path(slug): Path<String>, multipart: Multipart) -> Response {
    if !app::orgs::rules::is_slug(&slug) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let editor = format!("/orgs/{slug}/profile");
    let db = &state.app.db;
    let user = match app::accounts::repo::signed_in(db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to(&format!("/signin?next={}", app::layout::encode_component(&editor))).into_response(),
        Err(error) => return refusal(&error),
    };
    let profile = match editable_profile(&state, &user, &slug).await {
        Ok(Some(profile)) => profile,
        Ok(None) => return Redirect::to(&format!("{editor}?photo_error={}#photos", PhotoProblem::NoProfile.code())).into_response(),
        Err(error) => return refusal(&error),
    };
    let (bytes, caption) = match read_form(multipart).await {
        Ok(form) => form,
        Err(problem) => return Redirect::to(&format!("{editor}?photo_error={}#photos", problem.code())).into_response(),
    };
    let size = bytes.len();
    match photo_store::add_photo(&state.app, profile.id, &user, bytes, &caption).await {
        Ok(()) => {
            tracing::info!(organisation = slug, user_id = user.id, bytes = size, "photo added");
            Redirect::to(&format!("{editor}?photo=added#photos")).into_response()
        }
        Err(UploadError::Photo(problem)) => Redirect::to(&format!("{editor}?photo_error={}#photos", problem.code())).into_response(),
        Err(UploadError::App(error)) => refusal(&error),
    }
}

/// The manufacturer's profile, if `user` may edit it (`orgs::policy::may_edit`); `None` before it is first saved.
async fn editable_profile(
    state: &ServerState,
    user: &app::accounts::types::CurrentUser,
    slug: &str,
) -> Result<Option<app::entities::supply_profile::Model>, app::error::AppError> {
    let db = &state.app.db;
    let org = app::suppliers::repo::manufacturer(db, slug).await?;
    let standing = app::orgs::repo::standing(db, user, &org).await?;
    if !app::orgs::policy::may_edit(user, &standing) {
        return Err(app::error::AppError::Forbidden);
    }
    app::read::supply_profile_of(db, org.id).await
}

/// The photo's bytes and caption; a body past the limit is `TooLarge`.
async fn read_form(mut multipart: Multipart) -> Result<(Vec<u8>, String), PhotoProblem> {
    let mut bytes = Vec::new();
    let mut caption = String::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                let data = field.bytes().await.map_err(|_| PhotoProblem::TooLarge)?;
                match name.as_str() {
                    "photo" => bytes = data.to_vec(),
                    "caption" => caption = String::from_utf8_lossy(&data).into_owned(),
                    _ => {}
                }
            }
            Ok(None) => return Ok((bytes, caption)),
            Err(_) => return Err(PhotoProblem::TooLarge),
        }
    }
}

/// A stored photo, with the type its content proved to be. Scripts can do
/// nothing here: the browser must not sniff, and the response is sandboxed.
/// A published profile's photos are public; a draft's or a withdrawn one's
/// only for those who may edit or verify the firm.
async fn serve(State(state): State<ServerState>, session: Session, Path(name): Path<String>) -> Response {
    let Some((path, content_type)) = photo_store::photo_path(&state.app.media_dir, &name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let db = &state.app.db;
    let Ok(Some((profile, org))) = photo_store::owner_of(db, &name).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let public = profile.status == app::suppliers::types::ProfileStatus::Published.code();
    if !public {
        let viewer = app::accounts::repo::signed_in(db, &session).await.ok().flatten();
        let allowed = match app::orgs::repo::permissions(db, viewer.as_ref(), &org).await {
            Ok(p) => p.edit || p.verify,
            Err(_) => false,
        };
        if !allowed {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    // A name is never reused for other content; a private one is not kept by caches.
    let cache = if public { "public, max-age=31536000, immutable" } else { "private, no-store" };
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
                (header::CACHE_CONTROL, cache),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Takes the `cv` of the graduate profile's upload form and goes back to the
/// profile, saying what happened there. Who may upload is decided before a
/// byte of the body is read.
async fn upload_cv(State(state): State<ServerState>, session: Session, multipart: Multipart) -> Response {
    const PROFILE: &str = "/me/graduate";
    let db = &state.app.db;
    let user = match app::accounts::repo::signed_in(db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to(&format!("/signin?next={}", app::layout::encode_component(PROFILE))).into_response(),
        Err(error) => return refusal(&error),
    };
    if !app::talent::policy::may_keep_profile(Some(&user)) {
        return refusal(&app::error::AppError::Forbidden);
    }
    let back = |problem: CvProblem| Redirect::to(&format!("{PROFILE}?cv_error={}#cv", problem.code())).into_response();
    let bytes = match read_file_field(multipart, "cv").await {
        Ok(bytes) => bytes,
        Err(()) => return back(CvProblem::TooLarge),
    };
    let size = bytes.len();
    match cv_store::store_cv(&state.app, &user, bytes).await {
        Ok(cv) => {
            tracing::info!(user_id = user.id, bytes = size, stored = cv.byte_size, pages = cv.pages, "CV kept");
            Redirect::to(&format!("{PROFILE}?cv=added#cv")).into_response()
        }
        Err(CvUploadError::Cv(problem)) => back(problem),
        Err(CvUploadError::App(error)) => refusal(&error),
    }
}

/// The bytes of the form's `field`; `Err` when the body is past the limit or broken.
async fn read_file_field(mut multipart: Multipart, wanted: &str) -> Result<Vec<u8>, ()> {
    let mut bytes = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| ())? {
        let name = field.name().unwrap_or_default().to_string();
        let data = field.bytes().await.map_err(|_| ())?;
        if name == wanted {
            bytes = data.to_vec();
        }
    }
    Ok(bytes)
}

/// A stored CV, to its owner and to whoever reviews one of their
/// applications (`talent::policy::may_read_cv`); to anyone else it does not
/// exist. Always a download: a browser never shows it as a page of this
/// site, must not sniff it, and keeps no copy.
async fn serve_cv(State(state): State<ServerState>, session: Session, Path(name): Path<String>) -> Response {
    let Some(path) = cv_store::cv_path(&state.app.media_dir, &name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let db = &state.app.db;
    let Ok(Some(owner_id)) = cv_store::owner_of(db, &name).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let viewer = app::accounts::repo::signed_in(db, &session).await.ok().flatten();
    let reviews = match &viewer {
        Some(viewer) if viewer.id != owner_id => cv_store::reviews_an_application_of(db, viewer, owner_id).await.unwrap_or(false),
        _ => false,
    };
    if !app::talent::policy::may_read_cv(viewer.as_ref(), owner_id, reviews) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"cv.pdf\""),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox"),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
