//! Email: confirmation at sign-up, "forgot password", the outbox delivering
//! through a real SMTP server, and the local mailbox site admins read.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

fn problem(page: &Page, field: &str) -> Problem {
    match app_error(page) {
        AppError::Invalid(errors) => errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem for {field}: {errors:?}")),
        other => panic!("not a form refusal: {other:?}"),
    }
}

#[tokio::test]
async fn sign_up_mails_a_confirmation_link_through_smtp_that_works_once() {
    let site = site().await;
    let smtp = TestSmtp::start().await;
    let mut person = user(&site, "lashes@example.com", Role::Manufacturer).await;
    assert!(person.get("/account").await.body.contains("not confirmed yet"));

    deliver_mail(&site, &smtp.transport()).await;
    let received = smtp.received();
    assert_eq!(received.len(), 1, "{received:?}");
    let mail = &received[0];
    assert_eq!(mail.to, "lashes@example.com");
    assert!(mail.subject.contains("确认你的邮箱") && mail.subject.contains("Confirm your email address"), "{}", mail.subject);
    let link = link_in(&mail.body, "/confirm-email").expect("a confirmation link");
    let token = token_of(&link);

    // The page the link opens confirms nothing by itself (mail scanners follow links).
    let page = person.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!(r#"value="{token}""#)));
    assert!(person.get("/account").await.body.contains("not confirmed yet"));

    let page = person.call("confirm_email", &[("token", &token)]).await;
    assert_eq!(page.headers["location"], "/account?email=confirmed", "{}", page.body);
    let account = person.get("/account").await;
    assert!(account.body.contains("Email address confirmed") && !account.body.contains("not confirmed yet"));
    let again = person.call("confirm_email", &[("token", &token)]).await;
    assert_eq!(problem(&again, "token"), Problem::LinkNotValid, "a link works once");

    // Once sent by SMTP, the mailbox keeps the envelope, not the one-time link.
    let kept = app::mail::outbox::mailbox(&site.db.db, true, 10).await.unwrap();
    assert_eq!(kept.messages[0].delivery, app::mail::types::Delivery::Sent);
    assert!(kept.messages[0].body.is_empty());
}

#[tokio::test]
async fn signing_up_with_a_taken_address_tells_its_owner_and_nobody_else() {
    let site = site().await;
    user(&site, "owner@example.com", Role::Manufacturer).await;
    let mut stranger = Browser::new(&site.router, "10.9.9.9");
    let fields = [
        ("email", "owner@example.com"),
        ("display_name", "Someone else"),
        ("role", "graduate"),
        ("password", "another-long-password"),
        ("password_again", "another-long-password"),
    ];
    let page = stranger.call("sign_up", &fields).await;
    assert_eq!(page.headers["location"], "/signin?welcome=1", "the same answer as for a new address");
    let mail = local_mail(&site).await;
    let to_owner: Vec<_> = mail.iter().filter(|m| m.to == "owner@example.com").collect();
    assert_eq!(to_owner.len(), 2, "the confirmation, then the heads-up");
    assert!(to_owner[0].subject.contains("Someone signed up with your address"));
    assert!(link_in(&to_owner[0].body, "/confirm-email").is_none() && to_owner[0].body.contains("/forgot-password"));
}

#[tokio::test]
async fn forgot_password_round_trip_through_smtp() {
    let site = site().await;
    let smtp = TestSmtp::start().await;
    let mut person = user(&site, "forgetful@example.com", Role::Manufacturer).await;
    deliver_mail(&site, &smtp.transport()).await;

    let mut other_device = Browser::new(&site.router, "10.7.7.7");
    let page = other_device.submit("/forgot-password", "request_password_reset", &[("email", "forgetful@example.com")]).await;
    assert_eq!(page.headers["location"], "/forgot-password?sent=1");
    let unknown = other_device.submit("/forgot-password", "request_password_reset", &[("email", "nobody@example.com")]).await;
    assert_eq!(unknown.headers["location"], "/forgot-password?sent=1", "the same answer for an address without an account");
    assert!(other_device.get("/forgot-password?sent=1").await.body.contains("If this address has an account"));

    deliver_mail(&site, &smtp.transport()).await;
    let received = smtp.received();
    assert_eq!(received.iter().filter(|m| m.to == "nobody@example.com").count(), 0, "no mail to strangers");
    let reset = received.iter().find(|m| m.subject.contains("Reset your Beltlink password")).expect("a reset mail");
    assert_eq!(reset.to, "forgetful@example.com");
    let link = link_in(&reset.body, "/reset-password").expect("a reset link");
    let token = token_of(&link);
    assert!(other_device.get(&link).await.body.contains(r#"name="new_password""#));

    let short = other_device
        .submit(&link, "reset_password", &[("token", &token), ("new_password", "short"), ("new_password_again", "short")])
        .await;
    assert!(short.status.is_redirection(), "back to the form, without JavaScript");
    let back = other_device.get(short.headers["location"].to_str().unwrap()).await;
    assert!(back.body.contains("at least 12") && back.body.contains(&format!(r#"value="{token}""#)), "the problem, and the link kept");
    let page = other_device
        .call("reset_password", &[("token", &token), ("new_password", "a-brand-new-secret"), ("new_password_again", "a-brand-new-secret")])
        .await;
    assert_eq!(page.headers["location"], "/signin?reset=1", "{}", page.body);

    assert!(person.get("/account").await.body.contains("Sign in to continue"), "every session ended");
    let old = other_device.call("sign_in", &[("email", "forgetful@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(problem(&old, "password"), Problem::WrongCredentials);
    let new = other_device.call("sign_in", &[("email", "forgetful@example.com"), ("password", "a-brand-new-secret")]).await;
    assert_eq!(new.headers["location"], "/account");
    assert!(other_device.get("/account").await.body.contains("Email address confirmed"), "the link proved the address");

    let reused = other_device
        .call("reset_password", &[("token", &token), ("new_password", "yet-another-secret"), ("new_password_again", "yet-another-secret")])
        .await;
    assert_eq!(problem(&reused, "token"), Problem::LinkNotValid, "a link works once");
}

#[tokio::test]
async fn reset_links_expire_are_replaced_and_are_limited() {
    use sea_orm::ConnectionTrait;
    let site = site().await;
    user(&site, "limited@example.com", Role::Manufacturer).await;
    let mut browser = Browser::new(&site.router, "10.6.6.6");
    for _ in 0..5 {
        browser.call("request_password_reset", &[("email", "limited@example.com")]).await;
    }
    let resets: Vec<_> =
        local_mail(&site).await.into_iter().filter(|m| m.to == "limited@example.com" && m.subject.contains("Reset")).collect();
    assert_eq!(resets.len(), 3, "at most 3 reset mails an hour");
    let newest = token_of(&link_in(&resets[0].body, "/reset-password").unwrap());
    let older = token_of(&link_in(&resets[1].body, "/reset-password").unwrap());
    let fields = |token: &str| {
        vec![("token", token.to_string()), ("new_password", "replaced-secret-1".into()), ("new_password_again", "replaced-secret-1".into())]
    };
    let call = |token: String| {
        let mut browser = Browser::new(&site.router, "10.6.6.7");
        async move {
            let f = fields(&token);
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser.call("reset_password", &f).await
        }
    };
    assert_eq!(problem(&call(older).await, "token"), Problem::LinkNotValid, "a newer link replaces an older one");

    site.db.db.execute_unprepared("UPDATE email_tokens SET expires_at = created_at").await.unwrap();
    assert_eq!(problem(&call(newest).await, "token"), Problem::LinkNotValid, "an expired link does nothing");
    assert_eq!(problem(&call("0".repeat(64)).await, "token"), Problem::LinkNotValid);
}

#[tokio::test]
async fn only_site_admins_read_the_mailbox() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.5.5.5");
    assert_eq!(visitor.call("read_mailbox", &[]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(visitor.get("/admin/mail").await.status, StatusCode::UNAUTHORIZED);
    for role in [Role::Manufacturer, Role::PlatformScout, Role::ServiceProvider, Role::Graduate, Role::AssociationAdmin] {
        let mut person = user(&site, &format!("{}@example.com", role.code()), role).await;
        assert_eq!(person.call("read_mailbox", &[]).await.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(person.get("/admin/mail").await.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(person.get("/admin").await.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    deliver_mail(&site, &app::mail::transport::Transport::Local).await;
    let page = admin.get("/admin/mail").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Kept in the local mailbox") && page.body.contains("graduate@example.com"));
    assert!(page.body.contains("/confirm-email?token="), "the local mailbox shows the links, so the product works without SMTP");
    let index = admin.get("/admin").await;
    assert!(index.body.contains(r#"href="/admin/mail""#) && index.body.contains(r#"href="/admin/approvals""#));
    assert!(admin.get("/").await.body.contains(r#"href="/admin""#), "the header links admins to the admin area");
}

#[tokio::test]
async fn hostile_names_stay_text_in_mail_pages() {
    let site = site().await;
    let hostile = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"#;
    let mut browser = Browser::new(&site.router, "10.4.4.4");
    let page = browser
        .call(
            "sign_up",
            &[
                ("email", "hostile@example.com"),
                ("display_name", hostile),
                ("role", "graduate"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.headers["location"], "/signin?welcome=1");
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    deliver_mail(&site, &app::mail::transport::Transport::Local).await;
    let page = admin.get("/admin/mail").await;
    let html = scraper::Html::parse_document(&page.body);
    let scripts = scraper::Selector::parse("script:not([nonce]), img[onerror]").unwrap();
    assert_eq!(html.select(&scripts).count(), 0, "hostile text became markup");
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
