//! The parts of pages about granted powers: the verification record, an
//! organisation waiting for approval, requests to join or to serve a belt,
//! and the site admins' `/admin/approvals`. Every button is a form posting to
//! its server function, so all of it works without JavaScript.

use crate::clock::When;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::layout::ErrorPage;
use crate::orgs::api::{approval_queue, join_requests, AskToJoin, DecideBelt, DecideJoinRequest, DecideOrganisation, RequestBelt};
use crate::orgs::texts::trust_texts;
use crate::orgs::types::{Decision, OrgBelt, VerificationEntry, VerificationSubject};
use crate::use_lang;

/// A label's colon: full width in Chinese.
fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// Who verified, for whom, when and on what, newest first; the entry in force marked.
#[component]
pub fn VerificationRecord(entries: Vec<VerificationEntry>, #[prop(optional)] only: Option<VerificationSubject>) -> impl IntoView {
    let lang = use_lang();
    let t = trust_texts(lang);
    let entries: Vec<VerificationEntry> = entries.into_iter().filter(|e| only.is_none_or(|s| e.subject == s)).collect();
    view! {
        <section class="verification-record" id="verifications">
            <h2>{t.record_title}</h2>
            {if entries.is_empty() {
                Either::Left(view! { <p class="muted">{t.record_empty}</p> })
            } else {
                Either::Right(view! {
                    <ol class="record">
                        {entries.into_iter().map(|e| view! { <RecordEntry entry=e lang/> }).collect_view()}
                    </ol>
                })
            }}
        </section>
    }
}

#[component]
fn RecordEntry(entry: VerificationEntry, lang: Lang) -> impl IntoView {
    let t = trust_texts(lang);
    let subject = match entry.subject {
        VerificationSubject::Organisation => t.subject_organisation.to_string(),
        VerificationSubject::Profile => {
            let fields: Vec<&str> = entry.fields.iter().map(|f| f.label(lang)).collect();
            format!("{}: {}", t.subject_profile, fields.join(lang.pick("、", ", ")))
        }
    };
    let acting_for = entry.verifier_organisation.clone();
    let standing = match (entry.revoked, entry.in_force) {
        (true, _) => t.revoked_label,
        (false, true) => t.in_force,
        (false, false) => t.superseded,
    };
    let (by, evidence) = if entry.revoked { (t.revoked_by, t.reason) } else { (t.verified_by, t.evidence) };
    view! {
        <li class="record-entry" class:in-force=entry.in_force && !entry.revoked class:revoked=entry.revoked>
            <p class="record-head">
                <strong>{subject}</strong>
                " · "
                <span class="muted">{standing}</span>
            </p>
            <p>
                {by}{colon(lang)}{entry.verifier.clone()}
                {match acting_for {
                    Some((slug, name)) => EitherOf3::A(view! {
                        " · "<a href=format!("/orgs/{slug}")>{name.get(lang).to_string()}</a>
                    }),
                    None if entry.verifier_recorded => EitherOf3::B(view! { " · "{t.for_site} }),
                    None => EitherOf3::C(view! { " "<span class="muted">{t.verifier_not_recorded}</span> }),
                }}
                " · "<When at=entry.at/>
            </p>
            {(!entry.evidence.is_empty()).then(|| view! { <p class="evidence">{evidence}{colon(lang)}{entry.evidence.clone()}</p> })}
        </li>
    }
}

/// What an organisation waiting for approval tells its own people; a site
/// admin also sees the belts it asks to serve and decides here.
#[component]
pub fn AwaitingApproval(slug: String, belts: Vec<OrgBelt>, may_decide: bool) -> impl IntoView {
    let lang = use_lang();
    let t = trust_texts(lang);
    let decide = ServerAction::<DecideOrganisation>::new();
    let belts: Vec<String> = belts.iter().map(|b| b.name.get(lang).to_string()).collect();
    view! {
        <div class="notice" role="status">
            <p>{t.awaiting_approval}</p>
            {(!belts.is_empty()).then(|| view! { <p>{t.belts_asked}{colon(lang)}{belts.join(lang.pick("、", ", "))}</p> })}
            {may_decide.then(|| view! {
                <ActionForm action=decide attr:class="decision">{decision_fields(vec![("slug", slug)], t.approve, t.decline)}</ActionForm>
            })}
        </div>
    }
}

/// A button to ask to help run an association or school, or the note that one asked.
#[component]
pub fn AskToJoinForm(slug: String, asked: bool) -> impl IntoView {
    let t = trust_texts(use_lang());
    let action = ServerAction::<AskToJoin>::new();
    view! {
        <section class="join">
            {if asked {
                Either::Left(view! { <p class="notice" role="status">{t.join_asked}</p> })
            } else {
                Either::Right(view! {
                    <p class="muted">{t.ask_to_join_lead}</p>
                    <ActionForm action>
                        <input type="hidden" name="slug" value=slug/>
                        <button type="submit">{t.ask_to_join}</button>
                    </ActionForm>
                })
            }}
        </section>
    }
}

/// The hidden fields and the two buttons of one decision's form.
fn decision_fields(fields: Vec<(&'static str, String)>, approve_label: &'static str, decline_label: &'static str) -> impl IntoView {
    view! {
        {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
        <button type="submit" name="decision" value=Decision::Approve.code()>{approve_label}</button>
        <button type="submit" name="decision" value=Decision::Decline.code() class="secondary">{decline_label}</button>
    }
}

/// People asking to help run the organisation, for those who decide.
#[component]
pub fn JoinRequestList(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = trust_texts(lang);
    let action = ServerAction::<DecideJoinRequest>::new();
    let requests = Resource::new(move || (slug.clone(), action.version().get()), |(slug, _)| join_requests(slug));
    view! {
        <section id="requests">
            <h2>{t.join_requests}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match requests.await {
                        Ok(list) if list.is_empty() => EitherOf3::A(view! { <p class="muted">{t.no_join_requests}</p> }),
                        Ok(list) => EitherOf3::B(view! {
                            <ul class="org-list">
                                {list.into_iter().map(|r| {
                                    let fields = vec![("slug", r.organisation_slug.clone()), ("user_id", r.requester.user_id.to_string())];
                                    view! {
                                        <li>
                                            <span>{r.requester.display_name.clone()}" · "{r.requester.email.clone()}</span>
                                            <span class="muted">{t.requested_on}" "<When at=r.requested_at/></span>
                                            <ActionForm action attr:class="decision">{decision_fields(fields, t.accept, t.decline)}</ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }),
                        Err(error) => EitherOf3::C(view! { <p class="form-failure">{error.message(lang)}</p> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// An approved association's belts waiting for approval, and the form to ask for one more.
#[component]
pub fn RequestBeltForm(slug: String, pending: Vec<OrgBelt>, linked: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let t = trust_texts(lang);
    let directory = Resource::new(|| (), |_| crate::belts::api::list_belts(None, None));
    let action = ServerAction::<RequestBelt>::new();
    let errors = crate::forms::form_errors(action);
    let problem = move || errors.get().problem("belt").map(|p| p.message(lang));
    view! {
        <section class="belt-request">
            {(!pending.is_empty()).then(|| view! {
                <h2>{t.pending_belts}</h2>
                <ul class="org-list">
                    {pending.into_iter().map(|b| view! { <li>{b.name.get(lang).to_string()}</li> }).collect_view()}
                </ul>
            })}
            <h2>{t.request_belt}</h2>
            <p class="muted">{t.request_belt_lead}</p>
            <crate::forms::FormFailure failure=crate::forms::form_failure(action)/>
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <div class="field" class:invalid=move || problem().is_some()>
                    <label for="field-belt">{t.choose_belt}</label>
                    <select id="field-belt" name="belt" aria-describedby="field-belt-error">
                        <Suspense fallback=|| ()>
                            {move || {
                                let linked = linked.clone();
                                Suspend::new(async move {
                                    let belts = directory.await.map(|d| d.belts).unwrap_or_default();
                                    belts
                                        .into_iter()
                                        .filter(|b| !linked.contains(&b.slug))
                                        .map(|b| view! { <option value=b.slug>{b.name.get(lang).to_string()}</option> })
                                        .collect_view()
                                })
                            }}
                        </Suspense>
                    </select>
                    <p class="field-error" id="field-belt-error" role="alert">{problem}</p>
                </div>
                <button type="submit">{t.request_belt_button}</button>
            </ActionForm>
        </section>
    }
}

/// `/admin/approvals`: everything waiting for a site admin.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let lang = use_lang();
    let t = trust_texts(lang);
    let decide_org = ServerAction::<DecideOrganisation>::new();
    let decide_belt = ServerAction::<DecideBelt>::new();
    let decide_join = ServerAction::<DecideJoinRequest>::new();
    // Read again after every decision, so a decided request leaves the list at once.
    let queue =
        Resource::new(move || (decide_org.version().get(), decide_belt.version().get(), decide_join.version().get()), |_| approval_queue());
    view! {
        <Title text=format!("{} · {}", t.approvals_title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(queue) => Either::Left(view! {
                        <section class="page-head">
                            <h1>{t.approvals_title}</h1>
                            <p class="lead">{t.approvals_lead}</p>
                        </section>
                        <section>
                            <h2>{t.pending_organisations}</h2>
                            {queue.organisations.is_empty().then(|| view! { <p class="muted">{t.nothing_waiting}</p> })}
                            <ul class="approval-list">
                                {queue.organisations.into_iter().map(|o| {
                                    let belts: Vec<String> = o.belts.iter().map(|b| b.name.get(lang).to_string()).collect();
                                    let fields = vec![("slug", o.slug.clone())];
                                    view! {
                                        <li class="approval">
                                            <p>
                                                <a href=format!("/orgs/{}", o.slug)>{o.name.get(lang).to_string()}</a>
                                                " "<span class="badge">{o.kind.label(lang)}</span>
                                            </p>
                                            {(!o.description.get(lang).is_empty()).then(|| view! { <p class="summary">{o.description.get(lang).to_string()}</p> })}
                                            <p>{t.belts_asked}{colon(lang)}{belts.join(lang.pick("、", ", "))}</p>
                                            <p class="muted">
                                                {t.requested_by}{colon(lang)}
                                                {o.requested_by.map(|r| format!("{} · {}", r.display_name, r.email)).unwrap_or_default()}
                                                " · "<When at=o.requested_at/>
                                            </p>
                                            <ActionForm action=decide_org attr:class="decision">{decision_fields(fields, t.approve, t.decline)}</ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        <section>
                            <h2>{t.belt_requests}</h2>
                            {queue.belts.is_empty().then(|| view! { <p class="muted">{t.nothing_waiting}</p> })}
                            <ul class="approval-list">
                                {queue.belts.into_iter().map(|b| {
                                    let fields = vec![("slug", b.organisation_slug.clone()), ("belt", b.belt.slug.clone())];
                                    view! {
                                        <li class="approval">
                                            <p>
                                                <a href=format!("/orgs/{}", b.organisation_slug)>{b.organisation_name.get(lang).to_string()}</a>
                                                " → "{b.belt.name.get(lang).to_string()}
                                            </p>
                                            <ActionForm action=decide_belt attr:class="decision">{decision_fields(fields, t.approve, t.decline)}</ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        <section>
                            <h2>{t.people_requests}</h2>
                            {queue.join_requests.is_empty().then(|| view! { <p class="muted">{t.nothing_waiting}</p> })}
                            <ul class="approval-list">
                                {queue.join_requests.into_iter().map(|r| {
                                    let fields = vec![("slug", r.organisation_slug.clone()), ("user_id", r.requester.user_id.to_string())];
                                    view! {
                                        <li class="approval">
                                            <p>
                                                {r.requester.display_name.clone()}" · "{r.requester.email.clone()}" → "
                                                <a href=format!("/orgs/{}", r.organisation_slug)>{r.organisation_name.get(lang).to_string()}</a>
                                            </p>
                                            <p class="muted">{t.requested_on}" "<When at=r.requested_at/></p>
                                            <ActionForm action=decide_join attr:class="decision">{decision_fields(fields, t.accept, t.decline)}</ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }),
                    Err(AppError::SignInRequired) => Either::Right(view! { <crate::accounts::pages::SignInRequired/> }.into_any()),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }.into_any()),
                }
            })}
        </Suspense>
    }
}
