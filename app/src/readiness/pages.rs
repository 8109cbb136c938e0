//! `/readiness` (a firm against every platform's criteria) and
//! `/orgs/{slug}/criteria` (a platform's criteria, and its editors' form).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::clock::When;
use crate::forms::{form_errors, form_failure, options, owned, ChoiceGroup, ErrorSummary, Field, FormFailure, SelectField, TextAreaField};
use crate::i18n::Lang;
use crate::layout::ErrorPage;
use crate::readiness::rules::{CriteriaForm, NOTES_MAX};
use crate::readiness::texts::{self, texts};
use crate::readiness::types::*;
use crate::suppliers::markets::market_name;
use crate::suppliers::types::{Certification, SalesBand};
use crate::use_lang;

/// `/readiness`
#[component]
pub fn ReadinessPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let page = Resource::new(move || query.with(|q| q.get("firm").unwrap_or_default()), crate::readiness::api::my_readiness);
    view! {
        <Title text=format!("{} · {}", s.title, lang.texts().site_name)/>
        <section class="readiness-page">
            <h1>{s.title}</h1>
            <p class="lead">{s.lead}</p>
            <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => Either::Left(view! { <ReadinessView page/> }),
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ReadinessView(page: Readiness) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let Some(firm) = page.firm.clone() else {
        return view! {
            <p class="empty">{s.no_firm}</p>
            <p><a href="/orgs/new">{s.create_firm}</a></p>
        }
        .into_any();
    };
    let switcher = (page.firms.len() > 1).then(|| {
        let chosen = firm.slug.clone();
        view! {
            <form method="get" action="/readiness" class="inline-form">
                <label for="readiness-firm">{s.firm}</label>
                <select id="readiness-firm" name="firm">
                    {page.firms.iter().map(|f| {
                        let selected = f.slug == chosen;
                        view! { <option value=f.slug.clone() selected=selected>{f.name.get(lang).to_string()}</option> }
                    }).collect_view()}
                </select>
                <button type="submit">{s.show}</button>
            </form>
        }
    });
    let profile_link = format!("/orgs/{}/profile", firm.slug);
    let body = if !page.has_profile {
        Either::Left(view! {
            <p class="notice">{s.no_profile}</p>
            <p><a href=profile_link.clone()>{s.edit_profile}</a></p>
        })
    } else if page.fits.is_empty() {
        Either::Right(Either::Left(view! { <p class="empty">{s.none_published}</p> }))
    } else {
        Either::Right(Either::Right(
            page.fits.into_iter().map(|fit| view! { <FitView fit profile_link=profile_link.clone()/> }).collect_view(),
        ))
    };
    let without = (!page.without_criteria.is_empty()).then(|| {
        let names = page.without_criteria.iter().map(|p| p.name.get(lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "));
        view! { <p class="muted">{format!("{} {names}", s.no_criteria_yet)}</p> }
    });
    view! {
        <p class="readiness-firm"><strong>{firm.name.get(lang).to_string()}</strong></p>
        {switcher}
        {body}
        {without}
    }
    .into_any()
}

fn standing_class(standing: Standing) -> &'static str {
    match standing {
        Standing::Verified => "standing verified",
        Standing::SelfDeclared => "standing self-declared",
        Standing::NotSaid => "standing not-said",
        Standing::NotMet => "standing not-met",
    }
}

#[component]
fn FitView(fit: PlatformFit, profile_link: String) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let total = fit.checks.len();
    let summary = if fit.met == total {
        format!("{} · {} {}/{}", s.all_met, s.verified_count, fit.verified, total)
    } else {
        format!("{} {}/{} · {} {}", s.met_of, fit.met, total, s.verified_count, fit.verified)
    };
    let criteria_link = format!("/orgs/{}/criteria", fit.platform.slug);
    let notes = fit.notes.get(lang).to_string();
    view! {
        <article class="platform-fit">
            <h2><a href=criteria_link>{fit.platform.name.get(lang).to_string()}</a></h2>
            <p class="fit-summary">{summary}</p>
            {fit.is_demo.then(|| view! { <p class="demo-notice">{s.demo}</p> })}
            {(!notes.is_empty()).then(|| view! { <p class="platform-notes"><strong>{s.platform_notes}": "</strong>{notes}</p> })}
            <ul class="checks">
                {fit.checks.into_iter().map(|c| view! { <CheckItem view=c profile_link=profile_link.clone()/> }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
fn CheckItem(view: CheckView, profile_link: String) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let standing = view.check.standing;
    let says = view.profile_says.get(lang).to_string();
    let wants_providers = view.check.steps.iter().any(|step| matches!(step, NextStep::FindProvider(_)));
    let steps = view
        .check
        .steps
        .iter()
        .map(|step| {
            let text = texts::step_text(step, lang);
            match texts::fills(step) {
                Some(_) => Either::Left(view! { <li><a href=profile_link.clone()>{text}</a></li> }),
                None => Either::Right(view! { <li>{text}</li> }),
            }
        })
        .collect_view();
    let providers = wants_providers.then(|| {
        if view.providers.is_empty() {
            Either::Left(view! { <p class="muted">{s.no_providers}</p> })
        } else {
            Either::Right(view! {
                <div class="providers">
                    <p><strong>{s.providers}</strong></p>
                    <ul>
                        {view.providers.into_iter().map(|p| {
                            let reach = if p.serves_your_belt { s.serves_your_belt } else { s.not_tied };
                            let markets = p.markets.iter().map(|m| market_name(m, lang)).collect::<Vec<_>>().join(lang.pick("、", ", "));
                            let line = if markets.is_empty() { format!(" · {reach}") } else { format!(" · {markets} · {reach}") };
                            view! {
                                <li>
                                    <a href=format!("/orgs/{}", p.provider.slug)>{p.provider.name.get(lang).to_string()}</a>
                                    {format!(" — {}{line}", p.title.get(lang))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })
        }
    });
    view! {
        <li class=format!("check {}", standing_class(standing))>
            <p class="check-head">
                <span class=standing_class(standing)>{texts::standing_label(standing, lang)}</span>
                " "
                <strong>{view.requirement.get(lang).to_string()}</strong>
            </p>
            {(!says.is_empty()).then(|| view! { <p class="muted">{format!("{}{}{says}", s.profile_says, lang.pick("：", ": "))}</p> })}
            {(!view.check.steps.is_empty()).then(|| view! { <ul class="next-steps" aria-label=s.next>{steps}</ul> })}
            {providers}
        </li>
    }
}

/// `/orgs/{slug}/criteria`
#[component]
pub fn CriteriaPageView() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: a save lands here with its own query, which reads the criteria afresh.
    let page = Resource::new(
        move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()),
        |(slug, _)| crate::readiness::api::platform_criteria(slug),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => Either::Left(view! { <CriteriaView page/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CriteriaView(page: CriteriaPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    let name = page.platform.name.get(lang).to_string();
    let notes = page.criteria.as_ref().map(|c| c.notes.get(lang).to_string()).unwrap_or_default();
    let updated = page.updated_at;
    let form = page.may_edit.then(|| view! { <CriteriaForm page=page.clone()/> });
    view! {
        <Title text=format!("{} · {name} · {}", s.criteria_title, lang.texts().site_name)/>
        <section class="criteria-page">
            <p class="breadcrumb"><a href=format!("/orgs/{}", page.platform.slug)>{name.clone()}</a></p>
            <h1>{format!("{name} · {}", s.criteria_title)}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{s.criteria_saved}</p> })}
            <p class="lead">{s.criteria_lead}" "<a href="/readiness">{s.see_readiness}</a></p>
            {page.is_demo.then(|| view! { <p class="demo-notice">{s.demo}</p> })}
            {if page.requirements.is_empty() {
                Either::Left(view! { <p class="empty">{s.criteria_none}</p> })
            } else {
                Either::Right(view! {
                    <ul class="requirements">
                        {page.requirements.iter().map(|r| view! { <li>{r.get(lang).to_string()}</li> }).collect_view()}
                    </ul>
                })
            }}
            {(!notes.is_empty()).then(|| view! { <p class="platform-notes"><strong>{s.platform_notes}": "</strong>{notes}</p> })}
            {updated.map(|at| view! { <p class="muted">{s.updated}" "<When at date_only=true/></p> })}
            {form}
        </section>
    }
}

#[component]
fn CriteriaForm(page: CriteriaPage) -> impl IntoView {
    use crate::readiness::api::SavePlatformCriteria;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SavePlatformCriteria>::new();
    let refused = form_errors(action);
    // Before any refusal the form shows the saved criteria.
    let saved = page.criteria.as_ref().map(CriteriaForm::from_criteria).unwrap_or_default().field_values();
    let errors = crate::forms::refused_or_saved(refused, saved);
    let pairs = |refs: &[crate::belts::types::CategoryRef], lang: Lang| -> Vec<(String, String)> {
        refs.iter().map(|c| (c.slug.clone(), c.name.get(lang).to_string())).collect()
    };
    let labels = vec![
        ("categories", s.categories),
        ("belts", s.belts),
        ("min_floor_area_m2", s.min_floor_area),
        ("certifications", s.certifications),
        ("warehouse_markets", s.warehouse_markets),
        ("min_export_years", s.min_export_years),
        ("min_annual_sales", s.min_annual_sales),
        ("notes_zh", s.notes_zh),
        ("notes_en", s.notes_en),
    ];
    view! {
        <section class="criteria-form">
            <h2>{s.criteria_edit}</h2>
            <p class="hint">{s.criteria_edit_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=refused fields=labels/>
            <ActionForm action attr:class="profile-form">
                <input type="hidden" name="slug" value=page.platform.slug.clone()/>
                <fieldset>
                    <legend>{s.section_what}</legend>
                    <ChoiceGroup name="categories" legend=s.categories hint=s.categories_hint options=pairs(&page.all_categories, lang) errors/>
                    <ChoiceGroup name="belts" legend=s.belts hint=s.belts_hint options=pairs(&page.all_belts, lang) errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_factory}</legend>
                    <crate::forms::Tick name="own_factory" label=s.own_factory errors/>
                    <Field name="min_floor_area_m2" label=s.min_floor_area inputmode="numeric" errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_papers}</legend>
                    <crate::forms::Tick name="business_licence" label=s.business_licence errors/>
                    <ChoiceGroup name="certifications" legend=s.certifications
                        options=owned(options(Certification::ALL, Certification::code, Certification::label, lang)) errors/>
                    <crate::forms::Tick name="test_reports" label=s.test_reports errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_reach}</legend>
                    <Field name="warehouse_markets" label=s.warehouse_markets hint=s.warehouse_markets_hint errors/>
                    <Field name="min_export_years" label=s.min_export_years inputmode="numeric" errors/>
                    <SelectField name="min_annual_sales" label=s.min_annual_sales
                        options=options(SalesBand::ALL, SalesBand::code, SalesBand::label, lang) none_label=s.any errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_notes}</legend>
                    <TextAreaField name="notes_zh" label=s.notes_zh maxlength=NOTES_MAX errors/>
                    <TextAreaField name="notes_en" label=s.notes_en maxlength=NOTES_MAX errors/>
                </fieldset>
                <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
            </ActionForm>
        </section>
    }
}
