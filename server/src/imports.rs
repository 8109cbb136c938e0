//! An association's member spreadsheet over HTTP: the import form's target
//! (a plain multipart POST that starts a background job and goes to its
//! progress page), the export and the template.

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_sessions::Session;

use app::accounts::types::CurrentUser;
use app::associations::import;
use app::associations::member_csv::{self, FileProblem, Known};
use app::entities::organisation;

use crate::web::{refusal, ServerState};

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/orgs/{slug}/members/import", post(start_import).layer(DefaultBodyLimit::max(member_csv::MAX_BYTES + 64 * 1024)))
        .route("/orgs/{slug}/members.csv", get(export))
        .route("/orgs/{slug}/members/template.csv", get(template))
        .route("/orgs/{slug}/members/allowed-values.csv", get(allowed_values))
}

/// The signed-in user and the association they may manage, or the response that says why not.
async fn authorised(state: &ServerState, session: &Session, slug: &str) -> Result<(CurrentUser, organisation::Model), Response> {
    let back = format!("/orgs/{slug}/members");
    let user = match app::accounts::repo::signed_in(&state.app.db, session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Err(Redirect::to(&format!("/signin?next={}", app::layout::encode_component(&back))).into_response()),
        Err(error) => return Err(refusal(&error)),
    };
    match app::associations::api::managed_association(&state.app.db, &user, slug).await {
        Ok(association) => Ok((user, association)),
        Err(error) => Err(refusal(&error)),
    }
}

async fn start_import(State(state): State<ServerState>, session: Session, Path(slug): Path<String>, multipart: Multipart) -> Response {
    let (user, association) = match authorised(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let back = |problem: FileProblem| {
        Redirect::to(&format!("/orgs/{slug}/members?import_error={}", app::layout::encode_component(&problem.code()))).into_response()
    };
    let bytes = match read_file(multipart).await {
        Ok(bytes) => bytes,
        Err(problem) => return back(problem),
    };
    let belts = match import::association_belts(&state.app.db, association.id).await {
        Ok(belts) => belts.into_keys().collect::<Vec<_>>(),
        Err(error) => return refusal(&error),
    };
    let categories = match app::read::all_categories(&state.app.db).await {
        Ok(categories) => categories.into_iter().map(|c| c.slug).collect::<Vec<_>>(),
        Err(error) => return refusal(&error),
    };
    let names = match import::names_for_file(&state.app.db, association.id).await {
        Ok(names) => names.all(),
        Err(error) => return refusal(&error),
    };
    let known = Known { belts: &belts, categories: &categories, names: &names };
    let rows = match member_csv::decode(&bytes).and_then(|text| member_csv::read(&text, &known)) {
        Ok(rows) => rows,
        Err(problem) => return back(problem),
    };
    match import::start(&state.app, &association, user.id, rows).await {
        Ok(Err(problem)) => back(problem),
        Ok(Ok(job)) => {
            tracing::info!(association = slug, job, user_id = user.id, "member import started");
            Redirect::to(&format!("/orgs/{slug}/members/import/{job}")).into_response()
        }
        Err(error) => refusal(&error),
    }
}

async fn read_file(mut multipart: Multipart) -> Result<Vec<u8>, FileProblem> {
    let mut bytes = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let is_file = field.name() == Some("file");
                let data = field.bytes().await.map_err(|_| FileProblem::TooLarge)?;
                if is_file {
                    bytes = data.to_vec();
                }
            }
            Ok(None) => return Ok(bytes),
            Err(_) => return Err(FileProblem::TooLarge),
        }
    }
}

fn csv_download(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

async fn export(State(state): State<ServerState>, session: Session, Path(slug): Path<String>) -> Response {
    let (_, association) = match authorised(&state, &session, &slug).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match import::export(&state.app.db, association.id).await {
        Ok(bytes) => csv_download(&format!("{slug}-members.csv"), bytes),
        Err(error) => refusal(&error),
    }
}

async fn template(State(state): State<ServerState>, session: Session, Path(slug): Path<String>) -> Response {
    let association = match authorised(&state, &session, &slug).await {
        Ok((_, association)) => association,
        Err(response) => return response,
    };
    match import::names_for_file(&state.app.db, association.id).await.and_then(|names| import::template(&names)) {
        Ok(bytes) => csv_download("beltlink-members-template.csv", bytes),
        Err(error) => refusal(&error),
    }
}

async fn allowed_values(State(state): State<ServerState>, session: Session, Path(slug): Path<String>) -> Response {
    let association = match authorised(&state, &session, &slug).await {
        Ok((_, association)) => association,
        Err(response) => return response,
    };
    match import::names_for_file(&state.app.db, association.id).await.and_then(|names| import::allowed_values_file(&names)) {
        Ok(bytes) => csv_download("beltlink-members-allowed-values.csv", bytes),
        Err(error) => refusal(&error),
    }
}
