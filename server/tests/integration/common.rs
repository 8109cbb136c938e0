//! Real parts for integration tests: a fresh SQLite file (or PostgreSQL
//! database) per test, a real Meilisearch process per test, and the router.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use app::accounts::types::Role;
use app::search::managed::ManagedMeilisearch;
use app::search::service::SearchService;
use app::state::AppState;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tower::ServiceExt;

pub fn meili_binary() -> PathBuf {
    std::env::var_os("MEILI_BIN").map(PathBuf::from).expect("MEILI_BIN must point at the Meilisearch binary; `cargo xtask test` sets it")
}

/// A migrated database that lives as long as the value.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub url: String,
    _dir: tempfile::TempDir,
}

impl TestDb {
    /// Uploads go next to the database, and go with it.
    pub fn media_dir(&self) -> PathBuf {
        self._dir.path().join("media")
    }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("beltlink.sqlite").display());
    let db = app::db::connect(&url).await.unwrap();
    app::db::migrate(&db).await.unwrap();
    TestDb { db, url, _dir: dir }
}

/// A fresh database in the PostgreSQL cluster `cargo xtask test` starts, or
/// `None` (with a note) when the tests run without one.
pub async fn postgres() -> Option<TestDb> {
    let Ok(admin_url) = std::env::var("BELTLINK_TEST_POSTGRES_URL") else {
        eprintln!("note: BELTLINK_TEST_POSTGRES_URL is unset, so the PostgreSQL half of this test did not run (cargo xtask test sets it)");
        return None;
    };
    let admin = app::db::connect(&admin_url).await.unwrap();
    let name = format!("beltlink_test_{}", rand_suffix());
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    let url = admin_url.rsplit_once('/').map(|(base, _)| format!("{base}/{name}")).unwrap();
    let db = app::db::connect(&url).await.unwrap();
    app::db::migrate(&db).await.unwrap();
    Some(TestDb { db, url, _dir: tempfile::tempdir().unwrap() })
}

/// SQLite always, PostgreSQL when available.
pub async fn every_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}

fn rand_suffix() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{}_{nanos}", std::process::id())
}

/// A real Meilisearch with its own data directory.
pub struct TestMeili {
    pub process: Option<ManagedMeilisearch>,
    pub dir: tempfile::TempDir,
    pub port: u16,
    pub key: String,
}

impl TestMeili {
    pub async fn start() -> TestMeili {
        let dir = tempfile::tempdir().unwrap();
        let process = ManagedMeilisearch::start(&meili_binary(), dir.path(), None).await.unwrap();
        let (port, key) = (process.port, process.master_key.clone());
        TestMeili { process: Some(process), dir, port, key }
    }

    pub fn service(&self) -> SearchService {
        SearchService::new(&format!("http://127.0.0.1:{}", self.port), &self.key, "beltlink").unwrap()
    }

    pub async fn kill(&mut self) {
        self.process.take().expect("running").kill().await;
    }

    /// Starts it again on the same port and files.
    pub async fn restart(&mut self) {
        assert!(self.process.is_none(), "stop it first");
        self.process = Some(ManagedMeilisearch::start(&meili_binary(), self.dir.path(), Some(self.port)).await.unwrap());
    }
}

/// Seeds the demo data and pushes the outbox until it is empty.
pub async fn seeded(db: &DatabaseConnection, search: &SearchService) {
    let file = app::seed::demo().unwrap();
    app::seed::seed(db, &file, |_, _| {}).await.unwrap();
    search.prepare_index(search.index_uid()).await.unwrap();
    drain_outbox(db, search).await;
}

pub async fn drain_outbox(db: &DatabaseConnection, search: &SearchService) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while app::search::outbox::pending(db).await.unwrap() > 0 {
        assert!(Instant::now() < deadline, "outbox did not drain");
        if app::search::outbox::process_batch(db, search).await.is_err() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

pub fn router(db: &TestDb, search: SearchService) -> axum::Router {
    let leptos_options = LeptosOptions::builder().output_name("beltlink").build();
    let app = AppState::new(db.db.clone(), search, db.media_dir());
    server::web::router(server::web::ServerState { leptos_options, app, secure_cookies: false })
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

/// How long a page may take before the test gives up on it.
const PATIENCE: Duration = Duration::from_secs(30);
/// How long a write may take: a 5,000-row import in a debug build, on a
/// machine busy with other work, can need more than a page.
const WRITE_PATIENCE: Duration = Duration::from_secs(180);

async fn answer(router: &axum::Router, request: Request<Body>) -> Page {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Page { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// Sends `request` through the router. A request that never answers fails
/// the test with its address instead of stalling the whole suite. A page
/// (GET) is asked for once more first, with a warning: rarely (about one
/// full run in ten) a page render here has stopped without finishing, and
/// the cause is not found yet.
pub async fn send(router: &axum::Router, request: Request<Body>) -> Page {
    let (parts, body) = request.into_parts();
    let what = format!("{} {}", parts.method, parts.uri);
    let again = (parts.method == axum::http::Method::GET).then(|| {
        let mut builder = Request::builder().method(parts.method.clone()).uri(parts.uri.clone());
        for (name, value) in &parts.headers {
            builder = builder.header(name, value);
        }
        let mut request = builder.body(Body::empty()).unwrap();
        if let Some(info) = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>() {
            request.extensions_mut().insert(*info);
        }
        request
    });
    let patience = if again.is_some() { PATIENCE } else { WRITE_PATIENCE };
    match tokio::time::timeout(patience, answer(router, Request::from_parts(parts, body))).await {
        Ok(page) => page,
        Err(_) => {
            let Some(request) = again else { panic!("{what} did not answer within {patience:?}") };
            eprintln!("warning: {what} did not answer within {PATIENCE:?}; asking once more");
            tokio::time::timeout(PATIENCE, answer(router, request))
                .await
                .unwrap_or_else(|_| panic!("{what} did not answer within {PATIENCE:?}, twice"))
        }
    }
}

/// The HTML of a page's `<main>`: what the page shows, without the header.
/// `html` without the empty comments (`<!>`) Leptos leaves after a view's
/// dynamic parts for hydration, so a test can look for markup as written.
pub fn without_markers(html: &str) -> String {
    html.replace("<!>", "")
}

pub fn main_of(page: &Page) -> String {
    let document = scraper::Html::parse_document(&page.body);
    let main = scraper::Selector::parse("main").unwrap();
    document.select(&main).next().map(|m| m.html()).unwrap_or_default()
}

pub async fn get(router: &axum::Router, uri: &str, lang: &str) -> Page {
    let request = Request::get(uri).header("accept-language", lang).body(Body::empty()).unwrap();
    send(router, request).await
}

pub const SITE: &str = "http://beltlink.test";

/// One visitor: a session cookie, an address, and the site's origin on writes.
pub struct Browser {
    pub router: axum::Router,
    /// The session cookie (`beltlink_session=…`).
    pub cookie: Option<String>,
    /// The digest of the last refused form's error, as the browser keeps it.
    pub form_error_cookie: Option<String>,
    /// Cookies the browser's own script sets (the time zone).
    pub script_cookies: Vec<String>,
    pub address: std::net::SocketAddr,
    pub lang: &'static str,
}

impl Browser {
    pub fn new(router: &axum::Router, address: &str) -> Browser {
        Browser {
            router: router.clone(),
            cookie: None,
            form_error_cookie: None,
            script_cookies: Vec::new(),
            address: format!("{address}:50000").parse().unwrap(),
            lang: "en",
        }
    }

    fn request(&self, builder: axum::http::request::Builder, body: Body) -> Request<Body> {
        let mut builder = builder.header("host", "beltlink.test").header("accept-language", self.lang);
        let cookies: Vec<&str> =
            [&self.cookie, &self.form_error_cookie].into_iter().flatten().chain(&self.script_cookies).map(String::as_str).collect();
        if !cookies.is_empty() {
            builder = builder.header("cookie", cookies.join("; "));
        }
        let mut request = builder.body(body).unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(self.address));
        request
    }

    async fn send(&mut self, request: Request<Body>) -> Page {
        let page = send(&self.router, request).await;
        for value in page.headers.get_all("set-cookie") {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap().to_string();
            if let Some(value) = pair.strip_prefix("beltlink_session=") {
                let expired = text.contains("Max-Age=0") || value.is_empty();
                self.cookie = (!expired).then_some(pair);
            } else if pair.starts_with("beltlink_form_error=") {
                self.form_error_cookie = Some(pair);
            }
        }
        page
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let request = self.request(Request::get(path), Body::empty());
        self.send(request).await
    }

    /// A server function called the way the hydrated page calls it.
    pub async fn call(&mut self, function: &str, fields: &[(&str, &str)]) -> Page {
        let request = self.request(
            Request::post(format!("/api/{function}"))
                .header("origin", SITE)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json"),
            Body::from(form_body(fields)),
        );
        self.send(request).await
    }

    /// A multipart form post from `page` (a file upload), as a browser sends it.
    pub async fn upload(&mut self, page: &str, action: &str, fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> Page {
        self.upload_named(page, action, fields, "photo", file).await
    }

    /// A multipart post of one file in the field `field`.
    pub async fn upload_file(&mut self, page: &str, action: &str, field: &str, file: (&str, &str, &[u8])) -> Page {
        self.upload_named(page, action, &[], field, file).await
    }

    async fn upload_named(&mut self, page: &str, action: &str, fields: &[(&str, &str)], field: &str, file: (&str, &str, &[u8])) -> Page {
        const BOUNDARY: &str = "----beltlinktestboundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes());
        }
        let (file_name, content_type, bytes) = file;
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n")
                .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(format!("\r\n--{BOUNDARY}--\r\n").bytes());
        let request = self.request(
            Request::post(action)
                .header("origin", SITE)
                .header("referer", format!("{SITE}{page}"))
                .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
                .header("accept", "text/html"),
            Body::from(body),
        );
        self.send(request).await
    }

    /// A plain HTML form post from `page`, as a browser without JavaScript sends it.
    pub async fn submit(&mut self, page: &str, function: &str, fields: &[(&str, &str)]) -> Page {
        let request = self.request(
            Request::post(format!("/api/{function}"))
                .header("origin", SITE)
                .header("referer", format!("{SITE}{page}"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html,application/xhtml+xml"),
            Body::from(form_body(fields)),
        );
        self.send(request).await
    }
}

pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", app::layout::encode_component(k), app::layout::encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The `AppError` a server function answered with.
pub fn app_error(page: &Page) -> app::error::AppError {
    serde_json::from_str(&page.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {} {}", page.status, page.body))
}

/// A seeded site with its own database and Meilisearch.
pub struct Site {
    pub router: axum::Router,
    pub db: TestDb,
    pub search: app::search::service::SearchService,
    pub meili: TestMeili,
}

pub async fn site() -> Site {
    site_on(sqlite().await).await
}

/// A seeded site on every backend there is: SQLite, and PostgreSQL when the tests have it.
pub async fn sites() -> Vec<Site> {
    let mut sites = Vec::new();
    for db in every_backend().await {
        sites.push(site_on(db).await);
    }
    sites
}

pub async fn site_on(db: TestDb) -> Site {
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    Site { router: router(&db, search.clone()), db, search, meili }
}

pub const PASSWORD: &str = "lashes-from-pingdu";

/// A signed-in browser for a new account with `role`. Roles nobody can
/// choose are set the admin-command way: site admins, and the old
/// `association_admin` that earlier accounts chose (it grants nothing now).
pub async fn user(site: &Site, email: &str, role: Role) -> Browser {
    // Each person at an address of their own, as people are (sign-ups are throttled per address).
    static PEOPLE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = PEOPLE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut browser = Browser::new(&site.router, &format!("10.1.{}.{}", n / 250 % 250, n % 250 + 1));
    let chosen = if Role::SELF_CHOSEN.contains(&role) { role } else { Role::Graduate };
    let page = browser
        .call(
            "sign_up",
            &[("email", email), ("display_name", email), ("role", chosen.code()), ("password", PASSWORD), ("password_again", PASSWORD)],
        )
        .await;
    assert_eq!(page.headers["location"], "/signin?welcome=1", "{}", page.body);
    let page = browser.call("sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(page.headers["location"], "/account", "{}", page.body);
    if role != chosen {
        assert!(app::accounts::repo::set_role(&site.db.db, email, role).await.unwrap());
    }
    browser
}

/// The belt the tests' own organisations make things in.
pub const BELT: &str = "pingdu-false-eyelashes";

/// A manufacturer's owner, with a confirmed address, and their organisation's slug.
pub async fn firm(site: &Site, email: &str, name: &str) -> (Browser, String) {
    let mut owner = user(site, email, Role::Manufacturer).await;
    confirm_address(site, email).await;
    let slug = created_slug(&owner.call("create_organisation", &org_fields("manufacturer", name, BELT)).await);
    (owner, slug)
}

/// `email` has opened the confirmation link sent at sign-up.
pub async fn confirm_address(site: &Site, email: &str) {
    let person = app::accounts::repo::find_by_email(&site.db.db, email).await.unwrap().expect("a signed-up person");
    app::accounts::repo::confirm_email(&site.db.db, person.id).await.unwrap();
}

/// The slug an organisation was created at, from the creation's redirect.
pub fn created_slug(page: &Page) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.headers["location"].to_str().unwrap().trim_start_matches("/orgs/").to_string()
}

/// A site admin approves a waiting association or school, through the approvals' server function.
pub async fn approve(site: &Site, slug: &str) {
    let mut admin = user(site, &format!("approver.{slug}@example.com"), Role::SiteAdmin).await;
    let page = admin.call("decide_organisation", &[("slug", slug), ("decision", "approve")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
}

/// Someone who asked to run the association `name` serving `belt`, approved by a site admin.
pub async fn association(site: &Site, email: &str, name: &str, belt: &str) -> Browser {
    let mut person = user(site, email, Role::Graduate).await;
    let slug = created_slug(&person.call("create_organisation", &org_fields("association", name, belt)).await);
    approve(site, &slug).await;
    person
}

pub fn org_fields<'a>(kind: &'a str, name_en: &'a str, belt: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", kind),
        ("name_zh", ""),
        ("name_en", name_en),
        ("description_zh", ""),
        ("description_en", "Strip lashes and magnetic lashes for export."),
        ("province", "shandong"),
        ("city_zh", "平度"),
        ("city_en", "Pingdu"),
        ("belts[0]", belt),
    ]
}

/// The links on the first page of hits for `q`, as the search page shows them.
pub async fn search_hrefs(search: &SearchService, q: &str) -> Vec<String> {
    let query = app::search::query::SearchQuery { q: q.to_string(), ..Default::default() };
    let found = search.search(&query, None).await.expect("search answers");
    found.hits.into_iter().map(|h| app::search::results::hit(h, None).href).collect()
}

/// A real, decodable PNG of `width` × `height`.
pub fn real_png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 251) as u8, (y % 241) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image).write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A real JPEG with an EXIF segment holding a GPS position, as phones write them.
pub fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 251) as u8, (y % 241) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image).write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    let plain = out.into_inner();
    let exif = b"Exif\0\0MM\0*GPSLatitude 36.7856N GPSLongitude 119.9460E";
    let mut bytes = plain[..2].to_vec();
    bytes.extend([0xff, 0xe1]);
    bytes.extend(((exif.len() + 2) as u16).to_be_bytes());
    bytes.extend_from_slice(exif);
    bytes.extend_from_slice(&plain[2..]);
    bytes
}

/// A supply profile's fields with products and a category, the rest left blank.
pub fn minimal_profile<'a>(slug: &'a str, products_en: &'a str) -> Vec<(&'a str, &'a str)> {
    let blank = [
        "products_zh",
        "moq_value",
        "moq_unit",
        "capacity_value",
        "capacity_unit",
        "lead_time_days",
        "sample_policy",
        "price_band",
        "certifications_other",
        "export_markets",
        "floor_area_m2",
        "overseas_warehouse_where",
    ];
    [("slug", slug), ("products_en", products_en), ("categories[]", "false-eyelashes")].into_iter().chain(blank.map(|k| (k, ""))).collect()
}

/// A real SMTP server (aiosmtpd, which `cargo xtask test` installs) writing
/// what it receives to a maildir, for as long as the value lives.
pub struct TestSmtp {
    process: std::process::Child,
    pub port: u16,
    maildir: tempfile::TempDir,
}

/// One message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl TestSmtp {
    pub async fn start() -> TestSmtp {
        let python_path = std::env::var_os("BELTLINK_TEST_SMTPD_PATH")
            .expect("BELTLINK_TEST_SMTPD_PATH must point at aiosmtpd's directory; `cargo xtask test` sets it");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let maildir = tempfile::tempdir().unwrap();
        let process = std::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("mail"))
            .env("PYTHONPATH", python_path)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("starting aiosmtpd");
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start listening");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        TestSmtp { process, port, maildir }
    }

    /// Beltlink's transport to this server: SMTP without TLS, as to a local relay.
    pub fn transport(&self) -> app::mail::transport::Transport {
        app::mail::transport::Transport::configure(Some(&format!("smtp://127.0.0.1:{}", self.port)), "Beltlink <noreply@beltlink.test>")
            .unwrap()
    }

    /// Everything received so far, decoded (oldest first by file time).
    pub fn received(&self) -> Vec<ReceivedMail> {
        let mut files = Vec::new();
        for folder in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.maildir.path().join("mail").join(folder)) {
                files.extend(entries.flatten().map(|e| e.path()));
            }
        }
        files.sort_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
        files
            .into_iter()
            .map(|path| {
                let raw = std::fs::read(&path).unwrap();
                let message = mail_parser::MessageParser::default().parse(&raw).expect("a parsable message");
                ReceivedMail {
                    to: message.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_string(),
                    subject: message.subject().unwrap_or_default().to_string(),
                    body: message.body_text(0).unwrap_or_default().into_owned(),
                }
            })
            .collect()
    }
}

impl Drop for TestSmtp {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Sends everything in the mail outbox through `transport`.
pub async fn deliver_mail(site: &Site, transport: &app::mail::transport::Transport) {
    while app::mail::outbox::deliver_due(&site.db.db, transport).await.unwrap() > 0 {}
}

/// The messages the site wrote, newest first, as the local mailbox keeps them.
pub async fn local_mail(site: &Site) -> Vec<app::mail::types::MailRow> {
    deliver_mail(site, &app::mail::transport::Transport::Local).await;
    app::mail::outbox::mailbox(&site.db.db, false, 1000).await.unwrap().messages
}

/// The path of the first link to `path` (e.g. `/reset-password`) in `body`.
pub fn link_in(body: &str, path: &str) -> Option<String> {
    let start = body.find(&format!("{path}?"))?;
    let link: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    Some(link)
}

/// The token of a `?token=` link.
pub fn token_of(link: &str) -> String {
    link.split_once("token=").map(|(_, t)| t.to_string()).expect("a token in the link")
}
