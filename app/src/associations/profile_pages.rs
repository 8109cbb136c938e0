//! `/associations` (the directory), `/associations/{slug}` (profile,
//! secretariats, committees, members, applying to join),
//! `/associations/{slug}/manage` (applications, secretariats, committees)
//! and `/associations/{slug}/committees/{kind}` (one committee's seats).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::associations::rules::{secretariats_text, MESSAGE_MAX, REASON_MAX};
use crate::associations::texts::texts;
use crate::associations::types::*;
use crate::clock::When;
use crate::forms::{form_errors, form_failure, refused_or_saved, ChoiceGroup, ErrorSummary, FormErrors, FormFailure, TextAreaField};
use crate::i18n::{Bilingual, Lang};
use crate::use_lang;

fn joined(names: impl IntoIterator<Item = String>, lang: Lang) -> String {
    names.into_iter().filter(|n| !n.is_empty()).collect::<Vec<_>>().join(lang.pick("、", ", "))
}

fn firm_link(firm: &Named, lang: Lang) -> impl IntoView {
    view! { <a href=format!("/orgs/{}", firm.slug)>{firm.name.get(lang).to_string()}</a> }
}

/// `/associations`
#[component]
pub fn AssociationDirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let cards = Resource::new(|| (), |_| crate::associations::api::association_directory());
    view! {
        <Title text=format!("{} · {}", s.directory_title, lang.texts().site_name)/>
        <section class="associations-page">
            <h1>{s.directory_title}</h1>
            <p class="lead">{s.directory_lead}</p>
            {crate::loaded!(cards, cards => view! { <DirectoryList cards/> })}
        </section>
    }
}

#[component]
fn DirectoryList(cards: Vec<AssociationCard>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    if cards.is_empty() {
        return Either::Left(view! { <p class="empty">{s.none}</p> });
    }
    Either::Right(view! {
        <ul class="association-cards">
            {cards.into_iter().map(|card| {
                let place = card.city.get(lang).to_string();
                let belts = joined(card.belts.iter().map(|b| b.name.get(lang).to_string()), lang);
                let cities = joined(card.secretariats.iter().map(|c| c.get(lang).to_string()), lang);
                let committees = card.committees.len();
                view! {
                    <li class="association-card">
                        <h2><a href=format!("/associations/{}", card.slug)>{card.name.get(lang).to_string()}</a></h2>
                        <p class="muted">{(!place.is_empty()).then(|| format!("{} {place} · ", s.based_in))}{format!("{} {}", s.members_count, card.members)}
                            {(committees > 0).then(|| format!(" · {} {committees}", s.committees))}</p>
                        {(!belts.is_empty()).then(|| view! { <p>{format!("{}{}{belts}", s.belts, lang.pick("：", ": "))}</p> })}
                        {(!cities.is_empty()).then(|| view! { <p>{format!("{}{}{cities}", s.secretariats, lang.pick("：", ": "))}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// `/associations/{slug}`
#[component]
pub fn AssociationProfilePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: applying or withdrawing lands here with its own query.
    let page = Resource::new(
        move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()),
        |(slug, _)| crate::associations::api::association_profile(slug),
    );
    crate::loaded!(page, page => view! { <ProfileView page/> })
}

#[component]
fn ProfileView(page: AssociationProfile) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let applied = query.with_untracked(|q| q.get("applied").is_some());
    let name = page.name.get(lang).to_string();
    let description = page.description.get(lang).to_string();
    let place = page.city.get(lang).to_string();
    let belts = page.belts.clone();
    let manage = page.viewer.manages.then(|| {
        view! { <p><a class="button" href=format!("/associations/{}/manage", page.slug)>{s.manage}</a></p> }
    });
    view! {
        <Title text=format!("{name} · {}", lang.texts().site_name)/>
        <section class="association-page">
            <p class="breadcrumb"><a href="/associations">{s.directory_title}</a></p>
            <h1>{name.clone()}</h1>
            {applied.then(|| view! { <p class="notice" role="status">{s.applied}</p> })}
            {manage}
            {(!description.is_empty()).then(|| view! { <p class="lead">{description}</p> })}
            <dl class="facts">
                {(!place.is_empty()).then(|| view! { <dt>{s.based_in}</dt><dd>{place}</dd> })}
                <dt>{s.members_count}</dt><dd>{page.members.len()}</dd>
                {(!belts.is_empty()).then(|| view! {
                    <dt>{s.belts}</dt>
                    <dd>{belts.iter().enumerate().map(|(i, b)| view! {
                        {(i > 0).then(|| lang.pick("、", ", "))}
                        <a href=format!("/belts/{}", b.slug)>{b.name.get(lang).to_string()}</a>
                    }).collect_view()}</dd>
                })}
                {(!page.secretariats.is_empty()).then(|| view! {
                    <dt>{s.secretariats}</dt>
                    <dd>{joined(page.secretariats.iter().map(|c| c.get(lang).to_string()), lang)}</dd>
                })}
            </dl>
            <h2>{s.committees}</h2>
            <CommitteeList committees=page.committees.clone()/>
            <crate::events::pages::AssociationEvents association=page.slug.clone()/>
            <JoinSection page=page.clone()/>
            <h2>{format!("{} ({})", s.members, page.members.len())}</h2>
            {if page.members.is_empty() {
                Either::Left(view! { <p class="empty">{s.no_members}</p> })
            } else {
                Either::Right(view! {
                    <ul class="member-directory">
                        {page.members.iter().map(|m| view! { <li>{firm_link(m, lang)}</li> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

#[component]
fn CommitteeList(committees: Vec<CommitteeView>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    if committees.is_empty() {
        return Either::Left(view! { <p class="empty">{s.no_committees}</p> });
    }
    Either::Right(view! {
        <ul class="committees">
            {committees.into_iter().map(|c| {
                let body = if c.chair.is_none() && c.members.is_empty() {
                    Either::Left(view! { <p class="muted">{s.nobody_listed}</p> })
                } else {
                    Either::Right(view! {
                        <p>
                            <strong>{s.chair}{lang.pick("：", ": ")}</strong>
                            {match &c.chair {
                                Some(chair) => Either::Left(firm_link(chair, lang)),
                                None => Either::Right(view! { <span class="muted">{s.no_chair}</span> }),
                            }}
                        </p>
                        {if c.members.is_empty() {
                            Either::Left(view! { <p class="muted">{s.no_committee_members}</p> })
                        } else {
                            Either::Right(view! {
                                <p>
                                    <strong>{s.committee_members}{lang.pick("：", ": ")}</strong>
                                    {c.members.iter().enumerate().map(|(i, m)| view! {
                                        {(i > 0).then(|| lang.pick("、", ", "))}
                                        {firm_link(m, lang)}
                                    }).collect_view()}
                                </p>
                            })
                        }}
                    })
                };
                view! {
                    <li class="committee">
                        <h3>{c.kind.label(lang)}</h3>
                        {body}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

#[component]
fn JoinSection(page: AssociationProfile) -> impl IntoView {
    use crate::associations::api::{ApplyForMembership, WithdrawApplication};
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<ApplyForMembership>::new();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let errors = form_errors(action);
    let chosen = errors.get_untracked().value("firm").unwrap_or("").to_string();
    let form = if !page.viewer.signed_in {
        Either::Left(view! { <p><a href=format!("/signin?next=/associations/{}", page.slug)>{s.join_sign_in}</a></p> }.into_any())
    } else if page.viewer.may_apply_for.is_empty() {
        Either::Left(view! { <p class="muted">{s.join_no_firm}</p> }.into_any())
    } else {
        Either::Right(view! {
            <p class="hint">{s.join_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors fields=vec![("firm", s.firm), ("message", s.message)]/>
            <ActionForm action attr:class="join-form">
                <input type="hidden" name="slug" value=page.slug.clone()/>
                <div class="field" class:invalid=move || errors.get().problem("firm").is_some()>
                    <label for="field-firm">{s.firm}</label>
                    <select id="field-firm" name="firm" aria-describedby="field-firm-error">
                        {page.viewer.may_apply_for.iter().map(|f| {
                            let selected = f.slug == chosen;
                            view! { <option value=f.slug.clone() selected=selected>{f.name.get(lang).to_string()}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="field-firm-error" role="alert">{move || errors.get().problem("firm").map(|p| p.message(lang))}</p>
                </div>
                <TextAreaField name="message" label=s.message hint=s.message_hint maxlength=MESSAGE_MAX errors/>
                <button type="submit" disabled=move || action.pending().get()>{s.apply}</button>
            </ActionForm>
        })
    };
    let applications = (!page.viewer.applications.is_empty()).then(|| {
        view! {
            <h3>{s.your_applications}</h3>
            <FormFailure failure=form_failure(withdraw)/>
            <ErrorSummary errors=form_errors(withdraw) fields=vec![]/>
            <ul class="applications">
                {page.viewer.applications.clone().into_iter().map(|a| {
                    let pending = a.status == ApplicationStatus::Pending;
                    let reason = a.reason.clone();
                    view! {
                        <li>
                            <strong>{a.firm.name.get(lang).to_string()}</strong>
                            {format!(" · {} · ", a.status.label(lang))}
                            <When at=a.created_at date_only=true/>
                            {(!reason.is_empty()).then(|| view! { <p>{format!("{}{}{reason}", s.reason, lang.pick("：", ": "))}</p> })}
                            {pending.then(|| view! {
                                <ActionForm action=withdraw attr:class="inline-form">
                                    <input type="hidden" name="id" value=a.id.to_string()/>
                                    <button type="submit" class="secondary">{s.withdraw}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section class="join">
            <h2>{s.join_title}</h2>
            {form}
            {applications}
        </section>
    }
}

/// `/associations/{slug}/manage`
#[component]
pub fn AssociationManagePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(
        move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()),
        |(slug, _)| crate::associations::api::association_manage(slug),
    );
    crate::loaded!(page, page => view! { <ManageView page/> })
}

#[component]
fn ManageView(page: ManagePage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let (decided, saved) = query.with_untracked(|q| (q.get("decided").is_some(), q.get("saved").is_some()));
    let name = page.association.name.get(lang).to_string();
    let slug = page.association.slug.clone();
    view! {
        <Title text=format!("{} · {name} · {}", s.manage_title, lang.texts().site_name)/>
        <section class="association-manage">
            <p class="breadcrumb"><a href=format!("/associations/{slug}")>{name.clone()}</a></p>
            <h1>{format!("{name} · {}", s.manage_title)}</h1>
            {decided.then(|| view! { <p class="notice" role="status">{s.decided_notice}</p> })}
            {saved.then(|| view! { <p class="notice" role="status">{s.saved_notice}</p> })}
            <p><a href=format!("/orgs/{slug}/members")>{s.member_list}</a></p>
            <h2>{format!("{} ({})", s.pending, page.pending.len())}</h2>
            <p class="hint">{s.approve_note}</p>
            {if page.pending.is_empty() {
                Either::Left(view! { <p class="empty">{s.no_pending}</p> })
            } else {
                Either::Right(view! {
                    <ul class="applications">
                        {page.pending.into_iter().map(|a| view! { <DecideForm application=a/> }).collect_view()}
                    </ul>
                })
            }}
            {(!page.decided.is_empty()).then(|| view! {
                <h2>{s.decided}</h2>
                <ul class="applications decided">
                    {page.decided.iter().map(|a| view! {
                        <li>
                            {firm_link(&a.firm, lang)}
                            {format!(" · {}", a.status.label(lang))}
                            {a.decided_at.map(|at| view! { " · " <When at date_only=true/> })}
                            {(!a.reason.is_empty()).then(|| view! { <p class="muted">{a.reason.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <SecretariatsForm slug=slug.clone() cities=page.secretariats.clone()/>
            <h2>{s.committees}</h2>
            <ul class="committees manage">
                {CommitteeKind::ALL.iter().map(|&kind| {
                    let found = page.committees.iter().find(|c| c.kind == kind);
                    let summary = match found {
                        Some(c) => format!(
                            "{}{}{} · {} {}",
                            s.chair,
                            lang.pick("：", ": "),
                            c.chair.as_ref().map_or_else(|| s.no_chair.to_string(), |f| f.name.get(lang).to_string()),
                            s.committee_members,
                            c.members.len()
                        ),
                        None => s.not_set_up.to_string(),
                    };
                    let link = format!("/associations/{slug}/committees/{}", kind.code());
                    view! {
                        <li>
                            <strong>{kind.label(lang)}</strong>
                            {format!(" — {summary} ")}
                            <a href=link>{if found.is_some() { s.edit } else { s.set_up }}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn DecideForm(application: ApplicationView) -> impl IntoView {
    use crate::associations::api::DecideApplication;
    use crate::orgs::types::Decision;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<DecideApplication>::new();
    let key = application.id.to_string();
    // A refusal that came back without JavaScript reaches every form of this
    // kind on the page: each shows only its own (the refusal keeps the id).
    let refused = form_errors(action);
    let mine = key.clone();
    let errors = Signal::derive(move || {
        let found = refused.get();
        if found.value("id") == Some(mine.as_str()) {
            found
        } else {
            FormErrors::new()
        }
    });
    view! {
        <li class="application">
            <p>
                <strong>{s.from_firm}{lang.pick("：", ": ")}</strong>{firm_link(&application.firm, lang)}
                {format!(" · {} ", s.applied_on)}<When at=application.created_at date_only=true/>
            </p>
            {(!application.message.is_empty()).then(|| view! { <p class="message">{application.message.clone()}</p> })}
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors fields=vec![("reason", s.decline_reason)]/>
            <ActionForm action attr:class="decide-form">
                <input type="hidden" name="id" value=key.clone()/>
                <TextAreaField name="reason" label=s.decline_reason hint=s.decline_hint rows=2 maxlength=REASON_MAX errors key=key.clone()/>
                <button type="submit" name="decision" value=Decision::Approve.code()>{s.approve}</button>
                " "
                <button type="submit" name="decision" value=Decision::Decline.code() class="secondary">{s.decline}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn SecretariatsForm(slug: String, cities: Vec<Bilingual>) -> impl IntoView {
    use crate::associations::api::SaveSecretariats;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveSecretariats>::new();
    let mut saved = FormErrors::new();
    saved.keep("secretariats", &secretariats_text(&cities));
    let errors = refused_or_saved(form_errors(action), saved.kept);
    view! {
        <h2>{s.secretariats}</h2>
        <FormFailure failure=form_failure(action)/>
        <ErrorSummary errors fields=vec![("secretariats", s.secretariat_cities)]/>
        <ActionForm action attr:class="secretariats-form">
            <input type="hidden" name="slug" value=slug/>
            <TextAreaField name="secretariats" label=s.secretariat_cities hint=s.secretariats_hint rows=8 maxlength=2000 errors/>
            <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
        </ActionForm>
    }
}

/// `/associations/{slug}/committees/{kind}`
#[component]
pub fn CommitteeEditPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.with(|p| (p.get("slug").unwrap_or_default(), p.get("kind").unwrap_or_default())),
        |(slug, kind)| crate::associations::api::association_committee(slug, kind),
    );
    crate::loaded!(page, page => view! { <CommitteeForm page/> })
}

#[component]
fn CommitteeForm(page: CommitteePage) -> impl IntoView {
    use crate::associations::api::SaveCommittee;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveCommittee>::new();
    let mut saved = FormErrors::new();
    if let Some(c) = &page.committee {
        saved.keep("chair", c.chair.as_ref().map_or("", |f| f.slug.as_str()));
        saved.keep("members", &c.members.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>().join(","));
    }
    let errors = refused_or_saved(form_errors(action), saved.kept);
    let chosen_chair = errors.get_untracked().value("chair").unwrap_or("").to_string();
    let name = page.association.name.get(lang).to_string();
    let title = page.kind.label(lang);
    let options: Vec<(String, String)> = page.members.iter().map(|m| (m.slug.clone(), m.name.get(lang).to_string())).collect();
    view! {
        <Title text=format!("{title} · {name} · {}", lang.texts().site_name)/>
        <section class="committee-edit">
            <p class="breadcrumb"><a href=format!("/associations/{}/manage", page.association.slug)>{format!("{name} · {}", s.manage_title)}</a></p>
            <h1>{title}</h1>
            <p class="hint">{s.committee_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors fields=vec![("chair", s.chair), ("members", s.committee_members)]/>
            <ActionForm action attr:class="committee-form">
                <input type="hidden" name="slug" value=page.association.slug.clone()/>
                <input type="hidden" name="kind" value=page.kind.code()/>
                <div class="field" class:invalid=move || errors.get().problem("chair").is_some()>
                    <label for="field-chair">{s.chair}</label>
                    <select id="field-chair" name="chair" aria-describedby="field-chair-error">
                        <option value="">{s.no_chair_choice}</option>
                        {options.iter().map(|(slug, label)| {
                            let selected = *slug == chosen_chair;
                            view! { <option value=slug.clone() selected=selected>{label.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="field-chair-error" role="alert">{move || errors.get().problem("chair").map(|p| p.message(lang))}</p>
                </div>
                {if options.is_empty() {
                    Either::Left(view! { <p class="muted">{s.no_members}</p> })
                } else {
                    Either::Right(view! { <ChoiceGroup name="members" legend=s.committee_members options=options.clone() errors/> })
                }}
                <button type="submit" name="action" value="save" disabled=move || action.pending().get()>{s.save}</button>
                {page.committee.is_some().then(|| view! {
                    " "
                    <button type="submit" name="action" value="remove" class="secondary">{s.remove_committee}</button>
                })}
            </ActionForm>
        </section>
    }
}
