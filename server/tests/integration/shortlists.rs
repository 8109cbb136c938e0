//! Shortlists: a scout keeps named lists of suppliers with a stage and a note
//! each, exports them as formula-safe CSV and prints them; nobody else reads
//! or changes them.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

async fn listed_firm(site: &Site, email: &str, name: &str) -> String {
    let (mut owner, slug) = firm(site, email, name).await;
    assert_eq!(owner.call("save_supply_profile", &minimal_profile(&slug, "Strip lashes")).await.status, StatusCode::OK);
    let page = owner.call("set_supply_profile_status", &[("slug", &slug), ("action", "publish")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    slug
}

/// Adds `supplier` to list `shortlist` (an id, or `new` with `new_name`); the list's id.
async fn add(browser: &mut Browser, supplier: &str, shortlist: &str, new_name: &str) -> i32 {
    let page = browser
        .call("add_to_shortlist", &[("supplier", supplier), ("shortlist", shortlist), ("new_name", new_name), ("back", "/briefs")])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let location = page.headers["location"].to_str().unwrap();
    assert!(location.contains(&format!("?added={supplier}&back=%2Fbriefs")), "{location}");
    location.trim_start_matches("/shortlists/").split('?').next().unwrap().parse().unwrap()
}

fn problem(page: &Page, field: &str) -> Problem {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    let AppError::Invalid(errors) = app_error(page) else { panic!("{}", page.body) };
    errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem on {field}: {errors:?}"))
}

#[tokio::test]
async fn a_scout_keeps_a_shortlist_with_stages_and_notes_and_takes_it_away_as_csv_and_on_paper() {
    let site = site().await;
    let alpha = listed_firm(&site, "alpha@example.com", "Alpha Lashes").await;
    let beta = listed_firm(&site, "beta@example.com", "Beta Lashes").await;
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;

    // From a supplier's page to a new list, then a second supplier onto it.
    assert!(scout.get(&format!("/suppliers/{alpha}")).await.body.contains(&format!("/shortlists/add?supplier={alpha}")));
    let picker = scout.get(&format!("/shortlists/add?supplier={alpha}&back=/briefs")).await;
    assert_eq!(picker.status, StatusCode::OK);
    assert!(picker.body.contains("Add Alpha Lashes to a shortlist") && picker.body.contains(r#"value="new""#));
    let refused = scout.call("add_to_shortlist", &[("supplier", &alpha), ("shortlist", "new"), ("new_name", " ")]).await;
    assert_eq!(problem(&refused, "new_name"), Problem::Required);
    let id = add(&mut scout, &alpha, "new", "US lash makers").await;
    assert_eq!(add(&mut scout, &beta, &id.to_string(), "").await, id);
    assert_eq!(add(&mut scout, &beta, &id.to_string(), "").await, id, "adding twice keeps one");
    let picker = scout.get(&format!("/shortlists/add?supplier={beta}")).await;
    assert!(picker.body.contains("US lash makers (on it already)"));

    let page = scout.get(&format!("/shortlists/{id}?added={beta}&back=%2Fbriefs")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Added to the list: Beta Lashes") && page.body.contains(r#"href="/briefs""#));
    assert_eq!(page.body.matches("class=\"shortlist-entry\"").count(), 2);
    let lists = scout.get("/shortlists").await;
    assert!(lists.body.contains("US lash makers") && lists.body.contains("2 suppliers"));

    // A stage and a note per supplier; a note a spreadsheet would run stays text.
    let note = "=HYPERLINK(\"http://evil.example\",\"click\")\nSamples by Friday";
    let id_text = id.to_string();
    let page =
        scout.call("update_shortlist_entry", &[("id", &id_text), ("supplier", &alpha), ("status", "sampling"), ("note", note)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let long = "x".repeat(2_001);
    let refused =
        scout.call("update_shortlist_entry", &[("id", &id_text), ("supplier", &alpha), ("status", "approved"), ("note", &long)]).await;
    assert_eq!(problem(&refused, "note"), Problem::TooLong { max: 2_000 });
    let refused = scout.call("update_shortlist_entry", &[("id", &id_text), ("supplier", &alpha), ("status", "hired"), ("note", "")]).await;
    assert_eq!(problem(&refused, "status"), Problem::NotAChoice);
    let page = scout.get(&format!("/shortlists/{id}")).await;
    assert!(page.body.contains(r#"<option value="sampling" selected"#), "{}", main_of(&page));
    assert!(page.body.contains("Samples by Friday"));

    // CSV in the reader's language, with a byte order mark, every formula neutralised.
    let csv = scout.get(&format!("/shortlists/{id}/export.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.body.starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["Firm", "Place", "Categories", "Status", "Note", "Added", "Page"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "Alpha Lashes");
    assert_eq!(&rows[0][3], "Sampling");
    assert_eq!(&rows[0][4], format!("'{note}"), "the formula is text");
    assert!(rows[0][6].ends_with(&format!("/suppliers/{alpha}")) && rows[0][6].starts_with("http"));
    for row in &rows {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }
    scout.lang = "zh-CN";
    let zh = scout.get(&format!("/shortlists/{id}/export.csv")).await;
    assert!(zh.body.contains("企业,地点,品类,状态,备注,加入日期,页面") && zh.body.contains("打样中"));
    // The printable page: a table, no forms.
    let print = scout.get(&format!("/shortlists/{id}/print")).await;
    assert!(print.body.contains("print-table") && print.body.contains("打样中") && !print.body.contains("<textarea"));
    scout.lang = "en";

    // Remove, rename, delete.
    assert_eq!(scout.call("remove_from_shortlist", &[("id", &id_text), ("supplier", &beta)]).await.status, StatusCode::OK);
    assert_eq!(scout.get(&format!("/shortlists/{id}")).await.body.matches("class=\"shortlist-entry\"").count(), 1);
    assert_eq!(problem(&scout.call("rename_shortlist", &[("id", &id_text), ("name", "")]).await, "name"), Problem::Required);
    assert_eq!(scout.call("rename_shortlist", &[("id", &id_text), ("name", "Approved lash makers")]).await.status, StatusCode::OK);
    assert!(scout.get("/shortlists").await.body.contains("Approved lash makers"));
    let page = scout.call("delete_shortlist", &[("id", &id_text)]).await;
    assert_eq!(page.headers["location"], "/shortlists?deleted=1");
    assert_eq!(scout.get(&format!("/shortlists/{id}")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_shortlist_is_its_keepers_alone() {
    let site = site().await;
    let alpha = listed_firm(&site, "alpha@example.com", "Alpha Lashes").await;
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;
    let id = add(&mut scout, &alpha, "new", "Private picks").await;
    let id_text = id.to_string();
    let mut other_scout = user(&site, "other@example.com", Role::PlatformScout).await;
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    let (mut maker, _) = firm(&site, "maker@example.com", "Maker Lashes").await;

    for (who, browser) in [("another scout", &mut other_scout), ("site admin", &mut admin), ("the listed firm's owner", &mut maker)] {
        assert_eq!(browser.get(&format!("/shortlists/{id}")).await.status, StatusCode::NOT_FOUND, "{who}");
        assert_eq!(browser.get(&format!("/shortlists/{id}/print")).await.status, StatusCode::NOT_FOUND, "{who}");
        assert_eq!(browser.get(&format!("/shortlists/{id}/export.csv")).await.status, StatusCode::NOT_FOUND, "{who}");
        for (function, fields) in [
            ("load_shortlist", vec![("id", id_text.as_str())]),
            ("rename_shortlist", vec![("id", id_text.as_str()), ("name", "Mine now")]),
            ("delete_shortlist", vec![("id", id_text.as_str())]),
            ("remove_from_shortlist", vec![("id", id_text.as_str()), ("supplier", alpha.as_str())]),
            ("update_shortlist_entry", vec![("id", id_text.as_str()), ("supplier", alpha.as_str()), ("status", "rejected"), ("note", "")]),
        ] {
            assert_eq!(browser.call(function, &fields).await.status, StatusCode::NOT_FOUND, "{who}: {function}");
        }
        let page = browser.call("add_to_shortlist", &[("supplier", &alpha), ("shortlist", &id_text), ("new_name", "")]).await;
        assert_eq!(problem(&page, "shortlist"), Problem::NotAChoice, "{who} adding to it");
        assert!(!browser.get("/shortlists").await.body.contains("Private picks"), "{who}");
    }
    let mut visitor = Browser::new(&site.router, "10.0.0.12");
    assert_eq!(visitor.get("/shortlists").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.get(&format!("/shortlists/{id}")).await.status, StatusCode::UNAUTHORIZED);
    let csv = visitor.get(&format!("/shortlists/{id}/export.csv")).await;
    assert_eq!(csv.headers["location"], format!("/signin?next=%2Fshortlists%2F{id}"), "signed out: sign in, then back");
    assert_eq!(visitor.call("load_shortlist", &[("id", &id_text)]).await.status, StatusCode::UNAUTHORIZED);
    // Nothing changed for the keeper.
    let page = scout.get(&format!("/shortlists/{id}")).await;
    assert!(page.body.contains("Private picks") && page.body.contains("Alpha Lashes"));
    // Only listed suppliers go on a list.
    let (_, unpublished) = firm(&site, "quiet@example.com", "Quiet Lashes").await;
    assert_eq!(scout.call("add_to_shortlist", &[("supplier", &unpublished), ("shortlist", &id_text)]).await.status, StatusCode::NOT_FOUND);
}
