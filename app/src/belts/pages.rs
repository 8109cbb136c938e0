use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::belts::api::{get_belt, list_belts};
use crate::belts::map::{ChinaMap, MapMarker};
use crate::belts::types::{BeltCard, BeltDetail, BeltDirectory, FacetOption};
use crate::geo;
use crate::i18n::Lang;
use crate::layout::{encode_component, ErrorPage};
use crate::use_lang;

fn province_name(code: &str, lang: Lang) -> &str {
    geo::province(code).map(|p| lang.pick(p.name_zh, p.name_en)).unwrap_or(code)
}

fn place_line(card: &BeltCard, lang: Lang) -> String {
    format!("{} · {}", province_name(&card.province, lang), card.city.get(lang))
}

fn marker(card: &BeltCard, lang: Lang) -> MapMarker {
    MapMarker {
        href: format!("/belts/{}", card.slug),
        label: card.name.get(lang).to_string(),
        latitude: card.latitude,
        longitude: card.longitude,
        province: card.province.clone(),
        place: card.city.get(lang).to_string(),
    }
}

#[component]
pub fn BeltDirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let query = use_query_map();
    let directory = Resource::new(
        move || {
            let q = query.get();
            (q.get("province"), q.get("category"))
        },
        |(province, category)| list_belts(province, category),
    );
    view! {
        <Title text=format!("{} · {}", t.belts_title, t.site_name)/>
        <crate::seo::Description text=t.belts_lead.to_string()/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match directory.await {
                    Ok(dir) => Either::Left(view! { <DirectoryView dir/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FacetSelect(name: &'static str, label: &'static str, options: Vec<FacetOption>, chosen: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let id = format!("filter-{name}");
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id name=name>
            <option value="" selected=chosen.is_none()>{lang.texts().filter_any}</option>
            {options
                .into_iter()
                .map(|o| {
                    let selected = chosen.as_deref() == Some(o.value.as_str());
                    view! { <option value=o.value selected=selected>{format!("{}{}", o.label.get(lang), crate::i18n::bracketed(o.count, lang))}</option> }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn DirectoryView(dir: BeltDirectory) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let markers: Vec<MapMarker> = dir.belts.iter().map(|b| marker(b, lang)).collect();
    let count = dir.belts.len();
    let count_line = match lang {
        Lang::Zh => format!("共 {count} 个产业带（全部 {} 个）", dir.all_belts_total),
        Lang::En if dir.all_belts_total == 1 => format!("{count} of 1 belt"),
        Lang::En => format!("{count} of {} belts", dir.all_belts_total),
    };
    let filtered = !dir.filter.is_empty();
    view! {
        <section class="page-head">
            <h1>{t.belts_title}</h1>
            <p class="lead">{t.belts_lead}</p>
        </section>
        <form class="filters" method="get" action="/belts">
            <FacetSelect name="province" label=t.filter_province options=dir.provinces chosen=dir.filter.province.clone()/>
            <FacetSelect name="category" label=t.filter_category options=dir.categories chosen=dir.filter.category.clone()/>
            <button type="submit">{t.filter_apply}</button>
            {filtered.then(|| view! { <a class="clear" href="/belts">{t.filter_clear}</a> })}
        </form>
        <div class="directory">
            <div class="directory-map">
                <ChinaMap markers title=t.belt_map_caption.to_string() lang/>
            </div>
            <div class="directory-list">
                <p class="count" id="belt-count">{count_line}</p>
                {if dir.belts.is_empty() {
                    Either::Left(view! { <p class="empty">{t.belts_empty}</p> })
                } else {
                    Either::Right(view! {
                        <ul class="belt-list">
                            {dir.belts.into_iter().map(|b| view! { <li><BeltCardView card=b/></li> }).collect_view()}
                        </ul>
                    })
                }}
            </div>
        </div>
    }
}

#[component]
fn BeltCardView(card: BeltCard) -> impl IntoView {
    let lang = use_lang();
    let headline = card.headline.as_ref().map(|f| format!("{} {}", f.metric.label(lang), f.display_value(lang)));
    view! {
        <article class="belt-card">
            <h2><a href=format!("/belts/{}", card.slug)>{card.name.get(lang).to_string()}</a></h2>
            <p class="place">{place_line(&card, lang)}</p>
            <p class="chips">
                {card.categories.iter().map(|c| view! { <span class="chip">{c.name.get(lang).to_string()}</span> }).collect_view()}
            </p>
            {headline.map(|h| view! { <p class="headline">{h}</p> })}
        </article>
    }
}

#[component]
pub fn BeltPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let params = use_params_map();
    let belt = Resource::new(move || params.get().get("slug").unwrap_or_default(), get_belt);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match belt.await {
                    Ok(detail) => Either::Left(view! { <BeltDetailView detail/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BeltDetailView(detail: BeltDetail) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let card = detail.card;
    let name = card.name.get(lang).to_string();
    let other_name = card.name.get(lang.other()).to_string();
    let mut place = place_line(&card, lang);
    if let Some(county) = &detail.county {
        place = format!("{place} · {}", county.get(lang));
    }
    let markers = vec![marker(&card, lang)];
    let highlight = card.province.clone();
    let organisations = detail.organisations;
    let suppliers = detail.suppliers;
    let has_orgs = !organisations.is_empty();
    let summary = detail.summary.get(lang).to_string();
    let place_data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Place",
        "name": name.clone(),
        "alternateName": other_name.clone(),
        "description": crate::seo::description(&summary),
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressRegion": crate::geo::province(&card.province).map(|p| lang.pick(p.name_zh, p.name_en)).unwrap_or(""),
            "addressLocality": card.city.get(lang),
        },
        "geo": { "@type": "GeoCoordinates", "latitude": card.latitude, "longitude": card.longitude },
    });
    view! {
        <Title text=format!("{name} · {}", t.site_name)/>
        <crate::seo::Description text=if summary.is_empty() { format!("{name} · {place}") } else { summary.clone() }/>
        <crate::seo::StructuredData data=place_data/>
        <nav class="breadcrumbs" aria-label=t.belt_all_belts><a href="/belts">{t.belt_all_belts}</a></nav>
        <article class="belt-detail">
            <header class="page-head">
                <h1>{name.clone()}</h1>
                {(other_name != name).then(|| view! { <p class="other-name" lang=lang.other().html_lang()>{other_name}</p> })}
                <p class="place">{place}</p>
            </header>
            <div class="belt-body">
                <div class="belt-main">
                    <p class="summary">{detail.summary.get(lang).to_string()}</p>
                    <section>
                        <h2>{t.belt_categories}</h2>
                        <p class="chips">
                            {card
                                .categories
                                .iter()
                                .map(|c| view! {
                                    <a class="chip" href=format!("/belts?category={}", encode_component(&c.slug))>{c.name.get(lang).to_string()}</a>
                                })
                                .collect_view()}
                        </p>
                    </section>
                    {(!detail.figures.is_empty()).then(|| view! {
                        <section>
                            <h2>{t.belt_figures}</h2>
                            <dl class="figures">
                                {detail
                                    .figures
                                    .iter()
                                    .map(|f| {
                                        let year = f.year.map(|y| format!(" ({y})")).unwrap_or_default();
                                        view! {
                                            <div class="figure">
                                                <dt>{f.metric.label(lang)}{year}</dt>
                                                <dd>{f.display_value(lang)}</dd>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </dl>
                            <p class="source muted">{t.source}{lang.pick("：", ": ")}{crate::i18n::source_in(&detail.figures[0].source, lang).to_string()}</p>
                        </section>
                    })}
                    <p class="actions">
                        <a class="button-link secondary" href=format!("/belts/{}/dashboard", card.slug)>{lang.pick("产业带看板", "Belt dashboard")}</a>
                    </p>
                    <crate::suppliers::pages::SupplierList suppliers/>
                    <crate::scouting::pages::BeltBriefs belt=card.slug.clone()/>
                    <crate::events::pages::BeltEvents belt=card.slug.clone()/>
                    <crate::talent::pages::BeltPrograms belt=card.slug.clone()/>
                    <section>
                        <h2>{t.belt_organisations}</h2>
                        {if has_orgs {
                            Either::Left(view! {
                                <ul class="org-list">
                                    {organisations
                                        .into_iter()
                                        .map(|o| view! {
                                            <li>
                                                <a href=format!("/orgs/{}", o.slug)>{o.name.get(lang).to_string()}</a>
                                                <span class="badge">{o.kind.label(lang)}</span>
                                                <span class="muted">{o.role.label(lang)}</span>
                                            </li>
                                        })
                                        .collect_view()}
                                </ul>
                            })
                        } else {
                            Either::Right(view! { <p class="muted">{t.belt_organisations_empty}</p> })
                        }}
                    </section>
                </div>
                <aside class="belt-map">
                    <h2>{t.belt_location}</h2>
                    <ChinaMap markers highlight title=t.belt_map_caption.to_string() lang/>
                </aside>
            </div>
        </article>
    }
}
