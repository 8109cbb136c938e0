//! Server functions of inquiries: each resolves the actor once, asks
//! `inquiries::policy`, and calls the data layer with the actor passed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::inquiries::types::{ComposeInquiry, Inbox, ThreadPage};

/// `/inquiries/new?supplier=…&brief=…`: whom the signed-in person writes to,
/// and as whom; or why they cannot (unconfirmed address, own firm,
/// blocked), before anything is typed.
#[server(prefix = "/api", endpoint = "inquiry_form")]
pub async fn inquiry_form(supplier: String, brief: String) -> Result<ComposeInquiry, AppError> {
    use crate::inquiries::{policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let supplier = crate::read::listed_supplier(&state.db, supplier.trim()).await?;
    let standing = repo::target_standing(&state.db, &actor, &supplier).await?;
    let refusal = policy::may_start(&actor, &standing).err();
    let brief = match brief.trim() {
        "" => None,
        slug => repo::own_brief(&state.db, &actor, slug).await?,
    };
    let mut values = std::collections::BTreeMap::new();
    if let Some(brief) = &brief {
        values.insert("brief".to_string(), brief.slug.clone());
    }
    Ok(ComposeInquiry {
        supplier: crate::read::named_org(&supplier),
        brief: brief.as_ref().map(repo::brief_named),
        write_as: repo::write_as_choices(&state.db, &actor, supplier.id).await?.iter().map(crate::read::named_org).collect(),
        values,
        refusal,
    })
}

/// Starts an inquiry to manufacturer `supplier`, perhaps about one of the
/// sender's platforms' briefs, perhaps written for one of their
/// organisations. Within the limits of `inquiries::rules::may_start`.
#[server(prefix = "/api", endpoint = "send_inquiry")]
pub async fn send_inquiry(supplier: String, brief: String, write_as: String, subject: String, body: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::inquiries::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let supplier = crate::read::listed_supplier(&state.db, supplier.trim()).await?;
    let standing = repo::target_standing(&state.db, &actor, &supplier).await?;
    let keep_all = |mut errors: FormErrors| {
        for (field, value) in [("subject", &subject), ("body", &body), ("write_as", &write_as), ("brief", &brief)] {
            if errors.value(field).is_none() {
                errors.keep(field, value);
            }
        }
        AppError::Invalid(errors)
    };
    let refuse = |field: &str, problem: Problem| {
        let mut errors = FormErrors::new();
        errors.add(field, problem);
        keep_all(errors)
    };
    policy::may_start(&actor, &standing).map_err(|problem| refuse("body", problem))?;
    let (subject_text, body_text) = rules::new_inquiry(&subject, &body).map_err(keep_all)?;
    let brief_model = match brief.trim() {
        "" => None,
        slug => Some(repo::own_brief(&state.db, &actor, slug).await?.ok_or_else(|| refuse("brief", Problem::NotAChoice))?),
    };
    let write_as_org = match write_as.trim() {
        "" => None,
        slug => Some(
            repo::write_as_choices(&state.db, &actor, supplier.id)
                .await?
                .into_iter()
                .find(|o| o.slug == slug)
                .ok_or_else(|| refuse("write_as", Problem::NotAChoice))?,
        ),
    };
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    // Counted inside the write transaction, so two sends at once cannot both pass the last place.
    let (last_day, to_supplier) = repo::started_counts(&txn, actor.id, supplier.id, now).await?;
    rules::may_start(last_day, to_supplier).map_err(|problem| refuse("body", problem))?;
    let new = repo::NewInquiry {
        sender: &actor,
        write_as: write_as_org.as_ref(),
        supplier: &supplier,
        brief: brief_model.as_ref(),
        subject: subject_text,
        body: body_text,
    };
    let id = repo::start(&txn, &state.mail, new, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(inquiry = id, supplier = supplier.slug, user_id = actor.id, "inquiry sent");
    leptos_axum::redirect(&format!("/inbox/{id}?sent=1"));
    Ok(())
}

/// `/inbox`: the threads the signed-in person sent, and those their firms received.
#[server(prefix = "/api", endpoint = "my_inbox")]
pub async fn my_inbox() -> Result<Inbox, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    crate::inquiries::repo::inbox(&state.db, &actor).await
}

/// Threads with something unread for the signed-in person; `None` when signed out.
#[server(prefix = "/api", endpoint = "unread_inquiries")]
pub async fn unread_inquiries() -> Result<Option<u64>, AppError> {
    let state = crate::state::app_state()?;
    match crate::accounts::actor::current(&state.db).await? {
        Some(actor) => Ok(Some(crate::inquiries::repo::unread_count(&state.db, actor.id).await?)),
        None => Ok(None),
    }
}

/// `/inbox/{id}`, for its two ends only; reading it marks it read for the reader's side.
#[server(prefix = "/api", endpoint = "load_thread")]
pub async fn load_thread(id: i32) -> Result<ThreadPage, AppError> {
    use crate::inquiries::{policy, repo};
    let state = crate::state::app_state()?;
    let (_, thread, standing) = thread_for_actor(&state, id).await?;
    // A thread one is not part of is not there, as far as one can tell.
    let side = policy::side(&standing).ok_or(AppError::NotFound)?;
    let page = repo::thread_page(&state.db, &thread, &standing, side).await?;
    repo::mark_seen(&state.db, &thread, side, chrono::Utc::now()).await?;
    Ok(page)
}

/// The signed-in actor, thread `id`, and the actor's relation to it.
#[cfg(feature = "ssr")]
async fn thread_for_actor(
    state: &crate::state::AppState,
    id: i32,
) -> Result<(crate::accounts::types::CurrentUser, crate::entities::inquiry::Model, crate::inquiries::policy::ThreadStanding), AppError> {
    use crate::inquiries::repo;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let thread = repo::thread(&state.db, id).await?;
    let standing = repo::standing(&state.db, &actor, &thread).await?;
    Ok((actor, thread, standing))
}

/// The thread `id` and the side the signed-in actor may act on.
#[cfg(feature = "ssr")]
async fn acting_on(
    state: &crate::state::AppState,
    id: i32,
) -> Result<(crate::accounts::types::CurrentUser, crate::entities::inquiry::Model, crate::inquiries::types::Side), AppError> {
    use crate::inquiries::policy;
    let (actor, thread, standing) = thread_for_actor(state, id).await?;
    let side = policy::side(&standing).ok_or(AppError::NotFound)?;
    if !policy::may_act(&standing) {
        return Err(if standing.sender_blocked && standing.is_sender {
            crate::forms::FormErrors::refusing("body", crate::forms::Problem::SenderBlocked)
        } else {
            AppError::Forbidden
        });
    }
    Ok((actor, thread, side))
}

/// Writes in thread `id`: its sender, and the manufacturer's owners and editors.
#[server(prefix = "/api", endpoint = "reply_to_inquiry")]
pub async fn reply_to_inquiry(id: i32, body: String) -> Result<(), AppError> {
    use crate::forms::FormErrors;
    use crate::inquiries::{repo, rules};
    let state = crate::state::app_state()?;
    let (actor, thread, side) = acting_on(&state, id).await?;
    if crate::inquiries::types::InquiryStatus::from_code(&thread.status).is_some_and(|s| s.is_closed()) {
        let mut errors = FormErrors::new();
        errors.add("body", crate::forms::Problem::AlreadyClosed);
        errors.keep("body", &body);
        return Err(AppError::Invalid(errors));
    }
    let body = rules::message(&body).map_err(AppError::Invalid)?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let written = repo::messages_last_day(&txn, actor.id, now).await?;
    rules::may_write(written).map_err(|problem| {
        let mut errors = FormErrors::new();
        errors.add("body", problem);
        errors.keep("body", &body);
        AppError::Invalid(errors)
    })?;
    repo::reply(&txn, &state.mail, &thread, &actor, side, &body, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(inquiry = id, side = side.code(), user_id = actor.id, "inquiry answered");
    // A query of its own each time, so the page reads the thread afresh.
    leptos_axum::redirect(&format!("/inbox/{id}?at={}#latest", now.timestamp_millis()));
    Ok(())
}

/// Moves thread `id` on by `step` (`inquiries::rules::steps` says which side takes which), with an optional note.
#[server(prefix = "/api", endpoint = "take_inquiry_step")]
pub async fn take_inquiry_step(id: i32, step: String, #[server(default)] note: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::inquiries::{repo, rules, types::InquiryStatus, types::InquiryStep};
    let state = crate::state::app_state()?;
    let (actor, thread, side) = acting_on(&state, id).await?;
    let step = InquiryStep::from_code(step.trim()).ok_or_else(|| FormErrors::refusing("step", Problem::NotAChoice))?;
    let note: String = note.trim().chars().take(rules::BODY_MAX).collect();
    let status = InquiryStatus::from_code(&thread.status).unwrap_or(InquiryStatus::Open);
    let next = rules::take(status, step, side).map_err(|problem| FormErrors::refusing("step", problem))?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    repo::take_step(&txn, &state.mail, &thread, &actor, side, next, &note, now).await?;
    txn.commit().await?;
    state.mail.wake.notify_one();
    tracing::info!(inquiry = id, step = step.code(), user_id = actor.id, "inquiry moved on");
    leptos_axum::redirect(&format!("/inbox/{id}?at={}#latest", now.timestamp_millis()));
    Ok(())
}

/// The manufacturer of thread `id` no longer hears from its sender: its owners and editors.
#[server(prefix = "/api", endpoint = "block_inquiry_sender")]
pub async fn block_inquiry_sender(id: i32) -> Result<(), AppError> {
    use crate::inquiries::{policy, repo};
    let state = crate::state::app_state()?;
    let (actor, thread, standing) = thread_for_actor(&state, id).await?;
    if !policy::may_block(&standing) {
        return Err(if policy::may_read(&standing) { AppError::Forbidden } else { AppError::NotFound });
    }
    repo::block(&state.db, thread.supplier_id, thread.sender_id, actor.id, chrono::Utc::now()).await?;
    tracing::info!(inquiry = id, user_id = actor.id, "inquiry sender blocked");
    leptos_axum::redirect(&format!("/inbox/{id}?blocked=1"));
    Ok(())
}

/// Lets `sender` (a user id) write to firm `firm` again: its owners and editors.
#[server(prefix = "/api", endpoint = "unblock_inquiry_sender")]
pub async fn unblock_inquiry_sender(firm: String, sender: i32) -> Result<(), AppError> {
    use crate::inquiries::{policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let (org, place) = repo::firm_and_place(&state.db, &actor, firm.trim()).await?;
    if !policy::may_manage_blocks(place) {
        return Err(AppError::Forbidden);
    }
    repo::unblock(&state.db, org.id, sender).await?;
    tracing::info!(firm = org.slug, user_id = actor.id, "inquiry sender unblocked");
    leptos_axum::redirect(&format!("/inbox?unblocked={sender}"));
    Ok(())
}
