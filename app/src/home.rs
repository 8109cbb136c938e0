use leptos::prelude::*;
use leptos_meta::Title;

use crate::use_lang;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let audiences = [
        (t.home_for_manufacturers, t.home_for_manufacturers_body, "/belts".to_string(), "manufacturers"),
        (t.home_for_platforms, t.home_for_platforms_body, "/belts".to_string(), "platforms"),
        (
            t.home_for_associations,
            t.home_for_associations_body,
            format!("/search?q={}", crate::layout::encode_component(lang.pick("协会", "association"))),
            "associations",
        ),
        (t.home_for_graduates, t.home_for_graduates_body, "/search".to_string(), "graduates"),
    ];
    let examples: [&str; 4] =
        lang.pick(["假睫毛", "钓具", "女装", "海外仓"], ["eyelashes", "fishing tackle", "women's wear", "overseas warehouse"]);
    view! {
        <Title text=format!("{} · {}", t.site_name, t.home_title)/>
        <crate::seo::Description text=t.home_lead.to_string()/>
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_lead}</p>
            <p><a class="button" href="/belts">{t.home_browse_belts}</a></p>
            <p class="examples">
                {t.home_search_examples}" "
                {examples
                    .into_iter()
                    .map(|q| view! { <a class="chip" href=format!("/search?q={}", crate::layout::encode_component(q))>{q}</a> })
                    .collect_view()}
            </p>
        </section>
        <section class="audiences" aria-label=t.site_tagline>
            {audiences
                .into_iter()
                .map(|(title, body, href, id)| view! {
                    <a class="audience" href=href id=format!("for-{id}")>
                        <h2>{title}</h2>
                        <p>{body}</p>
                    </a>
                })
                .collect_view()}
        </section>
    }
}
