//! `/events` (upcoming and past, filterable), `/events/new` and
//! `/events/{slug}/edit` (the form), `/events/{slug}` (programme, seats and
//! criteria, participants, registering), and the event lists on belt and
//! association pages.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::belts::map::{ChinaMap, MapMarker};
use crate::clock::When;
use crate::error::AppError;
use crate::events::rules::{DESCRIPTION_MAX, PLACE_MAX, TITLE_MAX};
use crate::events::texts::{texts, EventTexts};
use crate::events::types::*;
use crate::forms::{
    form_errors, form_failure, options, owned, ChoiceGroup, ChoiceSelect, ErrorSummary, Field, FilterSelect, FormErrors, FormFailure,
    SelectField, TextAreaField, Tick,
};
use crate::i18n::Lang;
use crate::suppliers::types::{Certification, QuantityUnit};
use crate::use_lang;

/// One event in a list.
#[component]
pub fn EventCardView(card: EventCard, #[prop(optional)] with_status: bool) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let (suppliers, buyers) = card.registered;
    let counts = s.registered_counts.replace("{s}", &suppliers.to_string()).replace("{b}", &buyers.to_string());
    let show_status = with_status || card.status != EventStatus::Published;
    view! {
        <li class="event-card">
            <h3><a href=format!("/events/{}", card.slug)>{card.title.get(lang).to_string()}</a></h3>
            <p class="event-meta">
                <span>{format!("{} {}", card.day, card.hours)}</span>
                {(!card.city.get(lang).is_empty()).then(|| format!(" · {}", card.city.get(lang)))}
                {show_status.then(|| view! { " " <span class="badge">{card.status.label(lang)}</span> })}
                {card.is_demo.then(|| view! { " " <span class="badge">{s.demo}</span> })}
            </p>
            <p class="event-hosts">
                {format!("{}{}", s.host, lang.pick("：", ": "))}
                <a href=format!("/associations/{}", card.association.slug)>{card.association.name.get(lang).to_string()}</a>
                {card.platform.map(|p| view! {
                    {format!(" · {}{}", s.platform, lang.pick("：", ": "))}
                    <a href=format!("/orgs/{}", p.slug)>{p.name.get(lang).to_string()}</a>
                })}
                {card.belt.map(|b| view! {
                    {format!(" · {}{}", s.belt, lang.pick("：", ": "))}
                    <a href=format!("/belts/{}", b.slug)>{b.name.get(lang).to_string()}</a>
                })}
            </p>
            <p class="muted">{counts}</p>
        </li>
    }
}

#[component]
fn EventCards(cards: Vec<EventCard>, empty: &'static str, #[prop(optional)] with_status: bool) -> impl IntoView {
    if cards.is_empty() {
        return Either::Left(view! { <p class="empty">{empty}</p> });
    }
    Either::Right(view! {
        <ul class="event-list">
            {cards.into_iter().map(|card| view! { <EventCardView card with_status/> }).collect_view()}
        </ul>
    })
}

/// `/events`
#[component]
pub fn EventsPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let list = Resource::new(
        move || (param("belt"), param("city"), param("platform")),
        |(belt, city, platform)| crate::events::api::list_events(belt, city, platform),
    );
    view! {
        <Title text=format!("{} · {}", s.list_title, lang.texts().site_name)/>
        <section class="events-page">
            <h1>{s.list_title}</h1>
            <p class="lead">{s.list_lead}</p>
            {crate::loaded!(list, list => view! { <EventListView list chosen=(param("belt"), param("city"), param("platform"))/> })}
        </section>
    }
}

#[component]
fn EventListView(list: EventList, chosen: (String, String, String)) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let (belt, city, platform) = chosen;
    let belts = list.belts.iter().map(|b| (b.slug.clone(), b.name.get(lang).to_string())).collect::<Vec<_>>();
    // A city is filtered by its name in either language; the value is the Chinese one when there is one.
    let cities = list.cities.iter().map(|c| (c.get(Lang::Zh).to_string(), c.get(lang).to_string())).collect::<Vec<_>>();
    let platforms = list.platforms.iter().map(|p| (p.slug.clone(), p.name.get(lang).to_string())).collect::<Vec<_>>();
    view! {
        {list.may_create.then(|| view! { <p><a class="button-link" href="/events/new">{s.new_event}</a></p> })}
        {(!list.own.is_empty()).then(|| view! {
            <section class="own-events">
                <h2>{s.own_events}</h2>
                <EventCards cards=list.own.clone() empty=s.no_upcoming with_status=true/>
            </section>
        })}
        <form class="filters event-filters" method="get" action="/events">
            <FilterSelect name="belt" label=s.belt any=s.any choices=belts chosen=belt/>
            <FilterSelect name="city" label=s.city any=s.any choices=cities chosen=city/>
            <FilterSelect name="platform" label=s.platform any=s.any choices=platforms chosen=platform/>
            <button type="submit">{s.filter}</button>
        </form>
        <h2>{s.upcoming}</h2>
        <EventCards cards=list.upcoming empty=s.no_upcoming/>
        <h2>{s.past}</h2>
        <EventCards cards=list.past empty=s.no_past with_status=true/>
    }
}

/// A belt page's events and the order intents recorded at them. Nothing when there are none.
#[component]
pub fn BeltEvents(belt: String) -> impl IntoView {
    let s = texts(use_lang());
    let events = Resource::new(move || belt.clone(), crate::events::api::belt_events);
    view! { <EventsSection events heading=s.belt_events intents=s.belt_order_intents class="belt-events"/> }
}

/// An association page's events and the order intents recorded at them. Nothing when there are none.
#[component]
pub fn AssociationEvents(association: String) -> impl IntoView {
    let s = texts(use_lang());
    let events = Resource::new(move || association.clone(), crate::events::api::association_events);
    view! { <EventsSection events heading=s.association_events intents=s.association_order_intents class="association-events"/> }
}

#[component]
fn EventsSection(
    events: Resource<Result<EventsOf, AppError>>,
    heading: &'static str,
    intents: &'static str,
    class: &'static str,
) -> impl IntoView {
    let s = texts(use_lang());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let EventsOf { cards, order_intents } = events.await.unwrap_or_default();
                let figures = (order_intents.meetings > 0).then(|| {
                    intents
                        .replace("{meetings}", &crate::forms::grouped(order_intents.meetings as i64))
                        .replace("{events}", &crate::forms::grouped(order_intents.events as i64))
                });
                (!cards.is_empty() || figures.is_some()).then(|| view! {
                    <section class=class>
                        <h2>{heading}</h2>
                        {figures.map(|text| view! { <p class="order-intents"><strong>{text}</strong></p> })}
                        <EventCards cards empty=s.no_upcoming/>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// `/events/{slug}`
#[component]
pub fn EventPageView() -> impl IntoView {
    let page = Resource::new(event_address(&[]), |address| crate::events::api::load_event(address.slug));
    crate::loaded!(page, page => view! { <EventView page/> })
}

fn notice(s: &'static EventTexts, query: &leptos_router::params::ParamsMap) -> Option<&'static str> {
    match (query.get("status").as_deref(), query.get("registered").as_deref()) {
        (Some("publish"), _) => Some(s.published),
        (Some("cancel"), _) => Some(s.cancelled),
        (Some("finish"), _) => Some(s.finished),
        (_, Some("accepted")) => Some(s.registered_notice),
        (_, Some("waitlisted")) => Some(s.waitlisted_notice),
        _ if query.get("priority").is_some() => Some(s.priority_notice),
        _ if query.get("withdrawn").is_some() => Some(s.withdrawn_notice),
        _ if query.get("saved").is_some() => Some(s.saved),
        _ => None,
    }
}

#[component]
fn EventView(page: EventPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let said = query.with_untracked(|q| notice(s, q));
    let card = page.card.clone();
    let title = card.title.get(lang).to_string();
    let description = page.description.get(lang).to_string();
    let venue = page.venue.get(lang).to_string();
    let city = card.city.get(lang).to_string();
    let map = page.position.map(|(latitude, longitude)| {
        let marker = MapMarker {
            href: format!("https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=15/{latitude}/{longitude}"),
            label: venue.clone(),
            latitude,
            longitude,
            province: page.province.clone().unwrap_or_default(),
            place: city.clone(),
        };
        let link = marker.href.clone();
        view! {
            <figure class="event-map">
                <ChinaMap markers=vec![marker] highlight=page.province.clone().unwrap_or_default() title=format!("{venue} · {city}") lang/>
                <figcaption><a href=link rel="noopener">{s.map_link}</a></figcaption>
            </figure>
        }
    });
    let status_note = match card.status {
        EventStatus::Draft => Some(s.draft_note),
        EventStatus::Cancelled => Some(s.cancelled_note),
        EventStatus::Finished => Some(s.finished_note),
        EventStatus::Published => None,
    };
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <article class="event-page">
            <p class="breadcrumb"><a href="/events">{s.list_title}</a></p>
            <h1>{title.clone()}</h1>
            {said.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {status_note.map(|text| view! { <p class="notice" class:warning=card.status == EventStatus::Cancelled>{text}</p> })}
            {card.is_demo.then(|| view! { <p class="muted">{s.demo_note}</p> })}
            {page.viewer.manages.then(|| view! { <OrganiserBar slug=card.slug.clone() status=card.status/> })}
            <dl class="facts">
                <dt>{s.when}</dt><dd>{format!("{} {} ({})", card.day, card.hours, lang.pick("中国时间", "China time"))}</dd>
                <dt>{s.venue}</dt><dd>{[venue.clone(), city.clone()].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ")}</dd>
                <dt>{s.host}</dt><dd><a href=format!("/associations/{}", card.association.slug)>{card.association.name.get(lang).to_string()}</a></dd>
                {card.platform.clone().map(|p| view! { <dt>{s.platform}</dt><dd><a href=format!("/orgs/{}", p.slug)>{p.name.get(lang).to_string()}</a></dd> })}
                {card.belt.clone().map(|b| view! { <dt>{s.belt}</dt><dd><a href=format!("/belts/{}", b.slug)>{b.name.get(lang).to_string()}</a></dd> })}
                <dt>{s.registration}</dt>
                <dd>{format!("{} – {} · ", page.registration_opens, page.registration_closes)}
                    {if page.registration_open { s.registration_open } else { s.registration_not_open }}</dd>
                <dt>{s.tables}</dt><dd>{page.tables}</dd>
                <dt>{s.slot_length}</dt><dd>{format!("{} {}", page.slot_minutes, s.minutes)}</dd>
            </dl>
            {map}
            {(!description.is_empty()).then(|| view! { <p class="lead">{description}</p> })}
            <section class="programme">
                <h2>{s.programme}</h2>
                <p>{s.slots_lead}</p>
                <ol class="slots">{page.slots.iter().map(|slot| view! { <li>{slot.clone()}</li> }).collect_view()}</ol>
                {(!page.breaks.is_empty()).then(|| view! { <p>{format!("{}{}{}", s.breaks, lang.pick("：", ": "), page.breaks.join(lang.pick("、", ", ")))}</p> })}
            </section>
            <section class="sides">
                <h2>{s.sides}</h2>
                <div class="side-grid">
                    {page.sides.iter().cloned().map(|side| view! { <SideBox side/> }).collect_view()}
                </div>
            </section>
            <RegisterSection page=page.clone()/>
            {page.viewer.manages.then(|| view! { <AllRegistrations registrations=page.registrations.clone()/> })}
            {(page.viewer.manages && card.status == EventStatus::Published).then(|| view! { <PriorityForm page=page.clone()/> })}
        </article>
    }
}

#[component]
fn OrganiserBar(slug: String, status: EventStatus) -> impl IntoView {
    use crate::events::api::ChangeEventStatus;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<ChangeEventStatus>::new();
    let changes = crate::events::rules::changes_offered(status);
    let editable = matches!(status, EventStatus::Draft | EventStatus::Published);
    view! {
        <section class="organiser-bar">
            <h2 class="visually-hidden">{s.manage}</h2>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=form_errors(action) fields=vec![("change", s.status), ("day", s.day)]/>
            {editable.then(|| view! { <a class="button-link" href=format!("/events/{slug}/edit")>{s.edit}</a> " " })}
            {(status != EventStatus::Draft).then(|| view! {
                <a class="button-link" href=format!("/events/{slug}/schedule")>{s.schedule_title}</a> " "
                <a class="button-link" href=format!("/events/{slug}/day")>{s.day_title}</a> " "
                <a class="button-link" href=format!("/events/{slug}/report")>{s.report_title}</a> " "
            })}
            {(!changes.is_empty()).then(|| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug.clone()/>
                    {changes.iter().map(|change| {
                        let class = if *change == StatusChange::Cancel { "secondary" } else { "" };
                        view! { <button type="submit" name="change" value=change.code() class=class>{change.label(lang)}</button> " " }
                    }).collect_view()}
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn SideBox(side: SideView) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let seats = match side.seats {
        Some(seats) => s.seats_taken.replace("{n}", &side.taken.to_string()).replace("{seats}", &seats.to_string()),
        None => s.seats_open.replace("{n}", &side.taken.to_string()),
    };
    let waiting = (side.waiting > 0).then(|| format!(" · {} {}", s.waiting, side.waiting));
    view! {
        <div class="side-box">
            <h3>{side.side.label(lang)}</h3>
            <p><strong>{s.seats}{lang.pick("：", ": ")}</strong>{seats}{waiting}</p>
            <p><strong>{s.criteria}{lang.pick("：", ": ")}</strong></p>
            {if side.requirements.is_empty() {
                Either::Left(view! { <p class="muted">{s.no_criteria}</p> })
            } else {
                Either::Right(view! { <ul class="criteria">{side.requirements.iter().map(|r| view! { <li>{r.get(lang).to_string()}</li> }).collect_view()}</ul> })
            }}
            <p><strong>{s.participants}{lang.pick("：", ": ")}</strong></p>
            {if side.participants.is_empty() {
                Either::Left(view! { <p class="muted">{s.no_participants}</p> })
            } else {
                Either::Right(view! {
                    <ul class="participants">
                        {side.participants.iter().map(|firm| view! { <li><a href=format!("/orgs/{}", firm.slug)>{firm.name.get(lang).to_string()}</a></li> }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

#[component]
fn RegisterSection(page: EventPage) -> impl IntoView {
    use crate::events::api::{RegisterForEvent, WithdrawRegistration};
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<RegisterForEvent>::new();
    let withdraw = ServerAction::<WithdrawRegistration>::new();
    let errors = form_errors(action);
    let chosen = errors.get_untracked().value("firm").unwrap_or("").to_string();
    let slug = page.card.slug.clone();
    let form = if !page.registration_open {
        Either::Left(view! { <p class="muted">{s.registration_closed_note}</p> }.into_any())
    } else if !page.viewer.signed_in {
        Either::Left(view! { <p><a href=format!("/signin?next=/events/{slug}")>{s.register_sign_in}</a></p> }.into_any())
    } else if page.viewer.may_register.is_empty() {
        Either::Left(view! { <p class="muted">{s.register_no_firm}</p> }.into_any())
    } else {
        Either::Right(view! {
            <p class="hint">{s.register_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors fields=vec![("firm", s.firm)]/>
            <ActionForm action attr:class="register-form">
                <input type="hidden" name="slug" value=slug.clone()/>
                <div class="field" class:invalid=move || errors.get().problem("firm").is_some()>
                    <label for="field-firm">{s.firm}</label>
                    <select id="field-firm" name="firm" aria-describedby="field-firm-error">
                        {page.viewer.may_register.iter().map(|(firm, side)| {
                            let selected = firm.slug == chosen;
                            let text = format!("{} — {} {}", firm.name.get(lang), s.as_side, side.label(lang));
                            view! { <option value=firm.slug.clone() selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="field-firm-error" role="alert">{move || errors.get().problem("firm").map(|p| p.message(lang))}</p>
                </div>
                <button type="submit" disabled=move || action.pending().get()>{s.register}</button>
            </ActionForm>
        })
    };
    let slug = page.card.slug.clone();
    let meetings = page
        .viewer
        .registrations
        .iter()
        .filter(|r| r.status == RegistrationStatus::Accepted)
        .map(|r| {
            view! {
                <li>
                    <a href=format!("/events/{slug}/meetings?firm={}", r.firm.slug)>{format!("{} · {}", r.firm.name.get(lang), s.meetings_title)}</a>
                    " · "
                    <a href=format!("/events/{slug}/agenda?firm={}", r.firm.slug)>{s.agenda_title}</a>
                </li>
            }
        })
        .collect_view();
    let mine = (!page.viewer.registrations.is_empty()).then(|| {
        view! {
            <h3>{s.your_registrations}</h3>
            <p class="hint">{s.meetings_link}</p>
            <ul class="meeting-links">{meetings}</ul>
            <FormFailure failure=form_failure(withdraw)/>
            <ErrorSummary errors=form_errors(withdraw) fields=vec![]/>
            <ul class="registrations">
                {page.viewer.registrations.clone().into_iter().map(|r| {
                    let withdrawable = matches!(page.card.status, EventStatus::Draft | EventStatus::Published);
                    view! {
                        <li>
                            <strong>{r.firm.name.get(lang).to_string()}</strong>
                            {format!(" · {} · {}", r.side.label(lang), r.status.label(lang))}
                            {r.position.map(|n| format!(" · {}", s.position.replace("{n}", &n.to_string())))}
                            {withdrawable.then(|| view! {
                                <ActionForm action=withdraw attr:class="inline-form">
                                    <input type="hidden" name="id" value=r.id.to_string()/>
                                    <button type="submit" class="secondary">{s.withdraw}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section class="register" id="register">
            <h2>{s.register_title}</h2>
            {form}
            {mine}
        </section>
    }
}

#[component]
fn AllRegistrations(registrations: Vec<RegistrationView>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    view! {
        <section class="all-registrations">
            <h2>{s.all_registrations}</h2>
            {if registrations.is_empty() {
                Either::Left(view! { <p class="empty">{s.no_registrations}</p> })
            } else {
                Either::Right(view! {
                    <div class="table-scroll">
                        <table>
                            <thead><tr><th>{s.firm}</th><th>{s.side}</th><th>{s.status}</th><th>{s.registered_at}</th></tr></thead>
                            <tbody>
                                {registrations.into_iter().map(|r| view! {
                                    <tr>
                                        <td><a href=format!("/orgs/{}", r.firm.slug)>{r.firm.name.get(lang).to_string()}</a></td>
                                        <td>{r.side.label(lang)}</td>
                                        <td>{r.status.label(lang)}{r.position.map(|n| format!(" · {}", s.position.replace("{n}", &n.to_string())))}</td>
                                        <td><When at=r.created_at/></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })
            }}
        </section>
    }
}

#[component]
fn PriorityForm(page: EventPage) -> impl IntoView {
    use crate::events::api::AddPriorityMeeting;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<AddPriorityMeeting>::new();
    let errors = form_errors(action);
    let of = |side: Side| {
        page.sides
            .iter()
            .filter(|v| v.side == side)
            .flat_map(|v| v.participants.clone())
            .map(|f| (f.slug, f.name.get(lang).to_string()))
            .collect::<Vec<_>>()
    };
    let (suppliers, buyers) = (of(Side::Supplier), of(Side::Buyer));
    (!suppliers.is_empty() && !buyers.is_empty()).then(|| {
        view! {
            <section class="priority">
                <h2>{s.priority_title}</h2>
                <p class="hint">{s.priority_hint}</p>
                <FormFailure failure=form_failure(action)/>
                <ErrorSummary errors fields=vec![("supplier", s.supplier), ("buyer", s.buyer)]/>
                <ActionForm action attr:class="priority-form">
                    <input type="hidden" name="slug" value=page.card.slug.clone()/>
                    <div class="field-row">
                        <ChoiceSelect name="supplier" label=s.supplier choices=suppliers errors/>
                        <ChoiceSelect name="buyer" label=s.buyer choices=buyers errors/>
                    </div>
                    <button type="submit">{s.set_priority}</button>
                </ActionForm>
            </section>
        }
    })
}

/// `/events/new`
#[component]
pub fn NewEventPage() -> impl IntoView {
    let editor = Resource::new(|| (), |_| crate::events::api::load_event_editor("new".into()));
    crate::loaded!(editor, editor => view! { <EventFormView editor/> })
}

/// `/events/{slug}/edit`
#[component]
pub fn EditEventPage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(move || params.get().get("slug").unwrap_or_default(), crate::events::api::load_event_editor);
    crate::loaded!(editor, editor => view! { <EventFormView editor/> })
}

#[component]
fn EventFormView(editor: EventEditor) -> impl IntoView {
    use crate::events::api::SaveEvent;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveEvent>::new();
    let refused = form_errors(action);
    let errors = crate::forms::refused_or_saved(refused, editor.values.clone());
    let title = if editor.slug.is_some() { s.edit_event } else { s.new_event };
    let named = move |items: &[Named]| items.iter().map(|n| (n.slug.clone(), n.name.get(lang).to_string())).collect::<Vec<_>>();
    let refs = move |items: &[crate::belts::types::CategoryRef]| {
        items.iter().map(|c| (c.slug.clone(), c.name.get(lang).to_string())).collect::<Vec<_>>()
    };
    let is_draft = editor.status.is_none_or(|st| st == EventStatus::Draft);
    let labels = vec![
        ("association", s.association),
        ("platform", s.platform),
        ("belt", s.belt),
        ("title_zh", s.title_zh),
        ("title_en", s.title_en),
        ("description_zh", s.description_zh),
        ("description_en", s.description_en),
        ("venue_zh", s.venue_zh),
        ("venue_en", s.venue_en),
        ("city_zh", s.city_zh),
        ("city_en", s.city_en),
        ("latitude", s.latitude),
        ("day", s.day),
        ("starts_at", s.starts_at),
        ("ends_at", s.ends_at),
        ("slot_minutes", s.slot_minutes),
        ("breaks", s.breaks_field),
        ("tables", s.tables_field),
        ("registration_opens", s.registration_opens),
        ("registration_closes", s.registration_closes),
        ("supplier_seats", s.supplier_seats),
        ("buyer_seats", s.buyer_seats),
        ("s_categories", s.s_categories),
        ("s_certifications", s.s_certifications),
        ("s_capacity_value", s.s_capacity),
        ("s_capacity_unit", s.unit),
        ("s_min_floor_area", s.s_min_floor_area),
        ("s_export_years", s.s_export_years),
    ];
    let back = editor.slug.clone().map_or_else(|| "/events".to_string(), |slug| format!("/events/{slug}"));
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <section class="form-page event-form-page">
            <h1>{title}</h1>
            <p class="lead">{s.form_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=refused fields=labels/>
            <ActionForm action attr:class="event-form">
                <input type="hidden" name="slug" value=editor.slug.clone().unwrap_or_else(|| "new".into())/>
                <fieldset>
                    <legend>{s.section_what}</legend>
                    <ChoiceSelect name="association" label=s.association choices=named(&editor.associations) errors/>
                    <Field name="title_zh" label=s.title_zh maxlength=TITLE_MAX errors/>
                    <Field name="title_en" label=s.title_en maxlength=TITLE_MAX errors/>
                    <ChoiceSelect name="platform" label=s.platform choices=named(&editor.platforms) none=s.none_choice errors/>
                    <ChoiceSelect name="belt" label=s.belt choices=refs(&editor.belts) none=s.none_choice errors/>
                    <TextAreaField name="description_zh" label=s.description_zh rows=3 maxlength=DESCRIPTION_MAX errors/>
                    <TextAreaField name="description_en" label=s.description_en rows=3 maxlength=DESCRIPTION_MAX errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_where}</legend>
                    <Field name="venue_zh" label=s.venue_zh maxlength=PLACE_MAX errors/>
                    <Field name="venue_en" label=s.venue_en maxlength=PLACE_MAX errors/>
                    <div class="field-row">
                        <Field name="city_zh" label=s.city_zh maxlength=PLACE_MAX errors/>
                        <Field name="city_en" label=s.city_en maxlength=PLACE_MAX errors/>
                    </div>
                    <p class="hint">{s.position_hint}</p>
                    <div class="field-row">
                        <Field name="latitude" label=s.latitude inputmode="decimal" errors/>
                        <Field name="longitude" label=s.longitude inputmode="decimal" errors/>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{s.section_when}</legend>
                    <Field name="day" label=s.day input_type="date" errors/>
                    <div class="field-row">
                        <Field name="starts_at" label=s.starts_at input_type="time" errors/>
                        <Field name="ends_at" label=s.ends_at input_type="time" errors/>
                        <Field name="slot_minutes" label=s.slot_minutes inputmode="numeric" errors/>
                    </div>
                    <TextAreaField name="breaks" label=s.breaks_field hint=s.breaks_hint rows=2 maxlength=500 errors/>
                    <Field name="tables" label=s.tables_field inputmode="numeric" errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_seats}</legend>
                    <div class="field-row">
                        <Field name="registration_opens" label=s.registration_opens input_type="date" errors/>
                        <Field name="registration_closes" label=s.registration_closes input_type="date" errors/>
                    </div>
                    <p class="hint">{s.seats_hint}</p>
                    <div class="field-row">
                        <Field name="supplier_seats" label=s.supplier_seats inputmode="numeric" errors/>
                        <Field name="buyer_seats" label=s.buyer_seats inputmode="numeric" errors/>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{s.section_supplier_criteria}</legend>
                    <ChoiceGroup name="s_categories" legend=s.s_categories options=refs(&editor.categories) errors/>
                    <ChoiceGroup name="s_certifications" legend=s.s_certifications
                        options=owned(options(Certification::ALL, Certification::code, Certification::label, lang)) errors/>
                    <div class="field-row">
                        <Field name="s_capacity_value" label=s.s_capacity inputmode="numeric" errors/>
                        <SelectField name="s_capacity_unit" label=s.unit options=options(QuantityUnit::ALL, QuantityUnit::code, QuantityUnit::label, lang) none_label=s.choose errors/>
                    </div>
                    <div class="field-row">
                        <Field name="s_min_floor_area" label=s.s_min_floor_area inputmode="numeric" errors/>
                        <Field name="s_export_years" label=s.s_export_years inputmode="numeric" errors/>
                    </div>
                    <Tick name="s_own_factory" label=s.s_own_factory errors/>
                    <Tick name="s_verified" label=s.s_verified errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_buyer_criteria}</legend>
                    <Tick name="b_verified" label=s.b_verified errors/>
                </fieldset>
                {is_draft.then(|| view! { <Tick name="publish" label=s.publish_now errors/> })}
                <p class="actions">
                    <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
                    " " <a href=back>{s.cancel_edit}</a>
                </p>
            </ActionForm>
        </section>
    }
}

/// `/events/{slug}/meetings`
#[component]
pub fn EventMeetingsPage() -> impl IntoView {
    let page = Resource::new(event_address(&["firm", "q"]), |address| {
        crate::events::api::event_meetings(address.slug.clone(), address.arg(0), address.arg(1))
    });
    crate::loaded!(page, page => view! { <MeetingsView page/> })
}

fn meetings_notice(s: &'static EventTexts, query: &leptos_router::params::ParamsMap) -> Option<&'static str> {
    match query.get("answered").as_deref() {
        Some("accept") => return Some(s.accepted_notice),
        Some("decline") => return Some(s.declined_notice),
        _ => {}
    }
    [("sent", s.sent_notice), ("withdrawn", s.request_withdrawn_notice), ("saved", s.availability_saved)]
        .into_iter()
        .find(|(key, _)| query.get(key).is_some())
        .map(|(_, text)| text)
}

#[component]
fn MeetingsView(page: MeetingsPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let said = query.with_untracked(|q| meetings_notice(s, q));
    let q = query.with_untracked(|q| q.get("q").unwrap_or_default());
    let title = page.event.title.get(lang).to_string();
    let slug = page.event.slug.clone();
    let firm = page.firm.slug.clone();
    let other_side = match page.side {
        Side::Supplier => s.other_side_buyers,
        Side::Buyer => s.other_side_suppliers,
    };
    let can_ask = page.may_act && page.requests_open && page.registered;
    view! {
        <Title text=format!("{} · {title} · {}", s.meetings_title, lang.texts().site_name)/>
        <section class="meetings-page">
            <p class="breadcrumb">
                <a href=format!("/events/{slug}")>{title.clone()}</a>
                " · "
                <a href=format!("/events/{slug}/agenda?firm={firm}")>{s.agenda_title}</a>
            </p>
            <h1>{format!("{} · {title}", s.meetings_title)}</h1>
            {said.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <p>
                <strong>{s.meetings_for}{lang.pick("：", ": ")}</strong>
                {format!("{} · {}", page.firm.name.get(lang), page.side.label(lang))}
            </p>
            {(!page.other_firms.is_empty()).then(|| view! {
                <p class="muted">{s.switch_firm}" "
                    {page.other_firms.iter().map(|f| view! { <a href=format!("/events/{slug}/meetings?firm={}", f.slug)>{f.name.get(lang).to_string()}</a>" " }).collect_view()}
                </p>
            })}
            <p class="muted">
                {format!("{}{}{} · ", s.requests_close, lang.pick("：", ": "), page.requests_close)}
                {s.open_requests.replace("{n}", &page.open_outgoing.to_string()).replace("{max}", &page.limit.to_string())}
            </p>
            {(!page.requests_open).then(|| view! { <p class="notice">{s.requests_closed}</p> })}
            {(page.requests_open && !page.registered).then(|| view! { <p class="notice">{s.waitlisted_meetings}</p> })}
            <h2>{s.incoming}</h2>
            <RequestList requests=page.incoming.clone() incoming=true actionable=can_ask empty=s.no_incoming/>
            <h2>{s.outgoing}</h2>
            <RequestList requests=page.outgoing.clone() incoming=false actionable=can_ask empty=s.no_outgoing/>
            <h2>{other_side}</h2>
            <form class="filters participant-search" method="get" action=format!("/events/{slug}/meetings")>
                <input type="hidden" name="firm" value=firm.clone()/>
                <div class="field">
                    <label for="participant-q">{s.search_participants}</label>
                    <input id="participant-q" type="search" name="q" value=q maxlength="100"/>
                </div>
                <button type="submit">{s.search}</button>
            </form>
            {if page.counterparts.is_empty() {
                Either::Left(view! { <p class="empty">{s.no_counterparts}</p> })
            } else {
                Either::Right(view! {
                    <ul class="counterparts">
                        {page.counterparts.clone().into_iter().map(|c| view! {
                            <CounterpartItem counterpart=c slug=slug.clone() firm=firm.clone() can_ask/>
                        }).collect_view()}
                    </ul>
                })
            }}
            {page.may_act.then(|| view! { <AvailabilityForm page=page.clone()/> })}
        </section>
    }
}

#[component]
fn RequestList(requests: Vec<RequestView>, incoming: bool, actionable: bool, empty: &'static str) -> impl IntoView {
    use crate::events::api::{AnswerMeetingRequest, WithdrawMeetingRequest};
    use crate::events::meetings::{Answer, RequestStatus};
    let lang = use_lang();
    let s = texts(lang);
    let answer = ServerAction::<AnswerMeetingRequest>::new();
    let withdraw = ServerAction::<WithdrawMeetingRequest>::new();
    if requests.is_empty() {
        return Either::Left(view! { <p class="empty">{empty}</p> });
    }
    Either::Right(view! {
        <FormFailure failure=form_failure(answer)/>
        <FormFailure failure=form_failure(withdraw)/>
        <ul class="meeting-requests">
            {requests.into_iter().map(|r| {
                let other = if incoming { &r.from } else { &r.to };
                let (label, other) = (if incoming { s.from } else { s.to }, other.clone());
                let pending = r.status == RequestStatus::Pending;
                let open = crate::events::meetings::is_open(r.status);
                view! {
                    <li>
                        <p>
                            <strong>{label}{lang.pick("：", ": ")}</strong>
                            <a href=format!("/orgs/{}", other.slug)>{other.name.get(lang).to_string()}</a>
                            {format!(" · {}", r.status.label(lang))}
                            {r.priority.then(|| view! { " " <span class="badge">{s.priority_badge}</span> })}
                            " · " <When at=r.created_at date_only=true/>
                        </p>
                        {(!r.note.is_empty()).then(|| view! { <p class="message">{r.note.clone()}</p> })}
                        {(actionable && incoming && pending).then(|| view! {
                            <ActionForm action=answer attr:class="inline-form">
                                <input type="hidden" name="id" value=r.id.to_string()/>
                                <button type="submit" name="answer" value=Answer::Accept.code()>{s.accept}</button>
                                <button type="submit" name="answer" value=Answer::Decline.code() class="secondary">{s.decline}</button>
                            </ActionForm>
                        })}
                        {(actionable && !incoming && open && !r.priority).then(|| view! {
                            <ActionForm action=withdraw attr:class="inline-form">
                                <input type="hidden" name="id" value=r.id.to_string()/>
                                <button type="submit" class="secondary">{s.withdraw_request}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

#[component]
fn CounterpartItem(counterpart: Counterpart, slug: String, firm: String, can_ask: bool) -> impl IntoView {
    use crate::events::api::RequestMeeting;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<RequestMeeting>::new();
    let key = counterpart.registration_id.to_string();
    // A refusal that came back without JavaScript reaches every request form
    // on the page: each shows only its own (the refusal keeps "to").
    let refused = form_errors(action);
    let mine = key.clone();
    let errors = Signal::derive(move || {
        let found = refused.get();
        if found.value("to") == Some(mine.as_str()) {
            found
        } else {
            FormErrors::new()
        }
    });
    let categories = counterpart.categories.iter().map(|c| c.get(lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "));
    view! {
        <li class="counterpart">
            <h3><a href=format!("/orgs/{}", counterpart.firm.slug)>{counterpart.firm.name.get(lang).to_string()}</a></h3>
            {(!categories.is_empty()).then(|| view! { <p class="muted">{categories}</p> })}
            {match counterpart.open_request {
                Some(status) => Either::Left(view! { <p><span class="badge">{status.label(lang)}</span></p> }),
                None => Either::Right(can_ask.then(|| view! {
                    <FormFailure failure=form_failure(action)/>
                    <ErrorSummary errors fields=vec![("to", s.ask), ("note", s.note)]/>
                    <ActionForm action attr:class="request-form">
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <input type="hidden" name="firm" value=firm.clone()/>
                        <input type="hidden" name="to" value=key.clone()/>
                        <TextAreaField name="note" label=s.note hint=s.note_hint rows=2 maxlength=crate::events::meetings::NOTE_MAX errors key=key.clone()/>
                        <p class="field-error" role="alert">{move || errors.get().problem("to").map(|p| p.message(lang))}</p>
                        <button type="submit" disabled=move || action.pending().get()>{s.ask}</button>
                    </ActionForm>
                })),
            }}
        </li>
    }
}

#[component]
fn AvailabilityForm(page: MeetingsPage) -> impl IntoView {
    use crate::events::api::SaveAvailability;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveAvailability>::new();
    let mut saved = FormErrors::new();
    saved.keep("slots", &page.unavailable.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(","));
    let errors = crate::forms::refused_or_saved(form_errors(action), saved.kept);
    let options: Vec<(String, String)> = page.slots.iter().enumerate().map(|(n, slot)| (n.to_string(), slot.clone())).collect();
    view! {
        <section class="availability">
            <h2>{s.availability}</h2>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=form_errors(action) fields=vec![("slots", s.availability)]/>
            <ActionForm action attr:class="availability-form">
                <input type="hidden" name="slug" value=page.event.slug.clone()/>
                <input type="hidden" name="firm" value=page.firm.slug.clone()/>
                <ChoiceGroup name="slots" legend=s.availability_hint options errors/>
                <button type="submit" disabled=move || action.pending().get() || !page.requests_open>{s.save_availability}</button>
            </ActionForm>
        </section>
    }
}

/// `/events/{slug}/schedule`
#[component]
pub fn EventSchedulePage() -> impl IntoView {
    let page = Resource::new(event_address(&[]), |address| crate::events::api::event_schedule(address.slug));
    crate::loaded!(page, page => view! { <ScheduleView page/> })
}

/// `slot` and `table` (from 0) as people read them: "09:20–09:40 · table 3".
fn place_label(s: &'static EventTexts, slots: &[String], (slot, table): Place) -> String {
    let time = slots.get(slot).cloned().unwrap_or_else(|| "—".to_string());
    format!("{time} · {}", s.table_n.replace("{n}", &(table + 1).to_string()))
}

#[component]
fn ScheduleView(page: SchedulePage) -> impl IntoView {
    use crate::events::api::GenerateSchedule;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<GenerateSchedule>::new();
    let query = use_query_map();
    let ran = query.with_untracked(|q| q.get("ran").is_some());
    let title = page.event.title.get(lang).to_string();
    let slug = page.event.slug.clone();
    let placed: Vec<PlannedMeeting> = page.meetings.iter().filter(|m| m.slot.is_some()).cloned().collect();
    let unplaced: Vec<PlannedMeeting> = page.meetings.iter().filter(|m| m.slot.is_none()).cloned().collect();
    let (suppliers, buyers) = page.participants;
    let figures = s
        .schedule_figures
        .replace("{requests}", &page.meetings.len().to_string())
        .replace("{s}", &suppliers.to_string())
        .replace("{b}", &buyers.to_string())
        .replace("{slots}", &page.slots.len().to_string())
        .replace("{tables}", &page.tables.to_string());
    let slots = page.slots.clone();
    let run = page.last_run.clone().map(|run| {
        let summary = s
            .run_summary
            .replace("{placed}", &run.placed.to_string())
            .replace("{requests}", &run.requests.to_string())
            .replace("{bound}", &run.upper_bound.to_string())
            .replace("{greedy}", &run.greedy.to_string());
        let changes = s
            .run_changes
            .replace("{kept}", &run.kept.to_string())
            .replace("{added}", &run.added.to_string())
            .replace("{moved}", &run.moved.iter().filter(|m| m.after.is_some()).count().to_string())
            .replace("{dropped}", &run.moved.iter().filter(|m| m.after.is_none()).count().to_string());
        let slots = slots.clone();
        view! {
            <section class="schedule-run">
                <h2>{s.last_run}</h2>
                <p class="muted"><When at=run.ran_at/>{run.rebuild.then(|| format!(" · {}", s.rebuilt))}</p>
                <p>{summary}</p>
                <p>{changes}</p>
                {(!run.moved.is_empty()).then(|| view! {
                    <ul class="moved">
                        {run.moved.iter().map(|m| {
                            let pair = format!("{} ↔ {}", m.supplier.name.get(lang), m.buyer.name.get(lang));
                            let what = match m.after {
                                Some(after) => format!("{} → {}", place_label(s, &slots, m.before), place_label(s, &slots, after)),
                                None => format!("{} → {}", place_label(s, &slots, m.before), s.dropped),
                            };
                            view! { <li><strong>{pair}</strong>{lang.pick("：", ": ")}{what}</li> }
                        }).collect_view()}
                    </ul>
                })}
            </section>
        }
    });
    let plan = (!placed.is_empty()).then(|| {
        let slots = page.slots.clone();
        view! {
            <div class="table-scroll">
                <table class="print-table table-plan">
                    <thead><tr><th scope="col">{s.time}</th><th scope="col">{s.table}</th><th scope="col">{s.supplier}</th><th scope="col">{s.buyer}</th></tr></thead>
                    <tbody>
                        {placed.into_iter().map(|m| {
                            let time = m.slot.and_then(|n| slots.get(n).cloned()).unwrap_or_default();
                            view! {
                                <tr>
                                    <td>{time}</td>
                                    <td>{m.table.map(|t| (t + 1).to_string())}</td>
                                    <td><a href=format!("/orgs/{}", m.supplier.slug)>{m.supplier.name.get(lang).to_string()}</a></td>
                                    <td>
                                        <a href=format!("/orgs/{}", m.buyer.slug)>{m.buyer.name.get(lang).to_string()}</a>
                                        {m.priority.then(|| view! { " " <span class="badge">{s.priority_badge}</span> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        <section class="schedule-page">
            <OrganiserHead slug=slug.clone() title=title.clone() current="schedule"/>
            {ran.then(|| view! { <p class="notice" role="status">{s.schedule_made}</p> })}
            <p>{figures}</p>
            <p class="hint">{s.schedule_lead}</p>
            {if page.may_run {
                Either::Left(view! {
                    <FormFailure failure=form_failure(action)/>
                    <ErrorSummary errors=form_errors(action) fields=vec![("rebuild", s.rebuild)]/>
                    <ActionForm action attr:class="schedule-form no-print">
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <Tick name="rebuild" label=s.rebuild errors=Signal::stored(FormErrors::new())/>
                        <p class="hint">{s.rebuild_hint}</p>
                        <button type="submit" disabled=move || action.pending().get()>{s.make_schedule}</button>
                    </ActionForm>
                })
            } else {
                Either::Right(view! { <p class="notice">{crate::forms::Problem::ScheduleClosed.message(lang)}</p> })
            }}
            {run}
            <h2>{s.table_plan}</h2>
            {match plan {
                Some(plan) => Either::Left(plan),
                None => Either::Right(view! { <p class="empty">{s.no_meetings_placed}</p> }),
            }}
            {(!unplaced.is_empty()).then(|| view! {
                <h2>{s.not_placed}</h2>
                <p class="hint">{s.not_placed_hint}</p>
                <ul class="unplaced">
                    {unplaced.into_iter().map(|m| view! {
                        <li>{format!("{} ↔ {}", m.supplier.name.get(lang), m.buyer.name.get(lang))}</li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// What an event page is keyed on: the event's slug, the registration in
/// its path (if any), the query values it passes on (named by `names`), and
/// the whole query, since each of its forms lands back with its own query
/// and the page must then load afresh.
#[derive(Clone, PartialEq)]
struct EventAddress {
    slug: String,
    registration: String,
    args: Vec<String>,
    query: String,
}

impl EventAddress {
    fn arg(&self, index: usize) -> String {
        self.args.get(index).cloned().unwrap_or_default()
    }
}

fn event_address(names: &'static [&'static str]) -> impl Fn() -> EventAddress + Clone + Send + Sync + 'static {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let (slug, registration) = params.with(|p| (p.get("slug").unwrap_or_default(), p.get("registration").unwrap_or_default()));
        query.with(|q| EventAddress {
            slug,
            registration,
            args: names.iter().map(|name| q.get(name).unwrap_or_default()).collect(),
            query: q.to_query_string(),
        })
    }
}

/// `/events/{slug}/agenda`
#[component]
pub fn EventAgendaPage() -> impl IntoView {
    let page = Resource::new(event_address(&["firm"]), |address| crate::events::api::event_agenda(address.slug.clone(), address.arg(0)));
    crate::loaded!(page, page => view! { <AgendaView page/> })
}

#[component]
fn AgendaView(page: AgendaPage) -> impl IntoView {
    use crate::events::api::NewCalendarLink;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<NewCalendarLink>::new();
    let query = use_query_map();
    let link_made = query.with_untracked(|q| q.get("link").is_some());
    let title = page.event.title.get(lang).to_string();
    let slug = page.event.slug.clone();
    let firm = page.firm.slug.clone();
    let venue = page.venue.get(lang).to_string();
    let download = format!("/events/{slug}/agenda.ics?firm={firm}&lang={}", lang.code());
    let subscription = page.subscription.clone().map(|path| format!("{path}?lang={}", lang.code()));
    let list = if page.items.is_empty() {
        let empty = if page.scheduled { s.agenda_empty } else { s.agenda_not_yet };
        Either::Left(view! { <p class="empty">{empty}</p> })
    } else {
        let list = page.items.clone();
        match page.may_act {
            true => Either::Right(Either::Left(view! { <AgendaList items=list outcomes=(slug.clone(), firm.clone())/> })),
            false => Either::Right(Either::Right(view! { <AgendaList items=list/> })),
        }
    };
    let recorded = query.with_untracked(|q| q.get("recorded").is_some());
    view! {
        <Title text=format!("{} · {title} · {}", s.agenda_title, lang.texts().site_name)/>
        <section class="agenda-page">
            <p class="breadcrumb">
                <a href=format!("/events/{slug}")>{title.clone()}</a>
                " · "
                <a href=format!("/events/{slug}/meetings?firm={firm}")>{s.meetings_title}</a>
                " · "
                <a href=format!("/events/{slug}/badge?firm={firm}")>{s.badge_title}</a>
            </p>
            <h1>{format!("{} · {title}", s.agenda_title)}</h1>
            {link_made.then(|| view! { <p class="notice" role="status">{s.link_made}</p> })}
            {recorded.then(|| view! { <p class="notice" role="status">{s.outcome_saved}</p> })}
            <p>
                <strong>{s.meetings_for}{lang.pick("：", ": ")}</strong>
                {format!("{} · {}", page.firm.name.get(lang), page.side.label(lang))}
            </p>
            {(!page.other_firms.is_empty()).then(|| view! {
                <p class="muted">{s.switch_firm}" "
                    {page.other_firms.iter().map(|f| view! { <a href=format!("/events/{slug}/agenda?firm={}", f.slug)>{f.name.get(lang).to_string()}</a>" " }).collect_view()}
                </p>
            })}
            <p class="event-meta">
                {format!("{} {} ({})", page.event.day, page.event.hours, s.china_time)}
                {(!venue.is_empty()).then(|| format!(" · {venue}"))}
                {(page.event.status == EventStatus::Cancelled).then(|| view! { " " <span class="badge">{page.event.status.label(lang)}</span> })}
            </p>
            {list}
            {(!page.unplaced.is_empty()).then(|| view! {
                <h2>{s.not_placed}</h2>
                <p class="hint">{s.agenda_unplaced_hint}</p>
                <ul class="unplaced">
                    {page.unplaced.iter().map(|f| view! { <li><a href=format!("/orgs/{}", f.slug)>{f.name.get(lang).to_string()}</a></li> }).collect_view()}
                </ul>
            })}
            <section class="calendar-links">
                <h2>{s.calendar}</h2>
                <p><a class="button-link" href=download rel="external" download="">{s.download_ics}</a></p>
                {subscription.map(|path| view! {
                    <p>{s.subscribe_lead}</p>
                    <p><code class="subscription">{path}</code></p>
                    <p class="hint">{s.subscribe_hint}</p>
                })}
                {page.may_act.then(|| view! {
                    <FormFailure failure=form_failure(action)/>
                    <ActionForm action attr:class="inline-form">
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <input type="hidden" name="firm" value=firm.clone()/>
                        <button type="submit" class="secondary" disabled=move || action.pending().get()>
                            {if page.subscription.is_some() { s.new_link } else { s.make_link }}
                        </button>
                    </ActionForm>
                })}
            </section>
        </section>
    }
}

/// `/events/{slug}/day`
#[component]
pub fn EventDayPage() -> impl IntoView {
    let page = Resource::new(event_address(&["move"]), |address| crate::events::api::event_day(address.slug.clone(), address.arg(0)));
    crate::loaded!(page, page => view! { <DayView page/> })
}

fn day_notice(s: &'static EventTexts, query: &leptos_router::params::ParamsMap) -> Option<&'static str> {
    [("saved", s.check_in_saved), ("cancelled", s.meeting_cancelled), ("moved", s.meeting_moved)]
        .into_iter()
        .find(|(key, _)| query.get(key).is_some())
        .map(|(_, text)| text)
}

#[component]
fn DayView(page: DayPage) -> impl IntoView {
    use crate::events::api::{CancelEventMeeting, CheckInParticipant, MoveEventMeeting};
    use crate::events::day::MeetingState;
    let lang = use_lang();
    let s = texts(lang);
    let check_in = ServerAction::<CheckInParticipant>::new();
    let cancel = ServerAction::<CancelEventMeeting>::new();
    let moving = ServerAction::<MoveEventMeeting>::new();
    let query = use_query_map();
    let said = query.with_untracked(|q| day_notice(s, q));
    let title = page.event.title.get(lang).to_string();
    let slug = page.event.slug.clone();
    let count = |state: MeetingState| page.meetings.iter().filter(|m| m.state == state).count().to_string();
    let tally = s
        .day_tally
        .replace("{upcoming}", &count(MeetingState::Upcoming))
        .replace("{held}", &count(MeetingState::Held))
        .replace("{no_show}", &count(MeetingState::NoShow))
        .replace("{cancelled}", &count(MeetingState::Cancelled));
    let arrived = page.participants.iter().filter(|p| p.checked_in.is_some()).count();
    let arrivals = s.arrivals.replace("{n}", &arrived.to_string()).replace("{of}", &page.participants.len().to_string());
    let may_act = page.may_act;
    let here = move |yes: bool| if yes { s.here } else { s.not_here };
    let move_slug = slug.clone();
    let move_slots = page.slots.clone();
    let move_form = page.moving.clone().map(|(meeting, places)| {
        let slug = move_slug;
        let back = format!("/events/{slug}/day");
        let pair = format!("{} ↔ {}", meeting.supplier.name.get(lang), meeting.buyer.name.get(lang));
        view! {
            <section class="move-meeting no-print">
                <h2>{format!("{}{}{pair}", s.move_meeting, lang.pick("：", ": "))}</h2>
                <FormFailure failure=form_failure(moving)/>
                <ErrorSummary errors=form_errors(moving) fields=vec![("place", s.move_to)]/>
                {if places.is_empty() {
                    Either::Left(view! { <p class="empty">{s.no_free_place}</p> })
                } else {
                    Either::Right(view! {
                        <ActionForm action=moving attr:class="inline-form">
                            <input type="hidden" name="slug" value=slug.clone()/>
                            <input type="hidden" name="meeting" value=meeting.meeting_id.to_string()/>
                            <label for="field-place">{s.move_to}</label>
                            <select id="field-place" name="place">
                                {places.into_iter().map(|place| view! {
                                    <option value=format!("{}-{}", place.0, place.1)>{place_label(s, &move_slots, place)}</option>
                                }).collect_view()}
                            </select>
                            <button type="submit">{s.move_meeting}</button>
                        </ActionForm>
                    })
                }}
                <p><a href=back>{s.cancel_move}</a></p>
            </section>
        }
    });
    let slots = page.slots.clone();
    view! {
        <section class="day-page">
            <OrganiserHead slug=slug.clone() title=title.clone() current="day"/>
            <p class="event-meta">{format!("{} {} ({})", page.event.day, page.event.hours, s.china_time)}</p>
            {said.map(|text| view! { <p class="notice no-print" role="status">{text}</p> })}
            {(!may_act).then(|| view! { <p class="notice no-print">{crate::forms::Problem::ScheduleClosed.message(lang)}</p> })}
            <p>{tally}</p>
            <p class="hint no-print">{s.day_hint}</p>
            <FormFailure failure=form_failure(check_in)/>
            <FormFailure failure=form_failure(cancel)/>
            <ErrorSummary errors=form_errors(cancel) fields=vec![("meeting", s.table_plan)]/>
            {move_form}
            <h2>{s.table_plan}</h2>
            {if page.meetings.is_empty() {
                Either::Left(view! { <p class="empty">{s.no_meetings_placed}</p> })
            } else {
                Either::Right(view! {
                    <div class="table-scroll">
                        <table class="print-table table-plan day-plan">
                            <thead><tr>
                                <th scope="col">{s.time}</th><th scope="col">{s.table}</th><th scope="col">{s.supplier}</th>
                                <th scope="col">{s.buyer}</th><th scope="col">{s.state}</th><th scope="col" class="no-print">{s.actions}</th>
                            </tr></thead>
                            <tbody>
                                {page.meetings.clone().into_iter().map(|m| {
                                    let slug = slug.clone();
                                    let time = slots.get(m.slot).cloned().unwrap_or_default();
                                    let live = may_act && m.state != MeetingState::Cancelled;
                                    let id = m.meeting_id.to_string();
                                    view! {
                                        <tr class=format!("meeting-{}", m.state.code())>
                                            <td>{time}</td>
                                            <td>{(m.table + 1).to_string()}</td>
                                            <td>{m.supplier.name.get(lang).to_string()}<br/><small>{here(m.supplier_here)}</small></td>
                                            <td>
                                                {m.buyer.name.get(lang).to_string()}
                                                {m.priority.then(|| view! { " " <span class="badge">{s.priority_badge}</span> })}
                                                <br/><small>{here(m.buyer_here)}</small>
                                            </td>
                                            <td>{m.state.label(lang)}</td>
                                            <td class="no-print">
                                                {live.then(|| view! {
                                                    <a href=format!("/events/{}/day?move={id}", slug)>{s.move_meeting}</a>
                                                    <ActionForm action=cancel attr:class="inline-form">
                                                        <input type="hidden" name="slug" value=slug.clone()/>
                                                        <input type="hidden" name="meeting" value=id.clone()/>
                                                        <button type="submit" class="secondary">{s.cancel_meeting}</button>
                                                    </ActionForm>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })
            }}
            <h2>{s.check_in_title}</h2>
            <p>{arrivals}</p>
            <ul class="arrivals">
                {page.participants.clone().into_iter().map(|p| {
                    let slug = slug.clone();
                    let arrived = p.checked_in.is_some();
                    view! {
                        <li class:arrived=arrived>
                            <a href=format!("/events/{slug}/check-in/{}", p.registration_id)>{p.firm.name.get(lang).to_string()}</a>
                            {format!(" · {} · ", p.side.label(lang))}
                            {match p.checked_in {
                                Some(at) => Either::Left(view! { {s.arrived_at}" " <When at/> }),
                                None => Either::Right(view! { {s.not_here} }),
                            }}
                            {may_act.then(|| view! {
                                <ActionForm action=check_in attr:class="inline-form no-print">
                                    <input type="hidden" name="slug" value=slug.clone()/>
                                    <input type="hidden" name="registration" value=p.registration_id.to_string()/>
                                    {(!arrived).then(|| view! { <input type="hidden" name="arrived" value="yes"/> })}
                                    <button type="submit" class=if arrived { "secondary" } else { "" }>{if arrived { s.undo_check_in } else { s.check_in }}</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `/events/{slug}/check-in/{registration}`
#[component]
pub fn EventCheckInPage() -> impl IntoView {
    let page = Resource::new(event_address(&[]), |address| crate::events::api::event_check_in(address.slug, address.registration));
    crate::loaded!(page, page => view! { <CheckInView page/> })
}

#[component]
fn CheckInView(page: CheckInPage) -> impl IntoView {
    use crate::events::api::CheckInParticipant;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<CheckInParticipant>::new();
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    let title = page.event.title.get(lang).to_string();
    let slug = page.event.slug.clone();
    let p = page.participant.clone();
    let arrived = p.checked_in.is_some();
    view! {
        <Title text=format!("{} · {} · {}", s.check_in_title, p.firm.name.get(lang), lang.texts().site_name)/>
        <section class="check-in-page">
            <p class="breadcrumb">
                <a href=format!("/events/{slug}")>{title.clone()}</a>
                " · "
                <a href=format!("/events/{slug}/day")>{s.day_title}</a>
            </p>
            <h1>{p.firm.name.get(lang).to_string()}</h1>
            <p>{format!("{} · {title}", p.side.label(lang))}</p>
            {saved.then(|| view! { <p class="notice" role="status">{s.check_in_saved}</p> })}
            <p class="check-in-state" class:arrived=arrived>
                {match p.checked_in {
                    Some(at) => Either::Left(view! { {s.arrived_at}" " <When at/> }),
                    None => Either::Right(view! { {s.not_here} }),
                }}
            </p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=form_errors(action) fields=vec![("meeting", s.check_in)]/>
            {page.may_act.then(|| view! {
                <ActionForm action attr:class="check-in-form">
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="registration" value=p.registration_id.to_string()/>
                    <input type="hidden" name="from" value="desk"/>
                    {(!arrived).then(|| view! { <input type="hidden" name="arrived" value="yes"/> })}
                    <button type="submit" class=if arrived { "secondary" } else { "" }>{if arrived { s.undo_check_in } else { s.check_in }}</button>
                </ActionForm>
            })}
            <h2>{s.agenda_title}</h2>
            <AgendaList items=page.items.clone()/>
        </section>
    }
}

/// A firm's meetings in time order, with what the firm recorded of each;
/// `outcomes` (the event and firm) lets the viewer record them.
#[component]
fn AgendaList(items: Vec<AgendaItem>, #[prop(optional)] outcomes: Option<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    if items.is_empty() {
        return Either::Left(view! { <p class="empty">{s.agenda_empty}</p> });
    }
    Either::Right(view! {
        <ol class="agenda">
            {items.into_iter().map(|item| {
                let form = outcomes.clone().filter(|_| item.may_record).map(|(slug, firm)| view! { <OutcomeForm item=item.clone() slug firm/> });
                let recorded = item.outcome.clone().filter(|_| form.is_none()).map(|(outcome, note)| view! {
                    <p class="outcome"><strong>{s.outcome}{lang.pick("：", ": ")}</strong>{outcome.label(lang)}</p>
                    {(!note.is_empty()).then(|| view! { <p class="message">{note}</p> })}
                });
                view! {
                    <li class="agenda-item" class:cancelled=item.cancelled>
                        <span class="agenda-time">{item.time.clone()}</span>
                        <span class="agenda-table">{s.table_n.replace("{n}", &(item.table + 1).to_string())}</span>
                        <a href=format!("/orgs/{}", item.counterpart.slug)>{item.counterpart.name.get(lang).to_string()}</a>
                        {item.priority.then(|| view! { " " <span class="badge">{s.priority_badge}</span> })}
                        {item.cancelled.then(|| view! { " " <span class="badge">{s.cancelled_by_organisers}</span> })}
                        {recorded}
                        {form}
                    </li>
                }
            }).collect_view()}
        </ol>
    })
}

/// One side's outcome of a meeting: what came of it and a note only the
/// firm and the organisers read.
#[component]
fn OutcomeForm(item: AgendaItem, slug: String, firm: String) -> impl IntoView {
    use crate::events::api::RecordMeetingOutcome;
    use crate::events::day::{Outcome, OUTCOME_NOTE_MAX};
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<RecordMeetingOutcome>::new();
    let key = item.meeting_id.to_string();
    let mut saved = FormErrors::new();
    if let Some((outcome, note)) = &item.outcome {
        saved.keep("outcome", outcome.code());
        saved.keep("note", note);
    }
    // A refusal that came back without JavaScript reaches every outcome form: each shows its own only.
    let refused = form_errors(action);
    let mine = key.clone();
    let errors = Signal::derive(move || {
        let found = refused.get();
        if found.value("meeting") == Some(mine.as_str()) {
            found
        } else {
            saved.clone()
        }
    });
    let id = format!("outcome-{key}");
    let label_for = id.clone();
    let chosen = move || errors.get().value("outcome").unwrap_or_default().to_string();
    view! {
        <div class="outcome-form">
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors fields=vec![("outcome", s.outcome), ("note", s.outcome_note)]/>
            <ActionForm action attr:class="outcome-fields">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="firm" value=firm/>
                <input type="hidden" name="meeting" value=key.clone()/>
                <div class="field">
                    <label for=label_for>{s.outcome}</label>
                    <select id=id name="outcome">
                        <option value="">{s.choose}</option>
                        {Outcome::ALL.iter().map(|o| {
                            let code = o.code();
                            view! { <option value=code selected=move || chosen() == code>{o.label(lang)}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" role="alert">{move || errors.get().problem("outcome").map(|p| p.message(lang))}</p>
                </div>
                <TextAreaField name="note" label=s.outcome_note hint=s.outcome_note_hint rows=2 maxlength=OUTCOME_NOTE_MAX errors key=key.clone()/>
                <button type="submit" disabled=move || action.pending().get()>{s.save_outcome}</button>
            </ActionForm>
        </div>
    }
}

/// `/events/{slug}/badge`
#[component]
pub fn EventBadgePage() -> impl IntoView {
    let page = Resource::new(event_address(&["firm"]), |address| crate::events::api::event_badge(address.slug.clone(), address.arg(0)));
    crate::loaded!(page, page => view! { <BadgeView page/> })
}

#[component]
fn BadgeView(page: BadgePage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let title = page.event.title.get(lang).to_string();
    let slug = page.event.slug.clone();
    let venue = page.venue.get(lang).to_string();
    view! {
        <Title text=format!("{} · {} · {}", s.badge_title, page.firm.name.get(lang), lang.texts().site_name)/>
        <section class="badge-page">
            <p class="breadcrumb no-print">
                <a href=format!("/events/{slug}/agenda?firm={}", page.firm.slug)>{s.agenda_title}</a>
            </p>
            <p class="hint no-print">{s.badge_hint}</p>
            <article class="event-badge">
                <p class="badge-event">{title.clone()}</p>
                <p class="badge-when">{format!("{} {} ({})", page.event.day, page.event.hours, s.china_time)}{(!venue.is_empty()).then(|| format!(" · {venue}"))}</p>
                <h1 class="badge-firm">{page.firm.name.get(lang).to_string()}</h1>
                <p class="badge-side">{page.side.label(lang)}</p>
                // The SVG is made on the server from the check-in address alone (a slug and a number).
                <div class="badge-qr" inner_html=page.qr_svg.clone()></div>
                <p class="badge-scan">{s.badge_scan}</p>
                <AgendaList items=page.items.clone()/>
            </article>
        </section>
    }
}

/// The head of an organisers' page of an event (`current`: `schedule`,
/// `day` or `report`): the document title, links to the event and its
/// other organisers' pages, and the heading.
#[component]
fn OrganiserHead(slug: String, title: String, current: &'static str) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let pages = [("schedule", s.schedule_title), ("day", s.day_title), ("report", s.report_title)];
    let name = pages.iter().find(|(path, _)| *path == current).map(|(_, name)| *name).unwrap_or_default();
    let others = pages.into_iter().filter(|(path, _)| *path != current).map(|(path, label)| {
        let href = format!("/events/{slug}/{path}");
        view! { " · " <a href=href>{label}</a> }
    });
    view! {
        <Title text=format!("{name} · {title} · {}", lang.texts().site_name)/>
        <p class="breadcrumb no-print">
            <a href=format!("/events/{slug}")>{title.clone()}</a>
            {others.collect_view()}
        </p>
        <h1>{format!("{name} · {title}")}</h1>
    }
}

/// `/events/{slug}/report`
#[component]
pub fn EventReportPage() -> impl IntoView {
    let page = Resource::new(event_address(&[]), |address| crate::events::api::event_report(address.slug));
    crate::loaded!(page, page => view! { <ReportView page/> })
}

/// A chart drawn on the server, or nothing when there was nothing to draw.
fn server_chart(svg: String, label: String) -> impl IntoView {
    (!svg.is_empty()).then(|| view! { <div class="chart" role="img" aria-label=label inner_html=svg></div> })
}

#[component]
fn ReportView(page: EventReport) -> impl IntoView {
    use crate::events::day::{MeetingState, Outcome};
    let lang = use_lang();
    let s = texts(lang);
    let title = page.event.title.get(lang).to_string();
    let slug = page.event.slug.clone();
    let f = page.figures.clone();
    let n = |count: u64| crate::forms::grouped(count as i64);
    let summary = s
        .report_summary
        .replace("{scheduled}", &n(f.scheduled))
        .replace("{held}", &n(f.held))
        .replace("{no_shows}", &n(f.no_shows))
        .replace("{upcoming}", &n(f.upcoming))
        .replace("{cancelled}", &n(f.cancelled));
    let recorded = s.report_recorded.replace("{recorded}", &n(f.recorded())).replace("{intents}", &n(f.order_intent_meetings));
    let state_rows = [
        (MeetingState::Held, f.held),
        (MeetingState::NoShow, f.no_shows),
        (MeetingState::Upcoming, f.upcoming),
        (MeetingState::Cancelled, f.cancelled),
    ];
    let count_table = move |heading: &'static str, rows: Vec<(String, u64)>| {
        view! {
            <table class="dashboard-table">
                <thead><tr><th scope="col">{heading}</th><th scope="col" class="number">{s.report_count}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, count)| view! {
                        <tr><th scope="row">{label}</th><td class="number">{crate::forms::grouped(count as i64)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    let meetings_table = count_table(s.state, state_rows.iter().map(|(state, count)| (state.label(lang).to_string(), *count)).collect());
    let outcome_rows: Vec<(String, u64)> =
        Outcome::ALL.iter().zip(f.outcomes).map(|(o, count)| (o.label(lang).to_string(), count)).collect();
    let outcomes_table = count_table(s.outcome, outcome_rows);
    let no_meetings = f.scheduled + f.cancelled == 0;
    let no_outcomes = f.recorded() == 0;
    view! {
        <section class="report-page">
            <OrganiserHead slug=slug.clone() title=title.clone() current="report"/>
            <p class="event-meta">{format!("{} {} ({}) · {}", page.event.day, page.event.hours, s.china_time, page.event.status.label(lang))}</p>
            <p class="muted">{s.report_as_of}" "<When at=page.computed_at/></p>
            <p class="dashboard-figures"><strong>{summary}</strong></p>
            <p>{recorded}</p>
            <p class="hint">{s.report_hint}</p>
            <p class="no-print">
                <a class="button-link" href=format!("/events/{slug}/report.csv") rel="external nofollow" download="">{s.report_download}</a>
            </p>
            <section id="meetings" class="breakdown">
                <h2>{s.report_meetings}</h2>
                {if no_meetings {
                    Either::Left(view! { <p class="empty">{s.no_meetings_placed}</p> })
                } else {
                    Either::Right(view! {
                        <div class="chart-and-table">{server_chart(page.meetings_svg, s.report_meetings.to_string())}{meetings_table}</div>
                    })
                }}
            </section>
            <section id="outcomes" class="breakdown">
                <h2>{s.report_outcomes}</h2>
                {if no_outcomes {
                    Either::Left(view! { <p class="empty">{s.report_no_outcomes}</p> })
                } else {
                    Either::Right(view! {
                        <div class="chart-and-table">{server_chart(page.outcomes_svg, s.report_outcomes.to_string())}{outcomes_table}</div>
                    })
                }}
            </section>
            {page.breakdowns.into_iter().map(|b| view! { <ReportBreakdownView breakdown=b/> }).collect_view()}
        </section>
    }
}

#[component]
fn ReportBreakdownView(breakdown: ReportBreakdown) -> impl IntoView {
    use crate::events::day::Outcome;
    let lang = use_lang();
    let s = texts(lang);
    let (heading, note, column) = if breakdown.key == "belts" {
        (s.report_by_belt, s.report_by_belt_note, s.report_belt)
    } else {
        (s.report_by_category, s.report_by_category_note, s.report_category)
    };
    let body = if breakdown.rows.is_empty() {
        Either::Left(view! { <p class="empty">{s.no_meetings_placed}</p> })
    } else {
        let n = |count: u64| crate::forms::grouped(count as i64);
        Either::Right(view! {
            {server_chart(breakdown.svg, heading.to_string())}
            <div class="table-scroll">
                <table class="dashboard-table report-table">
                    <thead><tr>
                        <th scope="col">{column}</th>
                        <th scope="col" class="number">{s.report_meetings}</th>
                        <th scope="col" class="number">{crate::events::day::MeetingState::Held.label(lang)}</th>
                        {Outcome::ALL.iter().map(|o| view! { <th scope="col" class="number">{o.label(lang)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {breakdown.rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.label.get(lang).to_string()}</th>
                                <td class="number">{n(row.group.meetings)}</td>
                                <td class="number">{n(row.group.held)}</td>
                                {row.group.outcomes.iter().map(|c| view! { <td class="number">{n(*c)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! {
        <section id=breakdown.key.clone() class="breakdown">
            <h2>{heading}</h2>
            <p class="muted">{note}</p>
            {body}
        </section>
    }
}
