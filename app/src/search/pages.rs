use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::layout::encode_component;
use crate::search::api::search_directory;
use crate::search::types::{HitKind, SearchResults, MAX_QUERY_CHARS};
use crate::use_lang;

/// `/search?q=`: rendered on the server; after hydration, typing updates the
/// URL in place and the results follow it, without a page load. The resource
/// always shows the response to the latest query, so a slow older one cannot
/// overwrite it.
#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let query = use_query_map();
    let q = move || query.get().get("q").unwrap_or_default();
    let initial = query.get_untracked().get("q").unwrap_or_default();
    let results = Resource::new(q, search_directory);
    let navigate = use_navigate();
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        navigate(
            &format!("/search?q={}", encode_component(&value)),
            NavigateOptions { replace: true, scroll: false, ..Default::default() },
        );
    };
    view! {
        <Title text=format!("{} · {}", t.search_title, t.site_name)/>
        <section class="page-head">
            <h1>{t.search_title}</h1>
        </section>
        <form class="search-form" method="get" action="/search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-q">{t.search_label}</label>
            <div class="search-row">
                <input id="search-q" type="search" name="q" value=initial placeholder=t.search_placeholder
                    maxlength=MAX_QUERY_CHARS.to_string() autocomplete="off" on:input=on_input/>
                <button type="submit">{t.search_button}</button>
            </div>
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

#[component]
fn ResultsView(found: SearchResults) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    if found.query.is_empty() {
        return Either::Left(view! { <p class="muted" id="search-summary">{t.search_prompt}</p> });
    }
    let summary = match lang {
        crate::i18n::Lang::Zh => format!("“{}”共 {} 条结果", found.query, found.total),
        crate::i18n::Lang::En => format!("{} results for “{}”", found.total, found.query),
    };
    Either::Right(view! {
        <p class="count" id="search-summary">{summary}</p>
        {if found.hits.is_empty() {
            Either::Left(view! { <p class="empty">{t.search_no_results}</p> })
        } else {
            Either::Right(view! {
                <ul class="results" id="search-results">
                    {found
                        .hits
                        .into_iter()
                        .map(|hit| {
                            let kind = match hit.kind {
                                HitKind::Belt => t.kind_belt,
                                HitKind::Organisation(k) => k.label(lang),
                                HitKind::Supplier => crate::suppliers::pages::texts(lang).profile,
                                HitKind::Offering(t) => t.label(lang),
                            };
                            view! {
                                <li class="result">
                                    <span class="badge">{kind}</span>
                                    <a href=hit.href>{hit.name.get(lang).to_string()}</a>
                                    <p class="muted">{hit.subtitle.get(lang).to_string()}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })
        }}
    })
}
