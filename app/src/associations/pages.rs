//! `/orgs/{slug}/members` (an association's member firms, the template, the
//! export and the import form) and `/orgs/{slug}/members/import/{id}` (an
//! import's progress and its row problems).

use crate::clock::When;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::associations::member_csv::{FileProblem, COLUMNS, MAX_ROWS};
use crate::associations::types::{ImportJobView, JobStatus, MembersPage};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::layout::ErrorPage;
use crate::use_lang;

pub struct MemberTexts {
    pub members: &'static str,
    pub members_lead: &'static str,
    pub none_yet: &'static str,
    pub profile: &'static str,
    pub no_profile: &'static str,
    pub import_title: &'static str,
    pub import_lead: &'static str,
    pub template: &'static str,
    pub allowed_values: &'static str,
    pub export: &'static str,
    pub file: &'static str,
    pub start_import: &'static str,
    pub columns: &'static str,
    pub recent: &'static str,
    pub progress: &'static str,
    pub rows_done: &'static str,
    pub created: &'static str,
    pub updated: &'static str,
    pub failed: &'static str,
    pub problems: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub problem: &'static str,
    pub value: &'static str,
    pub back: &'static str,
    pub belts: &'static str,
    pub manage_link: &'static str,
}

static ZH: MemberTexts = MemberTexts {
    members: "会员企业",
    members_lead: "本协会代为管理的会员工厂及其供货档案。",
    none_yet: "还没有会员企业。可以用下面的表格批量导入。",
    profile: "供货档案",
    no_profile: "无档案",
    import_title: "批量导入会员企业",
    import_lead: "下载模板，每行填写一家工厂及其供货档案，然后上传。可以填页面上显示的名称（山东、假睫毛、美国、是），也可以填代码；第一格以 # 开头的行（如模板里的示例行）会被跳过。可填写的值见另一个下载文件。有问题的行会逐行列出并显示所填内容，其余行照常导入；再次导入同一家工厂（相同 slug 或名称）会更新它，而不会重复添加。",
    template: "下载模板（CSV）",
    allowed_values: "下载可填写的值（CSV）",
    export: "导出全部会员（CSV）",
    file: "CSV 文件（UTF-8 或 GBK，最多 2 MB）",
    start_import: "开始导入",
    columns: "列",
    recent: "最近的导入",
    progress: "导入进度",
    rows_done: "已处理行数",
    created: "新增",
    updated: "更新",
    failed: "有问题",
    problems: "有问题的行",
    line: "行",
    column: "列",
    problem: "问题",
    value: "单元格内容",
    back: "返回会员企业",
    belts: "所在产业带",
    manage_link: "管理会员企业",
};

static EN: MemberTexts = MemberTexts {
    members: "Member firms",
    members_lead: "The member factories this association manages, with their supply profiles.",
    none_yet: "No member firms yet. Import them in bulk with the form below.",
    profile: "Supply profile",
    no_profile: "No profile",
    import_title: "Import member firms",
    import_lead: "Download the template, fill in one factory and its supply profile per row, and upload it. Cells take the names the pages show (Shandong, False eyelashes, United States, yes) as well as the codes; a row whose first cell starts with # (like the template's example row) is skipped. The allowed values are in the other download. Rows with problems are listed one by one with what they held, and the others are imported; importing the same firm again (same slug or name) updates it instead of adding it twice.",
    template: "Download the template (CSV)",
    allowed_values: "Download the allowed values (CSV)",
    export: "Export all members (CSV)",
    file: "CSV file (UTF-8 or GBK, at most 2 MB)",
    start_import: "Start import",
    columns: "Columns",
    recent: "Recent imports",
    progress: "Import progress",
    rows_done: "Rows processed",
    created: "Created",
    updated: "Updated",
    failed: "With problems",
    problems: "Rows with problems",
    line: "Line",
    column: "Column",
    problem: "Problem",
    value: "Cell value",
    back: "Back to member firms",
    belts: "Belts",
    manage_link: "Manage member firms",
};

pub fn texts(lang: Lang) -> &'static MemberTexts {
    lang.pick(&ZH, &EN)
}

/// `/orgs/{slug}/members`
#[component]
pub fn MembersPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    let t = use_lang().texts();
    let params = use_params_map();
    let page = Resource::new(move || params.get().get("slug").unwrap_or_default(), crate::associations::api::association_members);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => EitherOf3::A(view! { <MembersView page/> }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MembersView(page: MembersPage) -> impl IntoView {
    let lang = use_lang();
    let m = texts(lang);
    let name = page.name.get(lang).to_string();
    let query = use_query_map();
    let file_problem = query.get_untracked().get("import_error").and_then(|c| FileProblem::from_code(&c)).map(|p| p.message(lang));
    let has_problem = file_problem.is_some();
    let slug = page.slug.clone();
    let sep = lang.pick("、", ", ");
    view! {
        <Title text=format!("{} · {name} · {}", m.members, lang.texts().site_name)/>
        <section class="members-page">
            <h1>{m.members}</h1>
            <p class="lead"><a href=format!("/orgs/{slug}")>{name}</a></p>
            <p>{m.members_lead}</p>
            {if page.members.is_empty() {
                Either::Left(view! { <p class="muted">{m.none_yet}</p> })
            } else {
                Either::Right(view! {
                    <table class="members">
                        <thead><tr><th>{m.members}</th><th>{m.belts}</th><th>{m.profile}</th></tr></thead>
                        <tbody>
                            {page.members.into_iter().map(|member| {
                                let belts = member.belts.iter().map(|b| b.name.get(lang).to_string()).collect::<Vec<_>>().join(sep);
                                let status = member.profile_status.map_or(m.no_profile, |s| s.label(lang));
                                view! {
                                    <tr>
                                        <td><a href=format!("/orgs/{}", member.slug)>{member.name.get(lang).to_string()}</a></td>
                                        <td>{belts}</td>
                                        <td><a href=format!("/orgs/{}/profile", member.slug)>{status}</a></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                })
            }}
            <section class="import">
                <h2>{m.import_title}</h2>
                <p>{m.import_lead}</p>
                <p class="actions">
                    <a class="button-link" href=format!("/orgs/{slug}/members/template.csv") download="beltlink-members-template.csv" rel="external">{m.template}</a>
                    <a class="button-link secondary" href=format!("/orgs/{slug}/members/allowed-values.csv") download="beltlink-members-allowed-values.csv" rel="external">{m.allowed_values}</a>
                    <a class="button-link" href=format!("/orgs/{slug}/members.csv") download=format!("{slug}-members.csv") rel="external">{m.export}</a>
                </p>
                <details>
                    <summary>{m.columns}</summary>
                    <p class="columns"><code>{COLUMNS.join(", ")}</code></p>
                    <p class="hint">{lang.pick(
                        "列表类的列（品类、认证、出口市场等）用分号分隔；publish 填 yes 或 no。",
                        "List columns (categories, certifications, export markets, …) take values separated by semicolons; publish is yes or no.",
                    )}" "{format!("≤ {MAX_ROWS}")}</p>
                </details>
                <form class="import-form" method="post" action=format!("/orgs/{slug}/members/import") enctype="multipart/form-data">
                    <div class="field" class:invalid=has_problem>
                        <label for="field-file">{m.file}</label>
                        <input id="field-file" type="file" name="file" accept=".csv,text/csv" required=true
                            aria-describedby="field-file-error" aria-invalid=if has_problem { "true" } else { "false" }/>
                        <p class="field-error" id="field-file-error" role="alert">{file_problem}</p>
                    </div>
                    <button type="submit">{m.start_import}</button>
                </form>
            </section>
            {(!page.recent_imports.is_empty()).then(|| view! {
                <section>
                    <h2>{m.recent}</h2>
                    <ul class="org-list">
                        {page.recent_imports.into_iter().map(|job| view! {
                            <li>
                                <a href=format!("/orgs/{slug}/members/import/{}", job.id)><When at=job.started_at/></a>
                                <span class="muted">{job.status.label(lang)}</span>
                                <span>{format!("{} {} · {} {} · {} {}", m.created, job.created, m.updated, job.updated, m.failed, job.failed)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </section>
    }
}

/// `/orgs/{slug}/members/import/{id}`: refreshed every second while the
/// import runs (by script, or by the page itself without one).
#[component]
pub fn ImportJobPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    let t = use_lang().texts();
    let params = use_params_map();
    let tick = RwSignal::new(0u32);
    let job = Resource::new(
        move || {
            let p = params.get();
            (p.get("slug").unwrap_or_default(), p.get("id").and_then(|i| i.parse::<i32>().ok()).unwrap_or(0), tick.get())
        },
        |(slug, id, _)| crate::associations::api::import_job(slug, id),
    );
    // With a script, ask again while the job runs.
    Effect::new(move |_| {
        if let Some(Ok(view)) = job.get() {
            if view.status == JobStatus::Running {
                set_timeout(move || tick.update(|t| *t += 1), std::time::Duration::from_millis(700));
            }
        }
    });
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let slug = params.get_untracked().get("slug").unwrap_or_default();
                match job.await {
                    Ok(job) => EitherOf3::A(view! { <JobView job slug/> }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn JobView(job: ImportJobView, slug: String) -> impl IntoView {
    let lang = use_lang();
    let m = texts(lang);
    let running = job.status == JobStatus::Running;
    view! {
        <Title text=format!("{} · {}", m.progress, lang.texts().site_name)/>
        <section class="import-job" data-status=job.status.code()>
            <h1>{m.progress}</h1>
            // Without a script the page reloads itself until the job ends.
            {running.then(|| view! { <noscript inner_html=r#"<meta http-equiv="refresh" content="1">"#></noscript> })}
            <p class="status-line"><strong class="job-status">{job.status.label(lang)}</strong>" · "<When at=job.started_at/></p>
            <progress max=job.total_rows.to_string() value=job.done_rows.to_string()></progress>
            <dl class="figures job-figures">
                <div class="figure"><dt>{m.rows_done}</dt><dd class="done">{format!("{} / {}", job.done_rows, job.total_rows)}</dd></div>
                <div class="figure"><dt>{m.created}</dt><dd class="created">{job.created}</dd></div>
                <div class="figure"><dt>{m.updated}</dt><dd class="updated">{job.updated}</dd></div>
                <div class="figure"><dt>{m.failed}</dt><dd class="failed">{job.failed}</dd></div>
            </dl>
            {(!job.problems.is_empty()).then(|| view! {
                <h2>{m.problems}</h2>
                <table class="row-problems">
                    <thead><tr><th>{m.line}</th><th>{m.column}</th><th>{m.value}</th><th>{m.problem}</th></tr></thead>
                    <tbody>
                        {job.problems.iter().map(|p| view! {
                            <tr>
                                <td>{p.line}</td>
                                <td><code>{p.column.clone()}</code></td>
                                <td class="refused-value">{p.value.clone()}</td>
                                <td>{p.problem.message(lang)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <p><a href=format!("/orgs/{slug}/members")>{m.back}</a></p>
        </section>
    }
}
