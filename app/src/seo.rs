//! What general web search reads from a page besides its text: a short
//! description, and structured data (schema.org) naming the belt or the
//! organisation. The canonical address and the language alternates are
//! written by the server's document shell (`lib.rs`), which knows the site's
//! public address.

use leptos::prelude::*;
use leptos_meta::Meta;

/// The most characters a description keeps (search engines show about this many).
pub const DESCRIPTION_MAX: usize = 155;

/// `text` as one line of at most [`DESCRIPTION_MAX`] characters, cut at a
/// word (or, in Chinese, anywhere) with an ellipsis.
pub fn description(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= DESCRIPTION_MAX {
        return line;
    }
    let cut: String = line.chars().take(DESCRIPTION_MAX - 1).collect();
    // Latin text is cut at its last space, if one is not far back.
    let cut = match cut.rfind(' ') {
        Some(space) if cut.len() - space < 30 && cut.is_ascii() => cut[..space].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', '，', '、', ';', '；', ' ']))
}

/// JSON for a `<script type="application/ld+json">`: with `<`, `>` and `&`
/// escaped, so no text in it can end the script element early.
pub fn json_ld(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The page's description for web search.
#[component]
pub fn Description(text: String) -> impl IntoView {
    view! { <Meta name="description" content=description(&text)/> }
}

/// A schema.org description of what the page is about. Carries the page's
/// nonce like every other script, although browsers never run it.
#[component]
pub fn StructuredData(data: serde_json::Value) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="application/ld+json" nonce=nonce inner_html=json_ld(&data)></script> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn descriptions_are_one_short_line() {
        assert_eq!(description("  Pingdu\n makes   lashes. "), "Pingdu makes lashes.");
        let long = "word ".repeat(60);
        let short = description(&long);
        assert!(short.chars().count() <= DESCRIPTION_MAX && short.ends_with("word…"), "{short}");
        let chinese = "平度假睫毛".repeat(40);
        assert_eq!(description(&chinese).chars().count(), DESCRIPTION_MAX);
    }

    #[test]
    fn structured_data_cannot_end_its_script() {
        let data = serde_json::json!({ "name": "</script><script>alert(1)</script> & co" });
        let text = json_ld(&data);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), data, "still the same JSON");
    }

    proptest! {
        #[test]
        fn descriptions_never_run_long(text in "\\PC{0,400}") {
            prop_assert!(description(&text).chars().count() <= DESCRIPTION_MAX);
        }
    }
}
