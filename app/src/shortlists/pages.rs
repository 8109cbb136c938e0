//! `/shortlists` (one's lists), `/shortlists/{id}` (a list, with a stage and
//! a note per supplier), `/shortlists/{id}/print` (the same, for paper) and
//! `/shortlists/add` (putting a supplier on a list).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::clock::When;
use crate::forms::{form_errors, form_failure, ErrorSummary, Field, FormFailure, TextAreaField};
use crate::layout::ErrorPage;
use crate::shortlists::rules::{NAME_MAX, NOTE_MAX};
use crate::shortlists::texts::texts;
use crate::shortlists::types::*;
use crate::use_lang;

/// `/shortlists`
#[component]
pub fn ShortlistsPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let lists = Resource::new(move || query.get().to_query_string(), |_| crate::shortlists::api::my_shortlists());
    view! {
        <Title text=format!("{} · {}", s.shortlists, lang.texts().site_name)/>
        <section class="shortlists-page">
            <h1>{s.shortlists}</h1>
            <p class="lead">{s.lead}</p>
            {move || query.with(|q| q.get("deleted").is_some()).then(|| view! { <p class="notice" role="status">{s.deleted}</p> })}
            <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match lists.await {
                        Ok(lists) => Either::Left(view! { <ListsView lists/> }),
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ListsView(lists: Vec<ShortlistSummary>) -> impl IntoView {
    use crate::shortlists::api::CreateShortlist;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<CreateShortlist>::new();
    let errors = form_errors(action);
    let failure = form_failure(action);
    view! {
        {if lists.is_empty() {
            Either::Left(view! { <p class="empty">{s.none}</p> })
        } else {
            Either::Right(view! {
                <ul class="shortlist-list">
                    {lists.into_iter().map(|list| view! {
                        <li>
                            <a href=format!("/shortlists/{}", list.id)>{list.name}</a>
                            <span class="muted">{format!(" · {} {} · {} ", list.entries, s.suppliers, s.updated)}<When at=list.updated_at date_only=true/></span>
                        </li>
                    }).collect_view()}
                </ul>
            })
        }}
        <section class="new-shortlist">
            <h2>{s.new_list}</h2>
            <ActionForm action attr:class="stacked-form">
                <FormFailure failure/>
                <Field name="name" label=s.name errors maxlength=NAME_MAX required=true/>
                <button type="submit">{s.create}</button>
            </ActionForm>
        </section>
    }
}

fn list_id(params: leptos_router::params::ParamsMap) -> Result<i32, crate::error::AppError> {
    params.get("id").and_then(|id| id.parse().ok()).ok_or(crate::error::AppError::NotFound)
}

/// `/shortlists/{id}`
#[component]
pub fn ShortlistPageView() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: each change lands here with its own query.
    let page = Resource::new(
        move || (list_id(params.get()), query.get().to_query_string()),
        |(id, _)| async move { crate::shortlists::api::load_shortlist(id?).await },
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => Either::Left(view! { <ListView page/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ListView(page: ShortlistPage) -> impl IntoView {
    use crate::shortlists::api::{DeleteShortlist, RenameShortlist};
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let (said, back) = query.with_untracked(|q| {
        let said = if q.get("created").is_some() {
            Some(s.created.to_string())
        } else if q.get("renamed").is_some() {
            Some(s.renamed.to_string())
        } else if q.get("removed").is_some() {
            Some(s.removed.to_string())
        } else if let Some(slug) = q.get("added") {
            let name = page.entries.iter().find(|e| e.supplier.slug == slug).map(|e| e.supplier.name.get(lang).to_string()).unwrap_or(slug);
            Some(format!("{}{name}", s.added))
        } else if q.get("saved").is_some() {
            Some(s.saved.to_string())
        } else {
            None
        };
        // Only a path on this site is offered to go back to.
        let back = q.get("back").filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'));
        (said, back)
    });
    let rename = ServerAction::<RenameShortlist>::new();
    let rename_errors = form_errors(rename);
    let rename_failure = form_failure(rename);
    let delete = ServerAction::<DeleteShortlist>::new();
    let delete_failure = form_failure(delete);
    let id = page.id;
    let empty = page.entries.is_empty();
    view! {
        <Title text=format!("{} · {} · {}", page.name, s.shortlists, lang.texts().site_name)/>
        <article class="shortlist-page">
            <nav class="breadcrumbs"><a href="/shortlists">{s.shortlists}</a></nav>
            {said.map(|text| view! {
                <p class="notice" role="status">{text}{back.map(|b| view! { " " <a href=b>{s.back}</a> })}</p>
            })}
            <h1>{page.name.clone()}</h1>
            <p class="actions">
                <a class="button-link" href=format!("/shortlists/{id}/export.csv") rel="external" download="">{s.export}</a>
                <a class="button-link" href=format!("/shortlists/{id}/print")>{s.print}</a>
            </p>
            {if empty {
                Either::Left(view! { <p class="empty">{s.empty_list}" " <a href="/briefs">{s.find_suppliers}</a></p> })
            } else {
                Either::Right(view! {
                    <ul class="shortlist-entries">
                        {page.entries.into_iter().map(|entry| view! { <EntryView id entry/> }).collect_view()}
                    </ul>
                })
            }}
            <details class="shortlist-manage">
                <summary>{s.rename}" · "{s.delete}</summary>
                <ActionForm action=rename attr:class="stacked-form">
                    <FormFailure failure=rename_failure/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <Field name="name" label=s.name errors=rename_errors maxlength=NAME_MAX required=true/>
                    <button type="submit">{s.rename}</button>
                </ActionForm>
                <ActionForm action=delete attr:class="stacked-form">
                    <FormFailure failure=delete_failure/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <p class="muted">{s.delete_hint}</p>
                    <button type="submit" class="danger secondary">{s.delete}</button>
                </ActionForm>
            </details>
        </article>
    }
}

/// One supplier on a list, with its own small forms.
#[component]
fn EntryView(id: i32, entry: EntryView) -> impl IntoView {
    use crate::shortlists::api::{RemoveFromShortlist, UpdateShortlistEntry};
    let lang = use_lang();
    let s = texts(lang);
    let update = ServerAction::<UpdateShortlistEntry>::new();
    let refused = form_errors(update);
    let failure = form_failure(update);
    let remove = ServerAction::<RemoveFromShortlist>::new();
    let remove_failure = form_failure(remove);
    let slug = entry.supplier.slug.clone();
    let saved = [("note".to_string(), entry.note.clone()), ("status".to_string(), entry.status.code().to_string())].into_iter().collect();
    let errors = crate::forms::refused_or_saved(refused, saved);
    let chosen = errors.get_untracked().value("status").unwrap_or("").to_string();
    let status_id = format!("field-status-{slug}");
    let place = entry.place.get(lang).to_string();
    let categories = entry.categories.get(lang).to_string();
    let anchor = format!("entry-{slug}");
    let href = format!("/suppliers/{slug}");
    let note_key = slug.clone();
    let remove_slug = slug.clone();
    view! {
        <li class="shortlist-entry" id=anchor>
            <h2><a href=href>{entry.supplier.name.get(lang).to_string()}</a></h2>
            <p class="muted">
                {[place, categories].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" · ")}
                " · " {s.added_on} " " <When at=entry.added_at date_only=true/>
            </p>
            {(!entry.published).then(|| view! { <p class="notice warning">{s.not_published}</p> })}
            <ActionForm action=update attr:class="entry-form">
                <FormFailure failure/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="supplier" value=slug/>
                <div class="field">
                    <label for=status_id.clone()>{s.status}</label>
                    <select id=status_id name="status">
                        {EntryStatus::ALL.iter().map(|st| {
                            let selected = st.code() == chosen;
                            view! { <option value=st.code() selected=selected>{st.label(lang)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextAreaField name="note" label=s.note errors rows=3 maxlength=NOTE_MAX key=note_key/>
                <button type="submit">{s.save}</button>
            </ActionForm>
            <ActionForm action=remove attr:class="inline-form">
                <FormFailure failure=remove_failure/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="supplier" value=remove_slug/>
                <button type="submit" class="secondary">{s.remove}</button>
            </ActionForm>
        </li>
    }
}

/// `/shortlists/{id}/print`: a table for paper, without forms.
#[component]
pub fn PrintableShortlistPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let page = Resource::new(move || list_id(params.get()), |id| async move { crate::shortlists::api::load_shortlist(id?).await });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => Either::Left(view! { <PrintableView page/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PrintableView(page: ShortlistPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    view! {
        <Title text=format!("{} · {}", page.name, s.print)/>
        <article class="printable-shortlist">
            <nav class="breadcrumbs no-print"><a href=format!("/shortlists/{}", page.id)>{page.name.clone()}</a></nav>
            <h1>{page.name.clone()}</h1>
            <p class="muted">{s.updated} " " <When at=page.updated_at/></p>
            <table class="print-table">
                <thead>
                    <tr>
                        <th scope="col">{s.firm}</th>
                        <th scope="col">{s.place}</th>
                        <th scope="col">{s.categories}</th>
                        <th scope="col">{s.status}</th>
                        <th scope="col">{s.note}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.entries.into_iter().map(|e| view! {
                        <tr>
                            <td>{e.supplier.name.get(lang).to_string()}<br/><span class="muted">{format!("/suppliers/{}", e.supplier.slug)}</span></td>
                            <td>{e.place.get(lang).to_string()}</td>
                            <td>{e.categories.get(lang).to_string()}</td>
                            <td>{e.status.label(lang)}</td>
                            <td class="print-note">{e.note}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </article>
    }
}

/// `/shortlists/add?supplier=…&back=…`
#[component]
pub fn AddToShortlistPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let picker = Resource::new(move || query.with(|q| q.get("supplier").unwrap_or_default()), crate::shortlists::api::shortlist_picker);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match picker.await {
                    Ok(picker) => Either::Left(view! { <PickerView picker back=query.with_untracked(|q| q.get("back").unwrap_or_default())/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PickerView(picker: Picker, back: String) -> impl IntoView {
    use crate::shortlists::api::AddToShortlist;
    let lang = use_lang();
    let s = texts(lang);
    let firm = picker.supplier.name.get(lang).to_string();
    let heading = s.add_title.replace("{firm}", &firm);
    let action = ServerAction::<AddToShortlist>::new();
    let errors = form_errors(action);
    let failure = form_failure(action);
    // The most recent list is chosen to start with; "new" when there is none.
    let first = picker.lists.first().map(|l| l.id.to_string()).unwrap_or_else(|| "new".into());
    let chosen = errors.get_untracked().value("shortlist").map(str::to_owned).unwrap_or(first);
    let list_problem = move || errors.get().problem("shortlist").map(|p| p.message(lang));
    let labels = vec![("shortlist", s.which_list), ("new_name", s.name)];
    view! {
        <Title text=format!("{heading} · {}", lang.texts().site_name)/>
        <section class="form-page">
            <nav class="breadcrumbs"><a href=format!("/suppliers/{}", picker.supplier.slug)>{firm.clone()}</a></nav>
            <h1>{heading}</h1>
            <p class="lead">{s.add_lead}</p>
            <ActionForm action attr:class="stacked-form">
                <ErrorSummary errors fields=labels/>
                <FormFailure failure/>
                <input type="hidden" name="supplier" value=picker.supplier.slug.clone()/>
                <input type="hidden" name="back" value=back/>
                <fieldset id="field-shortlist" class="field choices" class:invalid=move || list_problem().is_some()>
                    <legend>{s.which_list}</legend>
                    {picker.lists.iter().map(|list| {
                        let value = list.id.to_string();
                        let id = format!("shortlist-{value}");
                        let label_for = id.clone();
                        let checked = value == chosen;
                        view! {
                            <label class="choice" for=label_for>
                                <input type="radio" id=id name="shortlist" value=value checked=checked/>
                                {format!("{}{}", list.name, if list.holds_it { s.on_it } else { "" })}
                            </label>
                        }
                    }).collect_view()}
                    <label class="choice" for="shortlist-new">
                        <input type="radio" id="shortlist-new" name="shortlist" value="new" checked=chosen == "new"/>
                        {s.new_list}
                    </label>
                    <p class="field-error" role="alert">{list_problem}</p>
                </fieldset>
                <Field name="new_name" label=s.name errors maxlength=NAME_MAX/>
                <button type="submit">{s.add}</button>
            </ActionForm>
        </section>
    }
}
