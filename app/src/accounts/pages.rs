//! `/signup`, `/signin`, `/account`, and the account links in the header.
//! The forms post to their server functions, so they work without
//! JavaScript; with it, errors appear without a page load.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

use crate::accounts::api::{local_path, my_account, SignIn, SignOut, SignUp, DISPLAY_NAME_MAX, PASSWORD_MAX};
use crate::accounts::types::Role;
use crate::error::AppError;
use crate::forms::{form_errors, form_failure, Field, FormFailure};
use crate::i18n::Lang;
use crate::layout::{encode_component, ErrorPage};
use crate::use_lang;

pub struct AccountTexts {
    pub sign_up: &'static str,
    pub sign_up_lead: &'static str,
    pub sign_in: &'static str,
    pub sign_in_lead: &'static str,
    pub welcome: &'static str,
    pub security: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub new_password_again: &'static str,
    pub password_changed: &'static str,
    pub sign_out_everywhere: &'static str,
    pub sign_out_everywhere_lead: &'static str,
    pub signed_out_everywhere: &'static str,
    pub sign_out: &'static str,
    pub my_account: &'static str,
    pub email: &'static str,
    pub display_name: &'static str,
    pub display_name_hint: &'static str,
    pub role: &'static str,
    pub role_hint: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub password_again: &'static str,
    pub have_account: &'static str,
    pub no_account: &'static str,
    pub signed_in_as: &'static str,
    pub organisations: &'static str,
    pub no_organisations: &'static str,
    pub inquiries_link: &'static str,
    pub shortlists_link: &'static str,
    pub readiness_link: &'static str,
    pub sign_in_to_continue: &'static str,
    pub working: &'static str,
    pub email_confirmed: &'static str,
    pub email_not_confirmed: &'static str,
    pub resend_confirmation: &'static str,
    pub confirmation_sent: &'static str,
    pub email_now_confirmed: &'static str,
    pub confirmed_sign_in: &'static str,
    pub reset_done: &'static str,
    pub admin_area: &'static str,
    pub my_organisations: &'static str,
    pub left_team: &'static str,
}

static ZH: AccountTexts = AccountTexts {
    sign_up: "注册",
    sign_up_lead: "创建账户，发布供货档案、寻找供应商或报名项目。",
    sign_in: "登录",
    sign_in_lead: "使用注册时的邮箱和密码登录。",
    security: "账户安全",
    change_password: "修改密码",
    current_password: "当前密码",
    new_password: "新密码",
    new_password_again: "再次输入新密码",
    password_changed: "密码已修改。其他设备上的登录已全部退出。",
    sign_out_everywhere: "在所有设备上退出",
    sign_out_everywhere_lead: "丢了手机或在别人的电脑上登录过？这会退出此账户在所有设备上的登录，包括当前这台。",
    signed_out_everywhere: "已在所有设备上退出。",
    welcome: "注册已提交，我们给这个邮箱发了一封邮件。如果这个邮箱是第一次注册，账户已经建好：请用刚才的密码登录，并打开邮件里的链接确认邮箱；如果它以前注册过，请用原来的密码登录。",
    sign_out: "退出",
    my_account: "我的账户",
    email: "邮箱",
    display_name: "姓名或称呼",
    display_name_hint: "其他用户会看到这个名字。",
    role: "我是",
    role_hint: "决定你能使用的功能。协会或院校工作人员：注册后创建机构并提交审核，由站点管理员批准。",
    password: "密码",
    password_hint: "至少 12 个字符；不要用常见密码，可以把几个不相关的词连在一起。",
    password_again: "再次输入密码",
    have_account: "已有账户？去登录",
    no_account: "还没有账户？去注册",
    signed_in_as: "当前登录",
    organisations: "我的机构",
    no_organisations: "你还没有加入任何机构。",
    inquiries_link: "询盘",
    shortlists_link: "候选清单",
    readiness_link: "平台入驻准备度",
    sign_in_to_continue: "登录后继续",
    working: "处理中…",
    email_confirmed: "邮箱已确认",
    email_not_confirmed: "邮箱尚未确认：请打开注册后收到的邮件里的链接。确认之前，我们不会给这个邮箱发送通知。",
    resend_confirmation: "重新发送确认邮件",
    confirmation_sent: "确认邮件已发出（一小时内最多 3 封）。",
    email_now_confirmed: "邮箱已确认，谢谢。",
    confirmed_sign_in: "邮箱已确认，请登录。",
    reset_done: "新密码已保存，所有设备上的登录都已退出。请用新密码登录。",
    admin_area: "管理后台",
    my_organisations: "我的机构",
    left_team: "你已退出该机构的团队。",
};

static EN: AccountTexts = AccountTexts {
    sign_up: "Sign up",
    sign_up_lead: "Create an account to post a supply profile, find suppliers or apply to programs.",
    sign_in: "Sign in",
    sign_in_lead: "Use the email and password you signed up with.",
    security: "Security",
    change_password: "Change password",
    current_password: "Current password",
    new_password: "New password",
    new_password_again: "New password again",
    password_changed: "Password changed. Every other device signed in to this account is signed out.",
    sign_out_everywhere: "Sign out everywhere",
    sign_out_everywhere_lead: "Lost a phone, or signed in on someone else's computer? This signs the account out on every device, this one included.",
    signed_out_everywhere: "Signed out on every device.",
    welcome: "Sign-up received, and we sent an email to that address. If it was new, your account is ready: sign in with the password you just chose, and open the link in the email to confirm the address. If it had an account already, sign in with that account's password.",
    sign_out: "Sign out",
    my_account: "My account",
    email: "Email",
    display_name: "Your name",
    display_name_hint: "Other users see this name.",
    role: "I am a",
    role_hint: "This decides what you can do on Beltlink. Running an association or a school? Sign up, then create it: a site admin approves it.",
    password: "Password",
    password_hint: "At least 12 characters, and not a common password: a few unrelated words together work well.",
    password_again: "Password again",
    have_account: "Have an account? Sign in",
    no_account: "New here? Sign up",
    signed_in_as: "Signed in as",
    organisations: "My organisations",
    no_organisations: "You have not joined an organisation yet.",
    inquiries_link: "Inquiries",
    shortlists_link: "Shortlists",
    readiness_link: "Platform readiness",
    sign_in_to_continue: "Sign in to continue",
    working: "Working…",
    email_confirmed: "Email address confirmed",
    email_not_confirmed: "Email address not confirmed yet: open the link in the email we sent when you signed up. Until then, no notifications are emailed to it.",
    resend_confirmation: "Send the confirmation email again",
    confirmation_sent: "Confirmation email sent (at most 3 an hour).",
    email_now_confirmed: "Email address confirmed. Thank you.",
    confirmed_sign_in: "Email address confirmed. Please sign in.",
    reset_done: "New password saved, and every device signed out. Sign in with the new password.",
    admin_area: "Admin",
    my_organisations: "My organisations",
    left_team: "You left the organisation's team.",
};

pub fn texts(lang: Lang) -> &'static AccountTexts {
    lang.pick(&ZH, &EN)
}

/// The header's account links: sign in / sign up, or my account / sign out.
#[component]
pub fn UserMenu() -> impl IntoView {
    let lang = use_lang();
    let t = texts(lang);
    let location = use_location();
    // Checked again after every navigation, so signing in or out shows at once.
    let user = Resource::new(move || location.pathname.get(), |_| crate::accounts::api::current_user());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <div class="user-menu">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(user)) => Either::Left(view! {
                            {(user.role == Role::SiteAdmin).then(|| view! { <a href="/admin" class="admin-link">{t.admin_area}</a> })}
                            <a href="/account" class="account-link" title=format!("{} {}", t.signed_in_as, user.email)>
                                {user.display_name}
                            </a>
                            <ActionForm action=sign_out>
                                <button type="submit" class="link-button">{t.sign_out}</button>
                            </ActionForm>
                        }),
                        _ => Either::Right(view! {
                            <a href="/signin">{t.sign_in}</a>
                            <a href="/signup" class="button-link">{t.sign_up}</a>
                        }),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The organisations one is in, a click away from any page; the one being
/// looked at is marked.
#[component]
pub fn OrganisationSwitcher() -> impl IntoView {
    let lang = use_lang();
    let t = texts(lang);
    let location = use_location();
    // Read again after each navigation: accepting an invitation or leaving shows at once.
    let organisations = Resource::new(move || location.pathname.get(), |_| crate::accounts::api::my_organisations());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = organisations.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <details class="org-switch">
                        <summary>{t.my_organisations}</summary>
                        <ul>
                            {list.into_iter().map(|m| {
                                let href = format!("/orgs/{}", m.slug);
                                let here = href.clone();
                                let current = move || {
                                    let path = location.pathname.get();
                                    path == here || path.starts_with(&format!("{here}/"))
                                };
                                view! {
                                    <li>
                                        <a href=href aria-current=move || current().then_some("page")>{m.name.get(lang).to_string()}</a>
                                        <span class="muted">{m.role.label(lang)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </details>
                })
            })}
        </Transition>
    }
}

fn role_options(lang: Lang, chosen: Option<String>) -> impl IntoView {
    Role::SELF_CHOSEN
        .into_iter()
        .map(|role| {
            let selected = chosen.as_deref() == Some(role.code());
            view! { <option value=role.code() selected=selected>{role.label(lang)}</option> }
        })
        .collect_view()
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let lang = use_lang();
    let t = texts(lang);
    let action = ServerAction::<SignUp>::new();
    let errors = form_errors(action);
    let next = use_query_map().get_untracked().get("next").filter(|n| local_path(Some(n)).is_some());
    let chosen_role = errors.get_untracked().value("role").map(str::to_owned);
    let role_problem = move || errors.get().problem("role").map(|p| p.message(lang));
    view! {
        <Title text=format!("{} · {}", t.sign_up, lang.texts().site_name)/>
        <section class="form-page">
            <h1>{t.sign_up}</h1>
            <p class="lead">{t.sign_up_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <crate::forms::ErrorSummary errors fields=vec![
                ("email", t.email),
                ("display_name", t.display_name),
                ("role", t.role),
                ("password", t.password),
                ("password_again", t.password_again),
            ]/>
            <ActionForm action>
                <Field name="email" label=t.email input_type="email" autocomplete="email" maxlength=254 required=true errors/>
                <Field name="display_name" label=t.display_name hint=t.display_name_hint autocomplete="name" maxlength=DISPLAY_NAME_MAX required=true errors/>
                <div class="field" class:invalid=move || role_problem().is_some()>
                    <label for="field-role">{t.role}</label>
                    <p class="hint">{t.role_hint}</p>
                    <select id="field-role" name="role" required aria-describedby="field-role-error">
                        {role_options(lang, chosen_role)}
                    </select>
                    <p class="field-error" id="field-role-error" role="alert">{role_problem}</p>
                </div>
                <Field name="password" label=t.password hint=t.password_hint input_type="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true errors/>
                <Field name="password_again" label=t.password_again input_type="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true errors/>
                {next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
                <button type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.working } else { t.sign_up }}
                </button>
            </ActionForm>
            <p><a href="/signin">{t.have_account}</a></p>
        </section>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let lang = use_lang();
    let t = texts(lang);
    let action = ServerAction::<SignIn>::new();
    let errors = form_errors(action);
    let query = use_query_map();
    let next = query.get_untracked().get("next").filter(|n| local_path(Some(n)).is_some());
    let welcome = query.get_untracked().get("welcome").is_some();
    let signed_out_everywhere = query.get_untracked().get("signed_out").is_some();
    let confirmed = query.get_untracked().get("confirmed").is_some();
    let reset = query.get_untracked().get("reset").is_some();
    view! {
        <Title text=format!("{} · {}", t.sign_in, lang.texts().site_name)/>
        <section class="form-page">
            <h1>{t.sign_in}</h1>
            {welcome.then(|| view! { <p class="notice" role="status">{t.welcome}</p> })}
            {signed_out_everywhere.then(|| view! { <p class="notice" role="status">{t.signed_out_everywhere}</p> })}
            {confirmed.then(|| view! { <p class="notice" role="status">{t.confirmed_sign_in}</p> })}
            {reset.then(|| view! { <p class="notice" role="status">{t.reset_done}</p> })}
            <p class="lead">{t.sign_in_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ActionForm action>
                <Field name="email" label=t.email input_type="email" autocomplete="email" maxlength=254 required=true errors/>
                <Field name="password" label=t.password input_type="password" autocomplete="current-password" maxlength=PASSWORD_MAX required=true errors/>
                {next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
                <button type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.working } else { t.sign_in }}
                </button>
            </ActionForm>
            <p><a href="/forgot-password">{crate::accounts::recovery::recovery_texts(lang).forgot_link}</a></p>
            <p><a href="/signup">{t.no_account}</a></p>
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let t = texts(lang);
    let account = Resource::new(|| (), |_| my_account());
    let trust = crate::orgs::texts::trust_texts(lang);
    let left = use_query_map().get_untracked().get("left").is_some();
    view! {
        <Title text=format!("{} · {}", t.my_account, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => EitherOf3::A({
                        // Policy notices are matched to manufacturers and service providers.
                        let has_firm = account.memberships.iter().any(|m| {
                            !m.pending && crate::policies::rules::KINDS.contains(&m.kind)
                        });
                        view! {
                        <section class="page-head">
                            <h1>{t.my_account}</h1>
                            {left.then(|| view! { <p class="notice" role="status">{t.left_team}</p> })}
                            <p class="lead">{account.user.display_name.clone()}" · "{account.user.email.clone()}" · "{account.user.role.label(lang)}</p>
                        </section>
                        <EmailStatus confirmed=account.email_confirmed/>
                        <p class="actions account-work">
                            <a class="button-link" href="/inbox">{t.inquiries_link}</a>
                            <a class="button-link" href="/shortlists">{t.shortlists_link}</a>
                            {matches!(account.user.role, Role::Manufacturer | Role::SiteAdmin).then(|| view! {
                                <a class="button-link" href="/readiness">{t.readiness_link}</a>
                            })}
                            {has_firm.then(|| view! {
                                <a class="button-link" href="/policies/for-me">{crate::policies::texts::texts(lang).for_me}</a>
                            })}
                            {(account.user.role == Role::Graduate).then(|| {
                                let talent = crate::talent::texts::texts(lang);
                                view! {
                                    <a class="button-link" href="/programs/for-you">{talent.for_you}</a>
                                    <a class="button-link" href="/me/graduate">{talent.profile_title}</a>
                                    <a class="button-link" href="/me/applications">{talent.my_applications}</a>
                                }
                            })}
                        </p>
                        {has_firm.then(|| view! { <crate::policies::pages::PolicyDeadlines/> })}
                        {(account.user.role == Role::SiteAdmin).then(|| view! {
                            <p>
                                <a class="button-link" href="/admin">{t.admin_area}</a>" "
                                <a class="button-link" href="/admin/approvals">{trust.approvals_link}</a>
                            </p>
                        })}
                        <section>
                            <h2>{t.organisations}</h2>
                            {account.may_create_organisation.then(|| view! {
                                <p><a class="button-link" href="/orgs/new">{crate::orgs::pages::form_texts(lang).new_link}</a></p>
                            })}
                            {if account.memberships.is_empty() {
                                Either::Left(view! { <p class="muted">{t.no_organisations}</p> })
                            } else {
                                Either::Right(view! {
                                    <ul class="org-list">
                                        {account.memberships.into_iter().map(|m| view! {
                                            <li>
                                                <a href=format!("/orgs/{}", m.slug)>{m.name.get(lang).to_string()}</a>
                                                <span class="badge">{m.kind.label(lang)}</span>
                                                <span class="muted">{m.role.label(lang)}</span>
                                                {m.pending.then(|| view! { <span class="badge">{trust.member_pending}</span> })}
                                                {m.awaiting_approval.then(|| view! { <span class="badge">{trust.org_pending}</span> })}
                                                {(m.kind == crate::orgs::types::OrgKind::Association && !m.pending && !m.awaiting_approval).then(|| view! {
                                                    <a class="profile-link" href=format!("/orgs/{}/members", m.slug)>
                                                        {crate::associations::pages::texts(lang).manage_link}
                                                    </a>
                                                })}
                                                {(m.kind == crate::orgs::types::OrgKind::ServiceProvider).then(|| view! {
                                                    <a class="profile-link" href=format!("/orgs/{}/offerings", m.slug)>
                                                        {crate::services::pages::texts(lang).manage}
                                                    </a>
                                                })}
                                                {(m.kind == crate::orgs::types::OrgKind::Manufacturer).then(|| view! {
                                                    <a class="profile-link" href=format!("/orgs/{}/profile", m.slug)>
                                                        {crate::suppliers::pages::texts(lang).edit_link}
                                                    </a>
                                                })}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                })
                            }}
                        </section>
                        <SecuritySection/>
                    }}),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

/// Whether the address is proven, and a way to get the link again.
#[component]
fn EmailStatus(confirmed: bool) -> impl IntoView {
    use crate::accounts::recovery::ResendConfirmation;
    let lang = use_lang();
    let t = texts(lang);
    let resend = ServerAction::<ResendConfirmation>::new();
    let query = use_query_map().get_untracked();
    let just_confirmed = query.get("email").is_some();
    let sent = query.get("confirmation").is_some();
    let sent = move || sent || resend.value().get().is_some_and(|r| r.is_ok());
    view! {
        <section class="email-status" id="email">
            {just_confirmed.then(|| view! { <p class="notice" role="status">{t.email_now_confirmed}</p> })}
            {if confirmed {
                Either::Left(view! { <p class="muted">"✓ "{t.email_confirmed}</p> })
            } else {
                Either::Right(view! {
                    <p class="notice">{t.email_not_confirmed}</p>
                    {move || sent().then(|| view! { <p class="notice" role="status">{t.confirmation_sent}</p> })}
                    <FormFailure failure=form_failure(resend)/>
                    <ActionForm action=resend>
                        <button type="submit" class="secondary" disabled=move || resend.pending().get()>{t.resend_confirmation}</button>
                    </ActionForm>
                })
            }}
        </section>
    }
}

/// Changing the password, and signing out on every device.
#[component]
fn SecuritySection() -> impl IntoView {
    use crate::accounts::api::{ChangePassword, SignOutEverywhere};
    let lang = use_lang();
    let t = texts(lang);
    let change = ServerAction::<ChangePassword>::new();
    let errors = form_errors(change);
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let changed = use_query_map().get_untracked().get("password").is_some();
    view! {
        <section class="security" id="security">
            <h2>{t.security}</h2>
            {changed.then(|| view! { <p class="notice" role="status">{t.password_changed}</p> })}
            <h3>{t.change_password}</h3>
            <FormFailure failure=form_failure(change)/>
            <crate::forms::ErrorSummary errors fields=vec![
                ("current_password", t.current_password),
                ("new_password", t.new_password),
                ("new_password_again", t.new_password_again),
            ]/>
            <ActionForm action=change attr:class="stacked-form">
                <Field name="current_password" label=t.current_password input_type="password" autocomplete="current-password" maxlength=PASSWORD_MAX required=true errors/>
                <Field name="new_password" label=t.new_password hint=t.password_hint input_type="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true errors/>
                <Field name="new_password_again" label=t.new_password_again input_type="password" autocomplete="new-password" maxlength=PASSWORD_MAX required=true errors/>
                <button type="submit" disabled=move || change.pending().get()>{t.change_password}</button>
            </ActionForm>
            <h3>{t.sign_out_everywhere}</h3>
            <p class="muted">{t.sign_out_everywhere_lead}</p>
            <ActionForm action=everywhere>
                <button type="submit" class="secondary">{t.sign_out_everywhere}</button>
            </ActionForm>
        </section>
    }
}

/// A 401 page that offers to sign in and come back here.
#[component]
pub fn SignInRequired() -> impl IntoView {
    crate::set_page_status(401);
    let lang = use_lang();
    let t = texts(lang);
    let location = use_location();
    // The query too: `/inquiries/new?supplier=…` must come back to the same firm.
    let back = match location.search.get_untracked().trim_start_matches('?') {
        "" => location.pathname.get_untracked(),
        query => format!("{}?{query}", location.pathname.get_untracked()),
    };
    view! {
        <Title text=t.sign_in_to_continue/>
        <section class="error-page">
            <p class="error-code">"401"</p>
            <h1>{t.sign_in_to_continue}</h1>
            <p class="error-message">{AppError::SignInRequired.message(lang)}</p>
            <p><a class="button-link" href=format!("/signin?next={}", encode_component(&back))>{t.sign_in}</a></p>
        </section>
    }
}
