//! `/orgs/{slug}/offerings` (a provider manages its offerings),
//! `/orgs/{slug}/offerings/{id|new}` (the form), and the offering list on
//! organisation pages.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::error::AppError;
use crate::forms::{form_errors, form_failure, ChoiceGroup, Field, FormFailure, SelectField, TextAreaField};
use crate::i18n::Lang;
use crate::layout::ErrorPage;
use crate::services::rules::{OfferingForm, TEXT_MAX, TITLE_MAX};
use crate::services::types::*;
use crate::suppliers::markets::market_name;
use crate::use_lang;

pub struct ServiceTexts {
    pub offerings: &'static str,
    pub manage: &'static str,
    pub manage_lead: &'static str,
    pub new_offering: &'static str,
    pub edit_offering: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub none_yet: &'static str,
    pub published: &'static str,
    pub unpublished: &'static str,
    pub published_label: &'static str,
    pub service_type: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub title_hint: &'static str,
    pub description_zh: &'static str,
    pub description_en: &'static str,
    pub terms_zh: &'static str,
    pub terms_en: &'static str,
    pub terms_hint: &'static str,
    pub markets: &'static str,
    pub markets_hint: &'static str,
    pub belts: &'static str,
    pub belts_hint: &'static str,
    pub save: &'static str,
    pub choose: &'static str,
    pub terms: &'static str,
    pub updated: &'static str,
    pub demo: &'static str,
}

static ZH: ServiceTexts = ServiceTexts {
    offerings: "服务项目",
    manage: "管理服务项目",
    manage_lead: "列出你提供的服务、覆盖的市场和产业带以及合作条件。已发布的项目会显示在机构页面并可被搜索到。",
    new_offering: "新增服务项目",
    edit_offering: "编辑服务项目",
    edit: "编辑",
    delete: "删除",
    none_yet: "还没有服务项目。",
    published: "已发布",
    unpublished: "未发布",
    published_label: "发布（在机构页面显示并可被搜索到）",
    service_type: "服务类型",
    title_zh: "中文名称",
    title_en: "英文名称",
    title_hint: "至少填写一种语言，例如“洛杉矶海外仓一件代发”。",
    description_zh: "中文说明",
    description_en: "英文说明",
    terms_zh: "合作条件（中文）",
    terms_en: "合作条件（英文）",
    terms_hint: "例如计费方式、起步量、时效。",
    markets: "服务的市场",
    markets_hint: "两位字母国家代码，用逗号分隔，例如 US, DE。",
    belts: "服务的产业带",
    belts_hint: "可不选。",
    save: "保存",
    choose: "请选择",
    terms: "合作条件",
    updated: "更新于",
    demo: "演示数据",
};

static EN: ServiceTexts = ServiceTexts {
    offerings: "Service offerings",
    manage: "Manage service offerings",
    manage_lead: "List the services you offer, the markets and belts they cover, and your terms. Published offerings appear on your organisation's page and in search.",
    new_offering: "Add an offering",
    edit_offering: "Edit offering",
    edit: "Edit",
    delete: "Delete",
    none_yet: "No offerings yet.",
    published: "Published",
    unpublished: "Not published",
    published_label: "Published (shown on the organisation page and in search)",
    service_type: "Type of service",
    title_zh: "Name in Chinese",
    title_en: "Name in English",
    title_hint: "Give at least one, such as \"Los Angeles warehouse with drop shipping\".",
    description_zh: "Description in Chinese",
    description_en: "Description in English",
    terms_zh: "Terms (Chinese)",
    terms_en: "Terms (English)",
    terms_hint: "For example pricing, minimum volume, transit times.",
    markets: "Markets served",
    markets_hint: "Two-letter country codes separated by commas, such as US, DE.",
    belts: "Belts served",
    belts_hint: "Optional.",
    save: "Save",
    choose: "Choose",
    terms: "Terms",
    updated: "Updated",
    demo: "Demo entry",
};

pub fn texts(lang: Lang) -> &'static ServiceTexts {
    lang.pick(&ZH, &EN)
}

/// An organisation's offerings as cards (its page, and the management page).
#[component]
pub fn OfferingCards(offerings: Vec<OfferingCard>, #[prop(optional)] manage_slug: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let sep = lang.pick("、", ", ");
    view! {
        <ul class="cards offering-list">
            {offerings.into_iter().map(|o| {
                let markets = o.markets.iter().map(|m| market_name(m, lang)).collect::<Vec<_>>().join(sep);
                let belts = o.belts.iter().map(|b| b.name.get(lang).to_string()).collect::<Vec<_>>().join(sep);
                let terms = o.terms.get(lang).to_string();
                let manage = manage_slug.clone().map(|slug| view! { <ManageButtons slug id=o.id published=o.published/> });
                view! {
                    <li class="card offering" id=format!("offering-{}", o.id)>
                        <p><span class="badge">{o.service_type.label(lang)}</span>
                            {o.is_demo.then(|| view! { " " <span class="badge">{s.demo}</span> })}
                        </p>
                        <h3>{o.title.get(lang).to_string()}</h3>
                        {(!o.description.get(lang).is_empty()).then(|| view! { <p>{o.description.get(lang).to_string()}</p> })}
                        <dl class="offering-facts">
                            {(!markets.is_empty()).then(|| view! { <dt>{s.markets}</dt><dd>{markets}</dd> })}
                            {(!belts.is_empty()).then(|| view! { <dt>{s.belts}</dt><dd>{belts}</dd> })}
                            {(!terms.is_empty()).then(|| view! { <dt>{s.terms}</dt><dd>{terms}</dd> })}
                        </dl>
                        {manage}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ManageButtons(slug: String, id: i32, published: bool) -> impl IntoView {
    use crate::services::api::DeleteOffering;
    let lang = use_lang();
    let s = texts(lang);
    let delete = ServerAction::<DeleteOffering>::new();
    view! {
        <div class="manage">
            <span class="offering-status">{if published { s.published } else { s.unpublished }}</span>
            <a href=format!("/orgs/{slug}/offerings/{id}")>{s.edit}</a>
            <ActionForm action=delete>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="link-button danger">{s.delete}</button>
            </ActionForm>
        </div>
    }
}

/// `/orgs/{slug}/offerings`
#[component]
pub fn OfferingsPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    let lang = use_lang();
    let s = texts(lang);
    let params = use_params_map();
    let query = leptos_router::hooks::use_query_map();
    // Keyed on the query too: saving or deleting lands here with its own query, which reads the list afresh.
    let list = Resource::new(
        move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()),
        |(slug, _)| crate::services::api::my_offerings(slug),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let name = list.name.get(lang).to_string();
                        let empty = list.offerings.is_empty();
                        EitherOf3::A(view! {
                            <Title text=format!("{} · {name} · {}", s.manage, lang.texts().site_name)/>
                            <section class="offerings-page">
                                <h1>{s.manage}</h1>
                                <p class="lead"><a href=format!("/orgs/{}", list.slug)>{name}</a></p>
                                <p>{s.manage_lead}</p>
                                <p><a class="button-link" href=format!("/orgs/{}/offerings/new", list.slug)>{s.new_offering}</a></p>
                                {if empty {
                                    Either::Left(view! { <p class="muted">{s.none_yet}</p> })
                                } else {
                                    Either::Right(view! { <OfferingCards offerings=list.offerings manage_slug=list.slug.clone()/> })
                                }}
                            </section>
                        })
                    }
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

/// `/orgs/{slug}/offerings/{id}` (`new` for a new one)
#[component]
pub fn OfferingEditorPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    let t = use_lang().texts();
    let params = use_params_map();
    let editor = Resource::new(
        move || {
            let p = params.get();
            (p.get("slug").unwrap_or_default(), p.get("id").unwrap_or_default())
        },
        |(slug, id)| crate::services::api::load_offering_editor(slug, id),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => EitherOf3::A(view! { <OfferingFormView editor/> }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OfferingFormView(editor: OfferingEditor) -> impl IntoView {
    use crate::services::api::SaveOffering;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveOffering>::new();
    let refused = form_errors(action);
    let start = match &editor.offering {
        Some(o) => OfferingForm::from_offering(o),
        None => OfferingForm { published: true, ..OfferingForm::default() },
    };
    let saved = start.field_values();
    let errors = crate::forms::refused_or_saved(refused, saved);
    let title = if editor.id.is_some() { s.edit_offering } else { s.new_offering };
    let name = editor.name.get(lang).to_string();
    let types: Vec<(&'static str, &'static str)> = ServiceType::ALL.iter().map(|t| (t.code(), t.label(lang))).collect();
    let belts: Vec<(String, String)> = editor.all_belts.iter().map(|b| (b.slug.clone(), b.name.get(lang).to_string())).collect();
    let published = errors.get_untracked().value("published").is_some_and(|v| !v.is_empty());
    view! {
        <Title text=format!("{title} · {name} · {}", lang.texts().site_name)/>
        <section class="form-page">
            <h1>{title}</h1>
            <p class="lead"><a href=format!("/orgs/{}/offerings", editor.slug)>{name}</a></p>
            <FormFailure failure=form_failure(action)/>
            <crate::forms::ErrorSummary errors=refused fields=vec![
                ("service_type", s.service_type),
                ("title_zh", s.title_zh),
                ("title_en", s.title_en),
                ("description_zh", s.description_zh),
                ("description_en", s.description_en),
                ("terms_zh", s.terms_zh),
                ("terms_en", s.terms_en),
                ("markets", s.markets),
                ("belts", s.belts),
            ]/>
            <ActionForm action attr:class="offering-form">
                <input type="hidden" name="slug" value=editor.slug.clone()/>
                <input type="hidden" name="id" value=editor.id.map(|i| i.to_string()).unwrap_or_else(|| "new".into())/>
                <SelectField name="service_type" label=s.service_type options=types none_label=s.choose errors/>
                <Field name="title_zh" label=s.title_zh hint=s.title_hint maxlength=TITLE_MAX errors/>
                <Field name="title_en" label=s.title_en maxlength=TITLE_MAX errors/>
                <TextAreaField name="description_zh" label=s.description_zh maxlength=TEXT_MAX errors/>
                <TextAreaField name="description_en" label=s.description_en maxlength=TEXT_MAX errors/>
                <TextAreaField name="terms_zh" label=s.terms_zh hint=s.terms_hint rows=3 maxlength=TEXT_MAX errors/>
                <TextAreaField name="terms_en" label=s.terms_en rows=3 maxlength=TEXT_MAX errors/>
                <Field name="markets" label=s.markets hint=s.markets_hint errors/>
                <ChoiceGroup name="belts" legend=s.belts hint=s.belts_hint options=belts errors/>
                <label class="choice" for="field-published">
                    <input type="checkbox" id="field-published" name="published" value="yes" checked=published/>
                    {s.published_label}
                </label>
                <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
            </ActionForm>
        </section>
    }
}
