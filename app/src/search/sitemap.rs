//! `/sitemap.xml`: every public page, so belts and suppliers can be found
//! from general web search. Public means searchable: the pages are those of
//! the documents a full reindex writes (`document::AllDocuments`), which is
//! the one place that decides what is public.

use std::collections::BTreeMap;

use sea_orm::ConnectionTrait;

use crate::error::AppError;
use crate::search::document::AllDocuments;

/// A sitemap file holds at most this many addresses (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

/// The pages every visitor starts from.
const ENTRY_PAGES: [&str; 3] = ["/", "/belts", "/search"];

/// The sitemap, with absolute addresses made by `absolute` and each page's
/// last change as its `lastmod`.
///
/// # Errors
/// On a database failure.
pub async fn sitemap<C: ConnectionTrait>(db: &C, absolute: impl Fn(&str) -> String) -> Result<String, AppError> {
    // Page → its newest change (an organisation's offerings share its page).
    let mut pages: BTreeMap<String, i64> = BTreeMap::new();
    let mut documents = AllDocuments::new(db, 500);
    while let Some(page) = documents.next_page().await? {
        for doc in page {
            let updated = doc.updated_at;
            let href = crate::search::results::href_of(doc);
            let path = href.split('#').next().unwrap_or(&href).to_string();
            let newest = pages.entry(path).or_insert(updated);
            *newest = (*newest).max(updated);
        }
        if pages.len() >= MAX_URLS {
            break;
        }
    }
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let entries = ENTRY_PAGES.iter().map(|p| (p.to_string(), None)).chain(pages.into_iter().map(|(p, at)| (p, Some(at))));
    for (path, updated) in entries.take(MAX_URLS) {
        xml.push_str("<url><loc>");
        xml.push_str(&crate::markup::escape_html(&absolute(&path)));
        xml.push_str("</loc>");
        if let Some(at) = updated.and_then(|s| chrono::DateTime::from_timestamp(s, 0)) {
            xml.push_str(&format!("<lastmod>{}</lastmod>", at.format("%Y-%m-%d")));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

/// `/robots.txt`: everything public may be crawled; accounts, admin pages and
/// the API may not; the sitemap is named.
pub fn robots(absolute: impl Fn(&str) -> String) -> String {
    let private =
        ["/account", "/admin", "/api/", "/notifications", "/signin", "/signup", "/forgot-password", "/reset-password", "/confirm-email"];
    let mut text = String::from("User-agent: *\n");
    for path in private {
        text.push_str(&format!("Disallow: {path}\n"));
    }
    text.push_str(&format!("\nSitemap: {}\n", absolute("/sitemap.xml")));
    text
}
