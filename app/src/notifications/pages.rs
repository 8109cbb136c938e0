//! `/notifications`, and the unread count in the header.

use crate::clock::When;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::layout::ErrorPage;
use crate::notifications::api::{my_notifications, unread_notifications, MarkNotificationsRead, OpenNotification, SaveEmailChoices};
use crate::use_lang;

pub struct NotificationTexts {
    pub title: &'static str,
    pub empty: &'static str,
    pub mark_all_read: &'static str,
    pub unread: &'static str,
    pub email_settings: &'static str,
    pub email_settings_lead: &'static str,
    pub email_unconfirmed: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
}

static ZH: NotificationTexts = NotificationTexts {
    title: "通知",
    empty: "还没有通知。申请有了结果、有人申请加入你的机构、你的档案通过核验时，会在这里告诉你。",
    mark_all_read: "全部标为已读",
    unread: "未读",
    email_settings: "邮件提醒",
    email_settings_lead: "勾选的通知也会发到你的邮箱。",
    email_unconfirmed: "你的邮箱还没有确认，确认之前不会发送邮件提醒。",
    save: "保存",
    saved: "已保存。",
};

static EN: NotificationTexts = NotificationTexts {
    title: "Notifications",
    empty: "No notifications yet. You hear here when a request of yours is decided, someone asks to join your organisation, or your profile is verified.",
    mark_all_read: "Mark all as read",
    unread: "Unread",
    email_settings: "Email",
    email_settings_lead: "The ticked kinds are also sent to your email address.",
    email_unconfirmed: "Your email address is not confirmed yet; no notification is emailed until it is.",
    save: "Save",
    saved: "Saved.",
};

pub fn notification_texts(lang: Lang) -> &'static NotificationTexts {
    lang.pick(&ZH, &EN)
}

/// "Notifications (3)" in the header for a signed-in user; nothing otherwise.
#[component]
pub fn NotificationsLink() -> impl IntoView {
    let lang = use_lang();
    let t = notification_texts(lang);
    let location = use_location();
    // Read again after each navigation, so opening one lowers the count at once.
    let unread = Resource::new(move || location.pathname.get(), |_| unread_notifications());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                unread.await.ok().flatten().map(|count| {
                    let label = if count == 0 { t.title.to_string() } else { format!("{}{}", t.title, crate::i18n::bracketed(count, lang)) };
                    let described = lang.pick(format!("{count} 条未读"), format!("{count} unread"));
                    view! {
                        <a class="notifications-link" href="/notifications" aria-label=format!("{} · {described}", t.title)>
                            {label}
                        </a>
                    }
                })
            })}
        </Transition>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let lang = use_lang();
    let t = notification_texts(lang);
    let open = ServerAction::<OpenNotification>::new();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let save = ServerAction::<SaveEmailChoices>::new();
    let list = Resource::new(move || (open.version().get(), mark.version().get(), save.version().get()), |_| my_notifications());
    let saved = use_query_map().get_untracked().get("saved").is_some();
    let saved = move || saved || save.value().get().is_some_and(|r| r.is_ok());
    view! {
        <Title text=format!("{} · {}", t.title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => EitherOf3::A(view! {
                        <section class="page-head">
                            <h1>{t.title}</h1>
                        </section>
                        {(list.unread > 0).then(|| view! {
                            <ActionForm action=mark>
                                <button type="submit" class="secondary">{t.mark_all_read}</button>
                            </ActionForm>
                        })}
                        {if list.items.is_empty() {
                            Either::Left(view! { <p class="muted">{t.empty}</p> })
                        } else {
                            Either::Right(view! {
                                <ol class="notification-list">
                                    {list.items.into_iter().map(|item| view! {
                                        <li class="notification" class:unread=item.unread>
                                            <ActionForm action=open>
                                                <input type="hidden" name="id" value=item.id.to_string()/>
                                                <button type="submit" class="link-button notification-title">
                                                    {item.unread.then(|| view! { <span class="badge">{t.unread}</span>" " })}
                                                    {item.title.get(lang).to_string()}
                                                </button>
                                            </ActionForm>
                                            <p class="muted"><When at=item.created_at/></p>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            })
                        }}
                        <section id="email-settings" class="email-settings">
                            <h2>{t.email_settings}</h2>
                            <p class="muted">{t.email_settings_lead}</p>
                            {(!list.email_confirmed).then(|| view! { <p class="notice">{t.email_unconfirmed}" "<a href="/account#email">{crate::accounts::pages::texts(lang).my_account}</a></p> })}
                            {move || saved().then(|| view! { <p class="notice" role="status">{t.saved}</p> })}
                            <ActionForm action=save attr:class="stacked-form">
                                <fieldset class="choices">
                                    <legend class="visually-hidden">{t.email_settings}</legend>
                                    {list.choices.into_iter().map(|choice| view! {
                                        <label class="choice">
                                            <input type="checkbox" name="by_email[]" value=choice.kind.code() checked=choice.by_email/>
                                            " "{choice.kind.label(lang)}
                                        </label>
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" disabled=move || save.pending().get()>{t.save}</button>
                            </ActionForm>
                        </section>
                    }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <crate::accounts::pages::SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
