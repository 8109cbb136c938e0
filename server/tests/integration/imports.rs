//! Bulk onboarding: an association imports member manufacturers from CSV,
//! sees each bad row named, keeps the good ones, re-imports without
//! duplicates, and exports the same format.

use crate::common;

use std::time::{Duration, Instant};

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;

const ASSOCIATION: &str = "pingdu-lash-association";
const MEMBERS: &str = "/orgs/pingdu-lash-association/members";
const IMPORT: &str = "/orgs/pingdu-lash-association/members/import";

async fn association_admin(site: &Site) -> Browser {
    association(site, "qingdao@example.com", "Pingdu Lash Association", "pingdu-false-eyelashes").await
}

fn header() -> String {
    app::associations::member_csv::COLUMNS.join(",")
}

const SILK: &str = ",平度丝绸睫毛厂,Pingdu Silk Lashes,shandong,平度,Pingdu,pingdu-false-eyelashes,手工真丝睫毛,Handmade silk lashes,false-eyelashes,\"1,000\",pair,200000,pair,15,refundable,,bsci,,US;JP,oem;own_brand,amazon,zh;en,3000,Los Angeles,yes";
const MINK: &str =
    ",,Pingdu Mink Lashes,shandong,,Pingdu,pingdu-false-eyelashes,,Mink-effect lashes,false-eyelashes,500,pair,,,,,,,,DE,odm,,,,,no";

/// Uploads `csv` and follows the job until it ends; returns the job page's body.
async fn import(site: &Site, admin: &mut Browser, csv: &str) -> String {
    let page = admin.upload_file(MEMBERS, IMPORT, "file", ("members.csv", "text/csv", csv.as_bytes())).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let job_page = page.headers["location"].to_str().unwrap().to_string();
    assert!(job_page.starts_with(&format!("{IMPORT}/")), "{job_page}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = admin.get(&job_page).await;
        assert_eq!(page.status, StatusCode::OK);
        if !page.body.contains(r#"data-status="running""#) {
            drain_outbox(&site.db.db, &site.search).await;
            return without_markers(&page.body);
        }
        assert!(Instant::now() < deadline, "the import did not finish");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn figure(body: &str, class: &str) -> String {
    let start = body.find(&format!(r#"<dd class="{class}">"#)).unwrap_or_else(|| panic!("no {class} figure"));
    let rest = &body[start..];
    let value_start = rest.find('>').unwrap() + 1;
    let value_end = rest.find("</dd>").unwrap();
    rest[value_start..value_end].trim().to_string()
}

#[tokio::test]
async fn an_import_keeps_good_rows_names_bad_ones_and_a_reimport_updates() {
    let site = site().await;
    let mut admin = association_admin(&site).await;
    let template = admin.get(&format!("{MEMBERS}/template.csv")).await;
    assert_eq!(template.status, StatusCode::OK);
    assert_eq!(template.headers["content-type"], "text/csv; charset=utf-8");
    let lines: Vec<&str> = template.body.trim_start_matches('\u{feff}').trim().lines().collect();
    assert_eq!(lines[0], header(), "the template starts with the header row");
    assert!(
        lines[1].starts_with("# ") && lines[1].contains("平度假睫毛产业带") && lines[1].contains("山东"),
        "and an example in labels: {}",
        lines[1]
    );
    let allowed = admin.get(&format!("{MEMBERS}/allowed-values.csv")).await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert!(allowed.body.contains("province,shandong,山东,Shandong") && allowed.body.contains("export_markets,US,美国,United States"));
    let visitor = get(&site.router, &format!("{MEMBERS}/allowed-values.csv"), "en").await;
    assert_ne!(visitor.status, StatusCode::OK, "only for those who import");
    // The template as downloaded imports nothing: its only row is the example.
    let page = admin.upload_file(MEMBERS, IMPORT, "file", ("members.csv", "text/csv", template.body.as_bytes())).await;
    assert!(page.headers["location"].to_str().unwrap().contains("import_error=no_rows"), "{:?}", page.headers.get("location"));

    let bad_belt =
        SILK.replace("平度丝绸睫毛厂,Pingdu Silk Lashes", ",Miluo Rods").replace("pingdu-false-eyelashes", "miluo-fishing-tackle");
    let bad_moq = SILK.replace("平度丝绸睫毛厂,Pingdu Silk Lashes", ",Bad MOQ Lashes").replace("\"1,000\"", "lots");
    let csv = [header(), SILK.into(), bad_belt, MINK.into(), bad_moq].join("\n");
    let body = import(&site, &mut admin, &csv).await;
    assert!(body.contains(r#"data-status="finished""#));
    assert_eq!(figure(&body, "done"), "4 / 4");
    assert_eq!(figure(&body, "created"), "2");
    assert_eq!(figure(&body, "failed"), "2");
    assert!(
        body.contains(
            r#"<td>3</td><td><code>belt</code></td><td class="refused-value">miluo-fishing-tackle</td><td>Choose one of the options.</td>"#
        ),
        "line 3's belt is named, with what it held"
    );
    assert!(
        body.contains(r#"<td>5</td><td><code>moq_value</code></td><td class="refused-value">lots</td><td>Enter a whole number"#),
        "line 5's MOQ is named"
    );

    // The good rows are firms with profiles: published when asked, found by search.
    let mut visitor = Browser::new(&site.router, "10.0.0.7");
    let silk = visitor.get("/suppliers/pingdu-silk-lashes").await;
    assert_eq!(silk.status, StatusCode::OK);
    assert!(silk.body.contains("1,000 pairs") && silk.body.contains("Los Angeles"));
    assert_eq!(visitor.get("/suppliers/pingdu-mink-lashes").await.status, StatusCode::NOT_FOUND, "publish=no stays a draft");
    let hits: Vec<String> = common::search_hrefs(&site.search, "Handmade silk lashes").await;
    assert!(hits.contains(&"/suppliers/pingdu-silk-lashes".to_string()), "{hits:?}");
    let members = admin.get(MEMBERS).await;
    assert!(members.body.contains("Pingdu Silk Lashes") && members.body.contains("Pingdu Mink Lashes"));

    // The same file again, with one change: updates, no duplicates.
    let changed = SILK.replace("\"1,000\"", "800");
    let body = import(&site, &mut admin, &[header(), changed, MINK.into()].join("\n")).await;
    assert_eq!(figure(&body, "created"), "0");
    assert_eq!(figure(&body, "updated"), "2");
    assert!(visitor.get("/suppliers/pingdu-silk-lashes").await.body.contains("800 pairs"));
    let org_count =
        app::associations::repo::members(&site.db.db, app::read::organisation_by_slug(&site.db.db, ASSOCIATION).await.unwrap().id)
            .await
            .unwrap()
            .len();
    assert_eq!(org_count, 2);

    // The export reads back as the same members: importing it changes nothing but counts updates.
    let export = admin.get(&format!("{MEMBERS}.csv")).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.body.contains("pingdu-silk-lashes,平度丝绸睫毛厂,Pingdu Silk Lashes"), "{}", export.body);
    let body = import(&site, &mut admin, export.body.trim_start_matches('\u{feff}')).await;
    assert_eq!((figure(&body, "created"), figure(&body, "updated"), figure(&body, "failed")), ("0".into(), "2".into(), "0".into()));
    assert!(visitor.get("/suppliers/pingdu-silk-lashes").await.body.contains("800 pairs"));
}

#[tokio::test]
async fn a_file_that_cannot_be_read_is_refused_whole_with_a_reason() {
    let site = site().await;
    let mut admin = association_admin(&site).await;
    for (bytes, code, message) in [
        (b"name_zh,name_en\n1,2".to_vec(), "columns%3A", "These columns are missing: slug, province"),
        (header().into_bytes(), "no_rows", "The file has no rows below its header."),
        (vec![0xff, 0xfe, 0x00, 0x01, 0x80], "not_text", "Cannot read this"),
    ] {
        let page = admin.upload_file(MEMBERS, IMPORT, "file", ("members.csv", "text/csv", &bytes)).await;
        let location = page.headers["location"].to_str().unwrap().to_string();
        assert!(location.starts_with(&format!("{MEMBERS}?import_error={code}")), "{location}");
        let page = admin.get(&location).await;
        let error = page.body.find(r#"id="field-file-error""#).unwrap();
        assert!(page.body[error..].contains(message), "{message}");
    }
    // A GBK file, as spreadsheets in China save it, is read.
    let text = [header(), SILK.into()].join("\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let page = admin.upload_file(MEMBERS, IMPORT, "file", ("members.csv", "text/csv", &gbk)).await;
    assert!(page.headers["location"].to_str().unwrap().starts_with(&format!("{IMPORT}/")));
}

#[tokio::test]
async fn only_the_associations_people_import_or_export_its_members() {
    let site = site().await;
    let mut admin = association_admin(&site).await;
    import(&site, &mut admin, &[header(), SILK.into()].join("\n")).await;

    let mut other = association(&site, "hunan@example.com", "Miluo Tackle Association", "miluo-fishing-tackle").await;
    let csv = [header(), SILK.replace("Pingdu Silk Lashes", "Hijacked")].join("\n");
    assert_eq!(other.upload_file(MEMBERS, IMPORT, "file", ("m.csv", "text/csv", csv.as_bytes())).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other.get(&format!("{MEMBERS}.csv")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other.get(MEMBERS).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other.call("association_members", &[("slug", ASSOCIATION)]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other.call("import_job", &[("slug", ASSOCIATION), ("id", "1")]).await.status, StatusCode::FORBIDDEN);
    // Its own association's slug cannot reach the other's job.
    assert_eq!(other.call("import_job", &[("slug", "miluo-tackle-association"), ("id", "1")]).await.status, StatusCode::NOT_FOUND);

    let mut maker = user(&site, "maker@example.com", Role::Manufacturer).await;
    maker.call("create_organisation", &org_fields("manufacturer", "Some Lashes", "pingdu-false-eyelashes")).await;
    assert_eq!(maker.get("/orgs/some-lashes/members.csv").await.status, StatusCode::NOT_FOUND, "not an association");

    let mut stranger = Browser::new(&site.router, "10.0.0.8");
    let page = stranger.upload_file(MEMBERS, IMPORT, "file", ("m.csv", "text/csv", csv.as_bytes())).await;
    assert!(page.headers["location"].to_str().unwrap().starts_with("/signin?next="));
    assert!(!visitor_sees(&site, "Hijacked").await);
}

async fn visitor_sees(site: &Site, text: &str) -> bool {
    Browser::new(&site.router, "10.0.0.7").get("/suppliers/pingdu-silk-lashes").await.body.contains(text)
}

#[tokio::test]
async fn nobody_verifies_a_firm_they_imported() {
    let site = site().await;
    let mut admin = association_admin(&site).await;
    import(&site, &mut admin, &[header(), SILK.into()].join("\n")).await;
    let verify = [("slug", "pingdu-silk-lashes"), ("evidence", "We know them")];
    assert_eq!(admin.call("verify_organisation", &verify).await.status, StatusCode::FORBIDDEN, "the importer");
    let fields = [("slug", "pingdu-silk-lashes"), ("fields[]", "moq"), ("evidence", "We know them")];
    assert_eq!(admin.call("verify_supply_profile", &fields).await.status, StatusCode::FORBIDDEN, "the importer");
    assert!(!admin.get("/orgs/pingdu-silk-lashes").await.body.contains("Verify this organisation"));

    // Another approved association of the same belt may.
    let mut other = association(&site, "jiaozhou@example.com", "Jiaozhou Trade Association", "pingdu-false-eyelashes").await;
    assert_eq!(other.call("verify_organisation", &verify).await.status, StatusCode::OK);
}

#[tokio::test]
async fn one_import_at_a_time_and_a_bounded_number_of_rows_an_hour() {
    // On PostgreSQL too, where the check holds a lock on the association's row.
    for site in sites().await {
        one_import_at_a_time(&site).await;
    }
}

async fn one_import_at_a_time(site: &Site) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let mut admin = association_admin(site).await;
    let association = app::read::organisation_by_slug(&site.db.db, ASSOCIATION).await.unwrap();
    let refused = |page: &Page| page.headers["location"].to_str().unwrap().rsplit("import_error=").next().unwrap().to_string();

    // While one import runs, another is refused with a message.
    let running = app::entities::import_job::ActiveModel {
        association_id: Set(association.id),
        user_id: Set(1),
        status: Set("running".into()),
        total_rows: Set(10),
        done_rows: Set(3),
        created: Set(0),
        updated: Set(0),
        failed: Set(0),
        problems: Set("[]".into()),
        created_at: Set(chrono::Utc::now()),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(&site.db.db)
    .await
    .unwrap();
    let csv = [header(), SILK.into()].join("\n");
    let page = admin.upload_file(MEMBERS, IMPORT, "file", ("m.csv", "text/csv", csv.as_bytes())).await;
    assert_eq!(refused(&page), "running");
    assert!(admin.get(&format!("{MEMBERS}?import_error=running")).await.body.contains("still running"));
    let mut finished: app::entities::import_job::ActiveModel = running.into();
    finished.status = Set("finished".into());
    finished.update(&site.db.db).await.unwrap();

    // Rows an hour: two full files (refused rows count too), then not one more.
    let bad_row = ",,Nowhere Lashes,,,,no-such-belt,,Lashes,false-eyelashes,,,,,,,,,,,,,,,,no";
    let full = std::iter::once(header()).chain(std::iter::repeat_n(bad_row.to_string(), 4995)).collect::<Vec<_>>().join("\n");
    for _ in 0..2 {
        import(site, &mut admin, &full).await;
    }
    let page = admin.upload_file(MEMBERS, IMPORT, "file", ("m.csv", "text/csv", csv.as_bytes())).await;
    assert_eq!(refused(&page), "hourly_limit");
}
