//! Belt dashboards: a belt's published suppliers counted by category,
//! certification, capacity, market, verification and reply time, as SVG
//! charts with the same numbers in tables, for everyone, in both languages.

use crate::common;

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;
use scraper::{Html, Selector};

const FLOATS: &str = "linxiang-fishing-floats";

/// A manufacturer in the floats belt with a published profile holding `extra`.
async fn floats_maker(site: &Site, email: &str, name: &str, extra: &[(&'static str, &'static str)]) -> (Browser, String) {
    let mut owner = user(site, email, Role::Manufacturer).await;
    let slug = created_slug(&owner.call("create_organisation", &org_fields("manufacturer", name, FLOATS)).await);
    let mut profile: Vec<(&str, &str)> =
        minimal_profile(&slug, "Balsa floats").into_iter().filter(|(k, _)| !extra.iter().any(|(e, _)| e == k)).collect();
    profile.retain(|(k, _)| *k != "categories[]");
    profile.push(("categories[]", "fishing-tackle"));
    profile.extend_from_slice(extra);
    let page = owner.call("save_supply_profile", &profile).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(owner.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await.status, StatusCode::OK);
    (owner, slug)
}

/// Each table's rows as (label, count), by the breakdown's key.
fn table(body: &str, key: &str) -> Vec<(String, String)> {
    let document = Html::parse_document(body);
    let rows = Selector::parse(&format!("section#{key} table tbody tr")).unwrap();
    let cell = Selector::parse("th, td").unwrap();
    document
        .select(&rows)
        .map(|row| {
            let cells: Vec<String> = row.select(&cell).map(|c| c.text().collect::<String>()).collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect()
}

#[tokio::test]
async fn a_belt_dashboard_counts_its_suppliers_in_charts_and_tables() {
    let site = site().await;
    floats_maker(
        &site,
        "one@example.com",
        "Linxiang Floats One",
        &[("certifications[]", "bsci"), ("capacity_value", "50000"), ("capacity_unit", "piece"), ("export_markets", "US, JP")],
    )
    .await;
    let (_, second) = floats_maker(
        &site,
        "two@example.com",
        "Linxiang Floats Two",
        &[("capacity_value", "5,000"), ("capacity_unit", "piece"), ("export_markets", "US")],
    )
    .await;
    // A firm of another belt is not counted.
    let (mut other, other_slug) = firm(&site, "other@example.com", "Pingdu Lashes").await;
    assert_eq!(other.call("save_supply_profile", &minimal_profile(&other_slug, "Lashes")).await.status, StatusCode::OK);
    assert_eq!(other.call("set_supply_profile_status", &[("slug", &other_slug), ("action", "publish")]).await.status, StatusCode::OK);
    drain_outbox(&site.db.db, &site.search).await;

    let mut visitor = Browser::new(&site.router, "10.9.0.7");
    let page = visitor.get(&format!("/belts/{FLOATS}/dashboard")).await;
    assert_eq!(page.status, StatusCode::OK);
    let main = main_of(&page);
    assert!(main.contains("2 suppliers with a published profile"), "{main}");
    assert_eq!(table(&page.body, "categories"), vec![("Fishing tackle".to_string(), "2".to_string())]);
    assert_eq!(table(&page.body, "certifications"), vec![("BSCI".into(), "1".into()), ("None listed".into(), "1".into())]);
    assert_eq!(
        table(&page.body, "capacity"),
        vec![("Under 10,000 pieces a month".into(), "1".into()), ("10,000–99,999 pieces a month".into(), "1".into())]
    );
    assert_eq!(table(&page.body, "markets"), vec![("United States".into(), "2".into()), ("Japan".into(), "1".into())]);
    assert_eq!(table(&page.body, "verification"), vec![("Self-declared only".into(), "2".into())]);
    assert_eq!(table(&page.body, "replies"), vec![("No inquiries in 90 days".into(), "2".into())]);
    // Each chart is SVG drawn on the server, beside its table.
    let document = Html::parse_document(&page.body);
    let charts = document.select(&Selector::parse(".chart[role=img] svg").unwrap()).count();
    assert_eq!(charts, 6, "one chart per breakdown");
    assert!(page.body.contains("Fishing tackle</text>") || page.body.contains(">Fishing tackle"), "labels are text in the SVG");
    assert!(main.contains(&format!("/belts/{FLOATS}")), "back to the belt");
    assert!(
        visitor.get(&format!("/belts/{FLOATS}")).await.body.contains(&format!("/belts/{FLOATS}/dashboard")),
        "the belt page links here"
    );

    // In Chinese, charts and tables speak Chinese.
    let zh = get(&site.router, &format!("/belts/{FLOATS}/dashboard"), "zh-CN").await;
    assert!(main_of(&zh).contains("产业带看板") && zh.body.contains("美国"), "{}", main_of(&zh));

    // A verification shows once the change is seen; signed-in people see the same.
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let page = admin.call("verify_organisation", &[("slug", &second), ("evidence", "Business licence seen")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    drain_outbox(&site.db.db, &site.search).await;
    let page = admin.get(&format!("/belts/{FLOATS}/dashboard")).await;
    assert_eq!(
        table(&page.body, "verification"),
        vec![("Organisation verified only".into(), "1".into()), ("Self-declared only".into(), "1".into())]
    );

    assert_eq!(visitor.get("/belts/no-such-belt/dashboard").await.status, StatusCode::NOT_FOUND);
}
