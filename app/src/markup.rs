//! Text in the few places where Leptos writes it into HTML unescaped: the
//! document `<title>` (leptos_meta) and `<textarea>` children (tachys treats
//! them as raw text). Every such place goes through [`raw_text`], so user
//! text can never close the element and start markup of its own.

/// `text` with the characters that HTML gives meaning to written as entities.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text for a raw-text position. The server writes it into the HTML, so it
/// is escaped there (the browser's parser decodes the entities again); the
/// browser sets it as a DOM value, which is never parsed, so it stays as is.
pub fn raw_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        escape_html(&text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape_html(r#"</title><script>alert("x")</script> & 'y'"#),
            "&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape_html("平度假睫毛"), "平度假睫毛");
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_holds_no_markup(s in ".{0,200}") {
            let escaped = escape_html(&s);
            proptest::prop_assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('"'));
        }
    }
}
