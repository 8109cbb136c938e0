//! `/inbox` (sent and received threads), `/inbox/{id}` (one thread),
//! `/inquiries/new` (writing to a manufacturer), and the header's link with
//! the unread count.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::clock::When;
use crate::forms::{form_errors, form_failure, ErrorSummary, Field, FormErrors, FormFailure, TextAreaField};
use crate::i18n::Lang;
use crate::inquiries::rules::{BODY_MAX, SUBJECT_MAX};
use crate::inquiries::texts::texts;
use crate::inquiries::types::*;
use crate::layout::ErrorPage;
use crate::use_lang;

/// "Inquiries (2)" in the header for the signed-in.
#[component]
pub fn InboxLink() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let location = use_location();
    // Read again after each navigation, so reading a thread lowers the count at once.
    let unread = Resource::new(move || location.pathname.get(), |_| crate::inquiries::api::unread_inquiries());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                unread.await.ok().flatten().map(|count| {
                    let label = if count == 0 { s.inbox.to_string() } else { format!("{}{}", s.inbox, crate::i18n::bracketed(count, lang)) };
                    let described = lang.pick(format!("{count} 条未读"), format!("{count} unread"));
                    view! { <a class="inbox-link" href="/inbox" aria-label=format!("{} · {described}", s.inbox)>{label}</a> }
                })
            })}
        </Transition>
    }
}

/// A thread in a list.
#[component]
fn InboxRowView(row: InboxRow) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    view! {
        <li class="inbox-row" class:unread=row.unread>
            <p class="inbox-subject">
                <a href=format!("/inbox/{}", row.id)>{row.subject}</a>
                {row.unread.then(|| view! { " " <span class="badge unread-badge">{s.unread}</span> })}
            </p>
            <p class="inbox-meta">
                <span>{format!("{}{}{}", s.with, lang.pick("：", ": "), row.counterpart.get(lang))}</span>
                " · " <span class="badge">{row.status.label(lang)}</span>
                " · " <When at=row.last_at/>
            </p>
            {row.brief.map(|title| view! { <p class="muted">{format!("{}{}{}", s.about, lang.pick("：", ": "), title.get(lang))}</p> })}
        </li>
    }
}

#[component]
fn InboxRows(rows: Vec<InboxRow>, empty: &'static str) -> impl IntoView {
    if rows.is_empty() {
        Either::Left(view! { <p class="empty">{empty}</p> })
    } else {
        Either::Right(view! { <ul class="inbox-list">{rows.into_iter().map(|row| view! { <InboxRowView row/> }).collect_view()}</ul> })
    }
}

/// `/inbox`
#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let inbox = Resource::new(move || query.get().to_query_string(), |_| crate::inquiries::api::my_inbox());
    view! {
        <Title text=format!("{} · {}", s.inbox, lang.texts().site_name)/>
        <section class="inbox-page">
            <h1>{s.inbox}</h1>
            <p class="lead">{s.inbox_lead}</p>
            {move || query.with(|q| q.get("unblocked").is_some()).then(|| view! { <p class="notice" role="status">{s.unblocked_notice}</p> })}
            <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(inbox) => Either::Left(view! { <InboxView inbox/> }),
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn heading_with_unread(text: String, unread: u32, lang: Lang) -> String {
    if unread == 0 {
        text
    } else {
        format!("{text}{}", crate::i18n::bracketed(lang.pick(format!("{unread} 条未读"), format!("{unread} unread")), lang))
    }
}

#[component]
fn InboxView(inbox: Inbox) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    view! {
        {inbox.firms.into_iter().map(|firm| {
            let heading = heading_with_unread(s.received_by.replace("{firm}", firm.firm.name.get(lang)), firm.unread, lang);
            let slug = firm.firm.slug.clone();
            view! {
                <section class="inbox-group">
                    <h2>{heading}</h2>
                    {(!firm.may_act).then(|| view! { <p class="muted">{s.viewer_note}</p> })}
                    <InboxRows rows=firm.rows empty=s.none_received/>
                    {(!firm.blocked.is_empty()).then(|| view! {
                        <h3>{s.blocked_senders}</h3>
                        <ul class="blocked-list">
                            {firm.blocked.into_iter().map(|sender| view! {
                                <li>{sender.name}" " <UnblockButton firm=slug.clone() sender=sender.user_id/></li>
                            }).collect_view()}
                        </ul>
                    })}
                </section>
            }
        }).collect_view()}
        <section class="inbox-group">
            <h2>{heading_with_unread(s.sent.to_string(), inbox.sent_unread, lang)}</h2>
            <InboxRows rows=inbox.sent empty=s.none_sent/>
        </section>
    }
}

#[component]
fn UnblockButton(firm: String, sender: i32) -> impl IntoView {
    use crate::inquiries::api::UnblockInquirySender;
    let s = texts(use_lang());
    let action = ServerAction::<UnblockInquirySender>::new();
    let failure = form_failure(action);
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="firm" value=firm/>
            <input type="hidden" name="sender" value=sender.to_string()/>
            <button type="submit" class="secondary">{s.unblock}</button>
            <FormFailure failure/>
        </ActionForm>
    }
}

/// `/inquiries/new?supplier=…&brief=…`
#[component]
pub fn NewInquiryPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let form = Resource::new(
        move || (param("supplier"), param("brief")),
        |(supplier, brief)| crate::inquiries::api::inquiry_form(supplier, brief),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => Either::Left(view! { <InquiryFormView form/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InquiryFormView(form: ComposeInquiry) -> impl IntoView {
    use crate::inquiries::api::SendInquiry;
    let lang = use_lang();
    let s = texts(lang);
    let firm = form.supplier.name.get(lang).to_string();
    let heading = s.write_to.replace("{firm}", &firm);
    let action = ServerAction::<SendInquiry>::new();
    let failure = form_failure(action);
    let refused = form_errors(action);
    let start = FormErrors { kept: form.values.clone(), ..FormErrors::default() };
    let errors = Signal::derive(move || {
        let refused = refused.get();
        if refused.kept.is_empty() && refused.problems.is_empty() {
            start.clone()
        } else {
            refused
        }
    });
    let chosen = errors.get_untracked().value("write_as").unwrap_or("").to_string();
    let write_as_problem = move || errors.get().problem("write_as").map(|p| p.message(lang));
    let brief_slug = form.brief.as_ref().map(|b| b.slug.clone()).unwrap_or_default();
    let labels = vec![("write_as", s.write_as), ("subject", s.subject), ("body", s.body), ("brief", s.about)];
    view! {
        <Title text=format!("{heading} · {}", lang.texts().site_name)/>
        <section class="form-page inquiry-form">
            <nav class="breadcrumbs"><a href=format!("/suppliers/{}", form.supplier.slug)>{firm.clone()}</a></nav>
            <h1>{heading}</h1>
            {match form.refusal {
                Some(problem) => Either::Left(view! {
                    <div class="error-summary" role="alert">
                        <p class="error-summary-title">{s.cannot_write}</p>
                        <p>{problem.message(lang)}</p>
                        {(problem == crate::forms::Problem::ConfirmEmailToWrite).then(|| view! { <p><a href="/account">{s.account_link}</a></p> })}
                    </div>
                }),
                None => Either::Right(view! {
                    <p class="lead">{s.new_lead}</p>
                    {form.brief.as_ref().map(|b| view! {
                        <p>{s.about}{lang.pick("：", ": ")}<a href=format!("/briefs/{}", b.slug)>{b.name.get(lang).to_string()}</a></p>
                    })}
                    <ActionForm action>
                        <ErrorSummary errors fields=labels/>
                        <FormFailure failure/>
                        <input type="hidden" name="supplier" value=form.supplier.slug.clone()/>
                        <input type="hidden" name="brief" value=brief_slug/>
                        <div class="field" class:invalid=move || write_as_problem().is_some()>
                            <label for="field-write_as">{s.write_as}</label>
                            <select id="field-write_as" name="write_as" aria-describedby="field-write_as-error">
                                <option value="">{s.write_as_self}</option>
                                {form.write_as.iter().map(|org| {
                                    let selected = org.slug == chosen;
                                    view! { <option value=org.slug.clone() selected=selected>{org.name.get(lang).to_string()}</option> }
                                }).collect_view()}
                            </select>
                            <p class="field-error" id="field-write_as-error" role="alert">{write_as_problem}</p>
                        </div>
                        <Field name="subject" label=s.subject errors maxlength=SUBJECT_MAX required=true/>
                        <TextAreaField name="body" label=s.body errors hint=s.body_hint rows=8 maxlength=BODY_MAX/>
                        <p class="field-error" role="alert">{move || errors.get().problem("brief").map(|p| p.message(lang))}</p>
                        <button type="submit">{s.send}</button>
                    </ActionForm>
                }),
            }}
        </section>
    }
}

/// `/inbox/{id}`
#[component]
pub fn ThreadPageView() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: a reply or a step lands here with its own query.
    let page = Resource::new(
        move || (params.get().get("id").unwrap_or_default(), query.get().to_query_string()),
        |(id, _)| async move {
            match id.parse::<i32>() {
                Ok(id) => crate::inquiries::api::load_thread(id).await,
                Err(_) => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => Either::Left(view! { <ThreadView page/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ThreadView(page: ThreadPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let said = query.with_untracked(|q| {
        if q.get("sent").is_some() {
            Some(s.sent_notice)
        } else if q.get("blocked").is_some() {
            Some(s.blocked_notice)
        } else {
            None
        }
    });
    let sender = match &page.sender_firm {
        Some(firm) => format!("{}{}", page.sender, crate::i18n::bracketed(firm.name.get(lang), lang)),
        None => page.sender.clone(),
    };
    let closed = page.status.is_closed();
    let last = page.messages.len().saturating_sub(1);
    let id = page.id;
    view! {
        <Title text=format!("{} · {} · {}", page.subject, s.inbox, lang.texts().site_name)/>
        <article class="thread-page">
            <nav class="breadcrumbs"><a href="/inbox">{s.back_to_inbox}</a></nav>
            {said.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <h1>{page.subject.clone()}</h1>
            <dl class="thread-facts">
                <dt>{s.from}</dt>
                <dd>{sender}</dd>
                <dt>{s.to}</dt>
                <dd><a href=format!("/suppliers/{}", page.supplier.slug)>{page.supplier.name.get(lang).to_string()}</a></dd>
                <dt>{s.status}</dt>
                <dd><span class="badge">{page.status.label(lang)}</span></dd>
                {page.brief.as_ref().map(|b| view! {
                    <dt>{s.about}</dt>
                    <dd><a href=format!("/briefs/{}", b.slug)>{b.name.get(lang).to_string()}</a></dd>
                })}
            </dl>
            {page.sender_blocked.then(|| view! { <p class="notice">{if page.side == Side::Buyer { crate::forms::Problem::SenderBlocked.message(lang) } else { s.sender_blocked.to_string() }}</p> })}
            <ol class="thread">
                {page.messages.into_iter().enumerate().map(|(i, m)| {
                    let author = m.author.clone().unwrap_or_else(|| s.former_user.to_string());
                    let who = format!("{author} · {}", m.side.label(lang));
                    view! {
                        <li class="message" class:from-supplier=m.side == Side::Supplier id=(i == last).then_some("latest")>
                            <p class="message-head"><strong>{who}</strong>" · "<When at=m.at/></p>
                            {m.status_to.map(|status| view! { <p class="message-step">{format!("→ {}", status.label(lang))}</p> })}
                            {(!m.body.is_empty()).then(|| view! { <p class="message-body">{m.body}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {if closed {
                Either::Left(view! { <p class="notice">{s.closed_note}</p> })
            } else if page.may_act {
                Either::Right(Either::Left(view! {
                    <ReplyForm id/>
                    {(!page.steps.is_empty()).then(|| view! {
                        <section class="thread-steps" aria-label=s.steps>
                            <h2>{s.steps}</h2>
                            {page.steps.iter().map(|step| view! { <StepButton id step=*step/> }).collect_view()}
                        </section>
                    })}
                }))
            } else {
                Either::Right(Either::Right((page.side == Side::Supplier).then(|| view! { <p class="muted">{s.viewer_note}</p> })))
            }}
            {(page.may_block && !page.sender_blocked).then(|| view! { <BlockButton id/> })}
        </article>
    }
}

#[component]
fn ReplyForm(id: i32) -> impl IntoView {
    use crate::inquiries::api::ReplyToInquiry;
    let s = texts(use_lang());
    let action = ServerAction::<ReplyToInquiry>::new();
    let failure = form_failure(action);
    let errors = form_errors(action);
    view! {
        <ActionForm action attr:class="reply-form">
            <FormFailure failure/>
            <input type="hidden" name="id" value=id.to_string()/>
            <TextAreaField name="body" label=s.reply_label errors rows=5 maxlength=BODY_MAX/>
            <button type="submit">{s.reply}</button>
        </ActionForm>
    }
}

#[component]
fn StepButton(id: i32, step: InquiryStep) -> impl IntoView {
    use crate::inquiries::api::TakeInquiryStep;
    let lang = use_lang();
    let action = ServerAction::<TakeInquiryStep>::new();
    let failure = form_failure(action);
    let refused = form_errors(action);
    let problem = move || refused.get().problems.values().next().map(|p| p.message(lang));
    let closing = matches!(step, InquiryStep::Won | InquiryStep::Lost);
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="step" value=step.code()/>
            <button type="submit" class:secondary=closing>{step.label(lang)}</button>
            <FormFailure failure/>
            <span class="field-error" role="alert">{problem}</span>
        </ActionForm>
    }
}

#[component]
fn BlockButton(id: i32) -> impl IntoView {
    use crate::inquiries::api::BlockInquirySender;
    let s = texts(use_lang());
    let action = ServerAction::<BlockInquirySender>::new();
    let failure = form_failure(action);
    view! {
        <section class="thread-block">
            <p class="muted">{s.block_hint}</p>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="secondary">{s.block}</button>
                <FormFailure failure/>
            </ActionForm>
        </section>
    }
}
