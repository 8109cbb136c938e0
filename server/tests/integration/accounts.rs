//! Accounts through the real router: sign-up, sign-in, sessions, the
//! throttle and the cross-site check, on a real SQLite file.

use crate::common;

use app::accounts::types::{CurrentUser, Role};
use app::error::AppError;
use app::forms::Problem;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;

struct Site {
    router: axum::Router,
    db: TestDb,
    _meili: TestMeili,
}

async fn site() -> Site {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let router = router(&db, meili.service());
    Site { router, db, _meili: meili }
}

const PASSWORD: &str = "lashes-from-pingdu";

async fn sign_up(browser: &mut Browser, email: &str, role: Role) -> Page {
    browser
        .call(
            "sign_up",
            &[("email", email), ("display_name", "Li Wei"), ("role", role.code()), ("password", PASSWORD), ("password_again", PASSWORD)],
        )
        .await
}

async fn who(browser: &mut Browser) -> Option<CurrentUser> {
    let page = browser.call("current_user", &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

#[tokio::test]
async fn signing_up_then_in_shows_the_account() {
    let site = site().await;
    let mut browser = Browser::new(&site.router, "10.0.0.1");
    let page = sign_up(&mut browser, "Li.Wei@Example.com", Role::Manufacturer).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers["location"], "/signin?welcome=1", "the page is told where to go next");
    assert!(!page.headers.contains_key("set-cookie"), "nobody is signed in by a sign-up");
    let welcome = browser.get("/signin?welcome=1").await;
    assert!(welcome.body.contains("If it was new, your account is ready") && welcome.body.contains("we sent an email"));
    let page = browser.call("sign_in", &[("email", "li.wei@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(page.headers["location"], "/account");
    let cookie = page.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http by default: {cookie}");

    let me = who(&mut browser).await.expect("signed in");
    assert_eq!((me.email.as_str(), me.role), ("li.wei@example.com", Role::Manufacturer));
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    for expected in ["Li Wei", "li.wei@example.com", "Manufacturer", "You have not joined an organisation yet."] {
        assert!(account.body.contains(expected), "{expected} missing from /account");
    }

    let stored = app::accounts::repo::find_by_email(&site.db.db, "li.wei@example.com").await.unwrap().unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", stored.password_hash);
}

#[tokio::test]
async fn every_sign_up_problem_is_named_by_field_and_nothing_secret_is_kept() {
    let site = site().await;
    let mut browser = Browser::new(&site.router, "10.0.0.1");
    let page = browser
        .call(
            "sign_up",
            &[("email", "li@"), ("display_name", "  "), ("role", "site_admin"), ("password", "short"), ("password_again", "short")],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
    assert_eq!(errors.problem("email"), Some(&Problem::NotAnEmail));
    assert_eq!(errors.problem("display_name"), Some(&Problem::Required));
    assert_eq!(errors.problem("role"), Some(&Problem::NotAChoice));
    assert_eq!(errors.problem("password"), Some(&Problem::TooShort { min: 12 }));
    assert_eq!(errors.value("email"), Some("li@"));
    assert_eq!(errors.value("password"), None);

    let page = browser
        .call(
            "sign_up",
            &[
                ("email", "li@example.com"),
                ("display_name", "Li"),
                ("role", "graduate"),
                ("password", PASSWORD),
                ("password_again", "something-else"),
            ],
        )
        .await;
    let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
    assert_eq!(errors.problems.len(), 1);
    assert_eq!(errors.problem("password_again"), Some(&Problem::PasswordsDiffer));
    assert_eq!(who(&mut browser).await, None, "a refused sign-up signs no one in");

    let page = browser
        .call(
            "sign_up",
            &[
                ("email", "li@example.com"),
                ("display_name", "Li"),
                ("role", "graduate"),
                ("password", "Password2024!"),
                ("password_again", "Password2024!"),
            ],
        )
        .await;
    let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
    assert_eq!(errors.problem("password"), Some(&Problem::CommonPassword));

    // An email with an account already gets the same answer as a new one, and the account is untouched.
    let new = sign_up(&mut browser, "li@example.com", Role::Graduate).await;
    let mut other = Browser::new(&site.router, "10.0.0.2");
    let taken = other
        .call(
            "sign_up",
            &[
                ("email", "LI@example.com"),
                ("display_name", "Impostor"),
                ("role", "platform_scout"),
                ("password", "another-long-secret"),
                ("password_again", "another-long-secret"),
            ],
        )
        .await;
    assert_eq!((taken.status, &taken.headers["location"], &taken.body), (new.status, &new.headers["location"], &new.body));
    let stored = app::accounts::repo::find_by_email(&site.db.db, "li@example.com").await.unwrap().unwrap();
    assert_eq!((stored.display_name.as_str(), stored.role.as_str()), ("Li Wei", "graduate"));
}

#[tokio::test]
async fn sign_ups_are_throttled_per_address() {
    let site = site().await;
    let mut flood = Browser::new(&site.router, "198.51.100.4");
    for n in 0..10 {
        let page = sign_up(&mut flood, &format!("bot{n}@example.com"), Role::Graduate).await;
        assert_eq!(page.status, StatusCode::OK, "{n}: {}", page.body);
    }
    let page = sign_up(&mut flood, "bot10@example.com", Role::Graduate).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(app::accounts::repo::find_by_email(&site.db.db, "bot10@example.com").await.unwrap().is_none(), "nothing stored");
    // Someone else is not held up.
    let mut person = Browser::new(&site.router, "198.51.100.5");
    assert_eq!(sign_up(&mut person, "li@example.com", Role::Graduate).await.status, StatusCode::OK);
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_with_its_errors_and_input() {
    let site = site().await;
    let mut browser = Browser::new(&site.router, "10.0.0.1");
    let fields = [
        ("email", "li@example.com"),
        ("display_name", "Li Wei"),
        ("role", "platform_scout"),
        ("password", "short"),
        ("password_again", "short"),
    ];
    let page = browser.submit("/signup", "sign_up", &fields).await;
    assert_eq!(page.status, StatusCode::FOUND);
    let location = page.headers["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("{SITE}/signup?")), "{location}");

    let form = browser.get(location.trim_start_matches(SITE)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Use at least 12 characters."), "error next to the password");
    assert!(form.body.contains(r#"value="li@example.com""#), "email kept");
    assert!(form.body.contains(r#"value="Li Wei""#), "name kept");
    assert!(form.body.contains(r#"<option value="platform_scout" selected"#), "role kept");
    assert!(!form.body.contains(r#"value="short""#), "passwords are never echoed");

    // A second mistake sent from the page showing the first: only the new error comes back.
    let mismatch = [
        ("email", "li@example.com"),
        ("display_name", "Li Wei"),
        ("role", "platform_scout"),
        ("password", PASSWORD),
        ("password_again", "lashes-from-jimo"),
    ];
    let page = browser.submit(location.trim_start_matches(SITE), "sign_up", &mismatch).await;
    let again = page.headers["location"].to_str().unwrap().to_string();
    assert_eq!(again.matches("__err=").count(), 1, "{again}");
    let form = browser.get(again.trim_start_matches(SITE)).await;
    assert!(form.body.contains("The two passwords differ.") && !form.body.contains("Use at least 12 characters."));

    // Fixed and sent again from the page that shows the error: off to sign in.
    let fixed = [
        ("email", "li@example.com"),
        ("display_name", "Li Wei"),
        ("role", "platform_scout"),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ];
    let page = browser.submit(location.trim_start_matches(SITE), "sign_up", &fixed).await;
    assert_eq!(page.headers["location"], "/signin?welcome=1");
    assert!(app::accounts::repo::find_by_email(&site.db.db, "li@example.com").await.unwrap().is_some());
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    let site = site().await;
    let mut browser = Browser::new(&site.router, "10.0.0.1");
    sign_up(&mut browser, "li@example.com", Role::Manufacturer).await;
    browser.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD)]).await;
    let first = browser.cookie.clone().unwrap();

    let page = browser.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD), ("next", "/belts")]).await;
    assert_eq!(page.headers["location"], "/belts");
    let second = browser.cookie.clone().unwrap();
    assert_ne!(first, second, "a new session id at sign-in");
    let mut stale = Browser::new(&site.router, "10.0.0.1");
    stale.cookie = Some(first);
    assert_eq!(who(&mut stale).await, None, "the old id is worthless");

    let page = browser.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD), ("next", "https://evil.example/")]).await;
    assert_eq!(page.headers["location"], "/account", "no open redirect");

    let page = browser.call("sign_out", &[]).await;
    assert_eq!(page.headers["location"], "/");
    let mut after = Browser::new(&site.router, "10.0.0.1");
    after.cookie = browser.cookie.clone().or(Some(second));
    assert_eq!(who(&mut after).await, None);
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_address_without_locking_the_owner_out() {
    let site = site().await;
    let mut owner = Browser::new(&site.router, "10.0.0.1");
    sign_up(&mut owner, "li@example.com", Role::Manufacturer).await;

    let mut attacker = Browser::new(&site.router, "203.0.113.9");
    for attempt in 1..=10 {
        let page = attacker.call("sign_in", &[("email", "li@example.com"), ("password", "guess-number-x")]).await;
        let AppError::Invalid(errors) = app_error(&page) else { panic!("attempt {attempt}: {}", page.body) };
        assert_eq!(errors.problem("password"), Some(&Problem::WrongCredentials));
    }
    let page = attacker.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(matches!(app_error(&page), AppError::Throttled { minutes } if (1..=15).contains(&minutes)));
    assert!(AppError::Throttled { minutes: 15 }.message(app::i18n::Lang::En).contains("15 minutes"));

    let page = owner.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(page.status, StatusCode::OK, "the owner elsewhere still gets in: {}", page.body);
    assert_eq!(page.headers["location"], "/account");

    // Unknown accounts fail the same way as wrong passwords.
    let page = owner.call("sign_in", &[("email", "nobody@example.com"), ("password", PASSWORD)]).await;
    let AppError::Invalid(errors) = app_error(&page) else { panic!("{}", page.body) };
    assert_eq!(errors.problem("password"), Some(&Problem::WrongCredentials));
}

#[tokio::test]
async fn writes_from_other_sites_are_refused() {
    let site = site().await;
    let form = form_body(&[("email", "li@example.com"), ("password", PASSWORD)]);
    for origin in [None, Some("https://evil.example"), Some("null")] {
        let mut request =
            Request::post("/api/sign_in").header("host", "beltlink.test").header("content-type", "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        let page = send(&site.router, request.body(Body::from(form.clone())).unwrap()).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "origin {origin:?}");
    }
    let cross_site = Request::post("/api/sign_out")
        .header("host", "beltlink.test")
        .header("origin", SITE)
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&site.router, cross_site).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_account_needs_a_signed_in_user() {
    let site = site().await;
    let mut browser = Browser::new(&site.router, "10.0.0.1");
    let page = browser.call("my_account", &[]).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app_error(&page), AppError::SignInRequired);
    let page = browser.get("/account").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains(r#"href="/signin?next=%2Faccount""#), "offers to sign in and come back");
    for path in ["/signin", "/signup"] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_and_signing_out_everywhere_ends_all() {
    let site = site().await;
    let mut here = Browser::new(&site.router, "10.0.0.1");
    sign_up(&mut here, "li@example.com", Role::Manufacturer).await;
    here.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD)]).await;
    let mut phone = Browser::new(&site.router, "10.0.0.2");
    phone.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD)]).await;
    assert!(who(&mut phone).await.is_some());

    let change =
        |current: &'static str, new: &'static str| [("current_password", current), ("new_password", new), ("new_password_again", new)];
    let AppError::Invalid(errors) = app_error(&here.call("change_password", &change("wrong-password-x", "tea-from-junshan-island")).await)
    else {
        panic!()
    };
    assert_eq!(errors.problem("current_password"), Some(&Problem::WrongCredentials));
    let AppError::Invalid(errors) = app_error(&here.call("change_password", &change(PASSWORD, "password12345")).await) else { panic!() };
    assert_eq!(errors.problem("new_password"), Some(&Problem::CommonPassword));
    assert!(who(&mut phone).await.is_some(), "refused changes end nothing");

    let page = here.call("change_password", &change(PASSWORD, "tea-from-junshan-island")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(who(&mut here).await.is_some(), "this session goes on");
    assert_eq!(who(&mut phone).await, None, "the other device is signed out");
    let old = phone.call("sign_in", &[("email", "li@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(old.status, StatusCode::BAD_REQUEST, "the old password no longer works");
    let new = phone.call("sign_in", &[("email", "li@example.com"), ("password", "tea-from-junshan-island")]).await;
    assert_eq!(new.headers["location"], "/account");

    let page = phone.call("sign_out_everywhere", &[]).await;
    assert_eq!(page.headers["location"], "/signin?signed_out=everywhere");
    assert_eq!(who(&mut phone).await, None);
    assert_eq!(who(&mut here).await, None, "every device");
    assert!(here.get("/signin?signed_out=everywhere").await.body.contains("Signed out on every device."));
}
