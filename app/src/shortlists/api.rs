//! Server functions of shortlists: each resolves the actor once, asks
//! `shortlists::policy`, and calls the data layer with the actor passed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::shortlists::types::{Picker, ShortlistPage, ShortlistSummary};

/// The list `id` if the signed-in actor keeps it; another's is not there.
#[cfg(feature = "ssr")]
async fn own_list(
    state: &crate::state::AppState,
    id: i32,
) -> Result<(crate::accounts::types::CurrentUser, crate::entities::shortlist::Model), AppError> {
    let actor = crate::accounts::actor::require(&state.db).await?;
    let list = crate::shortlists::repo::by_id(&state.db, id).await?;
    if !crate::shortlists::policy::may_use(Some(&actor), list.owner_id) {
        return Err(AppError::NotFound);
    }
    Ok((actor, list))
}

/// `/shortlists`: the signed-in person's lists.
#[server(prefix = "/api", endpoint = "my_shortlists")]
pub async fn my_shortlists() -> Result<Vec<ShortlistSummary>, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    crate::shortlists::repo::lists_of(&state.db, actor.id).await
}

/// Starts a list.
#[server(prefix = "/api", endpoint = "create_shortlist")]
pub async fn create_shortlist(name: String) -> Result<(), AppError> {
    use crate::shortlists::{repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let name = rules::name("name", &name).map_err(AppError::Invalid)?;
    let txn = crate::db::begin_write(&state.db).await?;
    rules::may_add_list(repo::count_of(&txn, actor.id).await?).map_err(|p| crate::forms::FormErrors::refusing("name", p))?;
    let id = repo::create(&txn, actor.id, &name, chrono::Utc::now()).await?;
    txn.commit().await?;
    leptos_axum::redirect(&format!("/shortlists/{id}?created=1"));
    Ok(())
}

/// `/shortlists/{id}` and its printable page: the keeper's only.
#[server(prefix = "/api", endpoint = "load_shortlist")]
pub async fn load_shortlist(id: i32) -> Result<ShortlistPage, AppError> {
    let state = crate::state::app_state()?;
    let (_, list) = own_list(&state, id).await?;
    crate::shortlists::repo::page(&state.db, &list).await
}

#[server(prefix = "/api", endpoint = "rename_shortlist")]
pub async fn rename_shortlist(id: i32, name: String) -> Result<(), AppError> {
    use crate::shortlists::{repo, rules};
    let state = crate::state::app_state()?;
    let (_, list) = own_list(&state, id).await?;
    let name = rules::name("name", &name).map_err(AppError::Invalid)?;
    let now = chrono::Utc::now();
    repo::rename(&state.db, &list, &name, now).await?;
    leptos_axum::redirect(&format!("/shortlists/{id}?renamed=1&at={}", now.timestamp_millis()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "delete_shortlist")]
pub async fn delete_shortlist(id: i32) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (_, list) = own_list(&state, id).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    crate::shortlists::repo::delete(&txn, &list).await?;
    txn.commit().await?;
    leptos_axum::redirect("/shortlists?deleted=1");
    Ok(())
}

/// `/shortlists/add?supplier=…`: the signed-in person's lists, for adding a listed supplier.
#[server(prefix = "/api", endpoint = "shortlist_picker")]
pub async fn shortlist_picker(supplier: String) -> Result<Picker, AppError> {
    use crate::shortlists::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let org = crate::read::listed_supplier(&state.db, supplier.trim()).await?;
    Ok(Picker { supplier: crate::read::named_org(&org), lists: repo::choices(&state.db, actor.id, org.id).await? })
}

/// Puts supplier `supplier` on list `shortlist` (an id of one's own), or
/// on a new list named `new_name` when `shortlist` is `new`. `back` is where
/// the list page offers to return to.
#[server(prefix = "/api", endpoint = "add_to_shortlist")]
pub async fn add_to_shortlist(
    supplier: String,
    shortlist: String,
    #[server(default)] new_name: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::shortlists::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let org = crate::read::listed_supplier(&state.db, supplier.trim()).await?;
    let refuse = |field: &str, problem: Problem| {
        let mut errors = FormErrors::new();
        errors.add(field, problem);
        errors.keep("shortlist", &shortlist);
        errors.keep("new_name", &new_name);
        AppError::Invalid(errors)
    };
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let list = match shortlist.trim() {
        "new" => {
            let name = rules::name("new_name", &new_name).map_err(|mut errors| {
                errors.keep("shortlist", &shortlist);
                AppError::Invalid(errors)
            })?;
            rules::may_add_list(repo::count_of(&txn, actor.id).await?).map_err(|p| refuse("new_name", p))?;
            let id = repo::create(&txn, actor.id, &name, now).await?;
            repo::by_id(&txn, id).await?
        }
        chosen => {
            let id: i32 = chosen.parse().map_err(|_| refuse("shortlist", Problem::NotAChoice))?;
            let list = repo::by_id(&txn, id).await.map_err(|_| refuse("shortlist", Problem::NotAChoice))?;
            if !policy::may_use(Some(&actor), list.owner_id) {
                return Err(refuse("shortlist", Problem::NotAChoice));
            }
            list
        }
    };
    rules::may_add_entry(repo::entry_count(&txn, list.id).await?).map_err(|p| refuse("shortlist", p))?;
    repo::add(&txn, &list, org.id, now).await?;
    txn.commit().await?;
    let back = crate::accounts::api::local_path(Some(back.trim()))
        .map(|b| format!("&back={}", crate::layout::encode_component(&b)))
        .unwrap_or_default();
    leptos_axum::redirect(&format!("/shortlists/{}?added={}{back}", list.id, crate::layout::encode_component(&org.slug)));
    Ok(())
}

/// Sets where supplier `supplier` stands on list `id`, and the note on it.
#[server(prefix = "/api", endpoint = "update_shortlist_entry")]
pub async fn update_shortlist_entry(id: i32, supplier: String, status: String, note: String) -> Result<(), AppError> {
    use crate::shortlists::{repo, rules};
    let state = crate::state::app_state()?;
    let (_, list) = own_list(&state, id).await?;
    let org = crate::read::organisation_by_slug(&state.db, supplier.trim()).await?;
    let (status, note) = rules::entry(&status, &note).map_err(AppError::Invalid)?;
    let now = chrono::Utc::now();
    repo::update_entry(&state.db, &list, org.id, status, &note, now).await?;
    // A query of its own each time, so the page reads the list afresh.
    leptos_axum::redirect(&format!(
        "/shortlists/{id}?saved={}&at={}#entry-{}",
        crate::layout::encode_component(&org.slug),
        now.timestamp_millis(),
        org.slug
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_from_shortlist")]
pub async fn remove_from_shortlist(id: i32, supplier: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let (_, list) = own_list(&state, id).await?;
    let org = crate::read::organisation_by_slug(&state.db, supplier.trim()).await?;
    let now = chrono::Utc::now();
    crate::shortlists::repo::remove(&state.db, &list, org.id, now).await?;
    leptos_axum::redirect(&format!("/shortlists/{id}?removed=1&at={}", now.timestamp_millis()));
    Ok(())
}
