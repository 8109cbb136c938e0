//! Applying on a program's page, `/me/applications` (the applicant's list)
//! and `/programs/{slug}/applications` (the organisers' review).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::clock::When;
use crate::forms::{form_errors, form_failure, ErrorSummary, FormErrors, FormFailure, TextAreaField};
use crate::talent::applications::{ApplicationStatus, Decision, MOTIVATION_MAX, REASON_MAX};
use crate::talent::texts::{dates_text, texts};
use crate::talent::types::*;
use crate::use_lang;

/// Only the refusals meant for application `id` (a refusal that came back
/// without JavaScript reaches every form of its kind on the page).
pub(crate) fn own_errors(refused: Signal<FormErrors>, id: i32) -> Signal<FormErrors> {
    let id = id.to_string();
    Signal::derive(move || {
        let found = refused.get();
        if found.value("id") == Some(id.as_str()) {
            found
        } else {
            FormErrors::new()
        }
    })
}

/// Where an application stands, in words: the status, the place in the
/// queue, the deadline of a seat offered, the reason of a decline.
#[component]
fn StatusLine(application: MyApplication) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    view! {
        <span class=format!("badge status-{}", application.status.code())>{application.status.label(lang)}</span>
        {application.position.map(|n| format!(" · {}", s.position.replace("{n}", &n.to_string())))}
        {application.offer_expires_at.map(|at| view! { " · " {s.offer_until} <When at/> })}
        {(!application.reason.is_empty()).then(|| format!(" · {}{}{}", s.reason, lang.pick("：", ": "), application.reason))}
    }
}

/// The applicant's steps on their application: confirm a seat offered, withdraw.
#[component]
fn ApplicantSteps(application: MyApplication) -> impl IntoView {
    use crate::talent::application_api::{ConfirmSeat, WithdrawProgramApplication};
    let lang = use_lang();
    let s = texts(lang);
    let confirm = ServerAction::<ConfirmSeat>::new();
    let withdraw = ServerAction::<WithdrawProgramApplication>::new();
    let id = application.id;
    let confirm_errors = own_errors(form_errors(confirm), id);
    let withdraw_errors = own_errors(form_errors(withdraw), id);
    let offered = application.status == ApplicationStatus::Offered;
    let standing = application.status.is_standing();
    view! {
        <FormFailure failure=form_failure(confirm)/>
        <FormFailure failure=form_failure(withdraw)/>
        <ErrorSummary errors=confirm_errors fields=vec![]/>
        <ErrorSummary errors=withdraw_errors fields=vec![]/>
        {offered.then(|| view! {
            <p class="hint">{s.offer_lead}</p>
            <ActionForm action=confirm attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" disabled=move || confirm.pending().get()>{s.confirm_seat}</button>
            </ActionForm>
            " "
        })}
        {standing.then(|| view! {
            <ActionForm action=withdraw attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="secondary" disabled=move || withdraw.pending().get()>{s.withdraw}</button>
            </ActionForm>
        })}
    }
}

/// A program page's "Apply" section: the form, or why there is none, or the
/// viewer's application with its status.
#[component]
pub fn ApplySection(card: ProgramCard, panel: ApplyPanel) -> impl IntoView {
    use crate::talent::application_api::ApplyToProgram;
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let applied = query.with_untracked(|q| q.get("applied").is_some());
    let action = ServerAction::<ApplyToProgram>::new();
    let errors = form_errors(action);
    let slug = card.slug.clone();
    let body =
        if let Some(mine) = panel.mine.clone().filter(|m| !matches!(m.status, ApplicationStatus::Withdrawn | ApplicationStatus::Lapsed)) {
            Either::Left(view! {
                {applied.then(|| view! { <p class="notice" role="status">{s.applied}</p> })}
                <h3>{s.your_application}</h3>
                <p class="application-status"><StatusLine application=mine.clone()/></p>
                <p class="motivation">{mine.motivation.clone()}</p>
                <ApplicantSteps application=mine/>
                <p><a href="/me/applications">{s.my_applications}</a></p>
            })
        } else if !card.is_open {
            Either::Right(view! { <p class="muted">{s.apply_closed}</p> }.into_any())
        } else if !panel.signed_in {
            Either::Right(
                view! { <p><a class="button-link" href=format!("/signin?next=/programs/{slug}")>{s.apply_sign_in}</a></p> }.into_any(),
            )
        } else if !panel.has_profile {
            Either::Right(
                view! {
                    <p>{s.apply_needs_profile}</p>
                    <p><a class="button-link" href="/me/graduate">{s.fill_profile}</a></p>
                }
                .into_any(),
            )
        } else if !panel.missing.is_empty() {
            Either::Right(
                view! {
                    <p>{s.apply_not_eligible}</p>
                    <ul class="missing">{panel.missing.iter().map(|m| view! { <li>{m.get(lang).to_string()}</li> }).collect_view()}</ul>
                    <p><a href="/me/graduate">{s.edit_profile}</a></p>
                }
                .into_any(),
            )
        } else {
            Either::Right(
                view! {
                    {(card.seats_left == Some(0)).then(|| view! { <p class="notice">{s.apply_full}</p> })}
                    <p class="hint">{s.apply_lead}</p>
                    <FormFailure failure=form_failure(action)/>
                    <ErrorSummary errors fields=vec![("motivation", s.motivation)]/>
                    <ActionForm action attr:class="apply-form">
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <TextAreaField name="motivation" label=s.motivation hint=s.motivation_hint rows=5 maxlength=MOTIVATION_MAX errors/>
                        <button type="submit" disabled=move || action.pending().get()>{s.apply}</button>
                    </ActionForm>
                }
                .into_any(),
            )
        };
    view! {
        <section class="apply" id="apply">
            <h2>{s.apply_title}</h2>
            {body}
        </section>
    }
}

/// `/me/applications`
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let (withdrawn, confirmed) = query.with_untracked(|q| (q.get("withdrawn").is_some(), q.get("confirmed").is_some()));
    // Keyed on the query: a withdrawal or a confirmation lands on a new address and the list loads afresh.
    let list = Resource::new(move || query.with(|q| q.to_query_string()), |_| crate::talent::application_api::my_program_applications());
    view! {
        <Title text=format!("{} · {}", s.my_applications, lang.texts().site_name)/>
        <section class="readiness-page my-applications">
            <h1>{s.my_applications}</h1>
            <p class="lead">{s.my_applications_lead}</p>
            {withdrawn.then(|| view! { <p class="notice" role="status">{s.withdrawn_note}</p> })}
            {confirmed.then(|| view! { <p class="notice" role="status">{s.confirmed_note}</p> })}
            {crate::loaded!(list, items => view! { <MyApplicationsList items/> })}
        </section>
    }
}

#[component]
fn MyApplicationsList(items: Vec<ApplicationItem>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    if items.is_empty() {
        return Either::Left(view! {
            <p class="empty">{s.no_applications}</p>
            <p><a class="button-link" href="/programs">{s.browse_programs}</a></p>
        });
    }
    Either::Right(view! {
        <ul class="event-list application-list">
            {items.into_iter().map(|item| {
                let card = item.card;
                let anchor = format!("application-{}", item.application.id);
                view! {
                    <li class="event-card application-card" id=anchor>
                        <h3><a href=format!("/programs/{}", card.slug)>{card.title.get(lang).to_string()}</a></h3>
                        <p class="event-meta">
                            <span class="chip">{card.kind.label(lang)}</span>
                            " " {dates_text(&card.starts_on, &card.ends_on)}
                            {(!card.city.get(lang).is_empty()).then(|| format!(" · {}", card.city.get(lang)))}
                            {format!(" · {}", card.organiser.name.get(lang))}
                        </p>
                        <p class="application-status"><StatusLine application=item.application.clone()/></p>
                        <p class="muted">{s.applied_at}{lang.pick("：", ": ")}<When at=item.applied_at/></p>
                        <ApplicantSteps application=item.application/>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// `/programs/{slug}/applications`
#[component]
pub fn ReviewApplicationsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // The whole query is in the key: a decision lands on a new address and the list loads afresh.
    let asked = move || {
        let slug = params.with(|p| p.get("slug").unwrap_or_default());
        query.with(|q| (slug, q.get("status").unwrap_or_default(), q.to_query_string()))
    };
    let page = Resource::new(asked, |(slug, status, _)| crate::talent::application_api::program_applications(slug, status));
    crate::loaded!(page, page => view! { <ReviewView page/> })
}

#[component]
fn ReviewView(page: ReviewPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let decided = query.with_untracked(|q| q.get("decided").is_some());
    let card = page.card.clone();
    let title = card.title.get(lang).to_string();
    let slug = card.slug.clone();
    let total: usize = page.counts.iter().map(|(_, n)| n).sum();
    let shown = page.status;
    let tab = |href: String, label: String, current: bool| {
        view! { <li><a href=href class:current=current aria-current=current.then_some("page")>{label}</a></li> }
    };
    let seats = match (card.seats, card.seats_left) {
        (Some(seats), Some(left)) => {
            format!("{}{}{seats} · {}{}{left}", s.seats, lang.pick("：", ": "), s.seats_left, lang.pick("：", ": "))
        }
        _ => format!("{}{}{}", s.seats, lang.pick("：", ": "), s.seats_unlimited),
    };
    view! {
        <Title text=format!("{} · {title} · {}", s.review_title, lang.texts().site_name)/>
        <section class="readiness-page review-page">
            <p class="breadcrumbs"><a href="/programs">{s.list_title}</a> " / " <a href=format!("/programs/{slug}")>{title.clone()}</a></p>
            <h1>{format!("{} · {title}", s.review_title)}</h1>
            <p class="lead">{s.review_lead}</p>
            {decided.then(|| view! { <p class="notice" role="status">{s.decided_note}</p> })}
            <p class="seats-line">{seats}</p>
            <ul class="tabs status-tabs">
                {tab(format!("/programs/{slug}/applications"), format!("{} ({total})", s.all_statuses), shown.is_none())}
                {page.counts.iter().map(|(status, n)| {
                    tab(format!("/programs/{slug}/applications?status={}", status.code()), format!("{} ({n})", status.label(lang)), shown == Some(*status))
                }).collect_view()}
            </ul>
            {(total > 0).then(|| view! {
                <p><a class="button-link" href=format!("/programs/{slug}/applications.csv") download>{s.download_csv}</a></p>
            })}
            {if page.items.is_empty() {
                Either::Left(view! { <p class="empty">{if total == 0 { s.no_applications_yet } else { s.none_at_status }}</p> })
            } else {
                Either::Right(view! {
                    <ul class="review-list">
                        {page.items.into_iter().map(|item| view! { <ReviewRow item shown/> }).collect_view()}
                    </ul>
                })
            }}
            {(page.card.kind == ProgramKind::Competition).then(|| view! { <crate::talent::team_pages::TeamsTable teams=page.teams.clone()/> })}
            {(!page.breakdowns.is_empty()).then(|| view! {
                <h2>{s.at_a_glance}</h2>
                {page.breakdowns.into_iter().map(|b| view! { <BreakdownView breakdown=b/> }).collect_view()}
            })}
        </section>
    }
}

#[component]
fn ReviewRow(item: ReviewItem, shown: Option<ApplicationStatus>) -> impl IntoView {
    use crate::talent::application_api::DecideProgramApplication;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<DecideProgramApplication>::new();
    let errors = own_errors(form_errors(action), item.id);
    let id = item.id;
    let key = id.to_string();
    let undecided = matches!(item.status, ApplicationStatus::Applied | ApplicationStatus::Waitlisted);
    let facts = match &item.profile {
        Some(p) => {
            let languages = p
                .languages
                .iter()
                .map(|l| format!("{}{}{}", l.language.label(lang), lang.pick("：", ": "), l.level.label(lang)))
                .collect::<Vec<_>>()
                .join(lang.pick("；", "; "));
            let province = p.province.as_deref().and_then(crate::geo::province).map(|g| lang.pick(g.name_zh, g.name_en).to_string());
            let facts: Vec<(&str, String)> = [
                (s.school, p.school.clone()),
                (s.major, p.major.map(|m| m.label(lang).to_string()).unwrap_or_default()),
                (s.graduation_year, p.graduation_year.map(|y| y.to_string()).unwrap_or_default()),
                (s.languages, languages),
                (s.home_province, province.unwrap_or_default()),
                (s.skills, p.skills.clone()),
            ]
            .into_iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .collect();
            Either::Left(view! {
                <dl class="facts applicant-facts">
                    {facts.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
                </dl>
                {(!p.statement.is_empty()).then(|| view! { <p class="statement">{p.statement.clone()}</p> })}
            })
        }
        None => Either::Right(view! { <p class="muted">{s.no_profile_on_file}</p> }),
    };
    let status = MyApplication {
        id,
        status: item.status,
        motivation: String::new(),
        reason: item.reason.clone(),
        offer_expires_at: item.offer_expires_at,
        position: item.position,
    };
    view! {
        <li class="review-item" id=format!("application-{id}")>
            <h2 class="applicant">{item.name.clone()}</h2>
            <p class="application-status"><StatusLine application=status/> " · " {s.applied_at}{lang.pick("：", ": ")}<When at=item.applied_at/></p>
            {facts}
            {item.cv.as_ref().map(|cv| view! {
                <p class="applicant-cv">
                    <a href=cv.url.clone() download="cv.pdf">{s.cv_of_applicant}</a>
                    " (" {crate::talent::cv::cv_size_text(cv, lang)} ")"
                </p>
            })}
            <h3>{s.motivation}</h3>
            <p class="motivation">{item.motivation.clone()}</p>
            {undecided.then(|| view! {
                <FormFailure failure=form_failure(action)/>
                <ErrorSummary errors fields=vec![("decision", s.decision), ("reason", s.reason)]/>
                <ActionForm action attr:class="decide-form">
                    <input type="hidden" name="id" value=key.clone()/>
                    <input type="hidden" name="shown" value=shown.map(|s| s.code()).unwrap_or("")/>
                    <p class="field-error" id=format!("field-decision-{key}-error") role="alert">
                        {move || errors.get().problem("decision").map(|p| p.message(lang))}
                    </p>
                    <TextAreaField name="reason" label=s.reason hint=s.decline_reason_hint rows=2 maxlength=REASON_MAX errors key=key.clone()/>
                    <div class="decide-buttons">
                        {Decision::ALL.iter().filter(|d| item.status != ApplicationStatus::Waitlisted || **d != Decision::Waitlist).map(|d| {
                            let class = if *d == Decision::Accept { "" } else { "secondary" };
                            view! { <button type="submit" name="decision" value=d.code() class=class>{d.label(lang)}</button> " " }
                        }).collect_view()}
                    </div>
                </ActionForm>
            })}
        </li>
    }
}

/// One way of counting the applications: the chart, and its numbers as a table.
#[component]
fn BreakdownView(breakdown: Breakdown) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let (heading, column) = match breakdown.key.as_str() {
        "status" => (s.by_status, s.csv_status),
        "school" => (s.by_school, s.school),
        "major" => (s.by_major, s.major),
        _ => (s.by_year, s.graduation_year),
    };
    view! {
        <section class="breakdown">
            <h3>{heading}</h3>
            <div class="chart-and-table">
                {(!breakdown.svg.is_empty()).then(|| view! { <div class="chart" role="img" aria-label=heading inner_html=breakdown.svg.clone()></div> })}
                <div class="table-scroll">
                    <table class="dashboard-table">
                        <thead><tr><th scope="col">{column}</th><th scope="col" class="number">{s.applications_count}</th></tr></thead>
                        <tbody>
                            {breakdown.rows.iter().map(|row| view! {
                                <tr><th scope="row">{row.label.get(lang).to_string()}</th><td class="number">{row.count}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}
