//! `/admin`: the site admin's starting point, with what waits in each area.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{Counted, Lang};
use crate::layout::ErrorPage;
use crate::use_lang;

/// What waits for a site admin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSummary {
    pub approvals_waiting: usize,
    pub search_up: bool,
    pub search_pending: u64,
    pub mail_waiting: u64,
    pub smtp: bool,
    pub open_reports: u64,
    pub names_to_check: u64,
}

/// Counts for the admin area. Site admins (`orgs::policy::may_approve`, `mail::policy::may_read_mailbox`).
#[server(prefix = "/api", endpoint = "admin_counts")]
pub async fn admin_counts() -> Result<AdminSummary, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !(crate::orgs::policy::may_approve(&actor) && crate::mail::policy::may_read_mailbox(&actor)) {
        return Err(AppError::Forbidden);
    }
    let queue = crate::orgs::approvals::queue(&state.db).await?;
    let mailbox = crate::mail::outbox::mailbox(&state.db, state.mail.transport.is_smtp(), 0).await?;
    let (open_reports, names_to_check) = crate::moderation::repo::waiting(&state.db).await?;
    Ok(AdminSummary {
        open_reports,
        names_to_check,
        approvals_waiting: queue.organisations.len() + queue.belts.len() + queue.join_requests.len(),
        search_up: state.search.is_healthy().await,
        search_pending: crate::search::outbox::pending(&state.db).await?,
        mail_waiting: mailbox.waiting,
        smtp: mailbox.smtp,
    })
}

struct AdminTexts {
    title: &'static str,
    lead: &'static str,
    approvals: &'static str,
    approvals_waiting: Counted,
    search: &'static str,
    search_up: &'static str,
    search_down: &'static str,
    mail: &'static str,
    mail_local: &'static str,
    mail_smtp: &'static str,
    moderation: &'static str,
    reports_waiting: Counted,
    names_waiting: Counted,
    audit: &'static str,
    audit_lead: &'static str,
}

static ZH: AdminTexts = AdminTexts {
    title: "管理后台",
    lead: "站点管理员的工作：审核申请、处理举报和可疑机构、查看搜索同步和站点发出的邮件。",
    approvals: "审核申请",
    approvals_waiting: Counted::same("{n} 件申请等待决定。"),
    search: "搜索状态",
    search_up: "搜索引擎正常；待同步的更改：",
    search_down: "搜索引擎没有响应；待同步的更改：",
    mail: "站点邮件",
    mail_local: "未配置 SMTP，邮件保存在本地邮箱；等待处理：",
    mail_smtp: "邮件经 SMTP 发出；等待发送：",
    moderation: "内容管理",
    reports_waiting: Counted::same("待处理的举报 {n} 件；"),
    names_waiting: Counted::same("名称待查的机构 {n} 个。"),
    audit: "操作记录",
    audit_lead: "每项管理操作：谁、何时、做了什么、为什么。",
};

static EN: AdminTexts = AdminTexts {
    title: "Admin",
    lead:
        "A site admin's work: decide requests, handle reports and suspicious names, watch search stay in step, read the mail the site sent.",
    approvals: "Approvals",
    approvals_waiting: Counted::new("{n} request waits for a decision.", "{n} requests wait for a decision."),
    search: "Search status",
    search_up: "The search engine answers; changes on their way to it: ",
    search_down: "The search engine does not answer; changes on their way to it: ",
    mail: "Site mail",
    mail_local: "No SMTP server: mail is kept in the local mailbox; waiting: ",
    mail_smtp: "Mail goes out by SMTP; waiting to be sent: ",
    moderation: "Moderation",
    reports_waiting: Counted::new("{n} open report;", "{n} open reports;"),
    names_waiting: Counted::new("{n} organisation's name to check.", "{n} organisations' names to check."),
    audit: "Audit trail",
    audit_lead: "Every admin action: who, when, what and why.",
};

fn texts(lang: Lang) -> &'static AdminTexts {
    lang.pick(&ZH, &EN)
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let t = texts(lang);
    let summary = Resource::new(|| (), |_| admin_counts());
    view! {
        <Title text=format!("{} · {}", t.title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => EitherOf3::A(view! {
                        <section class="page-head">
                            <h1>{t.title}</h1>
                            <p class="lead">{t.lead}</p>
                        </section>
                        <ul class="admin-areas">
                            <li>
                                <a href="/admin/approvals">{t.approvals}</a>
                                <p class="muted">{t.approvals_waiting.with(s.approvals_waiting as u64)}</p>
                            </li>
                            <li>
                                <a href="/admin/search">{t.search}</a>
                                <p class="muted">{if s.search_up { t.search_up } else { t.search_down }}{s.search_pending}</p>
                            </li>
                            <li>
                                <a href="/admin/moderation">{t.moderation}</a>
                                <p class="muted">
                                    {t.reports_waiting.with(s.open_reports)}{lang.pick("", " ")}{t.names_waiting.with(s.names_to_check)}
                                </p>
                            </li>
                            <li>
                                <a href="/admin/audit">{t.audit}</a>
                                <p class="muted">{t.audit_lead}</p>
                            </li>
                            <li>
                                <a href="/admin/mail">{t.mail}</a>
                                <p class="muted">{if s.smtp { t.mail_smtp } else { t.mail_local }}{s.mail_waiting}</p>
                            </li>
                        </ul>
                    }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <crate::accounts::pages::SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
