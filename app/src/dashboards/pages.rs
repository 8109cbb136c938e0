//! `/belts/{slug}/dashboard`: the figures, a chart and a table per breakdown.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::clock::When;
use crate::dashboards::texts::texts;
use crate::dashboards::types::{BeltDashboard, Breakdown};
use crate::layout::ErrorPage;
use crate::use_lang;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let dashboard = Resource::new(move || params.get().get("slug").unwrap_or_default(), crate::dashboards::api::load_belt_dashboard);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(dashboard) => Either::Left(view! { <DashboardView dashboard/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

/// A share as a whole percentage ("—" of nothing).
fn percent(part: u64, whole: u64) -> String {
    (part * 100 + whole / 2).checked_div(whole).map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}

#[component]
fn DashboardView(dashboard: BeltDashboard) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let name = dashboard.belt.name.get(lang).to_string();
    let total = dashboard.suppliers;
    let figures = format!(
        "{} {} · {} {} ({}) · {} {} ({})",
        crate::forms::grouped(total as i64),
        s.suppliers,
        crate::forms::grouped(dashboard.verified_profiles as i64),
        s.verified_profiles,
        percent(dashboard.verified_profiles, total),
        crate::forms::grouped(dashboard.verified_organisations as i64),
        s.verified_organisations,
        percent(dashboard.verified_organisations, total),
    );
    let belt_link = format!("/belts/{}", dashboard.belt.slug);
    let briefs = dashboard.open_briefs;
    view! {
        <Title text=format!("{} · {name} · {}", s.title, lang.texts().site_name)/>
        <section class="dashboard-page">
            <p class="breadcrumb"><a href=belt_link>{format!("{} · {name}", s.back_to_belt)}</a></p>
            <h1>{format!("{name} · {}", s.title)}</h1>
            <p class="lead">{s.lead}</p>
            <p class="dashboard-figures"><strong>{figures}</strong></p>
            <p class="muted">{s.as_of}" "<When at=dashboard.computed_at/></p>
            <nav class="dashboard-contents" aria-label=s.contents>
                {dashboard.breakdowns.iter().map(|b| view! { <a href=format!("#{}", b.key)>{b.title.get(lang).to_string()}</a> }).collect_view()}
                <a href="#briefs">{s.open_briefs}</a>
            </nav>
            {dashboard.breakdowns.into_iter().map(|breakdown| view! { <BreakdownView breakdown total/> }).collect_view()}
            <section id="briefs" class="dashboard-briefs">
                <h2>{s.open_briefs}</h2>
                {if briefs.is_empty() {
                    Either::Left(view! { <p class="empty">{s.no_open_briefs}</p> })
                } else {
                    Either::Right(view! {
                        <ul class="brief-list">
                            {briefs.into_iter().map(|card| view! { <crate::scouting::pages::BriefCardView card/> }).collect_view()}
                        </ul>
                    })
                }}
                <p><a href=format!("/briefs?belt={}", dashboard.belt.slug)>{s.all_briefs}</a></p>
            </section>
        </section>
    }
}

#[component]
fn BreakdownView(breakdown: Breakdown, total: u64) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let title = breakdown.title.get(lang).to_string();
    let note = breakdown.note.get(lang).to_string();
    let body = if breakdown.tallies.is_empty() {
        Either::Left(view! { <p class="empty">{s.nothing_yet}</p> })
    } else {
        let svg = breakdown.svg.clone();
        let chart_label = title.clone();
        Either::Right(view! {
            <div class="chart-and-table">
                {(!svg.is_empty()).then(|| view! { <div class="chart" role="img" aria-label=chart_label inner_html=svg></div> })}
                <table class="dashboard-table">
                    <caption class="visually-hidden">{title.clone()}</caption>
                    <thead><tr><th scope="col">{title.clone()}</th><th scope="col" class="number">{s.count}</th><th scope="col" class="number">{s.share}</th></tr></thead>
                    <tbody>
                        {breakdown.tallies.into_iter().map(|t| view! {
                            <tr>
                                <th scope="row">{t.label.get(lang).to_string()}</th>
                                <td class="number">{crate::forms::grouped(t.count as i64)}</td>
                                <td class="number">{percent(t.count, total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! {
        <section id=breakdown.key.clone() class="breakdown">
            <h2>{title.clone()}</h2>
            {(!note.is_empty()).then(|| view! { <p class="muted">{note}</p> })}
            {body}
        </section>
    }
}
