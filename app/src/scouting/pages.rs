//! `/briefs` (open briefs, filterable), `/briefs/new` and
//! `/briefs/{slug}/edit` (the form), `/briefs/{slug}` (a brief and the
//! suppliers that fit it, with the reasons and the gaps).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::clock::When;
use crate::forms::{
    form_errors, form_failure, options, owned, ChoiceGroup, Field, FilterSelect, FormErrors, FormFailure, SelectField, TextAreaField,
};
use crate::i18n::{Bilingual, Lang};
use crate::layout::ErrorPage;
use crate::scouting::rules::{DETAILS_MAX, TITLE_MAX};
use crate::scouting::texts::{texts, ScoutingTexts};
use crate::scouting::types::*;
use crate::scouting::units::Period;
use crate::suppliers::types::{BusinessModel, Certification, PriceBand, QuantityUnit};
use crate::use_lang;

fn status_label(status: BriefStatus, reason: Option<CloseReason>, lang: Lang) -> String {
    match (status, reason) {
        (BriefStatus::Closed, Some(reason)) => format!("{}{}", status.label(lang), crate::i18n::bracketed(reason.label(lang), lang)),
        _ => status.label(lang).to_string(),
    }
}

/// One brief in a list.
#[component]
pub fn BriefCardView(card: BriefCard, #[prop(optional)] with_status: bool) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let asks = card.asks.get(lang).to_string();
    view! {
        <li class="brief-card">
            <h3><a href=format!("/briefs/{}", card.slug)>{card.title.get(lang).to_string()}</a></h3>
            <p class="brief-meta">
                <span>{card.platform.name.get(lang).to_string()}</span>
                " · " {s.open_until.replace("{date}", &card.open_until)}
                {with_status.then(|| view! { " " <span class="badge">{card.status.label(lang)}</span> })}
                {card.restricted.then(|| view! { " " <span class="badge">{s.restricted}</span> })}
                {card.is_demo.then(|| view! { " " <span class="badge">{s.demo}</span> })}
            </p>
            {(!asks.is_empty()).then(|| view! { <p class="brief-asks">{asks}</p> })}
        </li>
    }
}

/// `/briefs`
#[component]
pub fn BriefsPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let list = Resource::new(
        move || (param("category"), param("belt"), param("platform"), param("market")),
        |(category, belt, platform, market)| crate::scouting::api::list_briefs(category, belt, platform, market),
    );
    view! {
        <Title text=format!("{} · {}", s.briefs, lang.texts().site_name)/>
        <section class="briefs-page">
            <h1>{s.briefs}</h1>
            <p class="lead">{s.briefs_lead}</p>
            <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => Either::Left(view! { <BriefListView list chosen=(param("category"), param("belt"), param("platform"), param("market"))/> }),
                        Err(error) => Either::Right(view! { <ErrorPage error/> }),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BriefListView(list: BriefList, chosen: (String, String, String, String)) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let (category, belt, platform, market) = chosen;
    let narrowed = !(category.is_empty() && belt.is_empty() && platform.is_empty() && market.is_empty());
    let names = |items: &[crate::belts::types::CategoryRef]| {
        items.iter().map(|c| (c.slug.clone(), c.name.get(lang).to_string())).collect::<Vec<_>>()
    };
    let platforms = list.platforms.iter().map(|p| (p.slug.clone(), p.name.get(lang).to_string())).collect::<Vec<_>>();
    let empty = list.briefs.is_empty();
    view! {
        {list.may_post.then(|| view! { <p><a class="button-link" href="/briefs/new">{s.post}</a></p> })}
        {list.for_firms.into_iter().map(|firm| view! { <FirmFitsView firm/> }).collect_view()}
        {list.unpublished_firms.into_iter().map(|firm| {
            let text = s.publish_to_fit.replace("{firm}", firm.name.get(lang));
            view! { <p class="notice">{text}" "<a href=format!("/orgs/{}/profile", firm.slug)>{s.profile_link}</a></p> }
        }).collect_view()}
        {(!list.own.is_empty()).then(|| view! {
            <section class="own-briefs">
                <h2>{s.own}</h2>
                <ul class="brief-list">
                    {list.own.into_iter().map(|card| view! { <BriefCardView card with_status=true/> }).collect_view()}
                </ul>
            </section>
        })}
        <h2>{s.open_briefs}</h2>
        <form class="filters brief-filters" method="get" action="/briefs">
            <FilterSelect name="category" label=s.category any=s.any choices=names(&list.categories) chosen=category/>
            <FilterSelect name="belt" label=s.belt any=s.any choices=names(&list.belts) chosen=belt/>
            <FilterSelect name="platform" label=s.platform any=s.any choices=platforms chosen=platform/>
            <div class="field">
                <label for="filter-market">{s.market}</label>
                <input id="filter-market" name="market" value=market maxlength="2" size="4" placeholder=s.market_hint/>
            </div>
            <button type="submit">{s.filter}</button>
        </form>
        {if empty {
            Either::Left(view! {
                <p class="empty">{s.none_open}
                    {narrowed.then(|| view! { " " <a href="/briefs">{s.clear_filters}</a> })}
                </p>
            })
        } else {
            Either::Right(view! {
                <ul class="brief-list">
                    {list.briefs.into_iter().map(|card| view! { <BriefCardView card/> }).collect_view()}
                </ul>
            })
        }}
    }
}

/// A belt page's open briefs: what platforms scout the belt for. Nothing when there are none.
#[component]
pub fn BeltBriefs(belt: String) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let briefs = Resource::new(move || belt.clone(), crate::scouting::api::belt_briefs);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let cards = briefs.await.unwrap_or_default();
                (!cards.is_empty()).then(|| view! {
                    <section class="belt-briefs">
                        <h2>{s.belt_briefs}</h2>
                        <ul class="brief-list">
                            {cards.into_iter().map(|card| view! { <BriefCardView card/> }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// The open briefs one of the viewer's firms fits, best first.
#[component]
fn FirmFitsView(firm: FirmFits) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let name = firm.firm.name.get(lang).to_string();
    let heading = s.fit_for.replace("{firm}", &name);
    let empty = firm.fits.is_empty();
    let more = firm.total > firm.fits.len();
    view! {
        <section class="firm-fits">
            <h2>{heading}</h2>
            <p class="muted">{s.fit_lead}</p>
            {if empty {
                Either::Left(view! { <p class="empty">{s.fit_none}</p> })
            } else {
                Either::Right(view! {
                    <ol class="match-list">
                        {firm.fits.into_iter().map(|fit| {
                            let reasons = texts_in(&fit.reasons, lang);
                            let gaps = texts_in(&fit.gaps, lang);
                            view! {
                                <li class="match">
                                    <div class="match-head">
                                        <h3><a href=format!("/briefs/{}", fit.brief.slug)>{fit.brief.title.get(lang).to_string()}</a></h3>
                                        <p class="match-score"><span class="visually-hidden">{s.score}" "</span><strong>{fit.score}</strong>" / 1,000"</p>
                                    </div>
                                    <p class="brief-meta">{fit.brief.platform.name.get(lang).to_string()} " · " {s.open_until.replace("{date}", &fit.brief.open_until)}</p>
                                    <Points reasons gaps/>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    {more.then(|| view! { <p class="muted">{s.fit_more.with(firm.total as u64)}</p> })}
                })
            }}
        </section>
    }
}

/// What speaks for a supplier and what is missing, side by side.
#[component]
fn Points(reasons: Vec<String>, gaps: Vec<String>) -> impl IntoView {
    let s = texts(use_lang());
    view! {
        <div class="match-points">
            {(!reasons.is_empty()).then(|| view! {
                <div class="reasons">
                    <h4>{s.reasons}</h4>
                    <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </div>
            })}
            {(!gaps.is_empty()).then(|| view! {
                <div class="gaps">
                    <h4>{s.gaps}</h4>
                    <ul>{gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                </div>
            })}
        </div>
    }
}

/// `/briefs/new`
#[component]
pub fn NewBriefPage() -> impl IntoView {
    editor_page(|| "new".to_string())
}

/// `/briefs/{slug}/edit`
#[component]
pub fn EditBriefPage() -> impl IntoView {
    let params = use_params_map();
    editor_page(move || params.get().get("slug").unwrap_or_default())
}

fn editor_page(slug: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    let t = use_lang().texts();
    let editor = Resource::new(slug, crate::scouting::api::load_brief_editor);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => Either::Left(view! { <BriefFormView editor/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

/// A group of radio buttons of `(code, label)`.
#[component]
fn RadioGroup(
    name: &'static str,
    legend: &'static str,
    choices: Vec<(&'static str, &'static str)>,
    errors: Signal<FormErrors>,
) -> impl IntoView {
    let lang = use_lang();
    let chosen = errors.get_untracked().value(name).unwrap_or("").to_string();
    let error_id = format!("field-{name}-error");
    let problem = move || errors.get().problem(name).map(|p| p.message(lang));
    let described_by = error_id.clone();
    view! {
        <fieldset id=format!("field-{name}") class="field choices" aria-describedby=described_by>
            <legend>{legend}</legend>
            {choices.into_iter().map(|(code, text)| {
                let id = format!("{name}-{code}");
                let label_for = id.clone();
                view! {
                    <label class="choice" for=label_for>
                        <input type="radio" id=id name=name value=code checked=chosen == code/>
                        {text}
                    </label>
                }
            }).collect_view()}
            <p class="field-error" id=error_id role="alert">{problem}</p>
        </fieldset>
    }
}

#[component]
fn BriefFormView(editor: BriefEditor) -> impl IntoView {
    use crate::scouting::api::SaveBrief;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveBrief>::new();
    let refused = form_errors(action);
    let saved = editor.values.clone();
    let errors = crate::forms::refused_or_saved(refused, saved);
    let kept = |name: &str| errors.get_untracked().value(name).unwrap_or("").to_string();
    let title = if editor.slug.is_some() { s.edit_brief } else { s.new_brief };
    let names = move |items: &[crate::belts::types::CategoryRef]| {
        items.iter().map(|c| (c.slug.clone(), c.name.get(lang).to_string())).collect::<Vec<_>>()
    };
    let associations: Vec<(String, String)> = editor.associations.iter().map(|a| (a.slug.clone(), a.name.get(lang).to_string())).collect();
    let chosen_platform = kept("platform");
    let platform_problem = move || errors.get().problem("platform").map(|p| p.message(lang));
    let samples = !kept("samples_needed").is_empty();
    let publish = !kept("publish").is_empty();
    let is_draft = editor.status.is_none_or(|st| st == BriefStatus::Draft);
    let labels = vec![
        ("platform", s.platform),
        ("title_zh", s.title_zh),
        ("title_en", s.title_en),
        ("details_zh", s.details_zh),
        ("details_en", s.details_en),
        ("categories", s.categories),
        ("markets", s.markets),
        ("certifications", s.certifications),
        ("capacity_value", s.capacity),
        ("capacity_unit", s.unit),
        ("capacity_period", s.period),
        ("max_lead_time_days", s.lead_time),
        ("business_models", s.business_models),
        ("price_band", s.price_band),
        ("belts", s.belts),
        ("deadline", s.deadline),
        ("visibility", s.visibility),
        ("audience_belts", s.audience_belts),
        ("audience_associations", s.audience_associations),
    ];
    let back = editor.slug.clone().map_or_else(|| "/briefs".to_string(), |slug| format!("/briefs/{slug}"));
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <section class="form-page brief-form-page">
            <h1>{title}</h1>
            <p class="lead">{s.form_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <crate::forms::ErrorSummary errors=refused fields=labels/>
            <ActionForm action attr:class="brief-form">
                <input type="hidden" name="slug" value=editor.slug.clone().unwrap_or_else(|| "new".into())/>
                {match editor.slug.is_some() {
                    true => Either::Left(view! { <input type="hidden" name="platform" value=chosen_platform.clone()/> }),
                    false => Either::Right(view! {
                        <div class="field" class:invalid=move || platform_problem().is_some()>
                            <label for="field-platform">{s.posted_by}</label>
                            <select id="field-platform" name="platform" aria-describedby="field-platform-error">
                                {editor.platforms.iter().map(|p| {
                                    let selected = p.slug == chosen_platform;
                                    view! { <option value=p.slug.clone() selected=selected>{p.name.get(lang).to_string()}</option> }
                                }).collect_view()}
                            </select>
                            <p class="field-error" id="field-platform-error" role="alert">{platform_problem}</p>
                        </div>
                    }),
                }}
                <fieldset>
                    <legend>{s.section_what}</legend>
                    <Field name="title_zh" label=s.title_zh hint=s.title_hint maxlength=TITLE_MAX errors/>
                    <Field name="title_en" label=s.title_en maxlength=TITLE_MAX errors/>
                    <ChoiceGroup name="categories" legend=s.categories options=names(&editor.categories) errors/>
                    <TextAreaField name="details_zh" label=s.details_zh hint=s.details_hint rows=3 maxlength=DETAILS_MAX errors/>
                    <TextAreaField name="details_en" label=s.details_en rows=3 maxlength=DETAILS_MAX errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_needs}</legend>
                    <Field name="markets" label=s.markets hint=s.markets_hint errors/>
                    <ChoiceGroup name="certifications" legend=s.certifications
                        options=owned(options(Certification::ALL, Certification::code, Certification::label, lang)) errors/>
                    <p class="hint">{s.capacity_hint}</p>
                    <div class="field-row">
                        <Field name="capacity_value" label=s.capacity inputmode="numeric" errors/>
                        <SelectField name="capacity_unit" label=s.unit options=options(QuantityUnit::ALL, QuantityUnit::code, QuantityUnit::label, lang) none_label=s.choose errors/>
                        <SelectField name="capacity_period" label=s.period options=options(Period::ALL, Period::code, Period::label, lang) errors/>
                    </div>
                    <Field name="max_lead_time_days" label=s.lead_time hint=s.lead_time_hint inputmode="numeric" errors/>
                    <ChoiceGroup name="business_models" legend=s.business_models hint=s.business_models_hint
                        options=owned(options(BusinessModel::ALL, BusinessModel::code, BusinessModel::label, lang)) errors/>
                    <SelectField name="price_band" label=s.price_band options=options(PriceBand::ALL, PriceBand::code, PriceBand::label, lang) none_label=s.any errors/>
                    <label class="choice" for="field-samples_needed">
                        <input type="checkbox" id="field-samples_needed" name="samples_needed" value="yes" checked=samples/>
                        {s.samples_needed}
                    </label>
                </fieldset>
                <fieldset>
                    <legend>{s.section_where}</legend>
                    <ChoiceGroup name="belts" legend=s.belts hint=s.belts_hint options=names(&editor.belts) errors/>
                    <Field name="deadline" label=s.deadline hint=s.deadline_hint input_type="date" errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_who}</legend>
                    <RadioGroup name="visibility" legend=s.visibility choices=vec![("public", s.public), ("restricted", s.only_some)] errors/>
                    <ChoiceGroup name="audience_belts" legend=s.audience_belts options=names(&editor.belts) errors/>
                    <ChoiceGroup name="audience_associations" legend=s.audience_associations options=associations errors/>
                </fieldset>
                {is_draft.then(|| view! {
                    <label class="choice" for="field-publish">
                        <input type="checkbox" id="field-publish" name="publish" value="yes" checked=publish/>
                        {s.publish_now}
                    </label>
                })}
                <p class="actions">
                    <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
                    " " <a href=back>{s.cancel}</a>
                </p>
            </ActionForm>
        </section>
    }
}

/// `/briefs/{slug}`
#[component]
pub fn BriefPageView() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: saving or a change of status lands here with its own query.
    let page = Resource::new(
        move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()),
        |(slug, _)| crate::scouting::api::load_brief(slug),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => Either::Left(view! { <BriefView page/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

fn notice(s: &'static ScoutingTexts, saved: bool, status: Option<StatusChange>) -> Option<&'static str> {
    match (saved, status) {
        (_, Some(StatusChange::Open)) => Some(s.published),
        (_, Some(StatusChange::Filled)) => Some(s.closed_filled),
        (_, Some(StatusChange::Withdrawn)) => Some(s.closed_withdrawn),
        (true, None) => Some(s.saved),
        (false, None) => None,
    }
}

#[component]
fn BriefView(page: BriefPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let said = query.with_untracked(|q| notice(s, q.get("saved").is_some(), q.get("status").as_deref().and_then(StatusChange::from_code)));
    let title = page.title.get(lang).to_string();
    let details = page.details.get(lang).to_string();
    let changes: &[StatusChange] = match page.status {
        BriefStatus::Draft => &[StatusChange::Open, StatusChange::Withdrawn],
        BriefStatus::Open => &[StatusChange::Filled, StatusChange::Withdrawn],
        BriefStatus::Closed => &[],
    };
    let draft = page.status == BriefStatus::Draft;
    let closed = page.status == BriefStatus::Closed;
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <article class="brief-page">
            <nav class="breadcrumbs"><a href="/briefs">{s.briefs}</a></nav>
            {said.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <h1>{title}</h1>
            <p class="brief-meta">
                {s.posted_by} " " <a href=format!("/orgs/{}", page.platform.slug)>{page.platform.name.get(lang).to_string()}</a>
                " · " <span class="badge">{status_label(page.status, page.close_reason, lang)}</span>
                " · " {s.open_until.replace("{date}", &page.open_until)}
                {page.is_demo.then(|| view! { " " <span class="badge">{s.demo}</span> })}
            </p>
            {page.audience.as_ref().map(|names| {
                let list = names.iter().map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "));
                view! { <p class="brief-audience">{s.shown_to} {lang.pick("：", ": ")} {list}</p> }
            })}
            {(page.may_manage && draft).then(|| view! { <p class="notice">{s.draft_note}</p> })}
            {page.may_manage.then(|| {
                let slug = page.slug.clone();
                view! {
                    <section class="brief-manage" aria-label=s.manage>
                        {(!closed).then(|| view! { <a class="button-link" href=format!("/briefs/{slug}/edit")>{s.edit}</a> })}
                        {changes.iter().map(|change| view! { <StatusButton slug=slug.clone() change=*change/> }).collect_view()}
                    </section>
                }
            })}
            <h2>{s.asks}</h2>
            <dl class="brief-asks-list">
                {page.asks.into_iter().map(|(label, value)| view! {
                    <dt>{label.get(lang).to_string()}</dt>
                    <dd>{value.get(lang).to_string()}</dd>
                }).collect_view()}
            </dl>
            {(!details.is_empty()).then(|| view! {
                <h2>{s.details}</h2>
                <p class="brief-details">{details}</p>
            })}
            {(!page.your_fits.is_empty()).then(|| view! {
                <section class="your-fits">
                    <h2>{s.your_fit}</h2>
                    <ul class="match-list plain">
                        {page.your_fits.into_iter().map(|m| view! { <MatchCard m/> }).collect_view()}
                    </ul>
                </section>
            })}
            {match page.matches {
                Some(matches) => Either::Left(view! { <MatchesView matches inquire_about=page.may_manage.then(|| page.slug.clone())/> }),
                None => Either::Right(view! { <p class="muted">{s.matches_private}</p> }),
            }}
        </article>
    }
}

#[component]
fn StatusButton(slug: String, change: StatusChange) -> impl IntoView {
    use crate::scouting::api::ChangeBriefStatus;
    let lang = use_lang();
    let action = ServerAction::<ChangeBriefStatus>::new();
    let failure = form_failure(action);
    let refused = form_errors(action);
    let problem = move || refused.get().problems.values().next().map(|p| p.message(lang));
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="change" value=change.code()/>
            <button type="submit" class=if change == StatusChange::Open { "" } else { "secondary" }>{change.label(lang)}</button>
            <FormFailure failure/>
            <span class="field-error" role="alert">{problem}</span>
        </ActionForm>
    }
}

#[component]
fn MatchesView(
    matches: Matches,
    /// The brief's slug, for its team: each match offers to write to the firm about it.
    inquire_about: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let count = s.candidates.with(matches.candidates as u64);
    let cut = matches.candidates > matches.shown.len();
    let empty = matches.shown.is_empty();
    view! {
        <section class="matches" aria-labelledby="matches-title">
            <h2 id="matches-title">{s.matches}</h2>
            <p>{s.matches_lead}</p>
            {matches.from_database.then(|| view! { <p class="notice">{s.from_database}</p> })}
            {if empty {
                Either::Left(view! { <p class="empty">{s.no_candidates}</p> })
            } else {
                Either::Right(view! {
                    <p class="match-count">{count} {cut.then_some(" ")} {cut.then_some(s.top_shown)}</p>
                    <ol class="match-list">
                        {matches.shown.into_iter().map(|m| view! { <MatchCard m inquire_about=inquire_about.clone()/> }).collect_view()}
                    </ol>
                })
            }}
            <details class="how-scored">
                <summary>{s.how_scored}</summary>
                <p>{s.how_scored_text}</p>
            </details>
        </section>
    }
}

fn texts_in(items: &[Bilingual], lang: Lang) -> Vec<String> {
    items.iter().map(|b| b.get(lang).to_string()).collect()
}

#[component]
fn MatchCard(m: MatchView, #[prop(optional_no_strip)] inquire_about: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let facts = m.facts.get(lang).to_string();
    let place = m.place.get(lang).to_string();
    let reasons = texts_in(&m.reasons, lang);
    let gaps = texts_in(&m.gaps, lang);
    let checked = m.verified_by.clone().map(|by| (by, m.verified_at));
    view! {
        <li class="match">
            <div class="match-head">
                <h3><a href=format!("/suppliers/{}", m.slug)>{m.name.get(lang).to_string()}</a></h3>
                <p class="match-score"><span class="visually-hidden">{s.score}" "</span><strong>{m.score}</strong>" / 1,000"</p>
            </div>
            <meter class="score-meter" min="0" max="1000" value=m.score.to_string() aria-hidden="true"></meter>
            {(!place.is_empty()).then(|| view! { <p class="muted">{place}</p> })}
            {(!facts.is_empty()).then(|| view! { <p class="facts">{facts}</p> })}
            <Points reasons gaps/>
            {checked.map(|(by, at)| view! {
                <p class="muted checked">{s.checked_by} {lang.pick("：", ": ")} {by}
                    {at.map(|at| view! { " · " <When at date_only=true/> })}
                </p>
            })}
            {inquire_about.map(|brief| view! {
                <p class="actions match-actions">
                    <a class="button-link" href=format!("/shortlists/add?supplier={}&back=/briefs/{brief}", m.slug)>{s.add_to_shortlist}</a>
                    <a class="button-link" href=format!("/inquiries/new?supplier={}&brief={brief}", m.slug)>{s.write_to_firm}</a>
                </p>
            })}
        </li>
    }
}
