//! `/admin/search`, for site admins: whether Meilisearch answers, how many
//! changes are on their way to it, and the documents it refused, with its
//! reason and a way to send each again once fixed.

use crate::clock::When;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{Bilingual, Lang};
use crate::use_lang;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeadLetterView {
    pub id: i32,
    pub kind: String,
    pub entity_id: i32,
    /// Where the entity is shown, and its name, while it still exists.
    pub page: Option<(String, Bilingual)>,
    pub reason: String,
    pub failed_at: crate::clock::Moment,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexingStatus {
    pub engine_up: bool,
    pub pending: u64,
    pub dead_letters: Vec<DeadLetterView>,
}

#[cfg(feature = "ssr")]
async fn require_site_admin(db: &sea_orm::DatabaseConnection) -> Result<crate::accounts::types::CurrentUser, AppError> {
    let actor = crate::accounts::actor::require(db).await?;
    if !crate::search::policy::may_administer(&actor) {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

#[server(prefix = "/api", endpoint = "search_status")]
pub async fn search_status() -> Result<IndexingStatus, AppError> {
    use crate::search::{document, outbox};
    let state = crate::state::app_state()?;
    require_site_admin(&state.db).await?;
    let mut dead_letters = Vec::new();
    for row in outbox::dead_letters(&state.db).await? {
        let kind = document::EntityKind::from_code(&row.entity_kind);
        let page = match kind {
            Some(kind) => document::load(&state.db, kind, row.entity_id).await?.map(|doc| {
                let name = Bilingual::new(doc.name_zh.clone(), doc.name_en.clone());
                (crate::search::results::href_of(doc), name)
            }),
            None => None,
        };
        dead_letters.push(DeadLetterView {
            id: row.id,
            kind: row.entity_kind,
            entity_id: row.entity_id,
            page,
            reason: row.reason,
            failed_at: row.failed_at.into(),
        });
    }
    Ok(IndexingStatus { engine_up: state.search.is_healthy().await, pending: outbox::pending(&state.db).await?, dead_letters })
}

#[server(prefix = "/api", endpoint = "retry_dead_letter")]
pub async fn retry_dead_letter(id: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let admin = require_site_admin(&state.db).await?;
    let id: i32 = id.trim().parse().map_err(|_| AppError::NotFound)?;
    if !crate::search::outbox::retry_dead_letter(&state.db, id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(dead_letter = id, user_id = admin.id, "refused search document sent again");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect("/admin/search");
    Ok(())
}

struct AdminTexts {
    title: &'static str,
    engine: &'static str,
    up: &'static str,
    down: &'static str,
    pending: &'static str,
    refused: &'static str,
    refused_lead: &'static str,
    none_refused: &'static str,
    gone: &'static str,
    retry: &'static str,
    retried: &'static str,
}

static ZH: AdminTexts = AdminTexts {
    title: "搜索状态",
    engine: "搜索引擎",
    up: "正常",
    down: "无法连接（搜索页正在使用数据库简单匹配）",
    pending: "待同步的变更",
    refused: "被拒收的文档",
    refused_lead: "搜索引擎拒收了以下文档，原因如下。修正数据后点击“重新发送”。",
    none_refused: "没有被拒收的文档。",
    gone: "（已删除）",
    retry: "重新发送",
    retried: "已重新发送，同步完成后将从列表中消失。",
};

static EN: AdminTexts = AdminTexts {
    title: "Search status",
    engine: "Search engine",
    up: "Up",
    down: "Unreachable (the search page is matching in the database)",
    pending: "Changes on their way",
    refused: "Refused documents",
    refused_lead: "The search engine refused these documents for the reasons shown. Fix the data, then send them again.",
    none_refused: "No refused documents.",
    gone: "(deleted)",
    retry: "Send again",
    retried: "Sent again; it leaves this list once it goes through.",
};

fn texts(lang: Lang) -> &'static AdminTexts {
    lang.pick(&ZH, &EN)
}

#[component]
pub fn SearchAdminPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    use crate::layout::ErrorPage;
    let lang = use_lang();
    let a = texts(lang);
    let retry = ServerAction::<RetryDeadLetter>::new();
    let status = Resource::new(move || retry.version().get(), |_| search_status());
    view! {
        <Title text=format!("{} · {}", a.title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(status) => EitherOf3::A(view! {
                        <section class="search-admin">
                            <h1>{a.title}</h1>
                            <dl class="status">
                                <dt>{a.engine}</dt>
                                <dd id="engine-status">{if status.engine_up { a.up } else { a.down }}</dd>
                                <dt>{a.pending}</dt>
                                <dd id="pending-changes">{status.pending}</dd>
                            </dl>
                            <h2>{a.refused}</h2>
                            {move || retry.value().get().and_then(Result::ok).map(|_| view! { <p class="notice" role="status">{a.retried}</p> })}
                            {if status.dead_letters.is_empty() {
                                leptos::either::Either::Left(view! { <p class="muted" id="dead-letters-empty">{a.none_refused}</p> })
                            } else {
                                leptos::either::Either::Right(view! {
                                    <p>{a.refused_lead}</p>
                                    <ul class="dead-letters" id="dead-letters">
                                        {status.dead_letters.into_iter().map(|d| view! { <DeadLetterRow d retry/> }).collect_view()}
                                    </ul>
                                })
                            }}
                        </section>
                    }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DeadLetterRow(d: DeadLetterView, retry: ServerAction<RetryDeadLetter>) -> impl IntoView {
    let lang = use_lang();
    let a = texts(lang);
    let entity = match d.page {
        Some((href, name)) => leptos::either::Either::Left(view! { <a href=href>{name.get(lang).to_string()}</a> }),
        None => leptos::either::Either::Right(view! { <span>{format!("{} {} {}", d.kind, d.entity_id, a.gone)}</span> }),
    };
    view! {
        <li class="dead-letter">
            <span class="badge">{d.kind.clone()}</span>
            {entity}
            <span class="muted">" · "<When at=d.failed_at/></span>
            <p class="reason"><code>{d.reason}</code></p>
            <ActionForm action=retry>
                <input type="hidden" name="id" value=d.id.to_string()/>
                <button type="submit">{a.retry}</button>
            </ActionForm>
        </li>
    }
}
