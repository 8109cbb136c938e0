//! Proving an email address, and getting back into an account: "forgot
//! password" sends a one-time link (`accounts::tokens`) that sets a new one.
//! Pages: `/confirm-email`, `/forgot-password`, `/reset-password`. Every form
//! works without JavaScript; the links in the emails open a page with a
//! button, so a mail scanner following links uses nothing up.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::PASSWORD_MAX;
use crate::accounts::pages::texts as account_texts;
use crate::error::AppError;
use crate::forms::{form_errors, form_failure, Field, FormFailure};
use crate::i18n::Lang;
use crate::use_lang;

/// At most this many reset or confirmation emails an account gets in an hour.
pub const LINKS_PER_HOUR: u64 = 3;

/// Confirms the address whose link this is. Anyone holding the link may.
#[server(prefix = "/api", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use crate::accounts::{repo, tokens};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let txn = crate::db::begin_write(&state.db).await?;
    let Some(user_id) = tokens::redeem(&txn, &token, tokens::TokenPurpose::ConfirmEmail).await? else {
        let mut errors = FormErrors::new();
        errors.add("token", Problem::LinkNotValid);
        return Err(AppError::Invalid(errors));
    };
    repo::confirm_email(&txn, user_id).await?;
    txn.commit().await?;
    tracing::info!(user_id, "email address confirmed");
    let signed_in = crate::accounts::actor::current(&state.db).await?.is_some();
    leptos_axum::redirect(if signed_in { "/account?email=confirmed" } else { "/signin?confirmed=1" });
    Ok(())
}

/// Sends the signed-in user a new confirmation link (a few an hour at most).
#[server(prefix = "/api", endpoint = "resend_confirmation")]
pub async fn resend_confirmation() -> Result<(), AppError> {
    use crate::accounts::{letters, repo, tokens};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    let user = repo::user_by_id(&txn, actor.id).await?.ok_or(AppError::SignInRequired)?;
    let purpose = tokens::TokenPurpose::ConfirmEmail;
    if user.email_confirmed_at.is_none()
        && tokens::issued_since(&txn, user.id, purpose, chrono::Utc::now() - chrono::Duration::hours(1)).await? < LINKS_PER_HOUR
    {
        let token = tokens::issue(&txn, user.id, purpose).await?;
        crate::mail::outbox::queue(&txn, letters::confirm_email(&state.mail, &user.email, &user.display_name, &token)).await?;
    }
    txn.commit().await?;
    state.mail.wake.notify_one();
    leptos_axum::redirect("/account?confirmation=sent");
    Ok(())
}

/// Emails a reset link if `email` has an account. The answer is the same
/// either way, and requests are throttled per address and per account.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::accounts::{letters, repo, tokens};
    use crate::forms::{self, FormErrors};
    let state = crate::state::app_state()?;
    let mut errors = FormErrors::new();
    errors.keep("email", &email);
    let email = forms::email(&mut errors, "email", &email);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    repo::reserve_mailing(&state.db, &crate::accounts::api::client_address(&state.trusted_proxies).await).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    if let Some(user) = repo::find_by_email(&txn, &email).await? {
        let purpose = tokens::TokenPurpose::ResetPassword;
        let recent = tokens::issued_since(&txn, user.id, purpose, chrono::Utc::now() - chrono::Duration::hours(1)).await?;
        if recent < LINKS_PER_HOUR {
            let token = tokens::issue(&txn, user.id, purpose).await?;
            crate::mail::outbox::queue(&txn, letters::reset_password(&state.mail, &user.email, &user.display_name, &token)).await?;
            tracing::info!(user_id = user.id, "password reset link sent");
        }
    }
    txn.commit().await?;
    state.mail.wake.notify_one();
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Sets a new password with a reset link. Every session of the account ends
/// (whoever knew the old password is out), and the address counts as proven.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String, new_password_again: String) -> Result<(), AppError> {
    use crate::accounts::{password as hashing, repo, rules, tokens};
    use crate::forms::{FormErrors, Problem};
    let state = crate::state::app_state()?;
    let purpose = tokens::TokenPurpose::ResetPassword;
    let mut errors = FormErrors::new();
    let holder = match tokens::holder(&state.db, &token, purpose).await? {
        Some(user_id) => repo::user_by_id(&state.db, user_id).await?,
        None => None,
    };
    let Some(user) = holder else {
        errors.add("token", Problem::LinkNotValid);
        return Err(AppError::Invalid(errors));
    };
    if let Some(problem) = rules::password_problem(&new_password, &user.email) {
        errors.add("new_password", problem);
    } else if new_password != new_password_again {
        errors.add("new_password_again", Problem::PasswordsDiffer);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let hash = hashing::hash(new_password).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    if tokens::redeem(&txn, &token, purpose).await? != Some(user.id) {
        // Used by another request meanwhile.
        errors.add("token", Problem::LinkNotValid);
        return Err(AppError::Invalid(errors));
    }
    repo::set_password(&txn, user.id, hash).await?;
    repo::end_all_sessions(&txn, user.id).await?;
    repo::confirm_email(&txn, user.id).await?;
    repo::forgive_all_failures(&txn, &user.email).await?;
    txn.commit().await?;
    tracing::info!(user_id = user.id, "password reset; every session ended");
    leptos_axum::redirect("/signin?reset=1");
    Ok(())
}

pub struct RecoveryTexts {
    pub confirm_title: &'static str,
    pub confirm_lead: &'static str,
    pub confirm_button: &'static str,
    pub forgot_title: &'static str,
    pub forgot_lead: &'static str,
    pub forgot_button: &'static str,
    pub forgot_sent: &'static str,
    pub forgot_link: &'static str,
    pub reset_title: &'static str,
    pub reset_lead: &'static str,
    pub reset_button: &'static str,
    pub ask_again: &'static str,
    pub no_token: &'static str,
}

static ZH: RecoveryTexts = RecoveryTexts {
    confirm_title: "确认邮箱",
    confirm_lead: "点击下面的按钮，确认这个邮箱属于你的账户。",
    confirm_button: "确认邮箱",
    forgot_title: "忘记密码",
    forgot_lead: "输入注册时用的邮箱，我们会发一个重设密码的链接。链接 1 小时内有效。",
    forgot_button: "发送重设链接",
    forgot_sent: "如果这个邮箱有账户，重设链接已经发出，请查收邮件（也看看垃圾邮件）。一小时内最多发送 3 次。",
    forgot_link: "忘记密码？",
    reset_title: "设置新密码",
    reset_lead: "设置新密码后，此账户在所有设备上的登录都会退出，请用新密码重新登录。",
    reset_button: "保存新密码",
    ask_again: "重新申请链接",
    no_token: "这个页面要从邮件里的链接打开。",
};

static EN: RecoveryTexts = RecoveryTexts {
    confirm_title: "Confirm your email address",
    confirm_lead: "Press the button to confirm that this address belongs to your account.",
    confirm_button: "Confirm email address",
    forgot_title: "Forgot your password?",
    forgot_lead: "Enter the email you signed up with and we will send a link to choose a new password. The link works for 1 hour.",
    forgot_button: "Send the link",
    forgot_sent:
        "If this address has an account, a reset link is on its way: check your inbox (and the spam folder). At most 3 are sent in an hour.",
    forgot_link: "Forgot your password?",
    reset_title: "Choose a new password",
    reset_lead: "Once saved, this account is signed out on every device; sign in again with the new password.",
    reset_button: "Save the new password",
    ask_again: "Ask for a new link",
    no_token: "Open this page from the link in the email.",
};

pub fn recovery_texts(lang: Lang) -> &'static RecoveryTexts {
    lang.pick(&ZH, &EN)
}

/// The token in the page's address, if it looks like one.
fn token_in_address() -> Option<String> {
    use_query_map().get_untracked().get("token").filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The problem with the link itself, said above the form, with the way out.
fn link_problem(lang: Lang, errors: Signal<crate::forms::FormErrors>) -> impl IntoView {
    let t = recovery_texts(lang);
    move || {
        errors.get().problem("token").map(|problem| {
            view! {
                <p class="form-failure" role="alert">
                    {problem.message(lang)}" "<a href="/forgot-password">{t.ask_again}</a>
                </p>
            }
        })
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let lang = use_lang();
    let t = recovery_texts(lang);
    let action = ServerAction::<ConfirmEmail>::new();
    let errors = form_errors(action);
    let token = token_in_address();
    view! {
        <Title text=format!("{} · {}", t.confirm_title, lang.texts().site_name)/>
        <section class="form-page">
            <h1>{t.confirm_title}</h1>
            {match token {
                Some(token) => Either::Left(view! {
                    <p class="lead">{t.confirm_lead}</p>
                    {link_problem(lang, errors)}
                    <FormFailure failure=form_failure(action)/>
                    <ActionForm action>
                        <input type="hidden" name="token" value=token/>
                        <button type="submit" disabled=move || action.pending().get()>{t.confirm_button}</button>
                    </ActionForm>
                }),
                None => Either::Right(view! { <p class="lead">{t.no_token}</p> }),
            }}
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let t = recovery_texts(lang);
    let account = account_texts(lang);
    let action = ServerAction::<RequestPasswordReset>::new();
    let errors = form_errors(action);
    let sent = use_query_map().get_untracked().get("sent").is_some();
    let sent = move || sent || action.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text=format!("{} · {}", t.forgot_title, lang.texts().site_name)/>
        <section class="form-page">
            <h1>{t.forgot_title}</h1>
            {move || sent().then(|| view! { <p class="notice" role="status">{t.forgot_sent}</p> })}
            <p class="lead">{t.forgot_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ActionForm action>
                <Field name="email" label=account.email input_type="email" autocomplete="email" maxlength=254 required=true errors/>
                <button type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { account.working } else { t.forgot_button }}
                </button>
            </ActionForm>
            <p><a href="/signin">{account.sign_in}</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let t = recovery_texts(lang);
    let account = account_texts(lang);
    let action = ServerAction::<ResetPassword>::new();
    let errors = form_errors(action);
    let token = token_in_address();
    view! {
        <Title text=format!("{} · {}", t.reset_title, lang.texts().site_name)/>
        <section class="form-page">
            <h1>{t.reset_title}</h1>
            {match token {
                Some(token) => Either::Left(view! {
                    <p class="lead">{t.reset_lead}</p>
                    {link_problem(lang, errors)}
                    <FormFailure failure=form_failure(action)/>
                    <ActionForm action>
                        <input type="hidden" name="token" value=token/>
                        <Field name="new_password" label=account.new_password hint=account.password_hint input_type="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true errors/>
                        <Field name="new_password_again" label=account.new_password_again input_type="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true errors/>
                        <button type="submit" disabled=move || action.pending().get()>
                            {move || if action.pending().get() { account.working } else { t.reset_button }}
                        </button>
                    </ActionForm>
                }),
                None => Either::Right(view! {
                    <p class="lead">{t.no_token}</p>
                    <p><a class="button-link" href="/forgot-password">{t.ask_again}</a></p>
                }),
            }}
        </section>
    }
}
