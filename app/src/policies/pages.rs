//! `/policies` (notices, filterable), `/policies/{slug}` (a notice, its
//! rules, and how the reader's firm stands), `/policies/for-me` (a firm's
//! matches), `/policies/new` and `/policies/{slug}/edit` (the form), and the
//! account page's deadlines.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::forms::{
    form_errors, form_failure, options, owned, ChoiceGroup, ChoiceSelect, ErrorSummary, Field, FilterSelect, FormFailure, SelectField,
    TextAreaField, Tick,
};
use crate::i18n::Lang;
use crate::policies::rules::{AMOUNT_MAX, CITY_MAX, ISSUER_MAX, KINDS, LINK_MAX, SUMMARY_MAX, TITLE_MAX};
use crate::policies::texts::{judged_label, texts};
use crate::policies::types::*;
use crate::scouting::types::Named;
use crate::suppliers::types::SalesBand;
use crate::use_lang;

/// The style a standing shares with readiness checks.
fn judged_tag(j: Judged) -> &'static str {
    match j {
        Judged::Met => "self-declared",
        Judged::NotSaid => "not-said",
        Judged::NotMet => "not-met",
    }
}

fn deadline_text(card: &NoticeCard, lang: Lang) -> String {
    let s = texts(lang);
    match &card.deadline {
        Some(day) => format!("{}{}{day}", s.deadline, lang.pick("：", ": ")),
        None => s.no_deadline.to_string(),
    }
}

/// One notice in a list.
#[component]
pub fn NoticeCardView(card: NoticeCard) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let amount = card.amount.get(lang).to_string();
    view! {
        <li class="event-card notice-card">
            <h3><a href=format!("/policies/{}", card.slug)>{card.title.get(lang).to_string()}</a></h3>
            <p class="event-meta">
                {card.benefit.map(|b| view! { <span class="chip">{b.label(lang)}</span> " " })}
                <span>{deadline_text(&card, lang)}</span>
                {(!card.region.get(lang).is_empty()).then(|| format!(" · {}", card.region.get(lang)))}
                {(!card.is_open).then(|| view! { " " <span class="badge">{s.closed}</span> })}
                {card.is_demo.then(|| view! { " " <span class="badge">{s.demo}</span> })}
            </p>
            <p class="muted">
                {format!("{}{}{}", s.issuer, lang.pick("：", ": "), card.issuer.get(lang))}
                {(!amount.is_empty()).then(|| format!(" · {}{}{amount}", s.amount, lang.pick("：", ": ")))}
            </p>
        </li>
    }
}

#[component]
fn NoticeCards(cards: Vec<NoticeCard>, empty: &'static str) -> impl IntoView {
    if cards.is_empty() {
        return Either::Left(view! { <p class="empty">{empty}</p> });
    }
    Either::Right(view! {
        <ul class="event-list">
            {cards.into_iter().map(|card| view! { <NoticeCardView card/> }).collect_view()}
        </ul>
    })
}

/// `/policies`
#[component]
pub fn PoliciesPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let list = Resource::new(move || (param("province"), param("benefit")), |(p, b)| crate::policies::api::list_notices(p, b));
    view! {
        <Title text=format!("{} · {}", s.list_title, lang.texts().site_name)/>
        <section class="events-page policies-page">
            <h1>{s.list_title}</h1>
            <p class="lead">{s.list_lead}</p>
            {crate::loaded!(list, list => view! { <NoticeListView list chosen=(param("province"), param("benefit"))/> })}
        </section>
    }
}

#[component]
fn NoticeListView(list: NoticeList, chosen: (String, String)) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let (province, benefit) = chosen;
    let provinces = list.provinces.iter().map(|(code, name)| (code.clone(), name.get(lang).to_string())).collect::<Vec<_>>();
    let benefits = owned(options(Benefit::ALL, Benefit::code, Benefit::label, lang));
    view! {
        <p class="actions">
            {list.has_firm.then(|| view! { <a class="button-link" href="/policies/for-me">{s.for_me}</a> " " })}
            {list.may_publish.then(|| view! { <a class="button-link" href="/policies/new">{s.new_notice}</a> })}
        </p>
        <form class="filters event-filters" method="get" action="/policies">
            <FilterSelect name="province" label=s.region any=s.any choices=provinces chosen=province/>
            <FilterSelect name="benefit" label=s.benefit any=s.any choices=benefits chosen=benefit/>
            <button type="submit">{s.filter}</button>
        </form>
        <h2>{s.open_notices}</h2>
        <NoticeCards cards=list.open empty=s.no_open/>
        <h2>{s.closed_notices}</h2>
        <NoticeCards cards=list.closed empty=s.no_closed/>
    }
}

/// The switcher between the organisations a person may judge by.
#[component]
fn FirmSwitcher(firms: Vec<Named>, chosen: String, action: String) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    (firms.len() > 1).then(|| {
        view! {
            <form method="get" action=action class="inline-form">
                <label for="policy-firm">{s.judge_as}</label>
                <select id="policy-firm" name="firm">
                    {firms.iter().map(|f| {
                        let selected = f.slug == chosen;
                        view! { <option value=f.slug.clone() selected=selected>{f.name.get(lang).to_string()}</option> }
                    }).collect_view()}
                </select>
                <button type="submit">{s.show}</button>
            </form>
        }
    })
}

/// A rule, how the firm stands on it, and what its facts say.
#[component]
fn RuleItem(view: RuleView) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let class = view.judged.map_or_else(|| "check".to_string(), |j| format!("check {}", judged_tag(j)));
    let yours = view.yours.get(lang).to_string();
    view! {
        <li class=class>
            <p class="check-head">
                <strong>{view.text.get(lang).to_string()}</strong>
                {view.judged.map(|j| view! { " " <span class=format!("standing {}", judged_tag(j))>{judged_label(j, lang)}</span> })}
            </p>
            {(view.judged.is_some() && !yours.is_empty()).then(|| view! { <p class="muted">{format!("{}{yours}", s.yours_label)}</p> })}
        </li>
    }
}

/// What to do about missing rules: the profile, the organisation's details, verification.
#[component]
fn MissingSteps(missing: Vec<RuleView>, firm: String) -> impl IntoView {
    let s = texts(use_lang());
    let needs_profile =
        missing.iter().any(|v| v.judged == Some(Judged::NotSaid) && !matches!(v.rule, Rule::InRegion { .. } | Rule::Verified));
    let needs_place = missing.iter().any(|v| v.judged == Some(Judged::NotSaid) && matches!(v.rule, Rule::InRegion { .. }));
    let needs_verifying = missing.iter().any(|v| v.rule == Rule::Verified);
    let any = needs_profile || needs_place || needs_verifying;
    any.then(|| {
        view! {
            <p class="actions">
                {needs_profile.then(|| view! { <a href=format!("/orgs/{firm}/profile")>{s.edit_profile}</a> " " })}
                {needs_place.then(|| view! { <a href=format!("/orgs/{firm}/edit")>{s.edit_org}</a> " " })}
                {needs_verifying.then(|| view! { <a href=format!("/orgs/{firm}")>{s.get_verified}</a> })}
            </p>
        }
    })
}

/// `/policies/{slug}`
#[component]
pub fn NoticePageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(
        move || (params.with(|p| p.get("slug").unwrap_or_default()), query.with(|q| q.get("firm").unwrap_or_default())),
        |(slug, firm)| crate::policies::api::load_notice(slug, firm),
    );
    crate::loaded!(page, page => view! { <NoticeView page/> })
}

#[component]
fn NoticeView(page: NoticePage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    let told = query.with_untracked(|q| q.get("told").and_then(|t| t.parse::<usize>().ok()));
    let card = page.card.clone();
    let title = card.title.get(lang).to_string();
    let summary = page.summary.get(lang).to_string();
    let amount = card.amount.get(lang).to_string();
    let verdict = match (&page.firm, page.fit) {
        (Some(firm), Some(fit)) => {
            let (label, lead, class) = match fit {
                Fit::Qualifies => (s.qualifies, s.qualifies_lead, "notice fit qualifies"),
                Fit::Nearly => (s.nearly, s.nearly_lead, "notice fit nearly"),
                Fit::Not => (s.not_for, s.not_lead, "notice warning fit not"),
            };
            let missing: Vec<RuleView> = page.rules.iter().filter(|r| r.judged != Some(Judged::Met)).cloned().collect();
            Some(view! {
                <section class=class>
                    <p><strong>{format!("{} · {}", firm.name.get(lang), label)}</strong></p>
                    <p>{lead}</p>
                    {(fit != Fit::Qualifies).then(|| view! {
                        <ul class="requirements">
                            {missing.iter().map(|r| view! { <li>{r.text.get(lang).to_string()}</li> }).collect_view()}
                        </ul>
                    })}
                    <MissingSteps missing firm=firm.slug.clone()/>
                </section>
            })
        }
        _ => None,
    };
    let sign_in_hint = (!page.signed_in).then(|| view! { <p class="muted">{s.sign_in_to_check}</p> });
    let slug = card.slug.clone();
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <section class="notice-page">
            <p class="breadcrumbs"><a href="/policies">{s.list_title}</a></p>
            <h1>{title.clone()}</h1>
            {saved.then(|| view! {
                <p class="notice" role="status">
                    {s.saved}
                    {told.map(|n| format!(" {}", s.told.replace("{n}", &n.to_string())))}
                </p>
            })}
            {card.is_demo.then(|| view! { <p class="notice">{s.demo_note}</p> })}
            {page.may_edit.then(|| view! { <p><a class="button-link" href=format!("/policies/{slug}/edit")>{s.edit_notice}</a></p> })}
            <dl class="facts">
                <dt>{s.issuer}</dt><dd>{card.issuer.get(lang).to_string()}</dd>
                <dt>{s.benefit}</dt><dd>{card.benefit.map(|b| b.label(lang)).unwrap_or("")}</dd>
                <dt>{s.amount}</dt><dd>{if amount.is_empty() { s.amount_unstated.to_string() } else { amount }}</dd>
                <dt>{s.deadline}</dt>
                <dd>
                    {card.deadline.clone().unwrap_or_else(|| s.no_deadline.to_string())}
                    {(!card.is_open).then(|| view! { " " <span class="badge">{s.closed}</span> })}
                </dd>
                <dt>{s.region}</dt>
                <dd>{if card.region.get(lang).is_empty() { s.anywhere.to_string() } else { card.region.get(lang).to_string() }}</dd>
                <dt>{s.published_by}</dt>
                <dd>{match card.published_by.clone() {
                    Some(p) => Either::Left(view! { <a href=format!("/associations/{}", p.slug)>{p.name.get(lang).to_string()}</a> }),
                    None => Either::Right(s.published_by_site),
                }}</dd>
                {(!page.source_url.is_empty()).then(|| view! {
                    <dt>{s.source}</dt>
                    <dd><a href=page.source_url.clone() rel="external nofollow noopener" target="_blank">{page.source_url.clone()}</a></dd>
                })}
            </dl>
            {(!summary.is_empty()).then(|| view! { <p class="summary">{summary}</p> })}
            <FirmSwitcher firms=page.firms.clone() chosen=page.firm.as_ref().map(|f| f.slug.clone()).unwrap_or_default() action=format!("/policies/{}", card.slug)/>
            {verdict}
            <h2>{s.who_for}</h2>
            {if page.rules.is_empty() {
                Either::Left(view! { <p>{s.everyone}</p> })
            } else {
                Either::Right(view! {
                    <ul class="checks">
                        {page.rules.into_iter().map(|view| view! { <RuleItem view/> }).collect_view()}
                    </ul>
                })
            }}
            {sign_in_hint}
        </section>
    }
}

/// `/policies/for-me`
#[component]
pub fn ForMePage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let page = Resource::new(move || query.with(|q| q.get("firm").unwrap_or_default()), crate::policies::api::policies_for_me);
    view! {
        <Title text=format!("{} · {}", s.for_me, lang.texts().site_name)/>
        <section class="readiness-page for-me-page">
            <p class="breadcrumbs"><a href="/policies">{s.list_title}</a></p>
            <h1>{s.for_me}</h1>
            <p class="lead">{s.for_me_lead}</p>
            {crate::loaded!(page, page => view! { <ForMeView page/> })}
        </section>
    }
}

#[component]
fn MatchView(found: Match, firm: String) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let card = found.card;
    let link = format!("/policies/{}?firm={firm}", card.slug);
    let amount = card.amount.get(lang).to_string();
    view! {
        <article class="platform-fit policy-match">
            <h3><a href=link>{card.title.get(lang).to_string()}</a></h3>
            <p class="event-meta">
                {card.benefit.map(|b| view! { <span class="chip">{b.label(lang)}</span> " " })}
                <span>{deadline_text(&card, lang)}</span>
                {(!amount.is_empty()).then(|| format!(" · {amount}"))}
                {card.is_demo.then(|| view! { " " <span class="badge">{s.demo}</span> })}
            </p>
            <p class="muted">{format!("{}{}{}", s.issuer, lang.pick("：", ": "), card.issuer.get(lang))}</p>
            {(!found.reasons.is_empty()).then(|| view! {
                <p class="reasons-head"><strong>{s.why_qualifies}</strong></p>
                <ul class="requirements reasons">
                    {found.reasons.iter().map(|r| view! { <li>{r.get(lang).to_string()}</li> }).collect_view()}
                </ul>
            })}
            {(!found.missing.is_empty()).then(|| view! {
                <p class="reasons-head"><strong>{s.what_missing}</strong></p>
                <ul class="checks missing">
                    {found.missing.clone().into_iter().map(|view| view! { <RuleItem view/> }).collect_view()}
                </ul>
                <MissingSteps missing=found.missing.clone() firm=firm.clone()/>
            })}
        </article>
    }
}

#[component]
fn ForMeView(page: ForMe) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let Some(firm) = page.firm.clone() else {
        return view! {
            <p class="empty">{s.no_firm}</p>
            <p><a href="/orgs/new">{s.create_firm}</a></p>
        }
        .into_any();
    };
    let slug = firm.slug.clone();
    let no_profile = (!page.has_profile && page.firm_kind == Some(crate::orgs::types::OrgKind::Manufacturer)).then(|| {
        view! {
            <p class="notice">{s.no_profile}</p>
            <p><a href=format!("/orgs/{slug}/profile")>{s.edit_profile}</a></p>
        }
    });
    let qualifies = if page.qualifies.is_empty() {
        Either::Left(view! { <p class="empty">{s.none_qualify}</p> })
    } else {
        let firm = firm.slug.clone();
        Either::Right(page.qualifies.into_iter().map(|found| view! { <MatchView found firm=firm.clone()/> }).collect_view())
    };
    let nearly = if page.nearly.is_empty() {
        Either::Left(view! { <p class="empty">{s.none_nearly}</p> })
    } else {
        let firm = firm.slug.clone();
        Either::Right(page.nearly.into_iter().map(|found| view! { <MatchView found firm=firm.clone()/> }).collect_view())
    };
    view! {
        <p class="readiness-firm"><strong>{firm.name.get(lang).to_string()}</strong></p>
        <FirmSwitcher firms=page.firms.clone() chosen=firm.slug.clone() action="/policies/for-me".to_string()/>
        {no_profile}
        <h2>{s.qualifies}</h2>
        {qualifies}
        <h2>{s.nearly}</h2>
        {nearly}
    }
    .into_any()
}

/// The account page's coming deadlines; nothing for a person with no firm.
#[component]
pub fn PolicyDeadlines() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let deadlines = Resource::new(|| (), |_| crate::policies::api::policy_deadlines());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = deadlines.await.unwrap_or_default();
                view! {
                    <section class="policy-deadlines">
                        <h2>{s.deadlines_title}</h2>
                        {if list.is_empty() {
                            Either::Left(view! { <p class="muted">{s.deadlines_none}</p> })
                        } else {
                            Either::Right(view! {
                                <ul class="requirements">
                                    {list.into_iter().map(|d| {
                                        let left = if d.days_left == 0 { s.last_day.to_string() } else { s.days_left.replace("{n}", &d.days_left.to_string()) };
                                        view! {
                                            <li>
                                                <a href=format!("/policies/{}?firm={}", d.card.slug, d.firm.slug)>{d.card.title.get(lang).to_string()}</a>
                                                {format!(" · {} · {left}", d.firm.name.get(lang))}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            })
                        }}
                        <p><a href="/policies/for-me">{s.all_for_me}</a></p>
                    </section>
                }
            })}
        </Suspense>
    }
}

/// `/policies/new`
#[component]
pub fn NewNoticePage() -> impl IntoView {
    let editor = Resource::new(|| (), |_| crate::policies::api::load_notice_editor("new".into()));
    crate::loaded!(editor, editor => view! { <NoticeFormView editor/> })
}

/// `/policies/{slug}/edit`
#[component]
pub fn EditNoticePage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(move || params.get().get("slug").unwrap_or_default(), crate::policies::api::load_notice_editor);
    crate::loaded!(editor, editor => view! { <NoticeFormView editor/> })
}

#[component]
fn NoticeFormView(editor: NoticeEditor) -> impl IntoView {
    use crate::policies::api::SaveNotice;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveNotice>::new();
    let refused = form_errors(action);
    let errors = crate::forms::refused_or_saved(refused, editor.values.clone());
    let title = if editor.slug.is_some() { s.edit_notice } else { s.new_notice };
    let refs = move |items: &[crate::belts::types::CategoryRef]| {
        items.iter().map(|c| (c.slug.clone(), c.name.get(lang).to_string())).collect::<Vec<_>>()
    };
    let publishers: Vec<(String, String)> = editor.associations.iter().map(|n| (n.slug.clone(), n.name.get(lang).to_string())).collect();
    // A new notice chooses its publisher; an existing one keeps it.
    let publisher_choice = editor.slug.is_none().then(|| {
        if editor.as_site {
            Either::Left(
                view! { <ChoiceSelect name="publisher" label=s.publisher choices=publishers.clone() none=s.site_publisher errors/> },
            )
        } else {
            Either::Right(view! { <ChoiceSelect name="publisher" label=s.publisher choices=publishers.clone() errors/> })
        }
    });
    let provinces = crate::geo::province_choices(lang);
    let kinds = owned(KINDS.iter().map(|k| (k.code(), k.label(lang))).collect());
    let labels = vec![
        ("publisher", s.publisher),
        ("title_zh", s.title_zh),
        ("title_en", s.title_en),
        ("issuer_zh", s.issuer_zh),
        ("issuer_en", s.issuer_en),
        ("summary_zh", s.summary_zh),
        ("summary_en", s.summary_en),
        ("benefit", s.benefit),
        ("amount_zh", s.amount_zh),
        ("amount_en", s.amount_en),
        ("deadline", s.deadline),
        ("source_url", s.source_url),
        ("province", s.province),
        ("city_zh", s.city_zh),
        ("city_en", s.city_en),
        ("org_kinds", s.org_kinds),
        ("categories", s.categories),
        ("belts", s.belts),
        ("min_annual_sales", s.min_annual_sales),
        ("export_markets", s.export_markets),
        ("min_export_years", s.min_export_years),
    ];
    let back = editor.slug.clone().map_or_else(|| "/policies".to_string(), |slug| format!("/policies/{slug}"));
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <section class="form-page notice-form-page">
            <h1>{title}</h1>
            <p class="lead">{s.form_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=refused fields=labels/>
            <ActionForm action attr:class="event-form notice-form">
                <input type="hidden" name="slug" value=editor.slug.clone().unwrap_or_else(|| "new".into())/>
                <fieldset>
                    <legend>{s.section_what}</legend>
                    {publisher_choice}
                    <Field name="title_zh" label=s.title_zh maxlength=TITLE_MAX errors/>
                    <Field name="title_en" label=s.title_en maxlength=TITLE_MAX errors/>
                    <div class="field-row">
                        <Field name="issuer_zh" label=s.issuer_zh maxlength=ISSUER_MAX errors/>
                        <Field name="issuer_en" label=s.issuer_en maxlength=ISSUER_MAX errors/>
                    </div>
                    <SelectField name="benefit" label=s.benefit options=options(Benefit::ALL, Benefit::code, Benefit::label, lang) none_label=s.choose errors/>
                    <div class="field-row">
                        <Field name="amount_zh" label=s.amount_zh maxlength=AMOUNT_MAX errors/>
                        <Field name="amount_en" label=s.amount_en maxlength=AMOUNT_MAX errors/>
                    </div>
                    <Field name="deadline" label=s.deadline input_type="date" hint=s.deadline_hint errors/>
                    <Field name="source_url" label=s.source_url input_type="url" maxlength=LINK_MAX errors/>
                    <TextAreaField name="summary_zh" label=s.summary_zh rows=4 maxlength=SUMMARY_MAX errors/>
                    <TextAreaField name="summary_en" label=s.summary_en rows=4 maxlength=SUMMARY_MAX errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_who}</legend>
                    <ChoiceSelect name="province" label=s.province choices=provinces none=s.any errors/>
                    <p class="hint">{s.city_hint}</p>
                    <div class="field-row">
                        <Field name="city_zh" label=s.city_zh maxlength=CITY_MAX errors/>
                        <Field name="city_en" label=s.city_en maxlength=CITY_MAX errors/>
                    </div>
                    <ChoiceGroup name="org_kinds" legend=s.org_kinds options=kinds errors/>
                    <ChoiceGroup name="categories" legend=s.categories options=refs(&editor.categories) errors/>
                    <ChoiceGroup name="belts" legend=s.belts options=refs(&editor.belts) errors/>
                    <SelectField name="min_annual_sales" label=s.min_annual_sales options=options(SalesBand::ALL, SalesBand::code, SalesBand::label, lang) none_label=s.any errors/>
                    <Tick name="exports" label=s.exports errors/>
                    <Field name="export_markets" label=s.export_markets hint=s.export_markets_hint maxlength=200 errors/>
                    <Field name="min_export_years" label=s.min_export_years inputmode="numeric" errors/>
                    <Tick name="overseas_warehouse" label=s.overseas_warehouse errors/>
                    <Tick name="verified" label=s.verified errors/>
                </fieldset>
                <p class="actions">
                    <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
                    " " <a href=back>{s.cancel}</a>
                </p>
            </ActionForm>
        </section>
    }
}
