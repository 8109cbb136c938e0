//! The Chinese interface is all Chinese: every page in the sitemap, and the
//! pages of a signed-in manufacturer and a site admin, rendered in Chinese
//! show no English words of the interface. What may stay Latin is the names
//! of brands, standards and codes that Chinese writing keeps in Latin letters,
//! and what people typed.

use crate::common;

use app::accounts::types::Role;
use common::*;

/// Latin words a Chinese page may carry: brands, standards, units and codes
/// written in Latin letters in Chinese too, and this test's own data.
const KEPT_IN_LATIN: &[&str] = &[
    // Brands, platforms and products.
    "Beltlink",
    "Amazon",
    "TikTok",
    "Shop",
    "SHEIN",
    "Alibaba",
    "com",
    "Temu",
    "Meilisearch",
    "SMTP",
    "Chromium",
    "Shopee",
    "Lazada",
    "eBay",
    "Sedex",
    // Standards, certifications and trade terms.
    "BSCI",
    "FDA",
    "CE",
    "ISO",
    "GOTS",
    "OEKO",
    "TEX",
    "REACH",
    "RoHS",
    "FSC",
    "SGS",
    "FCC",
    "GMP",
    "SMETA",
    "UKCA",
    "TIR",
    "MOQ",
    "OEM",
    "ODM",
    "CSV",
    "UTC",
    "QR",
    "PNG",
    "JPEG",
    "WebP",
    "MB",
    "KB",
    "px",
    "GB",
    "HTTP",
    "URL",
    "ID",
    "PDF",
    "USB",
    "LED",
    // Country codes in examples of what to type.
    "US",
    "JP",
    "DE",
    // What people typed: the test's own names and query, and a free-text
    // field of the demo data (an overseas warehouse in "美国 United States").
    "Jiamei",
    "example",
    "maker",
    "admin",
    "xyzzy",
    "United",
    "States",
];

#[tokio::test]
async fn the_chinese_interface_has_no_english_left_in_it() {
    let site = site().await;
    let mut maker = user(&site, "maker@example.com", Role::Manufacturer).await;
    maker.lang = "zh-CN";
    confirm_address(&site, "maker@example.com").await;
    let fields = [
        ("kind", "manufacturer"),
        ("name_zh", "平度佳美假睫毛"),
        ("name_en", ""),
        ("description_zh", "出口磁吸假睫毛。"),
        ("description_en", ""),
        ("province", "shandong"),
        ("city_zh", "平度"),
        ("city_en", ""),
        ("belts[0]", "pingdu-false-eyelashes"),
    ];
    let slug = created_slug(&maker.call("create_organisation", &fields).await);
    maker.call("invite_teammate", &[("slug", &slug), ("email", "li@example.com"), ("role", "viewer")]).await;
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    admin.lang = "zh-CN";
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;
    scout.lang = "zh-CN";
    let platform_fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|&(k, v)| match k {
            "kind" => (k, "platform"),
            "name_zh" => (k, "跨境选品平台"),
            _ => (k, v),
        })
        .collect();
    created_slug(&scout.call("create_organisation", &platform_fields).await);
    let mut visitor = Browser::new(&site.router, "10.9.9.9");
    visitor.lang = "zh-CN";

    let sitemap = visitor.get("/sitemap.xml").await.body;
    let mut public: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .map(|url| url.split_once("://").map_or(url, |(_, rest)| &rest[rest.find('/').unwrap_or(rest.len())..]).to_string())
        .collect();
    public.extend(["/signin", "/signup", "/forgot-password", "/search?q=假睫毛", "/search?q=xyzzy", "/no-such-page"].map(String::from));
    let own = ["/account", "/notifications", "/orgs/new", "/edit", "/team", "/profile"].map(|path| {
        if path.starts_with("/orgs") || path == "/account" || path == "/notifications" {
            path.to_string()
        } else {
            format!("/orgs/{slug}{path}")
        }
    });
    let admins = ["/admin", "/admin/approvals", "/admin/moderation", "/admin/audit", "/admin/mail", "/admin/search"];
    let scouts = ["/briefs", "/briefs/new"];

    let visits: Vec<(usize, String)> = public
        .into_iter()
        .map(|p| (0, p))
        .chain(own.into_iter().map(|p| (1, p)))
        .chain(["/briefs".to_string()].into_iter().map(|p| (1, p)))
        .chain(scouts.iter().map(|p| (3, p.to_string())))
        .chain(admins.iter().map(|p| (2, p.to_string())))
        .collect();
    let mut browsers = [visitor, maker, admin, scout];
    let mut english = std::collections::BTreeMap::<String, Vec<String>>::new();
    for (who, path) in visits {
        let page = browsers[who].get(&path).await;
        let expected = if path == "/no-such-page" { 404 } else { 200 };
        assert_eq!(page.status.as_u16(), expected, "{path}: {}", page.body);
        for (word, context) in latin_words_shown(&page.body) {
            if !KEPT_IN_LATIN.iter().any(|kept| kept.eq_ignore_ascii_case(&word)) {
                english.entry(word).or_default().push(format!("{path} «{}»", context.trim()));
            }
        }
    }
    let report: Vec<String> = english.iter().map(|(word, pages)| format!("{word}: {}", pages[..pages.len().min(2)].join(" | "))).collect();
    assert!(report.is_empty(), "English words in the Chinese interface:\n{}", report.join("\n"));
}

/// The Latin words (two letters or more) a reader sees on a page: text in the
/// body outside scripts, and the attributes read aloud or shown.
fn latin_words_shown(html: &str) -> Vec<(String, String)> {
    let document = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    let mut pieces: Vec<String> = Vec::new();
    for node in document.select(&body).next().into_iter().flat_map(|b| b.descendants()) {
        if let Some(piece) = node.value().as_text() {
            // Scripts are not read; text marked as another language (an English
            // name beside the Chinese one, the language switch) is meant to be.
            let hidden = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    matches!(e.name(), "script" | "style" | "template" | "noscript") || e.attr("lang").is_some_and(|l| !l.starts_with("zh"))
                })
            });
            if !hidden {
                pieces.push(piece.to_string());
            }
        }
        if let Some(element) = node.value().as_element() {
            for attribute in ["placeholder", "title", "aria-label", "alt"] {
                if let Some(value) = element.attr(attribute) {
                    pieces.push(value.to_string());
                }
            }
            if element.name() == "input" && matches!(element.attr("type"), Some("submit" | "button")) {
                pieces.push(element.attr("value").unwrap_or_default().to_string());
            }
        }
    }
    // Addresses and e-mail addresses are not words of the interface.
    let mut words = Vec::new();
    for piece in &pieces {
        let tokens = piece.split_whitespace().filter(|token| !token.contains('@') && !token.contains('/') && !token.contains('='));
        for word in tokens.flat_map(|token| token.split(|c: char| !c.is_ascii_alphabetic())).filter(|word| word.len() >= 2) {
            words.push((word.to_string(), piece.chars().take(90).collect()));
        }
    }
    words
}
