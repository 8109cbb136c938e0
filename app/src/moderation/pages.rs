//! `/admin/moderation` (reports, look-alike names, recent organisations and
//! verifications), `/admin/audit` (the trail), and the pieces of an
//! organisation's page for moderating and reporting it.

use crate::clock::When;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::forms::{form_errors, form_failure, Field, FormFailure, TextAreaField};
use crate::i18n::Lang;
use crate::layout::ErrorPage;
use crate::moderation::api::{
    audit_log, moderation_overview, ClearReview, DismissReport, HideOrganisation, MergeOrganisations, ReportOrganisation,
    RestoreOrganisation, RevokeVerification, REASON_MAX,
};
use crate::moderation::types::{OrgRef, RecentOrganisation, ReportReason};
use crate::use_lang;

pub struct ModerationTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub audit_title: &'static str,
    pub audit_lead: &'static str,
    pub audit_empty: &'static str,
    pub reports: &'static str,
    pub no_reports: &'static str,
    pub reported_by: &'static str,
    pub dismiss: &'static str,
    pub flagged: &'static str,
    pub no_flagged: &'static str,
    pub clear: &'static str,
    pub recent_organisations: &'static str,
    pub recent_verifications: &'static str,
    pub none_yet: &'static str,
    pub created_by: &'static str,
    pub hidden_badge: &'static str,
    pub revoke: &'static str,
    pub revoked_badge: &'static str,
    pub reason: &'static str,
    pub reason_hint: &'static str,
    pub hide_title: &'static str,
    pub hide: &'static str,
    pub restore: &'static str,
    pub merge_title: &'static str,
    pub merge_into: &'static str,
    pub merge_into_hint: &'static str,
    pub merge: &'static str,
    pub hidden_notice: &'static str,
    pub review_notice: &'static str,
    pub report_title: &'static str,
    pub report_lead: &'static str,
    pub report_reason: &'static str,
    pub report_details: &'static str,
    pub report: &'static str,
    pub reported: &'static str,
    pub done_hidden: &'static str,
    pub done_restored: &'static str,
    pub done_merged: &'static str,
    pub done: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub subject: &'static str,
    pub link: &'static str,
}

static ZH: ModerationTexts = ModerationTexts {
    title: "内容管理",
    lead: "处理用户举报、名称与平台或其他机构相似的机构，查看最近创建的机构和最近的核验。每项操作都会记入操作记录。",
    audit_title: "操作记录",
    audit_lead: "站点管理员的每项操作：谁、何时、做了什么、为什么。",
    audit_empty: "还没有操作记录。",
    reports: "待处理的举报",
    no_reports: "没有待处理的举报。",
    reported_by: "举报人",
    dismiss: "驳回举报",
    flagged: "名称待查的机构",
    no_flagged: "没有待查的机构。",
    clear: "没有问题，解除标记",
    recent_organisations: "最近创建的机构",
    recent_verifications: "最近的核验",
    none_yet: "暂无。",
    created_by: "创建人",
    hidden_badge: "已隐藏",
    revoke: "撤销核验",
    revoked_badge: "撤销记录",
    reason: "原因",
    reason_hint: "会记入操作记录，并告知该机构的团队。",
    hide_title: "隐藏或合并",
    hide: "隐藏机构",
    restore: "恢复显示",
    merge_title: "合并重复机构",
    merge_into: "合并到（网址或地址）",
    merge_into_hint: "例如 /orgs/qingdao-jiamei-lashes。这个机构的成员、产业带、服务和供货档案会移到那里，它本身被隐藏，旧网址跳转过去。",
    merge: "合并",
    hidden_notice: "此机构已被站点管理员隐藏，公开页面和搜索中都看不到它。原因：",
    review_notice: "此机构的名称待查：",
    report_title: "举报此机构",
    report_lead: "如果这个机构冒充他人或信息不实，请告诉站点管理员。举报人不会公开。",
    report_reason: "举报原因",
    report_details: "补充说明（选填）",
    report: "提交举报",
    reported: "举报已提交，站点管理员会处理。谢谢。",
    done_hidden: "机构已隐藏。",
    done_restored: "机构已恢复显示。",
    done_merged: "重复的机构已合并到这里。",
    done: "已完成。",
    when: "时间",
    who: "操作人",
    what: "操作",
    subject: "对象",
    link: "内容管理",
};

static EN: ModerationTexts = ModerationTexts {
    title: "Moderation",
    lead: "Reports from users, organisations whose names look like a platform's or another's, and the newest organisations and verifications. Every action goes into the audit trail.",
    audit_title: "Audit trail",
    audit_lead: "Every site admin action: who, when, what and why.",
    audit_empty: "Nothing has been done yet.",
    reports: "Open reports",
    no_reports: "No open reports.",
    reported_by: "Reported by",
    dismiss: "Dismiss",
    flagged: "Names to check",
    no_flagged: "No names to check.",
    clear: "Nothing wrong: clear",
    recent_organisations: "Newest organisations",
    recent_verifications: "Newest verifications",
    none_yet: "None yet.",
    created_by: "Created by",
    hidden_badge: "Hidden",
    revoke: "Revoke",
    revoked_badge: "Withdrawal",
    reason: "Reason",
    reason_hint: "Kept in the audit trail and told to the organisation's team.",
    hide_title: "Hide or merge",
    hide: "Hide organisation",
    restore: "Show it again",
    merge_title: "Merge a duplicate",
    merge_into: "Merge into (address or link)",
    merge_into_hint: "For example /orgs/qingdao-jiamei-lashes. This organisation's people, belts, services and supply profile move there; it is hidden and its address leads there.",
    merge: "Merge",
    hidden_notice: "A site admin hid this organisation: it is not on public pages or in search. Reason: ",
    review_notice: "This organisation's name is to be checked: ",
    report_title: "Report this organisation",
    report_lead: "If it pretends to be someone else or says what is not true, tell the site admins. Your name is not shown.",
    report_reason: "What is wrong",
    report_details: "More details (optional)",
    report: "Send report",
    reported: "Report sent; a site admin will look at it. Thank you.",
    done_hidden: "The organisation is hidden.",
    done_restored: "The organisation is shown again.",
    done_merged: "The duplicate was merged into this organisation.",
    done: "Done.",
    when: "When",
    who: "Who",
    what: "What",
    subject: "Subject",
    link: "Moderation",
};

pub fn moderation_texts(lang: Lang) -> &'static ModerationTexts {
    lang.pick(&ZH, &EN)
}

fn org_link(org: &OrgRef, lang: Lang) -> impl IntoView {
    let t = moderation_texts(lang);
    view! {
        <a href=format!("/orgs/{}", org.slug)>{org.name.get(lang).to_string()}</a>
        {org.hidden.then(|| view! { " "<span class="badge">{t.hidden_badge}</span> })}
    }
}

/// The fields of a one-line action form: what it acts on, a reason, one button.
fn reason_fields(hidden: Vec<(&'static str, String)>, button: &'static str, lang: Lang) -> impl IntoView {
    let t = moderation_texts(lang);
    view! {
        {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
        <input type="text" name="reason" required maxlength=REASON_MAX.to_string() placeholder=t.reason aria-label=t.reason/>
        <button type="submit" class="secondary">{button}</button>
    }
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let lang = use_lang();
    let t = moderation_texts(lang);
    let query = use_query_map();
    let view_of = Resource::new(move || query.get().to_query_string(), |_| moderation_overview());
    let done = move || !query.get().to_query_string().is_empty();
    view! {
        <Title text=format!("{} · {}", t.title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match view_of.await {
                    Ok(found) => EitherOf3::A(view! { <ModerationLists found done=done()/> }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <crate::accounts::pages::SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ModerationLists(found: crate::moderation::types::ModerationView, done: bool) -> impl IntoView {
    let lang = use_lang();
    let t = moderation_texts(lang);
    let dismiss = ServerAction::<DismissReport>::new();
    let clear = ServerAction::<ClearReview>::new();
    let revoke = ServerAction::<RevokeVerification>::new();
    let trust = crate::orgs::texts::trust_texts(lang);
    view! {
        <section class="admin-page moderation">
            <p class="breadcrumbs"><a href="/admin">{crate::accounts::pages::texts(lang).admin_area}</a></p>
            <h1>{t.title}</h1>
            {done.then(|| view! { <p class="notice" role="status">{t.done}</p> })}
            <p class="lead">{t.lead}" "<a href="/admin/audit">{t.audit_title}</a></p>
            <FormFailure failure=form_failure(dismiss)/>
            <FormFailure failure=form_failure(clear)/>
            <FormFailure failure=form_failure(revoke)/>
            <h2 id="reports">{t.reports}</h2>
            {if found.reports.is_empty() {
                Either::Left(view! { <p class="muted">{t.no_reports}</p> })
            } else {
                Either::Right(view! {
                    <ul class="team-list">
                        {found.reports.into_iter().map(|r| view! {
                            <li class="teammate">
                                <div class="who">
                                    <strong>{org_link(&r.organisation, lang)}" · "{r.reason.label(lang)}</strong>
                                    {(!r.details.is_empty()).then(|| view! { <span class="details">{r.details.clone()}</span> })}
                                    <span class="muted">{t.reported_by}" "{r.reporter.clone()}" · "<When at=r.at/></span>
                                </div>
                                <ActionForm action=dismiss attr:class="inline-form reason-form">
                                    {reason_fields(vec![("id", r.id.to_string())], t.dismiss, lang)}
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
            <h2 id="flagged">{t.flagged}</h2>
            {if found.flagged.is_empty() {
                Either::Left(view! { <p class="muted">{t.no_flagged}</p> })
            } else {
                Either::Right(view! {
                    <ul class="team-list">
                        {found.flagged.into_iter().map(|o| {
                            let slug = o.organisation.slug.clone();
                            view! {
                                <li class="teammate">
                                    <OrganisationLine org=o/>
                                    <ActionForm action=clear attr:class="inline-form">
                                        <input type="hidden" name="slug" value=slug/>
                                        <button type="submit" class="secondary">{t.clear}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            <h2 id="recent">{t.recent_organisations}</h2>
            {if found.recent_organisations.is_empty() {
                Either::Left(view! { <p class="muted">{t.none_yet}</p> })
            } else {
                Either::Right(view! {
                    <ul class="team-list">
                        {found.recent_organisations.into_iter().map(|o| view! { <li class="teammate"><OrganisationLine org=o/></li> }).collect_view()}
                    </ul>
                })
            }}
            <h2 id="verifications">{t.recent_verifications}</h2>
            {if found.recent_verifications.is_empty() {
                Either::Left(view! { <p class="muted">{t.none_yet}</p> })
            } else {
                Either::Right(view! {
                    <ul class="team-list">
                        {found.recent_verifications.into_iter().map(|v| {
                            let subject = match v.subject {
                                crate::orgs::types::VerificationSubject::Organisation => trust.subject_organisation,
                                crate::orgs::types::VerificationSubject::Profile => trust.subject_profile,
                            };
                            view! {
                                <li class="teammate">
                                    <div class="who">
                                        <strong>{org_link(&v.organisation, lang)}" · "{subject}</strong>
                                        <span class="details">
                                            {v.revoked.then(|| view! { <span class="badge">{t.revoked_badge}</span>" " })}
                                            {v.evidence.clone()}
                                        </span>
                                        <span class="muted">{v.verifier.clone()}" · "<When at=v.at/></span>
                                    </div>
                                    {v.in_force.then(|| view! {
                                        <ActionForm action=revoke attr:class="inline-form reason-form">
                                            {reason_fields(vec![("id", v.id.to_string())], t.revoke, lang)}
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

#[component]
fn OrganisationLine(org: RecentOrganisation) -> impl IntoView {
    let lang = use_lang();
    let t = moderation_texts(lang);
    view! {
        <div class="who">
            <strong>{org_link(&org.organisation, lang)}</strong>
            {org.review_reason.clone().map(|r| view! { <span class="details flagged">{in_language(&r, lang)}</span> })}
            <span class="muted">{org.kind.label(lang)}" · "{t.created_by}" "{org.created_by.clone()}" · "<When at=org.at/></span>
        </div>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let t = moderation_texts(lang);
    let rows = Resource::new(|| (), |_| audit_log());
    view! {
        <Title text=format!("{} · {}", t.audit_title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => EitherOf3::A(view! {
                        <section class="admin-page audit">
                            <p class="breadcrumbs"><a href="/admin">{crate::accounts::pages::texts(lang).admin_area}</a>" · "<a href="/admin/moderation">{t.title}</a></p>
                            <h1>{t.audit_title}</h1>
                            <p class="lead">{t.audit_lead}</p>
                            {if rows.is_empty() {
                                Either::Left(view! { <p class="muted">{t.audit_empty}</p> })
                            } else {
                                Either::Right(view! {
                                    <ol class="team-list audit-list">
                                        {rows.into_iter().map(|r| view! {
                                            <li class="teammate">
                                                <div class="who">
                                                    <strong>{r.action.label(lang)}" · "
                                                        {match r.slug.clone() {
                                                            Some(slug) => Either::Left(view! { <a href=format!("/orgs/{slug}")>{r.subject.clone()}</a> }),
                                                            None => Either::Right(r.subject.clone()),
                                                        }}
                                                    </strong>
                                                    {(!r.reason.is_empty()).then(|| view! { <span class="details">{t.reason}{lang.pick("：", ": ")}{r.reason.clone()}</span> })}
                                                    <span class="muted">{r.actor.clone()}" · "<When at=r.at/></span>
                                                </div>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                })
                            }}
                        </section>
                    }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <crate::accounts::pages::SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

/// A look-alike flag is stored in both languages ("中文 · English"): the viewer's half.
fn in_language(reason: &str, lang: Lang) -> String {
    reason.split_once(" · ").map_or(reason, |(zh, en)| lang.pick(zh, en)).to_string()
}

/// What an organisation's page tells about its moderation: why it is hidden
/// (to those who still see it) and, for site admins, why its name is to be checked.
#[component]
pub fn OrgModeration(hidden_reason: Option<String>, review_reason: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let t = moderation_texts(lang);
    let query = use_query_map().get_untracked();
    let done = [("hidden", t.done_hidden), ("restored", t.done_restored), ("merged", t.done_merged), ("reported", t.reported)]
        .into_iter()
        .find(|(key, _)| query.get(key).is_some())
        .map(|(_, text)| text);
    view! {
        {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {hidden_reason.map(|reason| view! { <p class="notice warning">{t.hidden_notice}{reason}</p> })}
        {review_reason.map(|reason| view! { <p class="notice warning">{t.review_notice}{in_language(&reason, lang)}</p> })}
    }
}

/// A site admin's forms to hide, restore or merge an organisation.
#[component]
pub fn ModerationForms(slug: String, hidden: bool) -> impl IntoView {
    let lang = use_lang();
    let t = moderation_texts(lang);
    let hide = ServerAction::<HideOrganisation>::new();
    let restore = ServerAction::<RestoreOrganisation>::new();
    let merge = ServerAction::<MergeOrganisations>::new();
    let hide_errors = form_errors(hide);
    let restore_errors = form_errors(restore);
    let merge_errors = form_errors(merge);
    let slug_again = slug.clone();
    view! {
        <details class="moderation-forms" open=hidden>
            <summary>{t.hide_title}</summary>
            {if hidden {
                Either::Left(view! {
                    <FormFailure failure=form_failure(restore)/>
                    <ActionForm action=restore>
                        <input type="hidden" name="slug" value=slug/>
                        <Field name="reason" label=t.reason hint=t.reason_hint maxlength=REASON_MAX required=true errors=restore_errors/>
                        <button type="submit">{t.restore}</button>
                    </ActionForm>
                })
            } else {
                Either::Right(view! {
                    <FormFailure failure=form_failure(hide)/>
                    <ActionForm action=hide>
                        <input type="hidden" name="slug" value=slug/>
                        <Field name="reason" label=t.reason hint=t.reason_hint maxlength=REASON_MAX required=true errors=hide_errors/>
                        <button type="submit" class="secondary danger">{t.hide}</button>
                    </ActionForm>
                })
            }}
            <h3>{t.merge_title}</h3>
            <FormFailure failure=form_failure(merge)/>
            <ActionForm action=merge>
                <input type="hidden" name="slug" value=slug_again/>
                <Field name="into" label=t.merge_into hint=t.merge_into_hint maxlength=300 required=true errors=merge_errors/>
                <Field name="merge_reason" label=t.reason hint=t.reason_hint maxlength=REASON_MAX required=true errors=merge_errors/>
                <button type="submit" class="secondary">{t.merge}</button>
            </ActionForm>
        </details>
    }
}

/// The form to report an organisation, folded away until wanted.
#[component]
pub fn ReportForm(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = moderation_texts(lang);
    let action = ServerAction::<ReportOrganisation>::new();
    let errors = form_errors(action);
    let chosen = errors.get_untracked().value("reason").and_then(ReportReason::from_code);
    let reason_problem = move || errors.get().problem("reason").map(|p| p.message(lang));
    view! {
        <details class="report-form" open=move || !errors.get().is_empty()>
            <summary>{t.report_title}</summary>
            <p class="muted">{t.report_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <div class="field" class:invalid=move || reason_problem().is_some()>
                    <label for="field-report-reason">{t.report_reason}</label>
                    <select id="field-report-reason" name="reason" aria-describedby="field-reason-error"
                        aria-invalid=move || if reason_problem().is_some() { "true" } else { "false" }>
                        {ReportReason::ALL.into_iter().map(|r| view! { <option value=r.code() selected=chosen == Some(r)>{r.label(lang)}</option> }).collect_view()}
                    </select>
                    <p class="field-error" id="field-reason-error" role="alert">{reason_problem}</p>
                </div>
                <TextAreaField name="details" label=t.report_details maxlength=REASON_MAX rows=3 errors/>
                <button type="submit" class="secondary" disabled=move || action.pending().get()>{t.report}</button>
            </ActionForm>
        </details>
    }
}
