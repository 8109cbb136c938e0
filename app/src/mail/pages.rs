//! `/admin/mail`: what the site sent, for site admins.

use crate::clock::When;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::layout::ErrorPage;
use crate::mail::api::read_mailbox;
use crate::mail::texts::mail_texts;
use crate::mail::types::Delivery;
use crate::use_lang;

#[component]
pub fn MailboxPage() -> impl IntoView {
    let lang = use_lang();
    let t = mail_texts(lang);
    let mailbox = Resource::new(|| (), |_| read_mailbox());
    view! {
        <Title text=format!("{} · {}", t.title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match mailbox.await {
                    Ok(mailbox) => Either::Left(view! {
                        <section class="page-head">
                            <h1>{t.title}</h1>
                            <p class="lead">{if mailbox.smtp { t.lead_smtp } else { t.lead_local }}</p>
                        </section>
                        {mailbox.messages.is_empty().then(|| view! { <p class="muted">{t.empty}</p> })}
                        <ol class="mail-list">
                            {mailbox.messages.into_iter().map(|m| {
                                let status = match m.delivery {
                                    Delivery::Waiting => t.waiting,
                                    Delivery::Local => t.local,
                                    Delivery::Sent => t.sent,
                                    Delivery::Failed => t.failed,
                                };
                                let body_gone = m.body.is_empty() && m.delivery == Delivery::Sent;
                                // Letters are in both languages at once (`lang="mul"`), shown as they were sent.
                                view! {
                                    <li class="mail" id=format!("mail-{}", m.id)>
                                        <h2 class="mail-subject" lang="mul">{m.subject}</h2>
                                        <p class="muted">
                                            {t.to}{lang.pick("：", ": ")}<span class="mail-to">{m.to}</span>" · "<When at=m.created_at/>" · "{status}
                                            {(m.attempts > 0).then(|| format!(" · {} {}", t.attempts, m.attempts))}
                                        </p>
                                        {m.last_error.map(|e| view! { <p class="error-text">{e}</p> })}
                                        {if body_gone {
                                            Either::Left(view! { <p class="muted">{t.body_gone}</p> })
                                        } else {
                                            Either::Right(view! { <pre class="mail-body" lang="mul">{m.body}</pre> })
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
