//! Beltlink's pages, components and server functions, one module per domain
//! area. Server-only code sits behind the `ssr` feature.

// A server function takes one argument per form field, and the macro's browser
// side does not carry an item's `allow` over to the code it generates.
#![allow(clippy::too_many_arguments)]

pub mod accounts;
pub mod admin;
pub mod associations;
pub mod audit;
pub mod belts;
pub mod charts;
pub mod clock;
pub mod codes;
pub mod error;
pub mod events;
pub mod forms;
pub mod geo;
pub mod home;
pub mod i18n;
pub mod inquiries;
pub mod layout;
pub mod mail;
pub mod markup;
pub mod moderation;
pub mod net;
pub mod notifications;
pub mod orgs;
pub mod policies;
pub mod reply_time;
pub mod scouting;
pub mod search;
pub mod seo;
pub mod services;
pub mod shortlists;
pub mod spreadsheet;
pub mod suppliers;
pub mod talent;
pub mod teams;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod changes;
#[cfg(feature = "ssr")]
pub mod chinese;
pub mod dashboards;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod read;
pub mod readiness;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod uploads;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::i18n::Lang;

/// This page's address in each language, for web search: the canonical one
/// (the language shown), a `hreflang` alternate for each language, and
/// `x-default` (the address without a language, which follows the reader's).
/// Absolute, on the site's public address. Server only: the shell is never hydrated.
#[cfg(feature = "ssr")]
fn language_versions(lang: Lang) -> Vec<(&'static str, Option<&'static str>, String)> {
    let Some(parts) = use_context::<http::request::Parts>() else { return Vec::new() };
    let base = use_context::<state::AppState>().map(|s| s.mail.public_url.to_string()).unwrap_or_default();
    let path = parts.uri.path();
    let rest = i18n::query_without_lang(parts.uri.query().unwrap_or(""));
    let address = |hl: Option<Lang>| {
        let query: Vec<String> =
            [(!rest.is_empty()).then(|| rest.clone()), hl.map(|l| format!("hl={}", l.code()))].into_iter().flatten().collect();
        if query.is_empty() {
            format!("{base}{path}")
        } else {
            format!("{base}{path}?{}", query.join("&"))
        }
    };
    vec![
        ("canonical", None, address(Some(lang))),
        ("alternate", Some("zh-Hans"), address(Some(Lang::Zh))),
        ("alternate", Some("en"), address(Some(Lang::En))),
        ("alternate", Some("x-default"), address(None)),
    ]
}

#[cfg(not(feature = "ssr"))]
fn language_versions(_: Lang) -> Vec<(&'static str, Option<&'static str>, String)> {
    Vec::new()
}

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    #[cfg(feature = "ssr")]
    let zone = clock::request_zone();
    #[cfg(not(feature = "ssr"))]
    let zone = clock::ViewerZone::default();
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    let versions = language_versions(lang);
    let zone_name = zone.name().to_string();
    view! {
        <!DOCTYPE html>
        <html lang=lang.html_lang() data-tz=zone_name>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {versions.into_iter().map(|(rel, hreflang, href)| view! { <link rel=rel hreflang=hreflang href=href/> }).collect_view()}
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App lang zone/>
            </body>
        </html>
    }
}

/// The language this request asked for (server side).
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    let parts = use_context::<http::request::Parts>();
    // A language version's own address (`?hl=en`) wins over the remembered choice.
    if let Some(lang) = parts.as_ref().and_then(|p| p.uri.query()).and_then(i18n::lang_in_query) {
        return lang;
    }
    let header =
        |name: http::header::HeaderName| parts.as_ref().and_then(|p| p.headers.get(&name)).and_then(|v| v.to_str().ok()).map(str::to_owned);
    i18n::negotiate(header(http::header::COOKIE).as_deref(), header(http::header::ACCEPT_LANGUAGE).as_deref())
}

/// A page may run only its own scripts: those carrying this response's
/// nonce (the hydration script, resolved resources) and the site's own files
/// (the wasm and its lazily loaded chunks). No inline script without the
/// nonce, no `eval`, no plugins, no framing.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let Some(nonce) = leptos::nonce::use_nonce() else { return };
    let Some(options) = use_context::<leptos_axum::ResponseOptions>() else { return };
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce)) {
        options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn request_lang() -> Lang {
    Lang::default()
}

/// Sets the HTTP status of the page being rendered (no-op in the browser).
pub fn set_page_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code)) {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The application. `lang` and `zone` come from the request on the server
/// and from the `<html lang data-tz>` attributes in the browser, so both
/// render the same.
#[component]
pub fn App(lang: Lang, #[prop(optional)] zone: clock::ViewerZone) -> impl IntoView {
    provide_meta_context();
    provide_context(lang);
    provide_context(zone);
    let t = lang.texts();
    view! {
        // The one formatter every page's title passes through: titles carry
        // organisation names, and leptos_meta writes them unescaped.
        <Title formatter=markup::raw_text text=t.site_name/>
        <Router>
            <layout::Header/>
            <main id="main">
                <Routes fallback=layout::NotFound>
                    <Route path=path!("") view=home::HomePage/>
                    <Route path=path!("belts") view={Lazy::<DirectoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("belts/:slug") view={Lazy::<BeltRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("belts/:slug/dashboard") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("associations") view={Lazy::<AssociationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("associations/:slug") view={Lazy::<AssociationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("associations/:slug/manage") view={Lazy::<AssociationManageRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("associations/:slug/committees/:kind") view={Lazy::<CommitteeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events") view={Lazy::<EventsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/new") view={Lazy::<NewEventRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug") view={Lazy::<EventRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/edit") view={Lazy::<EditEventRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/meetings") view={Lazy::<EventMeetingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/schedule") view={Lazy::<EventScheduleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/agenda") view={Lazy::<EventAgendaRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/day") view={Lazy::<EventDayRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/check-in/:registration") view={Lazy::<EventCheckInRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/badge") view={Lazy::<EventBadgeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("events/:slug/report") view={Lazy::<EventReportRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/new") view={Lazy::<NewOrgRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug") view={Lazy::<OrgRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/profile") view={Lazy::<ProfileEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/offerings") view={Lazy::<OfferingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/team") view={Lazy::<TeamRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/criteria") view={Lazy::<CriteriaRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/edit") view={Lazy::<EditOrgRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("invitation") view={Lazy::<InvitationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/members") view={Lazy::<MembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/members/import/:id") view={Lazy::<ImportJobRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("orgs/:slug/offerings/:id") view={Lazy::<OfferingEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("suppliers/:slug") view={Lazy::<SupplierRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("briefs") view={Lazy::<BriefsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("briefs/new") view={Lazy::<NewBriefRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("briefs/:slug") view={Lazy::<BriefRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("briefs/:slug/edit") view={Lazy::<EditBriefRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("inbox") view={Lazy::<InboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("readiness") view={Lazy::<ReadinessRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("policies") view={Lazy::<PoliciesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("policies/new") view={Lazy::<NewNoticeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("policies/for-me") view={Lazy::<ForMeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("policies/:slug") view={Lazy::<NoticeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("policies/:slug/edit") view={Lazy::<EditNoticeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("programs") view={Lazy::<ProgramsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("programs/new") view={Lazy::<NewProgramRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("programs/for-you") view={Lazy::<ForYouRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("me/graduate") view={Lazy::<GraduateProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("me/applications") view={Lazy::<MyApplicationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("programs/:slug") view={Lazy::<ProgramRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("programs/:slug/edit") view={Lazy::<EditProgramRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("programs/:slug/applications") view={Lazy::<ReviewApplicationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("inbox/:id") view={Lazy::<ThreadRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("inquiries/new") view={Lazy::<NewInquiryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("shortlists") view={Lazy::<ShortlistsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("shortlists/add") view={Lazy::<AddToShortlistRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("shortlists/:id") view={Lazy::<ShortlistRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("shortlists/:id/print") view={Lazy::<PrintableShortlistRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("search") view={Lazy::<SearchRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("admin/search") view={Lazy::<SearchAdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("admin") view={Lazy::<AdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("admin/approvals") view={Lazy::<ApprovalsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("admin/moderation") view={Lazy::<ModerationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("admin/audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("admin/mail") view={Lazy::<MailboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("notifications") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("confirm-email") view={Lazy::<ConfirmEmailRoute>::new()}/>
                    <Route path=path!("forgot-password") view={Lazy::<ForgotPasswordRoute>::new()}/>
                    <Route path=path!("reset-password") view={Lazy::<ResetPasswordRoute>::new()}/>
                    <Route path=path!("signup") view={Lazy::<SignUpRoute>::new()}/>
                    <Route path=path!("signin") view={Lazy::<SignInRoute>::new()}/>
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <layout::Footer/>
        </Router>
    }
}

/// A route whose page code is its own wasm chunk, fetched when the route is
/// first shown, so the first download holds only the frame and the home page.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(DirectoryRoute, belts::pages::BeltDirectoryPage);
lazy_page!(BeltRoute, belts::pages::BeltPage);
lazy_page!(DashboardRoute, dashboards::pages::DashboardPage);
lazy_page!(NewOrgRoute, orgs::pages::NewOrgPage);
lazy_page!(OrgRoute, orgs::pages::OrgPage);
lazy_page!(ProfileEditorRoute, suppliers::pages::ProfileEditorPage);
lazy_page!(SupplierRoute, suppliers::pages::SupplierPage);
lazy_page!(OfferingsRoute, services::pages::OfferingsPage);
lazy_page!(MembersRoute, associations::pages::MembersPage);
lazy_page!(TeamRoute, teams::pages::TeamPage);
lazy_page!(EditOrgRoute, orgs::pages::EditOrgPage);
lazy_page!(InvitationRoute, teams::pages::InvitationPage);
lazy_page!(ImportJobRoute, associations::pages::ImportJobPage);
lazy_page!(OfferingEditorRoute, services::pages::OfferingEditorPage);
lazy_page!(BriefsRoute, scouting::pages::BriefsPage);
lazy_page!(NewBriefRoute, scouting::pages::NewBriefPage);
lazy_page!(BriefRoute, scouting::pages::BriefPageView);
lazy_page!(EditBriefRoute, scouting::pages::EditBriefPage);
lazy_page!(InboxRoute, inquiries::pages::InboxPage);
lazy_page!(ReadinessRoute, readiness::pages::ReadinessPage);
lazy_page!(PoliciesRoute, policies::pages::PoliciesPage);
lazy_page!(NewNoticeRoute, policies::pages::NewNoticePage);
lazy_page!(ForMeRoute, policies::pages::ForMePage);
lazy_page!(NoticeRoute, policies::pages::NoticePageView);
lazy_page!(EditNoticeRoute, policies::pages::EditNoticePage);
lazy_page!(ProgramsRoute, talent::pages::ProgramsPage);
lazy_page!(NewProgramRoute, talent::pages::NewProgramPage);
lazy_page!(ForYouRoute, talent::pages::ForYouPage);
lazy_page!(GraduateProfileRoute, talent::pages::GraduateProfilePage);
lazy_page!(ProgramRoute, talent::pages::ProgramPageView);
lazy_page!(EditProgramRoute, talent::pages::EditProgramPage);
lazy_page!(MyApplicationsRoute, talent::application_pages::MyApplicationsPage);
lazy_page!(ReviewApplicationsRoute, talent::application_pages::ReviewApplicationsPage);
lazy_page!(AssociationsRoute, associations::profile_pages::AssociationDirectoryPage);
lazy_page!(AssociationRoute, associations::profile_pages::AssociationProfilePage);
lazy_page!(AssociationManageRoute, associations::profile_pages::AssociationManagePage);
lazy_page!(CommitteeRoute, associations::profile_pages::CommitteeEditPage);
lazy_page!(EventsRoute, events::pages::EventsPage);
lazy_page!(NewEventRoute, events::pages::NewEventPage);
lazy_page!(EventRoute, events::pages::EventPageView);
lazy_page!(EditEventRoute, events::pages::EditEventPage);
lazy_page!(EventMeetingsRoute, events::pages::EventMeetingsPage);
lazy_page!(EventScheduleRoute, events::pages::EventSchedulePage);
lazy_page!(EventAgendaRoute, events::pages::EventAgendaPage);
lazy_page!(EventDayRoute, events::pages::EventDayPage);
lazy_page!(EventCheckInRoute, events::pages::EventCheckInPage);
lazy_page!(EventBadgeRoute, events::pages::EventBadgePage);
lazy_page!(EventReportRoute, events::pages::EventReportPage);
lazy_page!(CriteriaRoute, readiness::pages::CriteriaPageView);
lazy_page!(ThreadRoute, inquiries::pages::ThreadPageView);
lazy_page!(NewInquiryRoute, inquiries::pages::NewInquiryPage);
lazy_page!(ShortlistsRoute, shortlists::pages::ShortlistsPage);
lazy_page!(AddToShortlistRoute, shortlists::pages::AddToShortlistPage);
lazy_page!(ShortlistRoute, shortlists::pages::ShortlistPageView);
lazy_page!(PrintableShortlistRoute, shortlists::pages::PrintableShortlistPage);
lazy_page!(SearchRoute, search::pages::SearchPage);
lazy_page!(SearchAdminRoute, search::admin::SearchAdminPage);
lazy_page!(ApprovalsRoute, orgs::approval_pages::ApprovalsPage);
lazy_page!(AdminRoute, admin::AdminPage);
lazy_page!(MailboxRoute, mail::pages::MailboxPage);
lazy_page!(ModerationRoute, moderation::pages::ModerationPage);
lazy_page!(AuditRoute, moderation::pages::AuditPage);
lazy_page!(NotificationsRoute, notifications::pages::NotificationsPage);
lazy_page!(ConfirmEmailRoute, accounts::recovery::ConfirmEmailPage);
lazy_page!(ForgotPasswordRoute, accounts::recovery::ForgotPasswordPage);
lazy_page!(ResetPasswordRoute, accounts::recovery::ResetPasswordPage);
lazy_page!(SignUpRoute, accounts::pages::SignUpPage);
lazy_page!(SignInRoute, accounts::pages::SignInPage);
lazy_page!(AccountRoute, accounts::pages::AccountPage);

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
