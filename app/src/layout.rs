//! The frame around every page: header with search and language switch,
//! footer, and the error pages.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::error::AppError;
use crate::use_lang;

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let location = use_location();
    // Where to come back to after switching language.
    let switch_href = move || {
        // A language version's `hl=` would outrank the choice being made: it is left behind.
        let search = crate::i18n::query_without_lang(location.search.get().trim_start_matches('?'));
        let here = match search.as_str() {
            "" => location.pathname.get(),
            query => format!("{}?{query}", location.pathname.get()),
        };
        format!("/lang/{}?next={}", lang.other().code(), encode_component(&here))
    };
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                <span class="brand-name">{t.site_name}</span>
            </a>
            <nav class="site-nav" aria-label=t.site_name>
                <a href="/belts">{t.nav_belts}</a>
                <a href="/briefs">{t.nav_briefs}</a>
                <a href="/associations">{t.nav_associations}</a>
                <a href="/events">{t.nav_events}</a>
                <a href="/programs">{t.nav_programs}</a>
                <a href="/policies">{t.nav_policies}</a>
            </nav>
            // One search box at a time: the search page has its own, which searches as you type.
            {move || (location.pathname.get() != "/search").then(|| view! {
                <form class="header-search" method="get" action="/search" role="search">
                    <label class="visually-hidden" for="header-q">{t.search_label}</label>
                    <input id="header-q" type="search" name="q" placeholder=t.search_placeholder maxlength="200"/>
                    <button type="submit">{t.search_button}</button>
                </form>
            })}
            <crate::accounts::pages::OrganisationSwitcher/>
            <crate::inquiries::pages::InboxLink/>
            <crate::notifications::pages::NotificationsLink/>
            <crate::accounts::pages::UserMenu/>
            <a class="lang-switch" rel="external" hreflang=lang.other().html_lang() lang=lang.other().html_lang() href=switch_href>
                {t.switch_to_other_language}
            </a>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <footer class="site-footer">
            <p>{t.site_tagline}</p>
            <p class="muted">{t.footer_note}</p>
        </footer>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    crate::set_page_status(404);
    view! { <ErrorPage error=AppError::NotFound/> }
}

/// A full-page error with the right HTTP status; for a page that needs a
/// signed-in user, the offer to sign in and come back.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    if error == AppError::SignInRequired {
        return leptos::either::Either::Left(view! { <crate::accounts::pages::SignInRequired/> });
    }
    crate::set_page_status(error.status());
    let lang = use_lang();
    let t = lang.texts();
    let title = match error.status() {
        404 => t.not_found_title,
        400 => t.bad_request_title,
        _ => t.error_title,
    };
    leptos::either::Either::Right(view! {
        <Title text=title/>
        <section class="error-page">
            <p class="error-code">{error.status()}</p>
            <h1>{title}</h1>
            <p class="error-message">{error.message(lang)}</p>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    })
}

/// Percent-encodes a URL component (RFC 3986 unreserved characters stay).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A page's data loading, then `$view` with it bound to `$page`, or the error
/// page: `crate::loaded!(resource, page => view! { <Shown page/> })`.
#[macro_export]
macro_rules! loaded {
    ($resource:expr, $page:ident => $view:expr) => {{
        let lang = $crate::use_lang();
        leptos::prelude::view! {
            <leptos::prelude::Suspense fallback=move || leptos::prelude::view! { <p class="loading">{lang.texts().loading}</p> }>
                {move || leptos::prelude::Suspend::new(async move {
                    match $resource.await {
                        Ok($page) => leptos::either::Either::Left($view),
                        Err(error) => leptos::either::Either::Right(leptos::prelude::view! { <$crate::layout::ErrorPage error/> }),
                    }
                })}
            </leptos::prelude::Suspense>
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_paths_and_han() {
        assert_eq!(encode_component("/search?q=假"), "%2Fsearch%3Fq%3D%E5%81%87");
        assert_eq!(encode_component("a-b_c.d~"), "a-b_c.d~");
    }
}
