//! The browser entry point: hydrates the server-rendered page.

use app::i18n::Lang;
use app::App;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The server chose the language and wrote it on <html lang>; hydrate with the same one.
    let html = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    let lang = html.as_ref().and_then(|html| html.get_attribute("lang")).and_then(|code| Lang::from_code(&code)).unwrap_or_default();
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    // Pages are lazy-loaded wasm chunks, so hydration waits for the page's chunk.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async move {
        let owner = leptos::mount::hydrate_from_async(body, move || leptos::view! { <App lang/> }).await;
        owner.forget();
        // Lets browser tests (and curious people) see that the page is live.
        if let Some(html) = html {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
}
