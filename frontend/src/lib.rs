//! The browser entry point: hydrates the server-rendered page.

use app::clock::{ViewerZone, ZONE_COOKIE};
use app::i18n::Lang;
use app::App;
use wasm_bindgen::JsCast;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The server chose the language and wrote it on <html lang>; hydrate with the same one.
    let html = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    let lang = html.as_ref().and_then(|html| html.get_attribute("lang")).and_then(|code| Lang::from_code(&code)).unwrap_or_default();
    // Times are rendered in the zone the server used, which it wrote on <html data-tz>.
    let shown_zone = html.as_ref().and_then(|html| html.get_attribute("data-tz"));
    let zone = shown_zone.as_deref().map(ViewerZone::known).unwrap_or_default();
    remember_browser_zone(shown_zone.as_deref());
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    // Pages are lazy-loaded wasm chunks, so hydration waits for the page's chunk.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async move {
        let owner = leptos::mount::hydrate_from_async(body, move || leptos::view! { <App lang zone=zone.clone()/> }).await;
        owner.forget();
        // Lets browser tests (and curious people) see that the page is live.
        if let Some(html) = html {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
}

/// Tells the server the browser's time zone (a cookie), so pages from the
/// next one on show times on the viewer's own clock.
fn remember_browser_zone(shown_zone: Option<&str>) {
    let intl = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = intl.resolved_options();
    let Some(browser_zone) = js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|z| z.as_string()) else {
        return;
    };
    if Some(browser_zone.as_str()) == shown_zone || ViewerZone::known(&browser_zone).name() != browser_zone {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) else {
        return;
    };
    let _ = document.set_cookie(&format!("{ZONE_COOKIE}={browser_zone}; path=/; max-age=31536000; samesite=lax"));
}
