//! `/suppliers/{slug}` (a published profile) and `/orgs/{slug}/profile` (its
//! editor, with publishing and field verification).

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::error::AppError;
use crate::forms::{form_errors, form_failure, ChoiceGroup, Field, FormFailure, SelectField, TextAreaField};
use crate::forms::{options, owned};
use crate::i18n::Lang;
use crate::layout::ErrorPage;
use crate::suppliers::markets::market_name;
use crate::suppliers::rules::{self, ProfileForm};
use crate::suppliers::types::*;
use crate::use_lang;

pub struct SupplierTexts {
    pub profile: &'static str,
    pub edit_title: &'static str,
    pub edit_lead: &'static str,
    pub edit_link: &'static str,
    pub view_link: &'static str,
    pub readiness_link: &'static str,
    pub status: &'static str,
    pub not_saved_yet: &'static str,
    pub saved: &'static str,
    pub unpublished: &'static str,
    pub save: &'static str,
    pub publish: &'static str,
    pub unpublish: &'static str,
    pub publish_hint: &'static str,
    pub not_public_notice: &'static str,
    pub verified: &'static str,
    pub self_declared: &'static str,
    pub verified_note: &'static str,
    pub self_declared_note: &'static str,
    pub no_reply_record: &'static str,
    pub contact: &'static str,
    pub shortlist: &'static str,
    pub updated: &'static str,
    pub organisation_verified: &'static str,
    pub demo_notice: &'static str,
    pub products_zh: &'static str,
    pub products_en: &'static str,
    pub products_hint: &'static str,
    pub categories_hint: &'static str,
    pub amount: &'static str,
    pub unit: &'static str,
    pub choose: &'static str,
    pub days: &'static str,
    pub lead_time_label: &'static str,
    pub certifications_other: &'static str,
    pub markets_hint: &'static str,
    pub floor_area_label: &'static str,
    pub warehouse_yes: &'static str,
    pub warehouse_where: &'static str,
    pub warehouse_where_hint: &'static str,
    pub warehouse_markets: &'static str,
    pub warehouse_markets_hint: &'static str,
    pub own_factory_yes: &'static str,
    pub own_factory_no: &'static str,
    pub not_said: &'static str,
    pub exporting_since_hint: &'static str,
    pub test_reports_hint: &'static str,
    pub delivers_to: &'static str,
    pub section_products: &'static str,
    pub section_quantities: &'static str,
    pub section_terms: &'static str,
    pub section_trade: &'static str,
    pub section_factory: &'static str,
    pub verify_title: &'static str,
    pub verify_lead: &'static str,
    pub verify_save: &'static str,
    pub suppliers: &'static str,
    pub suppliers_empty: &'static str,
    pub belts: &'static str,
    pub none_yet: &'static str,
    pub photos: &'static str,
    pub photos_hint: &'static str,
    pub photo_file: &'static str,
    pub photo_caption: &'static str,
    pub upload: &'static str,
    pub photo_added: &'static str,
    pub delete_photo: &'static str,
}

static ZH: SupplierTexts = SupplierTexts {
    profile: "供货档案",
    edit_title: "编辑供货档案",
    edit_lead: "填写你的产品、产能和出口情况。保存后为草稿，发布后平台和采购方才能看到并搜索到。空着的项目不会显示。",
    edit_link: "编辑供货档案",
    view_link: "查看公开页面",
    readiness_link: "对照平台要求",
    status: "状态",
    not_saved_yet: "尚未保存",
    saved: "已保存。",
    unpublished: "已下线：档案不再公开，也不会出现在搜索中。随时可以重新发布。",
    save: "保存",
    publish: "发布",
    unpublish: "下线",
    publish_hint: "发布后，档案会出现在产业带页面和搜索结果中；下线后会从中移除。",
    not_public_notice: "此档案未发布，只有本机构成员和核验人能看到。",
    verified: "已核验",
    self_declared: "自述",
    verified_note: "标为“已核验”的项目由核验人确认",
    self_declared_note: "其余项目由企业自行填写，未经核验。",
    no_reply_record: "近 90 天没有询盘，还没有回复记录。",
    contact: "联系这家企业",
    shortlist: "加入候选清单",
    updated: "更新于",
    organisation_verified: "机构已核验",
    demo_notice: "演示数据：根据公开报道整理，仅包含报道中提到的信息，未经核验。",
    products_zh: "产品（中文）",
    products_en: "产品（英文）",
    products_hint: "至少填写一种语言，例如主要产品、款式和材质。",
    categories_hint: "至少选择一个。",
    amount: "数量",
    unit: "单位",
    choose: "请选择",
    days: "天",
    lead_time_label: "交期（天）",
    certifications_other: "其他认证",
    markets_hint: "两位字母国家代码，用逗号分隔，例如 US, JP, DE。",
    floor_area_label: "厂房面积（平方米）",
    warehouse_yes: "有海外仓",
    warehouse_where: "海外仓所在地",
    warehouse_where_hint: "例如 美国洛杉矶。勾选“有海外仓”时必填。",
    warehouse_markets: "海外仓配送的市场",
    warehouse_markets_hint: "两位字母国家代码，用逗号分隔，例如 US, DE。平台按市场查看海外仓。",
    own_factory_yes: "是，自有工厂生产",
    own_factory_no: "否，从其他工厂采购",
    not_said: "未填写",
    exporting_since_hint: "开始出口的年份，例如 2012。",
    test_reports_hint: "例如 SGS REACH 检测报告（2026）。",
    delivers_to: "配送至",
    section_products: "产品",
    section_quantities: "数量与交期",
    section_terms: "样品与价格",
    section_trade: "出口与渠道",
    section_factory: "工厂",
    verify_title: "核验档案",
    verify_lead: "勾选你已确认属实的项目。之后企业若修改某项，该项会恢复为自述。",
    verify_save: "保存核验结果",
    suppliers: "供应商",
    suppliers_empty: "此产业带还没有已发布的供货档案。",
    belts: "所在产业带",
    none_yet: "暂无",
    photos: "照片",
    photos_hint: "JPEG、PNG 或 WebP 格式，每张不超过 5 MB，长宽至少 200 像素，最多 8 张。",
    photo_file: "选择照片",
    photo_caption: "说明（可选）",
    upload: "上传照片",
    photo_added: "照片已上传。",
    delete_photo: "删除",
};

static EN: SupplierTexts = SupplierTexts {
    profile: "Supply profile",
    edit_title: "Edit supply profile",
    edit_lead: "Describe your products, capacity and exports. Saving keeps a draft; platforms and buyers see and find it once you publish. Empty fields are not shown.",
    edit_link: "Edit supply profile",
    view_link: "View public page",
    readiness_link: "Check against platform criteria",
    status: "Status",
    not_saved_yet: "Not saved yet",
    saved: "Saved.",
    unpublished: "Unpublished: the profile is no longer public or in search. You can publish it again at any time.",
    save: "Save",
    publish: "Publish",
    unpublish: "Unpublish",
    publish_hint: "Once published, the profile appears on belt pages and in search; unpublishing removes it from both.",
    not_public_notice: "This profile is not published: only the organisation's members and verifiers can see it.",
    verified: "Verified",
    self_declared: "Self-declared",
    verified_note: "Fields marked verified were confirmed by",
    self_declared_note: "the others are as declared by the supplier.",
    no_reply_record: "No inquiries in the last 90 days, so no reply record yet.",
    contact: "Contact this firm",
    shortlist: "Add to shortlist",
    updated: "Updated",
    organisation_verified: "Organisation verified",
    demo_notice: "Demo entry: drawn from published articles, holding only what they say; not verified.",
    products_zh: "Products (Chinese)",
    products_en: "Products (English)",
    products_hint: "Give at least one language: main products, styles, materials.",
    categories_hint: "Choose at least one.",
    amount: "Amount",
    unit: "Unit",
    choose: "Choose",
    days: "days",
    lead_time_label: "Lead time (days)",
    certifications_other: "Other certifications",
    markets_hint: "Two-letter country codes separated by commas, such as US, JP, DE.",
    floor_area_label: "Factory floor area (m²)",
    warehouse_yes: "Has an overseas warehouse",
    warehouse_where: "Where the overseas warehouse is",
    warehouse_where_hint: "For example Los Angeles, USA. Required when you tick the box above.",
    warehouse_markets: "Markets the overseas warehouse delivers to",
    warehouse_markets_hint: "Two-letter country codes separated by commas, such as US, DE. Platforms look for warehouses by market.",
    own_factory_yes: "Yes, we make it in our own factory",
    own_factory_no: "No, we source from other factories",
    not_said: "Not said",
    exporting_since_hint: "The year you first exported, such as 2012.",
    test_reports_hint: "For example SGS REACH test report (2026).",
    delivers_to: "delivers to",
    section_products: "Products",
    section_quantities: "Quantities and lead time",
    section_terms: "Samples and price",
    section_trade: "Exports and channels",
    section_factory: "Factory",
    verify_title: "Verify this profile",
    verify_lead: "Tick the fields you have confirmed. If the supplier later changes one, it goes back to self-declared.",
    verify_save: "Save verification",
    suppliers: "Suppliers",
    suppliers_empty: "No supply profile in this belt is published yet.",
    belts: "Belts",
    none_yet: "None yet",
    photos: "Photos",
    photos_hint: "JPEG, PNG or WebP, at most 5 MB each, at least 200 pixels a side, up to 8 photos.",
    photo_file: "Choose a photo",
    photo_caption: "Caption (optional)",
    upload: "Upload photo",
    photo_added: "Photo uploaded.",
    delete_photo: "Delete",
};

pub fn texts(lang: Lang) -> &'static SupplierTexts {
    lang.pick(&ZH, &EN)
}

/// Labels of a list of coded values, joined for reading.
fn labels<T: Copy>(values: &[T], label: impl Fn(T, Lang) -> &'static str, lang: Lang) -> String {
    values.iter().map(|v| label(*v, lang)).collect::<Vec<_>>().join(lang.pick("、", ", "))
}

fn markets_text(codes: &[String], lang: Lang) -> String {
    codes.iter().map(|c| market_name(c, lang)).collect::<Vec<_>>().join(lang.pick("、", ", "))
}

/// Each filled field of a profile as (field, shown value), in reading order.
fn shown_fields(p: &ProfileData, categories: &[crate::belts::types::CategoryRef], lang: Lang) -> Vec<(ProfileField, String)> {
    let s = texts(lang);
    let mut rows = Vec::new();
    for field in ProfileField::ALL.iter().copied().filter(|f| rules::is_filled(p, *f)) {
        let value = match field {
            ProfileField::Products => p.products.get(lang).to_string(),
            ProfileField::Categories => categories.iter().map(|c| c.name.get(lang)).collect::<Vec<_>>().join(lang.pick("、", ", ")),
            ProfileField::Moq => p.moq.map(|q| q.display(lang)).unwrap_or_default(),
            ProfileField::Capacity => p.capacity.map(|q| q.display(lang)).unwrap_or_default(),
            ProfileField::LeadTime => p.lead_time_days.map(|d| format!("{d} {}", s.days)).unwrap_or_default(),
            ProfileField::SamplePolicy => p.sample_policy.map(|v| v.label(lang).to_string()).unwrap_or_default(),
            ProfileField::PriceBand => p.price_band.map(|v| v.label(lang).to_string()).unwrap_or_default(),
            ProfileField::Certifications => {
                let mut all = labels(&p.certifications, Certification::label, lang);
                if !p.certifications_other.is_empty() {
                    if !all.is_empty() {
                        all.push_str(lang.pick("、", ", "));
                    }
                    all.push_str(&p.certifications_other);
                }
                all
            }
            ProfileField::ExportMarkets => markets_text(&p.export_markets, lang),
            ProfileField::BusinessModels => labels(&p.business_models, BusinessModel::label, lang),
            ProfileField::Platforms => labels(&p.platforms, SalesPlatform::label, lang),
            ProfileField::Languages => labels(&p.languages, Language::label, lang),
            ProfileField::FloorArea => {
                p.floor_area_m2.map(|a| format!("{} m²", crate::belts::types::format_count(a.into(), lang))).unwrap_or_default()
            }
            ProfileField::OverseasWarehouse => {
                let place = p.overseas_warehouse.clone().unwrap_or_default();
                if p.warehouse_markets.is_empty() {
                    place
                } else {
                    format!("{place}{}{} {}", lang.pick("，", ", "), s.delivers_to, markets_text(&p.warehouse_markets, lang))
                }
            }
            // Said of the firm, as a visitor reads it (the form asks in the firm's own voice).
            ProfileField::OwnFactory => p
                .own_factory
                .map(|own| {
                    if own {
                        lang.pick("自有工厂生产", "Makes in its own factory")
                    } else {
                        lang.pick("从其他工厂采购", "Sources from other factories")
                    }
                })
                .map(str::to_string)
                .unwrap_or_default(),
            ProfileField::ExportExperience => p.exporting_since.map(|y| y.to_string()).unwrap_or_default(),
            ProfileField::AnnualSales => p.annual_sales.map(|b| b.label(lang).to_string()).unwrap_or_default(),
            ProfileField::TestReports => p.test_reports.clone(),
        };
        rows.push((field, value));
    }
    rows
}

/// `/suppliers/{slug}`
#[component]
pub fn SupplierPage() -> impl IntoView {
    let t = use_lang().texts();
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: a verification lands here with its own query, which reads the page afresh.
    let supplier = Resource::new(
        move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()),
        |(slug, _)| crate::suppliers::api::get_supplier(slug),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match supplier.await {
                    Ok(page) => Either::Left(view! { <SupplierView page/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SupplierView(page: crate::suppliers::types::SupplierPage) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let s = texts(lang);
    let name = page.name.get(lang).to_string();
    let other_name = page.name.get(lang.other()).to_string();
    let place = page.place.get(lang).to_string();
    let rows = shown_fields(&page.profile, &page.categories, lang);
    let verified = page.verified_fields.clone();
    let zone = use_context::<crate::clock::ViewerZone>().unwrap_or_default();
    let verifier = match (&page.verified_by, &page.verified_at) {
        (Some(by), Some(at)) if !verified.is_empty() => {
            format!("{} {by}{}", s.verified_note, crate::i18n::bracketed(at.date_in(&zone), lang))
        }
        _ => String::new(),
    };
    let updated = match &page.updated_by {
        Some(by) => format!("{} {} · {by}", s.updated, page.updated_at.date_in(&zone)),
        None => format!("{} {}", s.updated, page.updated_at.date_in(&zone)),
    };
    let products = page.profile.products.get(lang).to_string();
    let summary = if products.is_empty() {
        format!("{name} · {} · {place}", s.profile)
    } else {
        format!("{name}{}{products}", lang.pick("：", ": "))
    };
    let supplier_data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name.clone(),
        "alternateName": other_name.clone(),
        "description": crate::seo::description(&products),
        "address": { "@type": "PostalAddress", "addressCountry": "CN", "addressLocality": place.clone() },
    });
    view! {
        <Title text=format!("{name} · {} · {}", s.profile, t.site_name)/>
        <crate::seo::Description text=summary/>
        <crate::seo::StructuredData data=supplier_data/>
        <article class="supplier-detail">
            <header class="page-head">
                <p class="badge">{s.profile}</p>
                <h1>{name.clone()}</h1>
                {(other_name != name).then(|| view! { <p class="other-name" lang=lang.other().html_lang()>{other_name}</p> })}
                {(!place.is_empty()).then(|| view! { <p class="place">{place}</p> })}
                {page.organisation_verified.then(|| view! { <p class="verification">{s.organisation_verified}</p> })}
            </header>
            {(page.status != ProfileStatus::Published).then(|| view! {
                <p class="notice" role="status">{s.not_public_notice}{crate::i18n::bracketed(page.status.label(lang), lang)}</p>
            })}
            {page.is_demo.then(|| view! { <p class="notice">{s.demo_notice}</p> })}
            {page.may_edit.then(|| view! {
                <p><a class="button-link" href=format!("/orgs/{}/profile", page.slug)>{s.edit_link}</a></p>
            })}
            // Its own people edit it; everyone else may write to a published firm.
            {(!page.may_edit && page.status == ProfileStatus::Published).then(|| view! {
                <p class="contact-action actions">
                    <a class="button-link" href=format!("/inquiries/new?supplier={}", page.slug)>{s.contact}</a>
                    <a class="button-link" href=format!("/shortlists/add?supplier={}&back=/suppliers/{}", page.slug, page.slug)>{s.shortlist}</a>
                </p>
            })}
            <p class="reply-record muted">
                {match page.reply_record {
                    Some(record) => record.describe(lang),
                    None => s.no_reply_record.to_string(),
                }}
            </p>
            {(!page.photos.is_empty()).then(|| view! { <Gallery photos=page.photos.clone() firm=name.clone()/> })}
            <dl class="profile-fields">
                {rows
                    .into_iter()
                    .map(|(field, value)| {
                        let is_verified = verified.contains(&field);
                        view! {
                            <div class="profile-field" data-field=field.code()>
                                <dt>{field.label(lang)}</dt>
                                <dd>
                                    <span class="value">{value}</span>
                                    <span class="provenance" class:verified=is_verified>
                                        {if is_verified { s.verified } else { s.self_declared }}
                                    </span>
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            <p class="muted">
                {if verifier.is_empty() { String::new() } else { format!("{verifier}; ") }}
                {s.self_declared_note}
            </p>
            {(!page.belts.is_empty()).then(|| view! {
                <section>
                    <h2>{s.belts}</h2>
                    <ul class="org-list">
                        {page.belts.iter().map(|b| view! {
                            <li><a href=format!("/belts/{}", b.slug)>{b.name.get(lang).to_string()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <crate::orgs::approval_pages::VerificationRecord entries=page.verifications.clone() only=crate::orgs::types::VerificationSubject::Profile/>
            <p class="muted"><a href=format!("/orgs/{}", page.slug)>{name}</a>" · "{updated}</p>
        </article>
    }
}

#[component]
fn PhotoFigure(photo: crate::suppliers::photos::Photo, firm: String) -> impl IntoView {
    let alt = photo.alt(&firm, use_lang());
    view! {
        <figure>
            <img src=photo.url.clone() width=photo.width height=photo.height alt=alt loading="lazy"/>
            {(!photo.caption.is_empty()).then(|| view! { <figcaption>{photo.caption.clone()}</figcaption> })}
        </figure>
    }
}

#[component]
fn Gallery(photos: Vec<crate::suppliers::photos::Photo>, firm: String) -> impl IntoView {
    view! {
        <ul class="photo-grid">
            {photos.into_iter().map(|photo| view! { <li><PhotoFigure photo firm=firm.clone()/></li> }).collect_view()}
        </ul>
    }
}

/// The editor's photo section: what is there, and a plain multipart form to
/// add one (the browser posts it itself, with or without JavaScript).
#[component]
fn PhotoManager(editor: ProfileEditor) -> impl IntoView {
    use crate::suppliers::api::DeleteProfilePhoto;
    use crate::suppliers::photos::{PhotoProblem, CAPTION_MAX, MAX_PHOTOS};
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let problem = query.get_untracked().get("photo_error").and_then(|c| PhotoProblem::from_code(&c)).map(|p| p.label(lang));
    let added = query.get_untracked().get("photo").is_some_and(|v| v == "added");
    let delete = ServerAction::<DeleteProfilePhoto>::new();
    let firm = editor.name.get(lang).to_string();
    let full = editor.photos.len() >= MAX_PHOTOS;
    let slug = editor.slug.clone();
    let upload_to = format!("/orgs/{slug}/profile/photos");
    view! {
        <section id="photos" class="photos">
            <h2>{s.photos}</h2>
            <p class="hint">{s.photos_hint}</p>
            {added.then(|| view! { <p class="notice" role="status">{s.photo_added}</p> })}
            <ul class="photo-grid">
                {editor.photos.into_iter().map(|photo| {
                    let id = photo.id.to_string();
                    let slug = slug.clone();
                    view! {
                        <li>
                            <PhotoFigure photo firm=firm.clone()/>
                            <ActionForm action=delete>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="id" value=id/>
                                <button type="submit" class="link-button danger">{s.delete_photo}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="photo-upload" method="post" action=upload_to enctype="multipart/form-data">
                <div class="field" class:invalid=problem.is_some()>
                    <label for="field-photo">{s.photo_file}</label>
                    <input id="field-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp" required=true
                        disabled=full aria-describedby="field-photo-error" aria-invalid=if problem.is_some() { "true" } else { "false" }/>
                    <p class="field-error" id="field-photo-error" role="alert">{problem}</p>
                </div>
                <div class="field">
                    <label for="field-caption">{s.photo_caption}</label>
                    <input id="field-caption" type="text" name="caption" maxlength=CAPTION_MAX.to_string() disabled=full/>
                </div>
                <button type="submit" disabled=full>{s.upload}</button>
            </form>
        </section>
    }
}

/// The published suppliers of a belt, for its page.
#[component]
pub fn SupplierList(suppliers: Vec<SupplierCard>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    view! {
        <section class="supplier-list">
            <h2>{s.suppliers}</h2>
            {if suppliers.is_empty() {
                Either::Left(view! { <p class="muted">{s.suppliers_empty}</p> })
            } else {
                Either::Right(view! {
                    <ul class="cards">
                        {suppliers.into_iter().map(|c| {
                            let facts = c.facts.get(lang).to_string();
                            view! {
                                <li class="card">
                                    <a href=format!("/suppliers/{}", c.slug)><strong>{c.name.get(lang).to_string()}</strong></a>
                                    {c.verified.then(|| view! { <span class="badge">{s.verified}</span> })}
                                    <p>{c.products.get(lang).to_string()}</p>
                                    {(!facts.is_empty()).then(|| view! { <p class="muted facts">{facts}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// `/orgs/{slug}/profile`: the editor, for the manufacturer's members (and
/// its verifiers, who see the verification form).
#[component]
pub fn ProfileEditorPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    let t = use_lang().texts();
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too, so the page reads the profile again after a
    // save or a change of status: each lands here with its own query.
    let editor = Resource::new(
        move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()),
        |(slug, _)| crate::suppliers::api::supply_profile_editor(slug),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => EitherOf3::A(view! { <ProfileEditorView editor/> }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileEditorView(editor: ProfileEditor) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let just_saved = query.get_untracked().get("saved").is_some();
    let just_unpublished = query.get_untracked().get("unpublished").is_some();
    let name = editor.name.get(lang).to_string();
    let status = editor.status.map_or(s.not_saved_yet, |st| st.label(lang));
    let slug = editor.slug.clone();
    view! {
        <Title text=format!("{} · {name} · {}", s.edit_title, lang.texts().site_name)/>
        <section class="form-page profile-editor">
            <h1>{s.edit_title}</h1>
            <p class="lead"><a href=format!("/orgs/{slug}")>{name}</a></p>
            <p class="status-line">{s.status}{lang.pick("：", ": ")}<strong class="profile-status">{status}</strong>
                {editor.status.map(|_| view! { " · " <a href=format!("/suppliers/{slug}")>{s.view_link}</a> })}
                {(editor.may_edit && editor.status.is_some()).then(|| view! { " · " <a href=format!("/readiness?firm={slug}")>{s.readiness_link}</a> })}
            </p>
            {just_saved.then(|| view! { <p class="notice" role="status">{s.saved}</p> })}
            {just_unpublished.then(|| view! { <p class="notice" role="status">{s.unpublished}</p> })}
            {(editor.may_edit && editor.status.is_some()).then(|| view! { <StatusForm slug=slug.clone() status=editor.status/> })}
            {editor.may_edit.then(|| view! { <ProfileForm editor=editor.clone()/> })}
            {(editor.may_edit && editor.status.is_some()).then(|| view! { <PhotoManager editor=editor.clone()/> })}
            {(editor.may_verify && editor.profile.is_some()).then(|| view! { <VerifyFieldsForm editor=editor.clone()/> })}
        </section>
    }
}

#[component]
fn StatusForm(slug: String, status: Option<ProfileStatus>) -> impl IntoView {
    use crate::suppliers::api::SetSupplyProfileStatus;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SetSupplyProfileStatus>::new();
    let (value, label) = if status == Some(ProfileStatus::Published) { ("unpublish", s.unpublish) } else { ("publish", s.publish) };
    view! {
        <div class="status-form">
            <FormFailure failure=form_failure(action)/>
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="action" value=value/>
                <p class="hint">{s.publish_hint}</p>
                <button type="submit" class="status-button" disabled=move || action.pending().get()>{label}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn ProfileForm(editor: ProfileEditor) -> impl IntoView {
    use crate::suppliers::api::SaveSupplyProfile;
    use crate::suppliers::rules::{FREE_TEXT_MAX, PRODUCTS_MAX};

    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveSupplyProfile>::new();
    let refused = form_errors(action);
    // Before any refusal the form shows the saved profile.
    let saved = editor.profile.as_ref().map(ProfileForm::from_profile).unwrap_or_default().field_values();
    let errors = crate::forms::refused_or_saved(refused, saved);
    let units = options(QuantityUnit::ALL, QuantityUnit::code, QuantityUnit::label, lang);
    let category_options: Vec<(String, String)> =
        editor.all_categories.iter().map(|c| (c.slug.clone(), c.name.get(lang).to_string())).collect();
    let warehouse_checked = errors.get_untracked().value("overseas_warehouse").is_some_and(|v| !v.is_empty());
    let verified = editor.verified_fields.clone();
    let mark =
        move |field: ProfileField| verified.contains(&field).then(|| view! { <span class="provenance verified">{s.verified}</span> });
    let labels = vec![
        ("products_zh", s.products_zh),
        ("products_en", s.products_en),
        ("categories", ProfileField::Categories.label(lang)),
        ("moq_value", ProfileField::Moq.label(lang)),
        ("moq_unit", s.unit),
        ("capacity_value", ProfileField::Capacity.label(lang)),
        ("capacity_unit", s.unit),
        ("lead_time_days", s.lead_time_label),
        ("sample_policy", ProfileField::SamplePolicy.label(lang)),
        ("price_band", ProfileField::PriceBand.label(lang)),
        ("certifications", ProfileField::Certifications.label(lang)),
        ("certifications_other", s.certifications_other),
        ("export_markets", ProfileField::ExportMarkets.label(lang)),
        ("business_models", ProfileField::BusinessModels.label(lang)),
        ("platforms", ProfileField::Platforms.label(lang)),
        ("languages", ProfileField::Languages.label(lang)),
        ("floor_area_m2", s.floor_area_label),
        ("overseas_warehouse_where", s.warehouse_where),
        ("warehouse_markets", s.warehouse_markets),
        ("own_factory", ProfileField::OwnFactory.label(lang)),
        ("exporting_since", ProfileField::ExportExperience.label(lang)),
        ("annual_sales", ProfileField::AnnualSales.label(lang)),
        ("test_reports", ProfileField::TestReports.label(lang)),
    ];
    let own_factory_options = vec![("yes", s.own_factory_yes), ("no", s.own_factory_no)];
    view! {
        <FormFailure failure=form_failure(action)/>
        <crate::forms::ErrorSummary errors=refused fields=labels/>
        <ActionForm action attr:class="profile-form">
            <input type="hidden" name="slug" value=editor.slug.clone()/>
            <fieldset>
                <legend>{s.section_products}{mark(ProfileField::Products)}</legend>
                <TextAreaField name="products_zh" label=s.products_zh hint=s.products_hint maxlength=PRODUCTS_MAX errors/>
                <TextAreaField name="products_en" label=s.products_en maxlength=PRODUCTS_MAX errors/>
                <ChoiceGroup name="categories" legend=ProfileField::Categories.label(lang) hint=s.categories_hint options=category_options errors/>
            </fieldset>
            <fieldset>
                <legend>{s.section_quantities}</legend>
                <div class="field-row">
                    <Field name="moq_value" label=ProfileField::Moq.label(lang) input_type="text" inputmode="numeric" errors/>
                    <SelectField name="moq_unit" label=s.unit options=units.clone() none_label=s.choose errors/>
                    {mark(ProfileField::Moq)}
                </div>
                <div class="field-row">
                    <Field name="capacity_value" label=ProfileField::Capacity.label(lang) input_type="text" inputmode="numeric" errors/>
                    <SelectField name="capacity_unit" label=s.unit options=units none_label=s.choose errors/>
                    {mark(ProfileField::Capacity)}
                </div>
                <Field name="lead_time_days" label=s.lead_time_label input_type="text" inputmode="numeric" errors/>
            </fieldset>
            <fieldset>
                <legend>{s.section_terms}</legend>
                <SelectField name="sample_policy" label=ProfileField::SamplePolicy.label(lang)
                    options=options(SamplePolicy::ALL, SamplePolicy::code, SamplePolicy::label, lang) none_label=s.choose errors/>
                <SelectField name="price_band" label=ProfileField::PriceBand.label(lang)
                    options=options(PriceBand::ALL, PriceBand::code, PriceBand::label, lang) none_label=s.choose errors/>
                <ChoiceGroup name="certifications" legend=ProfileField::Certifications.label(lang)
                    options=owned(options(Certification::ALL, Certification::code, Certification::label, lang)) errors/>
                <Field name="certifications_other" label=s.certifications_other maxlength=FREE_TEXT_MAX errors/>
            </fieldset>
            <fieldset>
                <legend>{s.section_trade}</legend>
                <Field name="export_markets" label=ProfileField::ExportMarkets.label(lang) hint=s.markets_hint errors/>
                <ChoiceGroup name="business_models" legend=ProfileField::BusinessModels.label(lang)
                    options=owned(options(BusinessModel::ALL, BusinessModel::code, BusinessModel::label, lang)) errors/>
                <ChoiceGroup name="platforms" legend=ProfileField::Platforms.label(lang)
                    options=owned(options(SalesPlatform::ALL, SalesPlatform::code, SalesPlatform::label, lang)) errors/>
                <ChoiceGroup name="languages" legend=ProfileField::Languages.label(lang)
                    options=owned(options(Language::ALL, Language::code, Language::label, lang)) errors/>
            </fieldset>
            <fieldset>
                <legend>{s.section_factory}</legend>
                <Field name="floor_area_m2" label=s.floor_area_label inputmode="numeric" errors/>
                <label class="choice" for="field-overseas_warehouse">
                    <input type="checkbox" id="field-overseas_warehouse" name="overseas_warehouse" value="yes" checked=warehouse_checked/>
                    {s.warehouse_yes}
                </label>
                <Field name="overseas_warehouse_where" label=s.warehouse_where hint=s.warehouse_where_hint maxlength=FREE_TEXT_MAX errors/>
                <Field name="warehouse_markets" label=s.warehouse_markets hint=s.warehouse_markets_hint errors/>
                <SelectField name="own_factory" label=ProfileField::OwnFactory.label(lang) options=own_factory_options none_label=s.not_said errors/>
                <Field name="exporting_since" label=ProfileField::ExportExperience.label(lang) hint=s.exporting_since_hint inputmode="numeric" errors/>
                <SelectField name="annual_sales" label=ProfileField::AnnualSales.label(lang)
                    options=options(SalesBand::ALL, SalesBand::code, SalesBand::label, lang) none_label=s.not_said errors/>
                <Field name="test_reports" label=ProfileField::TestReports.label(lang) hint=s.test_reports_hint maxlength=FREE_TEXT_MAX errors/>
            </fieldset>
            <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
        </ActionForm>
    }
}

#[component]
fn VerifyFieldsForm(editor: ProfileEditor) -> impl IntoView {
    use crate::suppliers::api::VerifySupplyProfile;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<VerifySupplyProfile>::new();
    let errors = crate::forms::form_errors(action);
    let profile = editor.profile.clone().unwrap_or_default();
    let categories: Vec<crate::belts::types::CategoryRef> =
        editor.all_categories.iter().filter(|c| profile.category_slugs.contains(&c.slug)).cloned().collect();
    let rows = shown_fields(&profile, &categories, lang);
    view! {
        <section class="verify-form">
            <h2>{s.verify_title}</h2>
            <p class="hint">{s.verify_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ActionForm action>
                <input type="hidden" name="slug" value=editor.slug.clone()/>
                {rows.into_iter().map(|(field, value)| {
                    let id = format!("verify-{}", field.code());
                    let label_for = id.clone();
                    let checked = editor.verified_fields.contains(&field);
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=id name="fields[]" value=field.code() checked=checked/>
                            <strong>{field.label(lang)}</strong>": "{value}
                        </label>
                    }
                }).collect_view()}
                <p class="field-error" id="field-fields-error" role="alert">{move || errors.get().problem("fields").map(|p| p.message(lang))}</p>
                <crate::forms::Field
                    name="evidence"
                    label=crate::orgs::pages::form_texts(lang).evidence
                    hint=crate::orgs::pages::form_texts(lang).evidence_hint
                    maxlength=crate::orgs::api::EVIDENCE_MAX
                    required=true
                    errors
                />
                <button type="submit" disabled=move || action.pending().get()>{s.verify_save}</button>
            </ActionForm>
        </section>
    }
}
