//! The emails accounts send, each in Chinese and English (one message: the
//! site does not know which language a person reads until they visit).

use crate::mail::outbox::Letter;
use crate::state::MailSettings;

fn both(zh: String, en: String) -> String {
    format!("{zh}\n\n——————\n\n{en}\n")
}

/// Sent at sign-up: the link that proves the address.
pub fn confirm_email(mail: &MailSettings, to: &str, name: &str, token: &str) -> Letter {
    let link = mail.link(&format!("/confirm-email?token={token}"));
    Letter {
        to: to.to_string(),
        subject: "确认你的邮箱 · Confirm your email address — Beltlink".into(),
        body: both(
            format!("{name}，你好：\n\n欢迎使用 Beltlink 产业带出海对接平台。请打开下面的链接，确认这个邮箱是你的：\n\n{link}\n\n链接 3 天内有效，只能使用一次。如果不是你注册的，请忽略这封邮件。"),
            format!("Hello {name},\n\nWelcome to Beltlink. Open this link to confirm that this email address is yours:\n\n{link}\n\nThe link works once, for 3 days. If you did not sign up, ignore this email."),
        ),
        purpose: "confirm_email",
    }
}

/// Sent when someone signs up with an address that has an account: the sign-up
/// page says the same either way, so the owner hears of it here.
pub fn already_registered(mail: &MailSettings, to: &str) -> Letter {
    let sign_in = mail.link("/signin");
    let forgot = mail.link("/forgot-password");
    Letter {
        to: to.to_string(),
        subject: "有人用你的邮箱注册 Beltlink · Someone signed up with your address — Beltlink".into(),
        body: both(
            format!("你好：\n\n刚才有人用这个邮箱在 Beltlink 注册，但它已经有账户了，所以没有新建账户。\n\n如果是你：直接登录 {sign_in}\n忘记密码：{forgot}\n\n如果不是你，请忽略这封邮件，你的账户没有任何改变。"),
            format!("Hello,\n\nSomeone just tried to sign up to Beltlink with this address. It already has an account, so no new one was made.\n\nIf it was you, sign in: {sign_in}\nForgot your password? {forgot}\n\nIf it was not you, ignore this email: nothing about your account changed."),
        ),
        purpose: "already_registered",
    }
}

/// The password reset link.
pub fn reset_password(mail: &MailSettings, to: &str, name: &str, token: &str) -> Letter {
    let link = mail.link(&format!("/reset-password?token={token}"));
    Letter {
        to: to.to_string(),
        subject: "重设 Beltlink 密码 · Reset your Beltlink password".into(),
        body: both(
            format!("{name}，你好：\n\n有人（希望是你）申请重设这个账户的密码。打开下面的链接设置新密码：\n\n{link}\n\n链接 1 小时内有效，只能使用一次。设置新密码后，所有设备上的登录都会退出。\n如果不是你申请的，请忽略这封邮件，你的密码不会改变。"),
            format!("Hello {name},\n\nSomeone (we hope you) asked to reset the password of this account. Open this link to choose a new one:\n\n{link}\n\nThe link works once, for 1 hour. Setting a new password signs you out on every device.\nIf you did not ask, ignore this email: your password stays as it is."),
        ),
        purpose: "password_reset",
    }
}
