//! Attacks over HTTP against the real server: slow and greedy connections,
//! redirects that would leave the site, formulas in spreadsheet exports.

use crate::common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;

/// The real accept loop on a free port, with `limits`; the address it listens on.
async fn listening(site: &Site, limits: server::serve::Limits) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = site.router.clone();
    tokio::spawn(server::serve::serve(listener, router, limits, std::future::pending()));
    addr
}

/// Blocks until the server closes `stream` (true) or `limit` passes (false).
fn closed_within(mut stream: std::net::TcpStream, limit: Duration) -> bool {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 4096];
    let started = Instant::now();
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return started.elapsed() < limit,
        }
    }
}

#[tokio::test]
async fn half_sent_requests_and_idle_connections_are_closed_within_seconds() {
    let site = site().await;
    let limits = server::serve::Limits { header_read: Duration::from_secs(2), ..Default::default() };
    let addr = listening(&site, limits).await;
    let outcome = tokio::task::spawn_blocking(move || {
        let mut half = std::net::TcpStream::connect(addr).unwrap();
        half.write_all(b"GET /belts HT").unwrap();
        let half_closed = closed_within(half, Duration::from_secs(6));

        // A whole request is answered; the connection, left idle, is closed too.
        let mut whole = std::net::TcpStream::connect(addr).unwrap();
        whole.write_all(b"GET /healthz HTTP/1.1\r\nHost: beltlink.test\r\n\r\n").unwrap();
        whole.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut first = [0u8; 12];
        whole.read_exact(&mut first).unwrap();
        let answered = first.starts_with(b"HTTP/1.1");
        (half_closed, answered, closed_within(whole, Duration::from_secs(6)))
    })
    .await
    .unwrap();
    assert_eq!(outcome, (true, true, true), "(half request closed, whole answered, idle closed)");
}

#[tokio::test]
async fn past_the_connection_limit_new_connections_are_closed_at_once() {
    let site = site().await;
    let limits = server::serve::Limits { connections: 2, header_read: Duration::from_secs(30), ..Default::default() };
    let addr = listening(&site, limits).await;
    let closed = tokio::task::spawn_blocking(move || {
        let held: Vec<_> = (0..2).map(|_| std::net::TcpStream::connect(addr).unwrap()).collect();
        std::thread::sleep(Duration::from_millis(200));
        let third = std::net::TcpStream::connect(addr).unwrap();
        let closed = closed_within(third, Duration::from_secs(2));
        drop(held);
        closed
    })
    .await
    .unwrap();
    assert!(closed);
}

#[tokio::test]
async fn redirects_never_leave_the_site_and_bad_ones_are_ignored() {
    let site = site().await;
    user(&site, "li@example.com", Role::Manufacturer).await;
    for next in [
        "/\t/evil.example",
        "/%09/evil.example",
        "//evil.example",
        "/\\evil.example",
        "/%2F%2Fevil.example",
        "https://evil.example",
        "/a\r\nSet-Cookie: x=1",
    ] {
        let mut browser = Browser::new(&site.router, "10.0.0.5");
        let page = browser.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD), ("next", next)]).await;
        assert_eq!(page.status, StatusCode::OK, "{next:?}: {}", page.body);
        assert_eq!(page.headers["location"], "/account", "{next:?}");
        let page = browser.get(&format!("/lang/en?next={}", app::layout::encode_component(next))).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(page.headers["location"], "/", "{next:?}");
    }
    let mut browser = Browser::new(&site.router, "10.0.0.6");
    let page = browser.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD), ("next", "/search?q=假睫毛")]).await;
    assert_eq!(page.headers["location"], "/search?q=%E5%81%87%E7%9D%AB%E6%AF%9B", "a local path with Han characters, encoded");
}

/// Imports `csv` into the association and waits for the job to end.
async fn import_members(admin: &mut Browser, csv: &str) {
    let page = admin
        .upload_file(
            "/orgs/pingdu-lash-association/members",
            "/orgs/pingdu-lash-association/members/import",
            "file",
            ("m.csv", "text/csv", csv.as_bytes()),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let job = page.headers["location"].to_str().unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(20);
    while admin.get(&job).await.body.contains(r#"data-status="running""#) {
        assert!(Instant::now() < deadline, "the import did not finish");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn spreadsheet_exports_carry_no_formulas() {
    let site = site().await;
    let mut admin = association(&site, "qingdao@example.com", "Pingdu Lash Association", "pingdu-false-eyelashes").await;
    let columns = app::associations::member_csv::COLUMNS;
    let mut cells = vec![String::new(); columns.len()];
    let mut set = |column: &str, value: &str| cells[columns.iter().position(|c| *c == column).unwrap()] = value.to_string();
    set("name_en", "=HYPERLINK(\"http://evil.example\")");
    set("province", "shandong");
    set("city_en", "@SUM(1)");
    set("belt", "pingdu-false-eyelashes");
    set("products_en", "+cmd|' /C calc'!A0");
    set("categories", "false-eyelashes");
    set("publish", "no");
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns).unwrap();
    writer.write_record(&cells).unwrap();
    import_members(&mut admin, &String::from_utf8(writer.into_inner().unwrap()).unwrap()).await;

    let export = admin.get("/orgs/pingdu-lash-association/members.csv").await;
    assert_eq!(export.status, StatusCode::OK);
    let text = export.body.trim_start_matches('\u{feff}').to_string();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    for cell in records[0].iter() {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula cell: {cell:?}");
    }
    assert!(records[0].iter().any(|c| c == "'=HYPERLINK(\"http://evil.example\")"), "shown as the text it is");

    // Imported again, the file changes nothing.
    import_members(&mut admin, &text).await;
    let org = app::read::organisation_by_slug(&site.db.db, "hyperlink-http-evil-example").await.unwrap();
    assert_eq!(org.name_en.as_deref(), Some("=HYPERLINK(\"http://evil.example\")"));
    assert_eq!(org.city_en.as_deref(), Some("@SUM(1)"));
}

#[tokio::test]
async fn forty_wrong_passwords_at_once_get_at_most_the_limit_of_password_checks() {
    // On PostgreSQL too, where the attempts wait for an advisory lock instead of SQLite's write lock.
    for site in sites().await {
        forty_wrong_passwords_at_once(&site).await;
    }
}

async fn forty_wrong_passwords_at_once(site: &Site) {
    user(site, "li@example.com", Role::Manufacturer).await;
    let mut attempts = tokio::task::JoinSet::new();
    for n in 0..40 {
        let mut attacker = Browser::new(&site.router, "203.0.113.9");
        attempts.spawn(async move {
            attacker.call("sign_in", &[("email", "li@example.com"), ("password", &format!("guess-{n}"))]).await.status
        });
    }
    let mut checked = 0;
    let mut throttled = 0;
    while let Some(status) = attempts.join_next().await {
        match status.unwrap() {
            StatusCode::BAD_REQUEST => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => throttled += 1,
            other => panic!("unexpected {other}"),
        }
    }
    let limit = app::accounts::throttle::PER_ACCOUNT_AND_ADDRESS.max_failures;
    assert_eq!((checked, throttled), (limit, 40 - limit), "a wrong-password answer means a password check ({})", site.db.url);
}

#[tokio::test]
async fn forty_thousand_export_markets_are_a_clear_400() {
    let site = site().await;
    let mut maker = user(&site, "wang@example.com", Role::Manufacturer).await;
    let slug =
        created_slug(&maker.call("create_organisation", &org_fields("manufacturer", "Many Markets", "pingdu-false-eyelashes")).await);
    let markets = "US ".repeat(40_000);
    let mut fields = minimal_profile(&slug, "Lashes");
    fields.retain(|(k, _)| *k != "export_markets");
    fields.push(("export_markets", &markets));
    let page = maker.call("save_supply_profile", &fields).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body.chars().take(200).collect::<String>());
    let app::error::AppError::Invalid(errors) = app_error(&page) else { panic!("{:?}", app_error(&page)) };
    assert_eq!(errors.problem("export_markets"), Some(&app::forms::Problem::TooLong { max: app::suppliers::markets::MARKETS_TEXT_MAX }));
    assert!(errors.value("export_markets").is_some_and(|v| v.chars().count() <= app::forms::KEPT_MAX), "what comes back is cut");

    // Past the request limit, refused before it is read.
    let huge = "x".repeat(300 * 1024);
    fields.retain(|(k, _)| *k != "export_markets");
    fields.push(("export_markets", &huge));
    let page = maker.call("save_supply_profile", &fields).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(matches!(app_error(&page), app::error::AppError::Malformed(_)));
}
