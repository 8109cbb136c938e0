use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::geo;
use crate::layout::ErrorPage;
use crate::orgs::api::get_organisation;
use crate::orgs::types::OrgDetail;
use crate::use_lang;

#[component]
pub fn OrgPage() -> impl IntoView {
    let t = use_lang().texts();
    let params = use_params_map();
    let org = Resource::new(move || params.get().get("slug").unwrap_or_default(), get_organisation);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match org.await {
                    Ok(detail) => Either::Left(view! { <OrgDetailView detail/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrgDetailView(detail: OrgDetail) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let name = detail.name.get(lang).to_string();
    let other_name = detail.name.get(lang.other()).to_string();
    let province = detail.province.as_deref().and_then(geo::province).map(|p| lang.pick(p.name_zh, p.name_en));
    let place: Vec<&str> = province.into_iter().chain(Some(detail.city.get(lang)).filter(|c| !c.is_empty())).collect();
    let place = place.join(" · ");
    let verified = match &detail.verification {
        Some(v) => format!("{} · {} · {}", t.org_verified, v.verified_by, v.verified_at),
        None => t.org_unverified.to_string(),
    };
    view! {
        <Title text=format!("{name} · {}", t.site_name)/>
        <article class="org-detail">
            <header class="page-head">
                <p class="badge">{detail.kind.label(lang)}</p>
                <h1>{name.clone()}</h1>
                {(other_name != name).then(|| view! { <p class="other-name" lang=lang.other().html_lang()>{other_name}</p> })}
                {(!place.is_empty()).then(|| view! { <p class="place">{place}</p> })}
                <p class="verification">{verified}</p>
            </header>
            {detail.is_demo.then(|| view! { <p class="notice">{t.org_demo_notice}</p> })}
            <p class="summary">{detail.description.get(lang).to_string()}</p>
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
            {detail.source.map(|s| view! { <p class="source muted">{t.source}": "{s}</p> })}
        </article>
    }
}
