//! Matchmaking events: an association's organisers create, publish, edit
//! and cancel an event; manufacturers and platforms register against each
//! side's seats and entry criteria (refusals name the criterion), with a
//! waitlist that moves up when a seat frees; the event is found in lists,
//! search, and on its belt's and association's pages — with who may do each.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use app::forms::Problem;
use axum::http::StatusCode;
use common::*;

fn problem(page: &Page, field: &str) -> Problem {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    let AppError::Invalid(errors) = app_error(page) else { panic!("{}", page.body) };
    errors.problem(field).cloned().unwrap_or_else(|| panic!("no problem on {field}: {errors:?}"))
}

fn date(days_ahead: i64) -> String {
    (app::scouting::rules::china_today(chrono::Utc::now()) + chrono::Duration::days(days_ahead)).format("%Y-%m-%d").to_string()
}

/// An event form: suppliers need BSCI and 10,000 pieces a month; one supplier seat.
pub fn event_fields(slug: &str, association: &str, title_en: &str) -> Vec<(&'static str, String)> {
    vec![
        ("slug", slug.to_string()),
        ("association", association.to_string()),
        ("platform", String::new()),
        ("belt", BELT.to_string()),
        ("title_zh", String::new()),
        ("title_en", title_en.to_string()),
        ("description_zh", String::new()),
        ("description_en", "One-to-one meetings between lash makers and buyers.".to_string()),
        ("venue_zh", "平度会展中心".to_string()),
        ("venue_en", "Pingdu Exhibition Centre".to_string()),
        ("city_zh", "平度".to_string()),
        ("city_en", "Pingdu".to_string()),
        ("latitude", "36.78".to_string()),
        ("longitude", "119.96".to_string()),
        ("day", date(20)),
        ("starts_at", "09:00".to_string()),
        ("ends_at", "12:00".to_string()),
        ("slot_minutes", "20".to_string()),
        ("breaks", "10:00-10:20".to_string()),
        ("tables", "6".to_string()),
        ("registration_opens", date(0)),
        ("registration_closes", date(15)),
        ("supplier_seats", "1".to_string()),
        ("buyer_seats", String::new()),
        ("s_certifications[]", "bsci".to_string()),
        ("s_capacity_value", "10000".to_string()),
        ("s_capacity_unit", "piece".to_string()),
        ("s_min_floor_area", String::new()),
        ("s_export_years", String::new()),
    ]
}

/// A server function called with owned field values.
async fn call(browser: &mut Browser, function: &str, fields: &[(&'static str, String)]) -> Page {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.call(function, &refs).await
}

fn with(fields: &[(&'static str, String)], key: &'static str, value: &str) -> Vec<(&'static str, String)> {
    let mut out: Vec<_> = fields.iter().filter(|(k, _)| *k != key).cloned().collect();
    out.push((key, value.to_string()));
    out
}

fn event_slug(page: &Page) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let location = page.headers["location"].to_str().unwrap();
    location.trim_start_matches("/events/").split('?').next().unwrap().to_string()
}

/// A maker whose published profile says BSCI and `capacity` pieces a month.
async fn qualified_maker(site: &Site, email: &str, name: &str, capacity: &str) -> (Browser, String) {
    let (mut maker, firm) = firm(site, email, name).await;
    let mut profile = minimal_profile(&firm, "Strip lashes");
    profile.retain(|(k, _)| !["capacity_value", "capacity_unit"].contains(k));
    profile.extend([("certifications[]", "bsci"), ("capacity_value", capacity), ("capacity_unit", "piece")]);
    let saved = maker.call("save_supply_profile", &profile).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    (maker, firm)
}

/// The registration of the firm at `slug` (its only one in these tests).
async fn registration_of(site: &Site, slug: &str) -> app::entities::event_registration::Model {
    use app::entities::{event_registration, organisation};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let org = organisation::Entity::find().filter(organisation::Column::Slug.eq(slug)).one(&site.db.db).await.unwrap().unwrap();
    event_registration::Entity::find()
        .filter(event_registration::Column::OrganisationId.eq(org.id))
        .one(&site.db.db)
        .await
        .unwrap()
        .unwrap()
}

async fn register(browser: &mut Browser, event: &str, firm: &str) -> Page {
    browser.call("register_for_event", &[("slug", event), ("firm", firm)]).await
}

/// The association runner@example.com runs.
async fn runner_association(site: &Site) -> String {
    let id = app::accounts::repo::find_by_email(&site.db.db, "runner@example.com").await.unwrap().unwrap().id;
    let places = app::read::active_places(&site.db.db, id).await.unwrap();
    app::read::organisation_by_id(&site.db.db, *places.keys().next().unwrap()).await.unwrap().slug
}

/// An association's published event without entry criteria, and three firms
/// with a seat: two lash makers (suppliers) and a platform (a buyer).
struct Gathering {
    runner: Browser,
    maker: Browser,
    rival: Browser,
    scout: Browser,
    event: String,
    lash_firm: String,
    rival_firm: String,
    platform: String,
}

async fn gathering(site: &Site, title: &str, tables: &str) -> Gathering {
    let mut runner = association(site, "runner@example.com", "Pingdu Lash Association", BELT).await;
    let slug = runner_association(site).await;
    let fields: Vec<_> = event_fields("new", &slug, title)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("s_"))
        .chain([("publish", "yes".to_string())])
        .collect();
    let fields = with(&with(&fields, "supplier_seats", ""), "tables", tables);
    let event = event_slug(&call(&mut runner, "save_event", &fields).await);
    let (mut maker, lash_firm) = firm(site, "maker@example.com", "Pingdu Lash Works").await;
    let (mut rival, rival_firm) = firm(site, "rival@example.com", "Rival Lash Works").await;
    let mut scout = user(site, "scout@example.com", Role::PlatformScout).await;
    let platform = created_slug(&scout.call("create_organisation", &org_fields("platform", "Lash Mart", BELT)).await);
    for (browser, firm) in [(&mut maker, &lash_firm), (&mut rival, &rival_firm), (&mut scout, &platform)] {
        assert_eq!(register(browser, &event, firm).await.status, StatusCode::OK);
    }
    Gathering { runner, maker, rival, scout, event, lash_firm, rival_firm, platform }
}

#[tokio::test]
async fn an_association_runs_an_event_and_firms_register_against_its_criteria_and_seats() {
    let site = site().await;
    let mut runner = association(&site, "runner@example.com", "Pingdu Lash Association", BELT).await;
    let association_slug = {
        let places = app::read::active_places(
            &site.db.db,
            app::accounts::repo::find_by_email(&site.db.db, "runner@example.com").await.unwrap().unwrap().id,
        )
        .await
        .unwrap();
        app::read::organisation_by_id(&site.db.db, *places.keys().next().unwrap()).await.unwrap().slug
    };
    let mut rival = association(&site, "rival@example.com", "Jimo Apparel Association", BELT).await;
    let mut signed_out = Browser::new(&site.router, "10.9.0.1");
    let (mut maker, lash_firm) = qualified_maker(&site, "maker@example.com", "Pingdu Lash Works", "20000").await;

    // Creating: an association's organisers only.
    let fields = event_fields("new", &association_slug, "Lash matchmaking day");
    assert_eq!(call(&mut signed_out, "save_event", &fields).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(call(&mut maker, "save_event", &fields).await.status, StatusCode::FORBIDDEN, "runs no association");
    assert_eq!(problem(&call(&mut rival, "save_event", &fields).await, "association"), Problem::NotAChoice, "not their association");
    assert_eq!(maker.get("/events/new").await.status, StatusCode::FORBIDDEN);

    // Bad input names its field and keeps the rest.
    let past = with(&fields, "day", &date(-1));
    let refused = call(&mut runner, "save_event", &past).await;
    assert_eq!(problem(&refused, "day"), Problem::DateInThePast);
    let AppError::Invalid(errors) = app_error(&refused) else { unreachable!() };
    assert_eq!(errors.value("title_en"), Some("Lash matchmaking day"), "the rest is kept");
    assert_eq!(problem(&call(&mut runner, "save_event", &with(&fields, "ends_at", "08:00")).await, "ends_at"), Problem::EndsBeforeStart);
    assert_eq!(problem(&call(&mut runner, "save_event", &with(&fields, "breaks", "lunch")).await, "breaks"), Problem::BadBreaks);

    let event = event_slug(&call(&mut runner, "save_event", &fields).await);
    assert!(event.starts_with("lash-matchmaking-day-"), "{event}");

    // A draft: its organisers only.
    assert_eq!(signed_out.call("load_event", &[("slug", &event)]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(rival.call("load_event", &[("slug", &event)]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(call(&mut rival, "save_event", &with(&fields, "slug", &event)).await.status, StatusCode::NOT_FOUND);
    let draft = runner.get(&format!("/events/{event}")).await;
    assert_eq!(draft.status, StatusCode::OK);
    assert!(main_of(&draft).contains("Draft: only the association") && main_of(&draft).contains("09:00–09:20"), "{}", main_of(&draft));
    assert_eq!(
        register(&mut maker, &event, &lash_firm).await.status,
        StatusCode::NOT_FOUND,
        "nobody registers for a draft they cannot see"
    );
    assert!(!signed_out.get("/events").await.body.contains(&event));

    // Publishing: its organisers; then everyone sees it, and search finds it.
    let publish = [("slug", event.as_str()), ("change", "publish")];
    assert_eq!(signed_out.call("change_event_status", &publish).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(rival.call("change_event_status", &publish).await.status, StatusCode::NOT_FOUND);
    assert_eq!(runner.call("change_event_status", &publish).await.status, StatusCode::OK);
    assert_eq!(problem(&runner.call("change_event_status", &publish).await, "change"), Problem::AlreadyClosed);
    assert_eq!(
        problem(&runner.call("change_event_status", &[("slug", &event), ("change", "finish")]).await, "change"),
        Problem::NotHeldYet
    );
    assert_eq!(rival.call("change_event_status", &[("slug", &event), ("change", "cancel")]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(call(&mut rival, "save_event", &with(&fields, "slug", &event)).await.status, StatusCode::FORBIDDEN);
    let public = signed_out.get(&format!("/events/{event}")).await;
    assert_eq!(public.status, StatusCode::OK);
    let main = main_of(&public);
    assert!(main.contains("Holds BSCI certification") && main.contains("Makes at least 10,000 pieces a month"), "{main}");
    assert!(main.contains("Sign in to register your firm") && !main.contains("Every registration"), "{main}");
    let list = signed_out.get("/events").await;
    assert!(main_of(&list).contains(&format!("/events/{event}")));
    let filtered = signed_out.get("/events?city=%E5%B9%B3%E5%BA%A6").await;
    assert!(main_of(&filtered).contains(&format!("/events/{event}")), "by city, in Chinese");
    assert!(!main_of(&signed_out.get("/events?belt=jimo-womens-wear").await).contains(&format!("/events/{event}")), "another belt");
    assert!(main_of(&signed_out.get(&format!("/belts/{BELT}")).await).contains(&format!("/events/{event}")), "on its belt's page");
    assert!(main_of(&signed_out.get(&format!("/associations/{association_slug}")).await).contains(&format!("/events/{event}")));
    drain_outbox(&site.db.db, &site.search).await;
    assert!(search_hrefs(&site.search, "lash matchmaking").await.contains(&format!("/events/{event}")));
    let mut zh = Browser::new(&site.router, "10.9.0.2");
    zh.lang = "zh-CN";
    let chinese = zh.get(&format!("/events/{event}")).await;
    assert!(main_of(&chinese).contains("持有 BSCI 认证") && main_of(&chinese).contains("月产能不低于 10,000 件"), "{}", main_of(&chinese));

    // Registering: a firm one runs, that meets the side's criteria.
    let (mut unqualified, plain_firm) = firm(&site, "plain@example.com", "Plain Lash Co").await;
    let refused = register(&mut unqualified, &event, &plain_firm).await;
    let Problem::CriteriaNotMet(failed) = problem(&refused, "firm") else { panic!("{}", refused.body) };
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed.iter().all(|(_, unsaid)| *unsaid), "no profile says nothing: {failed:?}");
    let message = Problem::CriteriaNotMet(failed).message(app::i18n::Lang::En);
    assert!(message.contains("Holds BSCI certification (the firm's profile does not say)"), "{message}");
    let (mut small, small_firm) = qualified_maker(&site, "small@example.com", "Small Lash Shop", "5000").await;
    let Problem::CriteriaNotMet(failed) = problem(&register(&mut small, &event, &small_firm).await, "firm") else { unreachable!() };
    assert_eq!(failed.len(), 1, "only the capacity fails: {failed:?}");
    assert!(!failed[0].1, "the profile says otherwise");
    assert_eq!(register(&mut unqualified, &event, &lash_firm).await.status, StatusCode::FORBIDDEN, "not their firm");
    assert_eq!(register(&mut signed_out, &event, &lash_firm).await.status, StatusCode::UNAUTHORIZED);
    let registered = register(&mut maker, &event, &lash_firm).await;
    assert_eq!(registered.status, StatusCode::OK, "{}", registered.body);
    assert!(registered.headers["location"].to_str().unwrap().contains("?registered=accepted&at="));
    assert_eq!(problem(&register(&mut maker, &event, &lash_firm).await, "firm"), Problem::AlreadyRegistered);

    // The one supplier seat is taken: the next qualified firm waits.
    let (mut second, second_firm) = qualified_maker(&site, "second@example.com", "Second Lash Works", "50000").await;
    let waiting = register(&mut second, &event, &second_firm).await;
    assert!(waiting.headers["location"].to_str().unwrap().contains("?registered=waitlisted&at="), "{}", waiting.body);
    let page = second.get(&format!("/events/{event}")).await;
    assert!(main_of(&page).contains("number 1 on the waitlist"), "{}", main_of(&page));

    // A platform registers as a buyer (no buyer criteria, no limit).
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;
    let platform = created_slug(&scout.call("create_organisation", &org_fields("platform", "Lash Mart", BELT)).await);
    assert_eq!(register(&mut scout, &event, &platform).await.status, StatusCode::OK);
    let public = signed_out.get(&format!("/events/{event}")).await;
    let main = main_of(&public);
    assert!(main.contains("Pingdu Lash Works") && main.contains("Lash Mart") && !main.contains("Second Lash Works"), "{main}");
    let organised = runner.get(&format!("/events/{event}")).await;
    assert!(main_of(&organised).contains("Every registration") && main_of(&organised).contains("Second Lash Works"));

    // Withdrawing frees the seat for the first waiting, who is told.
    let mine = registration_of(&site, "pingdu-lash-works").await;
    let id = mine.id.to_string();
    assert_eq!(second.call("withdraw_registration", &[("id", &id)]).await.status, StatusCode::NOT_FOUND, "not theirs");
    assert_eq!(maker.call("withdraw_registration", &[("id", &id)]).await.status, StatusCode::OK);
    assert_eq!(maker.call("withdraw_registration", &[("id", &id)]).await.status, StatusCode::FORBIDDEN, "withdrawn already");
    assert_eq!(registration_of(&site, "second-lash-works").await.status, "accepted");
    assert!(second.get("/notifications").await.body.contains("A seat freed up"));

    // Editing a published event's hours tells those registered; seats added fill from the waitlist.
    let edited = call(&mut runner, "save_event", &with(&with(&fields, "slug", &event), "starts_at", "08:40")).await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert!(scout.get("/notifications").await.body.contains("New date, hours or venue"));
    assert!(register(&mut maker, &event, &lash_firm).await.headers["location"]
        .to_str()
        .unwrap()
        .starts_with(&format!("/events/{event}?registered=waitlisted&at=")));
    let more_seats = with(&with(&fields, "slug", &event), "supplier_seats", "2");
    assert_eq!(call(&mut runner, "save_event", &more_seats).await.status, StatusCode::OK);
    assert_eq!(registration_of(&site, "pingdu-lash-works").await.status, "accepted", "the added seat went to the waitlist");

    // Cancelling tells everyone registered; a cancelled event takes no more changes.
    assert_eq!(runner.call("change_event_status", &[("slug", &event), ("change", "cancel")]).await.status, StatusCode::OK);
    assert!(maker.get("/notifications").await.body.contains("Event cancelled: Lash matchmaking day"));
    assert!(scout.get("/notifications").await.body.contains("Event cancelled"));
    assert_eq!(problem(&call(&mut runner, "save_event", &with(&fields, "slug", &event)).await, "title_zh"), Problem::AlreadyClosed);
    assert_eq!(problem(&register(&mut small, &event, &small_firm).await, "firm"), Problem::RegistrationClosed);
    let past = signed_out.get("/events").await;
    assert!(main_of(&past).contains("Cancelled"), "listed as cancelled among past events");
}

#[tokio::test]
async fn registration_opens_and_closes_on_its_days() {
    let site = site().await;
    let mut runner = association(&site, "runner@example.com", "Pingdu Lash Association", BELT).await;
    let slug = runner_association(&site).await;
    let later = with(&with(&event_fields("new", &slug, "Later day"), "registration_opens", &date(5)), "publish", "yes");
    let event = event_slug(&call(&mut runner, "save_event", &later).await);
    let (mut maker, firm) = qualified_maker(&site, "maker@example.com", "Pingdu Lash Works", "20000").await;
    assert_eq!(problem(&register(&mut maker, &event, &firm).await, "firm"), Problem::RegistrationClosed);
    let page = maker.get(&format!("/events/{event}")).await;
    assert!(main_of(&page).contains("Registration is not open now") && !page.body.contains("register_for_event"));
    // A school or service provider cannot attend, whatever the window.
    let mut provider = user(&site, "provider@example.com", Role::ServiceProvider).await;
    let provider_slug = created_slug(&provider.call("create_organisation", &org_fields("service_provider", "Lash Freight", BELT)).await);
    assert_eq!(problem(&register(&mut provider, &event, &provider_slug).await, "firm"), Problem::CannotAttend);
}

#[tokio::test]
async fn the_demo_events_are_the_meetings_the_qingdao_article_reports() {
    let site = site().await;
    let mut visitor = Browser::new(&site.router, "10.9.0.3");
    let list = visitor.get("/events").await;
    let main = main_of(&list);
    assert!(main.contains("SHEIN baseball-cap belt matchmaking meeting") && main.contains("TikTok Shop Jimo women"), "{main}");
    assert!(main.contains("Finished") && main.contains("Demo data"), "{main}");
    let jimo = visitor.get("/belts/jimo-womens-wear").await;
    assert!(main_of(&jimo).contains("TikTok Shop Jimo women"), "on the belt's page");
    let page = visitor.get("/events?platform=shein").await;
    assert!(main_of(&page).contains("SHEIN baseball-cap") && !main_of(&page).contains("TikTok Shop Jimo"), "by platform");
    drain_outbox(&site.db.db, &site.search).await;
    assert!(search_hrefs(&site.search, "对接会 即墨").await.iter().any(|h| h.starts_with("/events/")), "found in Chinese");
    // Seeding again changes nothing.
    let file = app::seed::demo().unwrap();
    let again = app::seed::seed(&site.db.db, &file, |_, _| {}).await.unwrap();
    assert_eq!(again.created + again.updated, 0, "{again:?}");
}

#[tokio::test]
async fn registered_firms_ask_each_other_for_meetings_and_organisers_set_priority_ones() {
    let site = site().await;
    let Gathering { mut runner, mut maker, mut rival, mut scout, event, lash_firm, rival_firm, platform } =
        gathering(&site, "Open lash day", "6").await;
    let scout_reg = registration_of(&site, &platform).await.id.to_string();
    let rival_reg = registration_of(&site, &rival_firm).await.id.to_string();

    // Who sees a firm's meetings page: its team, signed in.
    let mut signed_out = Browser::new(&site.router, "10.9.0.4");
    let meetings = format!("/events/{event}/meetings");
    assert_eq!(signed_out.call("event_meetings", &[("slug", &event)]).await.status, StatusCode::UNAUTHORIZED);
    let mut stranger = user(&site, "stranger@example.com", Role::Manufacturer).await;
    assert_eq!(stranger.call("event_meetings", &[("slug", &event)]).await.status, StatusCode::NOT_FOUND, "registered no firm");
    let page = maker.get(&format!("{meetings}?q=lash+mart")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(main_of(&page).contains("Lash Mart") && main_of(&page).contains("Buyers attending"), "{}", main_of(&page));
    assert!(!main_of(&maker.get(&format!("{meetings}?q=nothing-like-it")).await).contains("Lash Mart"), "narrowed by name");

    // A request with a note; once; to the other side only; by the firm's own editors.
    let note = "<b>Samples</b> of our 3D mink lashes?";
    let ask = |to: &str| vec![("slug", event.clone()), ("firm", lash_firm.clone()), ("to", to.to_string()), ("note", note.to_string())];
    assert_eq!(
        call(&mut rival, "request_meeting", &with(&ask(&scout_reg), "firm", &lash_firm)).await.status,
        StatusCode::NOT_FOUND,
        "not their firm"
    );
    assert_eq!(call(&mut maker, "request_meeting", &ask(&rival_reg)).await.status, StatusCode::FORBIDDEN, "suppliers meet buyers");
    let sent = call(&mut maker, "request_meeting", &ask(&scout_reg)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(problem(&call(&mut maker, "request_meeting", &ask(&scout_reg)).await, "to"), Problem::AlreadyAsked);
    let too_long = with(&ask(&scout_reg), "note", &"x".repeat(501));
    assert_eq!(problem(&call(&mut maker, "request_meeting", &too_long).await, "note"), Problem::TooLong { max: 500 });
    assert!(scout.get("/notifications").await.body.contains("asks to meet you"));
    let incoming = scout.get(&meetings).await;
    assert!(incoming.body.contains("&lt;b&gt;Samples&lt;/b&gt;"), "the note, as text, for the firm asked");
    assert!(!rival.get(&meetings).await.body.contains("Samples"), "other participants do not read it");

    // Answering: the firm asked, once.
    let request_id = {
        use app::entities::meeting_request;
        use sea_orm::EntityTrait;
        meeting_request::Entity::find().all(&site.db.db).await.unwrap()[0].id.to_string()
    };
    assert_eq!(maker.call("answer_meeting_request", &[("id", &request_id), ("answer", "accept")]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(scout.call("answer_meeting_request", &[("id", &request_id), ("answer", "accept")]).await.status, StatusCode::OK);
    assert_eq!(
        problem(&scout.call("answer_meeting_request", &[("id", &request_id), ("answer", "decline")]).await, "id"),
        Problem::AlreadyClosed
    );
    assert!(maker.get("/notifications").await.body.contains("accepted your meeting request"));
    assert!(main_of(&maker.get(&meetings).await).contains("Accepted"));

    // The slots a firm cannot attend.
    assert_eq!(maker.call("save_availability", &[("slug", &event), ("slots[]", "0"), ("slots[]", "3")]).await.status, StatusCode::OK);
    assert_eq!(problem(&maker.call("save_availability", &[("slug", &event), ("slots[]", "99")]).await, "slots"), Problem::NotAChoice);
    let page = maker.get(&meetings).await;
    assert!(
        page.body.contains(r#"id="slots-3" name="slots[]" value="3" checked"#) || page.body.contains(r#"value="3" checked"#),
        "saved slots stay ticked"
    );

    // Priority meetings: the organisers only; the firms cannot withdraw them.
    let priority = [("slug", event.as_str()), ("supplier", rival_firm.as_str()), ("buyer", platform.as_str())];
    assert_eq!(rival.call("add_priority_meeting", &priority).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        problem(&runner.call("add_priority_meeting", &[("slug", &event), ("supplier", &platform), ("buyer", &platform)]).await, "supplier"),
        Problem::NotAChoice
    );
    assert_eq!(runner.call("add_priority_meeting", &priority).await.status, StatusCode::OK);
    assert!(rival.get("/notifications").await.body.contains("priority meeting"));
    let set = {
        use app::entities::meeting_request;
        use sea_orm::EntityTrait;
        meeting_request::Entity::find().all(&site.db.db).await.unwrap().into_iter().find(|r| r.priority).unwrap()
    };
    assert_eq!(set.status, "accepted");
    assert_eq!(rival.call("withdraw_meeting_request", &[("id", &set.id.to_string())]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(maker.call("withdraw_meeting_request", &[("id", &request_id)]).await.status, StatusCode::OK, "the sender withdraws its own");

    // A firm that leaves the event takes its open requests with it, the organisers' too.
    let rival_id = registration_of(&site, &rival_firm).await.id.to_string();
    assert_eq!(rival.call("withdraw_registration", &[("id", &rival_id)]).await.status, StatusCode::OK);
    let left = {
        use app::entities::meeting_request;
        use sea_orm::EntityTrait;
        meeting_request::Entity::find_by_id(set.id).one(&site.db.db).await.unwrap().unwrap()
    };
    assert_eq!(left.status, "withdrawn");
}

/// A calendar as an independent parser reads it: per event, its properties by name.
fn calendar_events(page: &Page) -> Vec<std::collections::HashMap<String, String>> {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.headers["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let calendars: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(page.body.as_bytes())).collect::<Result<_, _>>().unwrap();
    assert_eq!(calendars.len(), 1);
    calendars[0]
        .events
        .iter()
        .map(|e| e.properties.iter().map(|p| (p.name.clone(), p.value.clone().unwrap_or_default())).collect())
        .collect()
}

/// When slot `slot` of the event starts, as iCalendar writes it in UTC.
fn slot_start(row: &app::entities::event::Model, slot: i32) -> String {
    let start = app::events::repo::slots_of(row)[slot as usize].start;
    app::events::timetable::in_china(row.day, start).format("%Y%m%dT%H%M%SZ").to_string()
}

async fn placed(site: &Site) -> Vec<app::entities::event_meeting::Model> {
    use sea_orm::EntityTrait;
    app::entities::event_meeting::Entity::find().all(&site.db.db).await.unwrap()
}

#[tokio::test]
async fn the_organisers_schedule_the_meetings_and_each_firm_gets_its_agenda_and_calendar() {
    use sea_orm::EntityTrait;
    let site = site().await;
    // One table: two meetings of the day never share a slot.
    let Gathering { mut runner, mut maker, mut rival, mut scout, event, lash_firm, rival_firm, platform } =
        gathering(&site, "Scheduled lash day", "1").await;
    let scout_reg = registration_of(&site, &platform).await.id.to_string();
    let asked = maker.call("request_meeting", &[("slug", &event), ("firm", &lash_firm), ("to", &scout_reg), ("note", "")]).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let request = app::entities::meeting_request::Entity::find().all(&site.db.db).await.unwrap()[0].id.to_string();
    assert_eq!(scout.call("answer_meeting_request", &[("id", &request), ("answer", "accept")]).await.status, StatusCode::OK);
    let priority = [("slug", event.as_str()), ("supplier", rival_firm.as_str()), ("buyer", platform.as_str())];
    assert_eq!(runner.call("add_priority_meeting", &priority).await.status, StatusCode::OK);
    // The maker cannot make the first slot.
    assert_eq!(maker.call("save_availability", &[("slug", &event), ("firm", &lash_firm), ("slots[]", "0")]).await.status, StatusCode::OK);

    // Before the schedule: agendas say so.
    let agenda = format!("/events/{event}/agenda?firm={lash_firm}");
    assert!(main_of(&maker.get(&agenda).await).contains("have not made the schedule yet"));

    // Who schedules: the organisers only.
    let mut signed_out = Browser::new(&site.router, "10.9.0.5");
    assert_eq!(signed_out.call("event_schedule", &[("slug", &event)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(maker.call("event_schedule", &[("slug", &event)]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(maker.call("generate_schedule", &[("slug", &event)]).await.status, StatusCode::FORBIDDEN);
    let mut other_runner = association(&site, "other@example.com", "Miluo Tackle Association", BELT).await;
    assert_eq!(other_runner.call("generate_schedule", &[("slug", &event)]).await.status, StatusCode::FORBIDDEN);
    assert!(placed(&site).await.is_empty(), "refused runs placed nothing");
    let made = runner.call("generate_schedule", &[("slug", &event)]).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let meetings = placed(&site).await;
    assert_eq!(meetings.len(), 2, "both meetings fit");
    assert_ne!(meetings[0].slot, meetings[1].slot, "the buyer is in one meeting at a time; one table");
    let maker_meeting = meetings.iter().find(|m| m.request_id.to_string() == request).unwrap().clone();
    assert_ne!(maker_meeting.slot, 0, "not in a slot the maker cannot attend");
    for browser in [&mut maker, &mut rival, &mut scout] {
        assert!(browser.get("/notifications").await.body.contains("were scheduled or changed"));
    }
    let schedule = main_of(&runner.get(&format!("/events/{event}/schedule")).await);
    assert!(
        schedule.contains("Placed 2 of 2 meetings") && schedule.contains("Rival Lash Works") && schedule.contains("Lash Mart"),
        "{schedule}"
    );

    // The agenda: the firm's team only.
    let page = main_of(&maker.get(&agenda).await);
    assert!(page.contains("Lash Mart") && page.contains("Table 1"), "{page}");
    assert!(!page.contains("Rival Lash Works"), "another firm's meeting is not on this agenda");
    assert_eq!(signed_out.call("event_agenda", &[("slug", &event), ("firm", &lash_firm)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(rival.call("event_agenda", &[("slug", &event), ("firm", &lash_firm)]).await.status, StatusCode::NOT_FOUND);

    // The calendar file, read back by another parser: the day and the meeting, at its time.
    let row = app::events::repo::by_slug(&site.db.db, &event).await.unwrap();
    let ics = format!("/events/{event}/agenda.ics?firm={lash_firm}&lang=en");
    let entries = calendar_events(&maker.get(&ics).await);
    assert_eq!(entries.len(), 2, "the event's day and one meeting");
    let meeting = entries.iter().find(|e| e["SUMMARY"].contains("Lash Mart")).expect("the meeting");
    assert_eq!(meeting["DTSTART"], slot_start(&row, maker_meeting.slot));
    assert_eq!(meeting["UID"], format!("meeting-{request}@beltlink"));
    assert!(meeting["LOCATION"].contains("Pingdu Exhibition Centre"));
    assert!(calendar_events(&maker.get(&format!("/events/{event}/agenda.ics?firm={lash_firm}&lang=zh")).await)
        .iter()
        .any(|e| e["SUMMARY"].contains("号桌")));
    assert_eq!(rival.get(&format!("/events/{event}/agenda.ics?firm={lash_firm}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(signed_out.get(&ics).await.status, StatusCode::SEE_OTHER, "signed out: to sign in");

    // A subscription address: its editors make one; whoever holds it reads the calendar, until replaced.
    let link = [("slug", event.as_str()), ("firm", lash_firm.as_str())];
    assert_eq!(rival.call("new_calendar_link", &link).await.status, StatusCode::NOT_FOUND);
    assert_eq!(maker.call("new_calendar_link", &link).await.status, StatusCode::OK);
    let token = registration_of(&site, &lash_firm).await.calendar_token.unwrap();
    assert!(main_of(&maker.get(&agenda).await).contains(&format!("/calendars/{token}.ics")));
    let feed = format!("/calendars/{token}.ics?lang=en");
    assert_eq!(calendar_events(&signed_out.get(&feed).await).len(), 2);
    assert_eq!(signed_out.get("/calendars/not-a-secret.ics").await.status, StatusCode::NOT_FOUND);

    // A change: the maker can no longer make its slot; a rerun moves that meeting only, says so, and the feed follows.
    let busy = maker_meeting.slot.to_string();
    assert_eq!(
        maker.call("save_availability", &[("slug", &event), ("firm", &lash_firm), ("slots[]", "0"), ("slots[]", &busy)]).await.status,
        StatusCode::OK
    );
    let rival_before = placed(&site).await.into_iter().find(|m| m.id != maker_meeting.id).unwrap();
    assert_eq!(runner.call("generate_schedule", &[("slug", &event)]).await.status, StatusCode::OK);
    let after = placed(&site).await;
    let moved = after.iter().find(|m| m.id == maker_meeting.id).unwrap();
    assert!(moved.slot != maker_meeting.slot && moved.slot != 0);
    assert_eq!(after.iter().find(|m| m.id == rival_before.id).unwrap().slot, rival_before.slot, "the other meeting stays put");
    assert!(main_of(&runner.get(&format!("/events/{event}/schedule")).await).contains("1 kept in place, 0 added, 1 moved, 0 dropped"));
    let entries = calendar_events(&signed_out.get(&feed).await);
    let meeting = entries.iter().find(|e| e["SUMMARY"].contains("Lash Mart")).unwrap();
    assert_eq!(meeting["DTSTART"], slot_start(&row, moved.slot));

    // A new address revokes the old.
    assert_eq!(maker.call("new_calendar_link", &link).await.status, StatusCode::OK);
    assert_eq!(signed_out.get(&feed).await.status, StatusCode::NOT_FOUND);

    // A firm that leaves: its meeting leaves the schedule, and the firm it was to meet is told.
    let rival_id = registration_of(&site, &rival_firm).await.id.to_string();
    assert_eq!(rival.call("withdraw_registration", &[("id", &rival_id)]).await.status, StatusCode::OK);
    assert_eq!(placed(&site).await.len(), 1);
    assert!(scout.get("/notifications").await.body.contains("Rival Lash Works cancelled your"));

    // A cancelled event takes no schedule; its calendars mark the meetings cancelled.
    assert_eq!(runner.call("change_event_status", &[("slug", &event), ("change", "cancel")]).await.status, StatusCode::OK);
    assert_eq!(problem(&runner.call("generate_schedule", &[("slug", &event)]).await, "rebuild"), Problem::ScheduleClosed);
    let entries = calendar_events(&maker.get(&ics).await);
    assert!(entries.iter().all(|e| e["STATUS"] == "CANCELLED"));
}

#[tokio::test]
async fn on_the_day_organisers_check_firms_in_and_move_or_cancel_meetings() {
    use app::entities::{event_meeting, event_registration};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let site = site().await;
    let Gathering { mut runner, mut maker, mut rival, mut scout, event, lash_firm, rival_firm, platform } =
        gathering(&site, "Lash day on the day", "2").await;
    let maker_reg = registration_of(&site, &lash_firm).await.id;
    let scout_reg = registration_of(&site, &platform).await.id;
    let asked =
        maker.call("request_meeting", &[("slug", &event), ("firm", &lash_firm), ("to", &scout_reg.to_string()), ("note", "")]).await;
    assert_eq!(asked.status, StatusCode::OK);
    let request = app::entities::meeting_request::Entity::find().all(&site.db.db).await.unwrap()[0].id;
    assert_eq!(scout.call("answer_meeting_request", &[("id", &request.to_string()), ("answer", "accept")]).await.status, StatusCode::OK);
    let priority = [("slug", event.as_str()), ("supplier", rival_firm.as_str()), ("buyer", platform.as_str())];
    assert_eq!(runner.call("add_priority_meeting", &priority).await.status, StatusCode::OK);
    assert_eq!(runner.call("generate_schedule", &[("slug", &event)]).await.status, StatusCode::OK);
    let meetings = placed(&site).await;
    let mine = meetings.iter().find(|m| m.request_id == request).unwrap().clone();
    let theirs = meetings.iter().find(|m| m.request_id != request).unwrap().clone();

    // Who runs the day: the organisers; a firm's team prints its own badge.
    let mut signed_out = Browser::new(&site.router, "10.9.0.6");
    let mut other_runner = association(&site, "other@example.com", "Miluo Tackle Association", BELT).await;
    assert_eq!(signed_out.call("event_day", &[("slug", &event)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(maker.call("event_day", &[("slug", &event)]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other_runner.call("event_day", &[("slug", &event)]).await.status, StatusCode::FORBIDDEN);
    let desk = [("slug", event.as_str()), ("registration", &maker_reg.to_string()), ("arrived", "yes")];
    assert_eq!(maker.call("check_in_participant", &desk).await.status, StatusCode::FORBIDDEN, "no self check-in");
    assert_eq!(
        maker.call("event_check_in", &[("slug", &event), ("registration", &maker_reg.to_string())]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(signed_out.call("event_badge", &[("slug", &event), ("firm", &lash_firm)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(rival.call("event_badge", &[("slug", &event), ("firm", &lash_firm)]).await.status, StatusCode::NOT_FOUND);
    let badge = maker.get(&format!("/events/{event}/badge?firm={lash_firm}")).await;
    assert_eq!(badge.status, StatusCode::OK);
    assert!(badge.body.contains("<svg") && main_of(&badge).contains("Lash Mart"), "the QR code and the day's meetings");
    let check_in_page = runner.get(&format!("/events/{event}/check-in/{maker_reg}")).await;
    assert!(main_of(&check_in_page).contains("Pingdu Lash Works") && main_of(&check_in_page).contains("not checked in"));

    // Moving: only to a free table in a slot both firms have free; both are told.
    let row = app::events::repo::by_slug(&site.db.db, &event).await.unwrap();
    let day = app::events::day_repo::page(&site.db.db, &row, Some(mine.id), chrono::Utc::now()).await.unwrap();
    let (_, places) = day.moving.expect("places offered");
    assert!(!places.contains(&(theirs.slot as usize, theirs.table_no as usize)), "not the other meeting's place");
    assert!(!places.iter().any(|p| p.0 == theirs.slot as usize), "the buyer is busy then");
    let last = places.last().unwrap();
    let to = &format!("{}-{}", last.0, last.1);
    let moving = |place: &str| vec![("slug", event.clone()), ("meeting", mine.id.to_string()), ("place", place.to_string())];
    assert_eq!(call(&mut maker, "move_event_meeting", &moving(to)).await.status, StatusCode::FORBIDDEN);
    let clash = format!("{}-{}", theirs.slot, 1 - theirs.table_no);
    assert_eq!(problem(&call(&mut runner, "move_event_meeting", &moving(&clash)).await, "place"), Problem::NotAChoice);
    assert_eq!(call(&mut runner, "move_event_meeting", &moving(to)).await.status, StatusCode::OK);
    let moved = event_meeting::Entity::find_by_id(mine.id).one(&site.db.db).await.unwrap().unwrap();
    assert_eq!(format!("{}-{}", moved.slot, moved.table_no), *to);
    assert!(maker.get("/notifications").await.body.contains("moved to"));

    // Cancelling: both told; the agendas and calendars say so; a rerun does not bring it back.
    let cancel = [("slug", event.as_str()), ("meeting", &theirs.id.to_string())];
    assert_eq!(rival.call("cancel_event_meeting", &cancel).await.status, StatusCode::FORBIDDEN);
    assert_eq!(runner.call("cancel_event_meeting", &cancel).await.status, StatusCode::OK);
    assert_eq!(problem(&runner.call("cancel_event_meeting", &cancel).await, "meeting"), Problem::AlreadyClosed);
    assert!(rival.get("/notifications").await.body.contains("The organisers cancelled your"));
    assert!(main_of(&rival.get(&format!("/events/{event}/agenda")).await).contains("Cancelled by the organisers"));
    let entries = calendar_events(&scout.get(&format!("/events/{event}/agenda.ics?firm={platform}&lang=en")).await);
    let cancelled = entries.iter().find(|e| e["SUMMARY"].contains("Rival Lash Works")).unwrap();
    assert_eq!(cancelled["STATUS"], "CANCELLED");
    assert_eq!(runner.call("generate_schedule", &[("slug", &event)]).await.status, StatusCode::OK);
    let after = placed(&site).await;
    assert_eq!(after.len(), 2);
    assert!(after.iter().find(|m| m.id == theirs.id).unwrap().cancelled_at.is_some(), "still cancelled");

    // Check-in: at the desk (what the badge's code opens), undone, and again.
    assert_eq!(runner.call("check_in_participant", &desk).await.status, StatusCode::OK);
    let arrived = |site: &Site| {
        let db = site.db.db.clone();
        async move { event_registration::Entity::find_by_id(maker_reg).one(&db).await.unwrap().unwrap().checked_in_at.is_some() }
    };
    assert!(arrived(&site).await);
    assert_eq!(
        runner.call("check_in_participant", &[("slug", &event), ("registration", &maker_reg.to_string())]).await.status,
        StatusCode::OK
    );
    assert!(!arrived(&site).await, "undone");
    assert_eq!(runner.call("check_in_participant", &desk).await.status, StatusCode::OK);

    // Outcomes wait for the meeting to begin.
    let outcome = |firm: &str, meeting: i32, outcome: &str, note: &str| {
        vec![
            ("slug", event.clone()),
            ("firm", firm.to_string()),
            ("meeting", meeting.to_string()),
            ("outcome", outcome.to_string()),
            ("note", note.to_string()),
        ]
    };
    let early = call(&mut maker, "record_meeting_outcome", &outcome(&lash_firm, mine.id, "order_intent", "")).await;
    assert_eq!(problem(&early, "outcome"), Problem::MeetingNotBegun);

    // On the day: once its slot has begun, a meeting a firm did not check in for is a no-show; held once both are here.
    held_yesterday(&site, &event).await;
    let mut first: event_meeting::ActiveModel = moved.into();
    first.slot = Set(0);
    first.update(&site.db.db).await.unwrap();
    let day = main_of(&runner.get(&format!("/events/{event}/day")).await);
    assert!(day.contains("No-shows 1") && day.contains("Cancelled 1"), "{day}");
    let scout_desk = [("slug", event.as_str()), ("registration", &scout_reg.to_string()), ("arrived", "yes")];
    assert_eq!(runner.call("check_in_participant", &scout_desk).await.status, StatusCode::OK);
    let day = main_of(&runner.get(&format!("/events/{event}/day")).await);
    assert!(day.contains("Under way or held 1") && day.contains("No-shows 0"), "{day}");

    // After the meeting each side records how it went; neither reads the other's note.
    let secret = "<b>Order</b> 5,000 pairs in March";
    assert_eq!(
        problem(&call(&mut maker, "record_meeting_outcome", &outcome(&lash_firm, mine.id, "maybe", "")).await, "outcome"),
        Problem::NotAChoice
    );
    let long = "x".repeat(1001);
    assert_eq!(
        problem(&call(&mut maker, "record_meeting_outcome", &outcome(&lash_firm, mine.id, "order_intent", &long)).await, "note"),
        Problem::TooLong { max: 1000 }
    );
    assert_eq!(
        call(&mut rival, "record_meeting_outcome", &outcome(&rival_firm, mine.id, "no_fit", "")).await.status,
        StatusCode::NOT_FOUND,
        "not their meeting"
    );
    assert_eq!(
        problem(&call(&mut rival, "record_meeting_outcome", &outcome(&rival_firm, theirs.id, "no_fit", "")).await, "outcome"),
        Problem::MeetingNotBegun,
        "cancelled"
    );
    let saved = call(&mut maker, "record_meeting_outcome", &outcome(&lash_firm, mine.id, "order_intent", secret)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(
        call(&mut scout, "record_meeting_outcome", &outcome(&platform, mine.id, "sample_requested", "Samples by Friday")).await.status,
        StatusCode::OK
    );
    let agenda = maker.get(&format!("/events/{event}/agenda?firm={lash_firm}")).await;
    assert!(agenda.body.contains("&lt;b&gt;Order&lt;/b&gt;") && !agenda.body.contains("<b>Order"), "its own note, as text");
    assert!(!agenda.body.contains("Samples by Friday"), "not the other side's note");
    assert!(!scout.get(&format!("/events/{event}/agenda?firm={platform}")).await.body.contains("5,000 pairs"));
    assert!(!maker.get(&format!("/events/{event}/badge?firm={lash_firm}")).await.body.contains("5,000 pairs"), "not on the badge");

    // The report: organisers only; the meeting held, the cancelled one, both outcomes, by belt and category.
    assert_eq!(signed_out.call("event_report", &[("slug", &event)]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(maker.call("event_report", &[("slug", &event)]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(other_runner.call("event_report", &[("slug", &event)]).await.status, StatusCode::FORBIDDEN);
    let report = runner.get(&format!("/events/{event}/report")).await;
    assert_eq!(report.status, StatusCode::OK);
    let body = main_of(&report);
    assert!(body.contains("Meetings on the plan: 1 — held 1, no-shows 0, still to come 0. Cancelled: 1."), "{body}");
    assert!(body.contains("Outcomes recorded by the firms: 2. Meetings with an intent to order: 1."), "{body}");
    let belt_name = app::read::all_belts(&site.db.db).await.unwrap().into_iter().find(|b| b.slug == BELT).unwrap().name.en;
    let document = scraper::Html::parse_document(&body);
    let rows = |table: &str| -> Vec<Vec<String>> {
        let selector = scraper::Selector::parse(&format!("#{table} tbody tr")).unwrap();
        let cell = scraper::Selector::parse("th, td").unwrap();
        document.select(&selector).map(|row| row.select(&cell).map(|c| c.text().collect::<String>().trim().to_string()).collect()).collect()
    };
    assert_eq!(rows("belts"), [[belt_name.as_str(), "1", "1", "0", "0", "1", "1"]], "both sides' outcomes under the supplier's belt");
    assert_eq!(rows("categories"), [["Not stated", "1", "1", "0", "0", "1", "1"]], "the maker's profile names no category");
    assert_eq!(rows("outcomes").iter().map(|r| r[1].as_str()).collect::<Vec<_>>(), ["0", "0", "1", "1"]);
    assert_eq!(report.body.matches("<svg").count(), 4, "a chart each for meetings, outcomes, belts and categories");
    assert!(!body.contains("5,000 pairs"), "notes stay out of the page");
    // Its file: a row per meeting with both sides' outcomes and notes, for the organisers only.
    let csv = runner.get(&format!("/events/{event}/report.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers.get("content-disposition").unwrap().to_str().unwrap().contains(&format!("{event}-report.csv")));
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(records.len(), 2, "the held meeting and the cancelled one");
    let held = records.iter().find(|r| &r[6] == "Under way or held").unwrap();
    assert_eq!((&held[2], &held[5], &held[8], &held[9]), ("Pingdu Lash Works", "Lash Mart", "Order intent", secret));
    assert_eq!((&held[10], &held[11]), ("Sample requested", "Samples by Friday"));
    assert!(records.iter().any(|r| &r[6] == "Cancelled" && &r[7] == "yes"), "the priority meeting, cancelled");
    assert_eq!(maker.get(&format!("/events/{event}/report.csv")).await.status, StatusCode::FORBIDDEN);
    let away = signed_out.get(&format!("/events/{event}/report.csv")).await;
    assert!(away.status.is_redirection() && away.headers.get("location").unwrap().to_str().unwrap().starts_with("/signin"));
    // The association's and the belt's pages carry the order intent as a figure.
    let association = runner_association(&site).await;
    let intents = "firms recorded an intent to order in 1 meeting(s), at 1 event(s).";
    assert!(main_of(&signed_out.get(&format!("/associations/{association}")).await).contains(intents));
    assert!(main_of(&signed_out.get(&format!("/belts/{BELT}")).await).contains(intents));

    // Changing it keeps one record per side.
    assert_eq!(call(&mut maker, "record_meeting_outcome", &outcome(&lash_firm, mine.id, "follow_up", "")).await.status, StatusCode::OK);
    let records = app::entities::meeting_outcome::Entity::find().all(&site.db.db).await.unwrap();
    assert_eq!(records.len(), 2);
    assert!(records.iter().any(|o| o.registration_id == maker_reg && o.outcome == "follow_up"));

    // A finished event's day is a record: no more check-ins.
    assert_eq!(runner.call("change_event_status", &[("slug", &event), ("change", "finish")]).await.status, StatusCode::OK);
    assert_eq!(problem(&runner.call("check_in_participant", &desk).await, "meeting"), Problem::ScheduleClosed);
}

/// Moves the event's day to yesterday (in China), so every meeting has begun
/// whatever the hour the test runs at.
pub async fn held_yesterday(site: &Site, event: &str) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let row = app::events::repo::by_slug(&site.db.db, event).await.unwrap();
    let mut moved: app::entities::event::ActiveModel = row.into();
    moved.day = Set(app::scouting::rules::china_today(chrono::Utc::now()) - chrono::Duration::days(1));
    moved.update(&site.db.db).await.unwrap();
}

#[tokio::test]
async fn every_firm_with_a_seat_is_reminded_the_day_before_and_an_hour_before_by_notification_and_email() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
    let site = site().await;
    let smtp = TestSmtp::start().await;
    let Gathering { mut runner, mut maker, mut scout, event, lash_firm, platform, .. } = gathering(&site, "Reminded lash day", "2").await;
    let scout_reg = registration_of(&site, &platform).await.id.to_string();
    let asked = maker.call("request_meeting", &[("slug", &event), ("firm", &lash_firm), ("to", &scout_reg), ("note", "")]).await;
    assert_eq!(asked.status, StatusCode::OK);
    let request = app::entities::meeting_request::Entity::find().all(&site.db.db).await.unwrap()[0].id.to_string();
    assert_eq!(scout.call("answer_meeting_request", &[("id", &request), ("answer", "accept")]).await.status, StatusCode::OK);
    assert_eq!(runner.call("generate_schedule", &[("slug", &event)]).await.status, StatusCode::OK);
    // The maker's address is confirmed, so reminders reach it by email too.
    let maker_user = app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Email.eq("maker@example.com"))
        .one(&site.db.db)
        .await
        .unwrap()
        .unwrap();
    let mut confirmed: app::entities::user::ActiveModel = maker_user.into();
    confirmed.email_confirmed_at = Set(Some(chrono::Utc::now()));
    confirmed.update(&site.db.db).await.unwrap();
    deliver_mail(&site, &smtp.transport()).await;
    let before = smtp.received().len();

    let row = app::events::repo::by_slug(&site.db.db, &event).await.unwrap();
    let starts = app::events::timetable::in_china(row.day, app::events::repo::day_hours(&row).0);
    let mail = app::state::MailSettings::local("http://beltlink.test");
    let send = |now| app::events::reminders::send_due(&site.db.db, &mail, now);
    assert_eq!(send(starts - chrono::Duration::hours(30)).await.unwrap(), 0, "not yet");
    assert_eq!(send(starts - chrono::Duration::hours(23)).await.unwrap(), 1);
    assert_eq!(send(starts - chrono::Duration::hours(22)).await.unwrap(), 0, "once");
    let notices = maker.get("/notifications").await.body;
    assert!(
        notices.contains("Tomorrow, 09:00–12:00: Reminded lash day at Pingdu Exhibition Centre; your 1 meeting(s) begin at"),
        "{notices}"
    );
    assert!(scout.get("/notifications").await.body.contains("with Pingdu Lash Works"), "each firm its own first meeting");
    deliver_mail(&site, &smtp.transport()).await;
    let received = smtp.received();
    assert!(received[before..].iter().any(|m| m.to == "maker@example.com" && m.subject.contains("Tomorrow")), "{received:?}");

    assert_eq!(send(starts - chrono::Duration::minutes(30)).await.unwrap(), 1);
    assert!(maker.get("/notifications").await.body.contains("Starts in an hour"));
    assert_eq!(send(starts + chrono::Duration::minutes(5)).await.unwrap(), 0, "started");
}
