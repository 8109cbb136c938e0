use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::geo;
use crate::layout::ErrorPage;
use crate::orgs::api::{get_organisation, organisation_permissions};
use crate::orgs::approval_pages::{AskToJoinForm, AwaitingApproval, JoinRequestList, RequestBeltForm, VerificationRecord};
use crate::orgs::types::{OrgDetail, OrgKind, Permissions};
use crate::use_lang;

#[component]
pub fn OrgPage() -> impl IntoView {
    let t = use_lang().texts();
    let params = use_params_map();
    let query = leptos_router::hooks::use_query_map();
    // Keyed on the query too: an action (saved, hidden, merged…) lands on its own address, which reads the page afresh.
    let key = move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string());
    let org = Resource::new(key, |(slug, _)| get_organisation(slug));
    let permissions = Resource::new(key, |(slug, _)| organisation_permissions(slug));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match org.await {
                    Ok(detail) => {
                        let permissions = permissions.await.unwrap_or_default();
                        Either::Left(view! { <OrgDetailView detail permissions/> })
                    }
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrgDetailView(detail: OrgDetail, permissions: Permissions) -> impl IntoView {
    let lang = use_lang();
    let saved = leptos_router::hooks::use_query_map().get_untracked().get("saved").is_some();
    let t = lang.texts();
    let name = detail.name.get(lang).to_string();
    let other_name = detail.name.get(lang.other()).to_string();
    let province = detail.province.as_deref().and_then(geo::province).map(|p| lang.pick(p.name_zh, p.name_en));
    let place: Vec<&str> = province.into_iter().chain(Some(detail.city.get(lang)).filter(|c| !c.is_empty())).collect();
    let place = place.join(" · ");
    let about = detail.description.get(lang).to_string();
    let summary = if about.is_empty() {
        let belts: Vec<String> = detail.belts.iter().map(|b| b.name.get(lang).to_string()).collect();
        format!("{name} · {} · {}", detail.kind.label(lang), belts.join(lang.pick("、", ", ")))
    } else {
        about.clone()
    };
    let organisation_data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name.clone(),
        "alternateName": other_name.clone(),
        "description": crate::seo::description(&summary),
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressRegion": province.unwrap_or(""),
            "addressLocality": detail.city.get(lang),
        },
    });
    let zone = use_context::<crate::clock::ViewerZone>().unwrap_or_default();
    let verified = match &detail.verification {
        Some(v) => format!("{} · {} · {}", t.org_verified, v.verified_by, v.verified_at.date_in(&zone)),
        None => t.org_unverified.to_string(),
    };
    view! {
        <Title text=format!("{name} · {}", t.site_name)/>
        <crate::seo::Description text=summary/>
        <crate::seo::StructuredData data=organisation_data/>
        <article class="org-detail">
            <header class="page-head">
                <p class="badge">{detail.kind.label(lang)}</p>
                <h1>{name.clone()}</h1>
                {(other_name != name).then(|| view! { <p class="other-name" lang=lang.other().html_lang()>{other_name}</p> })}
                {(!place.is_empty()).then(|| view! { <p class="place">{place}</p> })}
                <p class="verification">{verified}</p>
            </header>
            {detail.awaiting_approval.then(|| view! {
                <AwaitingApproval slug=detail.slug.clone() belts=detail.pending_belts.clone() may_decide=permissions.approve/>
            })}
            {saved.then(|| view! { <p class="notice" role="status">{form_texts(lang).saved}</p> })}
            <crate::moderation::pages::OrgModeration hidden_reason=detail.hidden_reason.clone() review_reason=detail.review_reason.clone()/>
            {(permissions.edit || permissions.see_inside).then(|| view! {
                <p class="actions">
                    {permissions.edit.then(|| view! {
                        <a class="button-link secondary" href=format!("/orgs/{}/edit", detail.slug)>{form_texts(lang).edit_link}</a>
                    })}
                    {permissions.see_inside.then(|| view! {
                        <a class="button-link secondary" href=format!("/orgs/{}/team", detail.slug)>{crate::teams::texts::team_texts(lang).link}</a>
                    })}
                </p>
            })}
            {detail.is_demo.then(|| {
                let notice = if detail.verification.is_some() { t.org_demo_notice_verified } else { t.org_demo_notice };
                view! { <p class="notice">{notice}</p> }
            })}
            <p class="summary">{detail.description.get(lang).to_string()}</p>
            {(detail.kind == OrgKind::Manufacturer && (detail.has_published_profile || permissions.edit)).then(|| {
                let s = crate::suppliers::pages::texts(lang);
                view! {
                    <p class="actions">
                        {detail.has_published_profile.then(|| view! {
                            <a class="button-link" href=format!("/suppliers/{}", detail.slug)>{s.profile}</a>
                        })}
                        {permissions.edit.then(|| view! {
                            <a class="button-link" href=format!("/orgs/{}/profile", detail.slug)>{s.edit_link}</a>
                        })}
                    </p>
                }
            })}
            {(detail.kind == OrgKind::Platform).then(|| view! {
                <p class="actions">
                    <a class="button-link" href=format!("/orgs/{}/criteria", detail.slug)>{lang.pick("供应商要求", "Supplier criteria")}</a>
                </p>
            })}
            {(detail.kind == OrgKind::Association && permissions.approved).then(|| view! {
                <p class="actions">
                    <a class="button-link" href=format!("/associations/{}", detail.slug)>
                        {lang.pick("协会主页：专业委员会、会员、申请入会", "Association page: committees, members, applying to join")}
                    </a>
                </p>
            })}
            {(detail.kind == OrgKind::Manufacturer && permissions.see_inside).then(|| view! {
                <p class="actions">
                    <a class="button-link secondary" href=format!("/readiness?firm={}", detail.slug)>{lang.pick("平台入驻准备度", "Platform readiness")}</a>
                </p>
            })}
            {(detail.kind == OrgKind::ServiceProvider && (!detail.offerings.is_empty() || permissions.edit)).then(|| {
                let s = crate::services::pages::texts(lang);
                let offerings = detail.offerings.clone();
                view! {
                    <section id="offerings">
                        <h2>{s.offerings}</h2>
                        {permissions.edit.then(|| view! {
                            <p class="actions"><a class="button-link" href=format!("/orgs/{}/offerings", detail.slug)>{s.manage}</a></p>
                        })}
                        <crate::services::pages::OfferingCards offerings/>
                    </section>
                }
            })}
            {permissions.manage_members.then(|| view! {
                <p class="actions">
                    <a class="button-link" href=format!("/orgs/{}/members", detail.slug)>{crate::associations::pages::texts(lang).manage_link}</a>
                </p>
            })}
            {(!detail.belts.is_empty()).then(|| view! {
                <section>
                    <h2>{t.org_belts}</h2>
                    <ul class="org-list">
                        {detail
                            .belts
                            .iter()
                            .map(|b| view! {
                                <li>
                                    <a href=format!("/belts/{}", b.slug)>{b.name.get(lang).to_string()}</a>
                                    <span class="muted">{b.role.label(lang)}</span>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                </section>
            })}
            {detail.source.clone().map(|s| view! { <p class="source muted">{t.source}{lang.pick("：", ": ")}{crate::i18n::source_in(&s, lang).to_string()}</p> })}
            <VerificationRecord entries=detail.verifications.clone()/>
            {permissions.verify.then(|| view! { <VerifyForm slug=detail.slug.clone()/> })}
            {(permissions.ask_to_join || permissions.request_pending).then(|| view! {
                <AskToJoinForm slug=detail.slug.clone() asked=permissions.request_pending/>
            })}
            {permissions.decide_requests.then(|| view! { <JoinRequestList slug=detail.slug.clone()/> })}
            {permissions.report.then(|| view! { <crate::moderation::pages::ReportForm slug=detail.slug.clone()/> })}
            {permissions.moderate.then(|| view! {
                <crate::moderation::pages::ModerationForms slug=detail.slug.clone() hidden=detail.hidden_reason.is_some()/>
            })}
            {(detail.kind == OrgKind::Association && permissions.edit && permissions.approved).then(|| {
                let linked: Vec<String> = detail.belts.iter().chain(&detail.pending_belts).map(|b| b.slug.clone()).collect();
                view! { <RequestBeltForm slug=detail.slug.clone() pending=detail.pending_belts.clone() linked/> }
            })}
        </article>
    }
}

pub struct OrgFormTexts {
    pub new_title: &'static str,
    pub new_lead: &'static str,
    pub kind: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub name_hint: &'static str,
    pub description_zh: &'static str,
    pub description_en: &'static str,
    pub province: &'static str,
    pub province_none: &'static str,
    pub city_zh: &'static str,
    pub city_en: &'static str,
    pub belts: &'static str,
    pub belts_hint: &'static str,
    pub create: &'static str,
    pub no_kind_for_role: &'static str,
    pub verify_title: &'static str,
    pub evidence: &'static str,
    pub evidence_hint: &'static str,
    pub verify: &'static str,
    pub new_link: &'static str,
    pub name_en_hint: &'static str,
    pub edit_title: &'static str,
    pub edit_lead: &'static str,
    pub edit_link: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
}

static FORM_ZH: OrgFormTexts = OrgFormTexts {
    new_title: "创建机构",
    new_lead: "创建你所在的工厂、平台、服务商或协会，并关联它所在或服务的产业带。你将成为它的负责人。协会和院校须经站点管理员审核后才公开显示并获得核验权限。",
    kind: "机构类型",
    name_zh: "中文名称",
    name_en: "英文名称",
    name_hint: "至少填写一种语言。",
    description_zh: "中文简介",
    description_en: "英文简介",
    province: "所在省份",
    province_none: "不填写",
    city_zh: "所在城市（中文）",
    city_en: "所在城市（英文）",
    belts: "所在或服务的产业带",
    belts_hint: "至少选择一个。",
    create: "创建机构",
    no_kind_for_role: "你的账户类型不需要创建机构。",
    verify_title: "核验此机构",
    evidence: "核验依据",
    evidence_hint: "例如营业执照编号、实地走访记录。会与核验人和时间一起保存。",
    verify: "标记为已核验",
    new_link: "创建机构",
    name_en_hint: "建议填写。不填时，英文页面显示中文名称的拼音。",
    edit_title: "编辑机构信息",
    edit_lead: "修改名称后，机构的网址会随名称改变，旧网址仍会跳转到这里。",
    edit_link: "编辑机构信息",
    save: "保存",
    saved: "机构信息已保存。",
};

static FORM_EN: OrgFormTexts = OrgFormTexts {
    new_title: "Create an organisation",
    new_lead: "Add the factory, platform, provider or association you work for, and the belts it is in or serves. You become its owner. An association or a school becomes public, and may verify firms, once a site admin approves it.",
    kind: "Kind",
    name_zh: "Name in Chinese",
    name_en: "Name in English",
    name_hint: "Give at least one.",
    description_zh: "Description in Chinese",
    description_en: "Description in English",
    province: "Province",
    province_none: "Not given",
    city_zh: "City (Chinese)",
    city_en: "City (English)",
    belts: "Belts it is in or serves",
    belts_hint: "Choose at least one.",
    create: "Create organisation",
    no_kind_for_role: "Your kind of account does not need an organisation.",
    verify_title: "Verify this organisation",
    evidence: "Evidence",
    evidence_hint: "For example a business licence number or a site visit. Kept with your name and the time.",
    verify: "Mark as verified",
    new_link: "Create an organisation",
    name_en_hint: "Recommended. Without one, English pages show the Chinese name in pinyin.",
    edit_title: "Edit the organisation",
    edit_lead: "A new name may change the organisation's web address; the old address keeps leading here.",
    edit_link: "Edit the organisation",
    save: "Save",
    saved: "The organisation was saved.",
};

pub fn form_texts(lang: crate::i18n::Lang) -> &'static OrgFormTexts {
    lang.pick(&FORM_ZH, &FORM_EN)
}

/// `/orgs/new`: the creation form, for signed-in users whose role has a kind to create.
#[component]
pub fn NewOrgPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    use crate::error::AppError;
    use leptos::either::EitherOf4;

    let lang = use_lang();
    let f = form_texts(lang);
    let user = Resource::new(|| (), |_| crate::accounts::api::current_user());
    let belts = Resource::new(|| (), |_| crate::belts::api::list_belts(None, None));
    view! {
        <Title text=format!("{} · {}", f.new_title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match (user.await, belts.await) {
                    (Ok(Some(user)), Ok(directory)) => {
                        let kinds: Vec<OrgKind> =
                            OrgKind::ALL.into_iter().filter(|k| crate::orgs::policy::may_create(user.role, *k)).collect();
                        if kinds.is_empty() {
                            EitherOf4::A(view! { <section class="form-page"><h1>{f.new_title}</h1><p>{f.no_kind_for_role}</p></section> })
                        } else {
                            EitherOf4::B(view! { <NewOrgForm kinds directory/> })
                        }
                    }
                    (Ok(None), _) | (Err(AppError::SignInRequired), _) => EitherOf4::C(view! { <SignInRequired/> }),
                    (Err(error), _) | (_, Err(error)) => EitherOf4::D(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewOrgForm(kinds: Vec<OrgKind>, directory: crate::belts::types::BeltDirectory) -> impl IntoView {
    use crate::forms::{form_errors, form_failure, FormFailure};
    use crate::orgs::api::CreateOrganisation;

    let lang = use_lang();
    let f = form_texts(lang);
    let action = ServerAction::<CreateOrganisation>::new();
    let errors = form_errors(action);
    let chosen_kind = errors.get_untracked().value("kind").map(str::to_owned);
    let problem = move |field: &'static str| move || errors.get().problem(field).map(|p| p.message(lang));
    view! {
        <section class="form-page">
            <h1>{f.new_title}</h1>
            <p class="lead">{f.new_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <crate::forms::ErrorSummary errors fields=fact_labels(f, true)/>
            <ActionForm action>
                <div class="field" class:invalid=move || problem("kind")().is_some()>
                    <label for="field-kind">{f.kind}</label>
                    <select id="field-kind" name="kind" aria-describedby="field-kind-error">
                        {kinds.into_iter().map(|k| {
                            let selected = chosen_kind.as_deref() == Some(k.code());
                            view! { <option value=k.code() selected=selected>{k.label(lang)}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="field-kind-error" role="alert">{problem("kind")}</p>
                </div>
                <OrgFactFields errors directory/>
                <button type="submit" disabled=move || action.pending().get()>{f.create}</button>
            </ActionForm>
        </section>
    }
}

/// The organisation form's fields with their labels, in the order shown, for its error summary.
fn fact_labels(f: &'static OrgFormTexts, with_kind: bool) -> Vec<(&'static str, &'static str)> {
    let kind = with_kind.then_some(("kind", f.kind));
    kind.into_iter()
        .chain([
            ("name_zh", f.name_zh),
            ("name_en", f.name_en),
            ("description_zh", f.description_zh),
            ("description_en", f.description_en),
            ("province", f.province),
            ("city_zh", f.city_zh),
            ("city_en", f.city_en),
            ("belts", f.belts),
        ])
        .collect()
}

/// The fields of an organisation's own facts, shared by the creation and edit forms.
#[component]
fn OrgFactFields(errors: Signal<crate::forms::FormErrors>, directory: crate::belts::types::BeltDirectory) -> impl IntoView {
    use crate::forms::{Field, TextAreaField};
    use crate::orgs::api::{CITY_MAX, DESCRIPTION_MAX, NAME_MAX};

    let lang = use_lang();
    let f = form_texts(lang);
    let kept = errors.get_untracked();
    let chosen_province = kept.value("province").map(str::to_owned);
    let chosen_belts: Vec<String> = kept.value("belts").unwrap_or("").split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let problem = move |field: &'static str| move || errors.get().problem(field).map(|p| p.message(lang));
    view! {
        <Field name="name_zh" label=f.name_zh hint=f.name_hint maxlength=NAME_MAX errors/>
        <Field name="name_en" label=f.name_en hint=f.name_en_hint maxlength=NAME_MAX errors/>
        <TextAreaField name="description_zh" label=f.description_zh maxlength=DESCRIPTION_MAX errors/>
        <TextAreaField name="description_en" label=f.description_en maxlength=DESCRIPTION_MAX errors/>
        <div class="field" class:invalid=move || problem("province")().is_some()>
            <label for="field-province">{f.province}</label>
            <select id="field-province" name="province" aria-describedby="field-province-error">
                <option value="">{f.province_none}</option>
                {geo::PROVINCES.iter().map(|p| {
                    let selected = chosen_province.as_deref() == Some(p.code);
                    view! { <option value=p.code selected=selected>{lang.pick(p.name_zh, p.name_en)}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id="field-province-error" role="alert">{problem("province")}</p>
        </div>
        <Field name="city_zh" label=f.city_zh maxlength=CITY_MAX errors/>
        <Field name="city_en" label=f.city_en maxlength=CITY_MAX errors/>
        <fieldset id="field-belts" class="field choices" class:invalid=move || problem("belts")().is_some() aria-describedby="field-belts-error">
            <legend>{f.belts}</legend>
            <p class="hint">{f.belts_hint}</p>
            {directory.belts.into_iter().map(|b| {
                let checked = chosen_belts.contains(&b.slug);
                let label_for = format!("belt-{}", b.slug);
                let id = label_for.clone();
                view! {
                    <label class="choice" for=label_for>
                        <input type="checkbox" id=id name="belts[]" value=b.slug checked=checked/>
                        {b.name.get(lang).to_string()}
                    </label>
                }
            }).collect_view()}
            <p class="field-error" id="field-belts-error" role="alert">{problem("belts")}</p>
        </fieldset>
    }
}

/// `/orgs/{slug}/edit`: the organisation's name, description, place and belts.
#[component]
pub fn EditOrgPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    use crate::error::AppError;
    use leptos::either::EitherOf3;

    let lang = use_lang();
    let params = use_params_map();
    let values = Resource::new(move || params.get().get("slug").unwrap_or_default(), crate::orgs::api::organisation_form);
    let belts = Resource::new(|| (), |_| crate::belts::api::list_belts(None, None));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match (values.await, belts.await) {
                    (Ok(values), Ok(directory)) => EitherOf3::A(view! { <EditOrgForm values directory/> }),
                    (Err(AppError::SignInRequired), _) => EitherOf3::B(view! { <SignInRequired/> }),
                    (Err(error), _) | (_, Err(error)) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditOrgForm(values: crate::orgs::types::OrgFormValues, directory: crate::belts::types::BeltDirectory) -> impl IntoView {
    use crate::forms::{form_errors, form_failure, FormErrors, FormFailure};
    use crate::orgs::api::UpdateOrganisation;

    let lang = use_lang();
    let f = form_texts(lang);
    let action = ServerAction::<UpdateOrganisation>::new();
    let refused = form_errors(action);
    // Before any refusal the form shows what is stored.
    let mut saved = FormErrors::new();
    for (field, value) in [
        ("name_zh", &values.name_zh),
        ("name_en", &values.name_en),
        ("description_zh", &values.description_zh),
        ("description_en", &values.description_en),
        ("province", &values.province),
        ("city_zh", &values.city_zh),
        ("city_en", &values.city_en),
    ] {
        saved.keep(field, value);
    }
    saved.keep("belts", &values.belts.join(","));
    let errors = crate::forms::refused_or_saved(refused, saved.kept);
    let title = if values.name_zh.is_empty() { values.name_en.clone() } else { lang.pick(values.name_zh.clone(), values.name_en.clone()) };
    let title = if title.is_empty() { values.name_zh.clone() } else { title };
    view! {
        <Title text=format!("{} · {} · {}", f.edit_title, title, lang.texts().site_name)/>
        <section class="form-page">
            <p class="breadcrumbs"><a href=format!("/orgs/{}", values.slug)>{title.clone()}</a></p>
            <h1>{f.edit_title}</h1>
            <p class="lead">{f.edit_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <crate::forms::ErrorSummary errors=refused fields=fact_labels(f, false)/>
            <ActionForm action>
                <input type="hidden" name="slug" value=values.slug.clone()/>
                <OrgFactFields errors directory/>
                <button type="submit" disabled=move || action.pending().get()>{f.save}</button>
            </ActionForm>
        </section>
    }
}

/// The verification form, for those who may verify this organisation.
#[component]
fn VerifyForm(slug: String) -> impl IntoView {
    use crate::forms::{form_errors, form_failure, Field, FormFailure};
    use crate::orgs::api::{VerifyOrganisation, EVIDENCE_MAX};

    let lang = use_lang();
    let f = form_texts(lang);
    let action = ServerAction::<VerifyOrganisation>::new();
    let errors = form_errors(action);
    view! {
        <section class="verify-form">
            <h2>{f.verify_title}</h2>
            <FormFailure failure=form_failure(action)/>
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <Field name="evidence" label=f.evidence hint=f.evidence_hint maxlength=EVIDENCE_MAX required=true errors/>
                <button type="submit" disabled=move || action.pending().get()>{f.verify}</button>
            </ActionForm>
        </section>
    }
}
