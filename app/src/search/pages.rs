//! `/search`: the query, filters, sort and page all live in the URL. Rendered
//! on the server, it is a GET form and links, so it works without JavaScript;
//! after hydration typing, clicking a facet or changing the sort navigates in
//! place and the results follow the URL. The resource is keyed on the URL and
//! only the response for the latest one is shown, so a slow older response
//! never overwrites a newer one.

use leptos::either::Either;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::i18n::Lang;
use crate::search::api::search_directory;
use crate::search::query::{Narrowing, SearchQuery, SortOrder, RADII_KM};
use crate::search::types::{marked_runs, BeltChoice, FacetCounts, HitKind, SearchHit, SearchResults, MAX_QUERY_CHARS};
use crate::use_lang;

pub struct SearchTexts {
    pub sort: &'static str,
    pub near: &'static str,
    pub anywhere: &'static str,
    pub within: &'static str,
    pub km: &'static str,
    pub apply: &'static str,
    pub filters: &'static str,
    pub show_filters: &'static str,
    pub skip_to_results: &'static str,
    pub active: &'static str,
    pub clear_all: &'static str,
    pub remove: &'static str,
    pub verified: &'static str,
    pub fallback: &'static str,
    pub no_results: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub pages: &'static str,
}

static ZH: SearchTexts = SearchTexts {
    sort: "排序",
    near: "产业带周边",
    anywhere: "不限",
    within: "半径",
    km: "公里",
    apply: "应用",
    filters: "筛选",
    show_filters: "筛选条件",
    skip_to_results: "跳到搜索结果",
    active: "已选条件",
    clear_all: "清除全部",
    remove: "移除",
    verified: "已核验",
    fallback: "搜索引擎暂时不可用，以下是按名称和简介的简单匹配结果：不含同义词、筛选和排序（类型除外）。",
    no_results: "没有找到结果，换个关键词试试。",
    previous: "上一页",
    next: "下一页",
    pages: "分页",
};

static EN: SearchTexts = SearchTexts {
    sort: "Sort",
    near: "Near a belt",
    anywhere: "Anywhere",
    within: "Within",
    km: "km",
    apply: "Apply",
    filters: "Filters",
    show_filters: "Filters",
    skip_to_results: "Skip to results",
    active: "Filters in use",
    clear_all: "Clear all",
    remove: "Remove",
    verified: "Verified",
    fallback: "The search engine is unavailable right now. These results match names and descriptions only: no synonyms, filters (other than type) or sorting.",
    no_results: "Nothing found. Try another word.",
    previous: "Previous",
    next: "Next",
    pages: "Pages",
};

pub fn texts(lang: Lang) -> &'static SearchTexts {
    lang.pick(&ZH, &EN)
}

fn count_text(lang: Lang, total: usize, q: &str) -> String {
    match (lang, q.is_empty()) {
        (Lang::Zh, true) => format!("共 {total} 条结果"),
        (Lang::Zh, false) => format!("“{q}”共 {total} 条结果"),
        (Lang::En, true) => format!("{total} {}", results_word(total)),
        (Lang::En, false) => format!("{total} {} for “{q}”", results_word(total)),
    }
}

/// Why the results are for fewer words than were typed.
fn dropped_text(lang: Lang, dropped: &[String], kept: &str) -> String {
    let quoted =
        |words: &[String], sep: &str| words.iter().map(|w| lang.pick(format!("“{w}”"), format!("‘{w}’"))).collect::<Vec<_>>().join(sep);
    lang.pick(
        format!("没有找到包含{}的结果，以下是“{kept}”的结果。", quoted(dropped, "、")),
        format!("No results for {}; showing results for ‘{kept}’.", quoted(dropped, ", ")),
    )
}

fn suggestion_text(lang: Lang, label: &str, total: usize) -> String {
    lang.pick(format!("去掉“{label}”可看到 {total} 条结果"), format!("Remove “{label}” to see {total} {}", results_word(total)))
}

fn results_word(total: usize) -> &'static str {
    if total == 1 {
        "result"
    } else {
        "results"
    }
}

fn distance_text(lang: Lang, metres: u32) -> String {
    let km = f64::from(metres) / 1000.0;
    let shown = if km < 10.0 { format!("{km:.1}") } else { format!("{km:.0}") };
    lang.pick(format!("距离 {shown} 公里"), format!("{shown} km away"))
}

/// The page numbers to link: the first, the last, and two either side of the
/// current one; `None` where numbers are skipped.
pub fn page_window(current: u32, total: u32) -> Vec<Option<u32>> {
    let mut shown: Vec<Option<u32>> = Vec::new();
    for page in 1..=total {
        if page == 1 || page == total || page.abs_diff(current) <= 2 {
            if let Some(Some(last)) = shown.last() {
                if page > last + 1 {
                    shown.push(None);
                }
            }
            shown.push(Some(page));
        }
    }
    shown
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let location = use_location();
    let current = Memo::new(move |_| SearchQuery::from_query_string(&location.search.get()));
    let initial = current.get_untracked();
    let results = Resource::new(move || location.search.get(), search_directory);
    let navigate = use_navigate();
    let input = NodeRef::<Input>::new();
    // Back and forward change the URL without typing: the box follows.
    Effect::new(move |_| {
        let q = current.get().q;
        if let Some(el) = input.get() {
            if el.value() != q {
                el.set_value(&q);
            }
        }
    });
    // Typing replaces the history entry: Back goes to the search before, not to each keystroke.
    let on_input = move |ev: leptos::ev::Event| {
        let query = SearchQuery { q: event_target_value(&ev), page: 1, ..current.get_untracked() };
        navigate(&query.href(), NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    view! {
        <Title text=format!("{} · {}", t.search_title, t.site_name)/>
        <crate::seo::Description text=t.search_placeholder.to_string()/>
        <section class="page-head">
            <h1>{t.search_title}</h1>
        </section>
        <form class="search-form" id="search-form" method="get" action="/search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-q">{t.search_label}</label>
            <div class="search-row">
                <input id="search-q" node_ref=input type="search" name="q" value=initial.q.clone() placeholder=t.search_placeholder
                    maxlength=MAX_QUERY_CHARS.to_string() autocomplete="off" on:input=on_input/>
                <button type="submit">{t.search_button}</button>
            </div>
            <HiddenFilters current/>
        </form>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(found) => Either::Left(view! { <ResultsView found/> }),
                    Err(error) => {
                        crate::set_page_status(error.status());
                        Either::Right(view! { <p class="field-error" role="alert" id="search-error">{error.message(lang)}</p> })
                    }
                }
            })}
        </Transition>
    }
}

/// The filters in use, so submitting the form (without JavaScript) keeps them.
#[component]
fn HiddenFilters(current: Memo<SearchQuery>) -> impl IntoView {
    move || {
        current
            .get()
            .filters
            .into_iter()
            .map(|(facet, value)| view! { <input type="hidden" name=facet.code() value=value/> })
            .collect_view()
    }
}

/// Sort order and "near a belt", shown with the results (they list the
/// belts) but part of the search form through `form=`: applied at once with
/// JavaScript, by the button without.
#[component]
fn SearchOptions(query: SearchQuery, belts: Vec<BeltChoice>) -> impl IntoView {
    let lang = use_lang();
    let st = texts(lang);
    let navigate = use_navigate();
    let go = move |next: SearchQuery| navigate(&next.href(), NavigateOptions::default());
    let on_sort = {
        let (go, query) = (go.clone(), query.clone());
        move |ev: leptos::ev::Event| {
            let sort = SortOrder::from_code(&event_target_value(&ev)).unwrap_or(SortOrder::Relevance);
            go(SearchQuery { sort, page: 1, ..query.clone() });
        }
    };
    let on_near = {
        let (go, query) = (go.clone(), query.clone());
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            go(if value.is_empty() { query.without(Narrowing::Near) } else { SearchQuery { near: Some(value), page: 1, ..query.clone() } });
        }
    };
    let on_radius = {
        let query = query.clone();
        move |ev: leptos::ev::Event| {
            let radius_km = event_target_value(&ev).parse().unwrap_or(query.radius_km);
            go(SearchQuery { radius_km, page: 1, ..query.clone() });
        }
    };
    let sorts = SortOrder::ALL.iter().filter(|s| **s != SortOrder::Distance || query.near.is_some());
    view! {
        <div class="search-options">
            <label>
                {st.sort}" "
                <select name="sort" id="search-sort" form="search-form" on:change=on_sort>
                    {sorts
                        .map(|sort| view! { <option value=sort.code() selected=query.sort == *sort>{sort.label(lang)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {st.near}" "
                <select name="near" id="search-near" form="search-form" on:change=on_near>
                    <option value="" selected=query.near.is_none()>{st.anywhere}</option>
                    {belts
                        .into_iter()
                        .map(|belt| {
                            let chosen = query.near.as_deref() == Some(belt.slug.as_str());
                            view! { <option value=belt.slug selected=chosen>{belt.name.get(lang).to_string()}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {st.within}" "
                <select name="km" id="search-km" form="search-form" on:change=on_radius>
                    {RADII_KM
                        .iter()
                        .map(|km| view! { <option value=km.to_string() selected=query.radius_km == *km>{format!("{km} {}", st.km)}</option> })
                        .collect_view()}
                </select>
            </label>
            <noscript>
                <button type="submit" form="search-form">{st.apply}</button>
            </noscript>
        </div>
    }
}

#[component]
fn Marked(text: String) -> impl IntoView {
    marked_runs(&text)
        .into_iter()
        .map(|(run, marked)| if marked { Either::Left(view! { <mark>{run}</mark> }) } else { Either::Right(run) })
        .collect_view()
}

#[component]
fn ResultsView(found: SearchResults) -> impl IntoView {
    let lang = use_lang();
    let st = texts(lang);
    let query = found.query.clone();
    let summary = count_text(lang, found.total, found.searched_for.as_deref().unwrap_or(&query.q));
    let facets = found.facets.clone();
    let chosen = query.filters.len();
    let filters_label = if chosen == 0 { st.show_filters.to_string() } else { format!("{} ({chosen})", st.show_filters) };
    view! {
        <a class="skip-link" href="#search-summary">{st.skip_to_results}</a>
        <div class="search-layout">
            // On phones the filters fold away behind this button (a checkbox, so it works without JavaScript).
            <input type="checkbox" id="show-filters" class="filters-toggle visually-hidden"/>
            <label for="show-filters" class="filters-button">{filters_label}</label>
            <aside class="facets" aria-label=st.filters>
                {facets.into_iter().map(|f| view! { <FacetList facet=f query=query.clone()/> }).collect_view()}
            </aside>
            <div class="search-main">
                {found.fallback.then(|| view! { <p class="notice" role="status" id="search-fallback">{st.fallback}</p> })}
                {found.searched_for.clone().filter(|_| !found.dropped_words.is_empty()).map(|kept| view! {
                    <p class="notice" role="status" id="search-dropped">{dropped_text(lang, &found.dropped_words, &kept)}</p>
                })}
                <SearchOptions query=query.clone() belts=found.belts.clone()/>
                <ActiveFilters found=found.clone()/>
                <p class="count" id="search-summary">{summary}</p>
                {if found.hits.is_empty() {
                    Either::Left(view! { <NoResults found=found.clone()/> })
                } else {
                    Either::Right(view! {
                        <ul class="results" id="search-results">
                            {found.hits.iter().cloned().map(|hit| view! { <HitView hit/> }).collect_view()}
                        </ul>
                    })
                }}
                <Pagination query=query.clone() total_pages=found.total_pages/>
            </div>
        </div>
    }
}

#[component]
fn FacetList(facet: FacetCounts, query: SearchQuery) -> impl IntoView {
    let lang = use_lang();
    let chosen = query.filters.get(&facet.facet).cloned();
    let code = facet.facet.code();
    view! {
        <section class="facet" id=format!("facet-{code}")>
            <h2>{facet.facet.label(lang)}</h2>
            <ul>
                {facet
                    .values
                    .into_iter()
                    .map(|value| {
                        let selected = chosen.as_deref() == Some(value.value.as_str());
                        let href = query.toggled(facet.facet, &value.value).href();
                        view! {
                            <li>
                                <a href=href class:selected=selected aria-current=selected.then_some("true") data-value=value.value>
                                    <span class="facet-label">{value.label.get(lang).to_string()}</span>
                                    <span class="facet-count">{value.count}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ActiveFilters(found: SearchResults) -> impl IntoView {
    let lang = use_lang();
    let st = texts(lang);
    if found.active.is_empty() {
        return None;
    }
    let query = found.query;
    let cleared = SearchQuery { q: query.q.clone(), ..SearchQuery::default() };
    Some(view! {
        <div class="active-filters" id="active-filters">
            <span class="muted">{st.active}</span>
            {found
                .active
                .into_iter()
                .map(|(narrowing, label)| {
                    let label = label.get(lang).to_string();
                    let aria = format!("{} {label}", st.remove);
                    view! {
                        <a class="chip" href=query.without(narrowing).href() aria-label=aria>
                            {label}" ×"
                        </a>
                    }
                })
                .collect_view()}
            <a class="clear" href=cleared.href()>{st.clear_all}</a>
        </div>
    })
}

#[component]
fn NoResults(found: SearchResults) -> impl IntoView {
    let lang = use_lang();
    let st = texts(lang);
    view! {
        <p class="empty">{st.no_results}</p>
        {found.suggestion.map(|s| {
            let href = found.query.without(s.remove).href();
            view! {
                <p class="suggestion" id="search-suggestion">
                    <a href=href>{suggestion_text(lang, s.label.get(lang), s.total)}</a>
                </p>
            }
        })}
    }
}

#[component]
fn HitView(hit: SearchHit) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let st = texts(lang);
    let kind = match hit.kind {
        HitKind::Belt => t.kind_belt,
        HitKind::Organisation(k) => k.label(lang),
        HitKind::Supplier => crate::suppliers::pages::texts(lang).profile,
        HitKind::Offering(t) => t.label(lang),
        HitKind::Brief => crate::scouting::texts::texts(lang).brief_kind,
        HitKind::Event => crate::events::texts::texts(lang).event_kind,
        HitKind::PolicyNotice => crate::policies::texts::texts(lang).notice_kind,
        HitKind::TalentProgram => crate::talent::texts::texts(lang).program_kind,
    };
    let snippet = hit.snippet.get(lang).to_string();
    let facts = hit.facts.get(lang).to_string();
    view! {
        <li class="result" class:with-photo=hit.photo.is_some()>
            // The photo is decoration here: the name next to it says whose it is.
            {hit.photo.clone().map(|src| view! { <img class="result-photo" src=src alt="" loading="lazy" width="96" height="72"/> })}
            <div class="result-body">
                <span class="badge">{kind}</span>
                <a href=hit.href><Marked text=hit.name.get(lang).to_string()/></a>
                {hit.verified.then(|| view! { <span class="badge verified">{st.verified}</span> })}
                {hit.distance_m.map(|m| view! { <span class="distance">{distance_text(lang, m)}</span> })}
                <p class="muted">{hit.subtitle.get(lang).to_string()}</p>
                {(!facts.is_empty()).then(|| view! { <p class="facts">{facts}</p> })}
                {(!snippet.is_empty()).then(|| view! { <p class="snippet"><Marked text=snippet/></p> })}
            </div>
        </li>
    }
}

#[component]
fn Pagination(query: SearchQuery, total_pages: u32) -> impl IntoView {
    let lang = use_lang();
    let st = texts(lang);
    let last = total_pages.min(crate::search::query::MAX_PAGE);
    if last <= 1 {
        return None;
    }
    let current = query.page;
    let link = |page: u32, text: String, rel: Option<&'static str>| {
        view! { <a href=query.on_page(page).href() rel=rel>{text}</a> }
    };
    Some(view! {
        <nav class="pagination" aria-label=st.pages id="search-pages">
            {(current > 1).then(|| link(current - 1, st.previous.to_string(), Some("prev")))}
            {page_window(current, last)
                .into_iter()
                .map(|page| match page {
                    Some(p) if p == current => Either::Left(view! { <span aria-current="page" class="current">{p}</span> }),
                    Some(p) => Either::Right(Either::Left(link(p, p.to_string(), None))),
                    None => Either::Right(Either::Right(view! { <span class="gap">"…"</span> })),
                })
                .collect_view()}
            {(current < last).then(|| link(current + 1, st.next.to_string(), Some("next")))}
        </nav>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_window_keeps_ends_and_neighbours() {
        assert_eq!(page_window(1, 1), vec![Some(1)]);
        assert_eq!(page_window(1, 4), vec![Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(page_window(10, 50), vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(50)]);
        assert_eq!(page_window(2, 9), vec![Some(1), Some(2), Some(3), Some(4), None, Some(9)]);
    }
}
