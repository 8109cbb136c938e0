//! `/programs` (filterable), `/programs/{slug}` (a program in full), and
//! `/programs/new` and `/programs/{slug}/edit` (the form).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::forms::{
    form_errors, form_failure, options, owned, ChoiceGroup, ChoiceSelect, ErrorSummary, Field, FilterSelect, FormFailure, SelectField,
    TextAreaField, Tick,
};
use crate::suppliers::types::Language;
use crate::talent::application_pages::ApplySection;
use crate::talent::rules::{COST_MAX, CURRICULUM_MAX, SUMMARY_MAX, TITLE_MAX, VENUE_MAX};
use crate::talent::texts::{dates_text, texts};
use crate::talent::types::*;
use crate::use_lang;

/// "30 (12 left)", "30 (full)", "30"; nothing without a limit.
fn seats_fact(card: &ProgramCard, lang: crate::i18n::Lang) -> Option<String> {
    let s = texts(lang);
    let seats = card.seats?;
    Some(match card.seats_left {
        Some(0) => format!("{seats}{}", crate::i18n::bracketed(s.full, lang)),
        Some(left) if left < seats => {
            format!("{seats}{}", crate::i18n::bracketed(format!("{}{}{left}", s.seats_left, lang.pick("：", ": ")), lang))
        }
        _ => seats.to_string(),
    })
}

/// One program in a list.
#[component]
pub fn ProgramCardView(card: ProgramCard) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let seats = seats_fact(&card, lang).map(|t| format!(" · {}{}{t}", s.seats, lang.pick("：", ": ")));
    view! {
        <li class="event-card program-card">
            <h3><a href=format!("/programs/{}", card.slug)>{card.title.get(lang).to_string()}</a></h3>
            <p class="event-meta">
                <span class="chip">{card.kind.label(lang)}</span>
                " " <span>{dates_text(&card.starts_on, &card.ends_on)}</span>
                {(!card.city.get(lang).is_empty()).then(|| format!(" · {}", card.city.get(lang)))}
                {card.subsidised.then(|| view! { " " <span class="badge">{s.subsidised}</span> })}
                {card.is_demo.then(|| view! { " " <span class="badge">{s.demo}</span> })}
            </p>
            <p class="muted">
                {format!("{}{}{}", s.organiser, lang.pick("：", ": "), card.organiser.name.get(lang))}
                {if card.is_open {
                    format!(" · {}{}{}", s.applications_close, lang.pick("：", ": "), card.applications_close)
                } else {
                    format!(" · {}", s.closed)
                }}
                {seats}
            </p>
        </li>
    }
}

#[component]
fn ProgramCards(cards: Vec<ProgramCard>, empty: &'static str) -> impl IntoView {
    if cards.is_empty() {
        return Either::Left(view! { <p class="empty">{empty}</p> });
    }
    Either::Right(view! {
        <ul class="event-list">
            {cards.into_iter().map(|card| view! { <ProgramCardView card/> }).collect_view()}
        </ul>
    })
}

/// A belt page's programs taking applications. Nothing when there are none.
#[component]
pub fn BeltPrograms(belt: String) -> impl IntoView {
    let s = texts(use_lang());
    let programs = Resource::new(move || belt.clone(), crate::talent::api::belt_programs);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let cards = programs.await.unwrap_or_default();
                (!cards.is_empty()).then(|| view! {
                    <section class="belt-programs">
                        <h2>{s.belt_programs}</h2>
                        <ProgramCards cards empty=s.no_open/>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// What `/programs` was asked to show.
#[derive(Clone, Debug, Default, PartialEq)]
struct Chosen {
    kind: String,
    city: String,
    belt: String,
    within: String,
    subsidised: String,
    seats_left: String,
}

/// `/programs`
#[component]
pub fn ProgramsPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let chosen = move || {
        query.with(|q| {
            let get = |name: &str| q.get(name).unwrap_or_default();
            Chosen {
                kind: get("kind"),
                city: get("city"),
                belt: get("belt"),
                within: get("within"),
                subsidised: get("subsidised"),
                seats_left: get("seats_left"),
            }
        })
    };
    let list = Resource::new(chosen, |c| crate::talent::api::list_programs(c.kind, c.city, c.belt, c.within, c.subsidised, c.seats_left));
    view! {
        <Title text=format!("{} · {}", s.list_title, lang.texts().site_name)/>
        <section class="events-page programs-page">
            <h1>{s.list_title}</h1>
            <p class="lead">{s.list_lead}</p>
            {crate::loaded!(list, list => view! { <ProgramListView list chosen=chosen()/> })}
        </section>
    }
}

#[component]
fn ProgramListView(list: ProgramList, chosen: Chosen) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let kinds = owned(options(ProgramKind::ALL, ProgramKind::code, ProgramKind::label, lang));
    let cities: Vec<(String, String)> =
        list.cities.iter().map(|c| (if c.zh.is_empty() { c.en.clone() } else { c.zh.clone() }, c.get(lang).to_string())).collect();
    let belts: Vec<(String, String)> = list.belts.iter().map(|b| (b.slug.clone(), b.name.get(lang).to_string())).collect();
    let within = vec![("30".to_string(), s.within_30.to_string()), ("90".into(), s.within_90.into()), ("365".into(), s.within_365.into())];
    view! {
        <p class="actions">
            {list.signed_in.then(|| view! { <a class="button-link" href="/programs/for-you">{s.for_you}</a> " " })}
            {list.may_publish.then(|| view! { <a class="button-link" href="/programs/new">{s.new_program}</a> })}
        </p>
        <form class="filters event-filters" method="get" action="/programs">
            <FilterSelect name="kind" label=s.kind any=s.any choices=kinds chosen=chosen.kind/>
            <FilterSelect name="city" label=s.city any=s.any choices=cities chosen=chosen.city/>
            <FilterSelect name="belt" label=s.belt any=s.any choices=belts chosen=chosen.belt/>
            <FilterSelect name="within" label=s.starts_within any=s.any choices=within chosen=chosen.within/>
            <label class="tick">
                <input type="checkbox" name="subsidised" value="yes" checked=!chosen.subsidised.is_empty()/>
                " " {s.subsidised_only}
            </label>
            <label class="tick">
                <input type="checkbox" name="seats_left" value="yes" checked=!chosen.seats_left.is_empty()/>
                " " {s.with_seats_left}
            </label>
            <button type="submit">{s.filter}</button>
        </form>
        <h2>{s.open_programs}</h2>
        <ProgramCards cards=list.open empty=s.no_open/>
        <h2>{s.closed_programs}</h2>
        <ProgramCards cards=list.closed empty=s.no_closed/>
    }
}

/// `/programs/{slug}`
#[component]
pub fn ProgramPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: after applying or withdrawing the page lands on a new address and loads afresh.
    let address = move || (params.with(|p| p.get("slug").unwrap_or_default()), query.with(|q| q.to_query_string()));
    let page = Resource::new(address, |(slug, _)| crate::talent::api::load_program(slug));
    crate::loaded!(page, page => view! { <ProgramView page/> })
}

#[component]
fn ProgramView(page: ProgramPage) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    let card = page.card.clone();
    let title = card.title.get(lang).to_string();
    let place = [page.venue.get(lang), card.city.get(lang), page.province.get(lang)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(lang.pick("，", ", "));
    let cost = page.cost.get(lang).to_string();
    let summary = page.summary.get(lang).to_string();
    let curriculum = page.curriculum.get(lang).to_string();
    let languages = page.instruction_languages.iter().map(|l: &Language| l.label(lang)).collect::<Vec<_>>().join(lang.pick("、", ", "));
    let slug = card.slug.clone();
    let organiser = card.organiser.clone();
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <section class="notice-page program-page">
            <p class="breadcrumbs"><a href="/programs">{s.list_title}</a></p>
            <h1>{title.clone()}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{s.saved}</p> })}
            {card.is_demo.then(|| view! { <p class="notice">{s.demo_note}</p> })}
            {(page.may_edit || page.apply.may_review).then(|| view! {
                <p class="actions">
                    {page.may_edit.then(|| view! { <a class="button-link" href=format!("/programs/{slug}/edit")>{s.edit_program}</a> " " })}
                    {page.apply.may_review.then(|| view! { <a class="button-link" href=format!("/programs/{slug}/applications")>{s.review_link}</a> })}
                </p>
            })}
            <dl class="facts">
                <dt>{s.kind}</dt><dd>{card.kind.label(lang)}</dd>
                <dt>{s.organiser}</dt>
                <dd><a href=format!("/orgs/{}", organiser.slug)>{organiser.name.get(lang).to_string()}</a></dd>
                <dt>{s.dates}</dt><dd>{dates_text(&card.starts_on, &card.ends_on)}</dd>
                <dt>{s.applications_close}</dt>
                <dd>
                    {card.applications_close.clone()}
                    {(!card.is_open).then(|| view! { " " <span class="badge">{s.closed}</span> })}
                </dd>
                <dt>{s.place}</dt><dd>{place}</dd>
                <dt>{s.seats}</dt>
                // A demo program says only what its source says: no seats or cost given is not "no limit" or "free".
                <dd>{seats_fact(&card, lang).unwrap_or_else(|| if card.is_demo { s.not_stated } else { s.seats_unlimited }.to_string())}</dd>
                <dt>{s.cost}</dt>
                <dd>
                    {match (cost.is_empty(), card.is_demo) {
                        (false, _) => cost,
                        (true, true) => s.not_stated.to_string(),
                        (true, false) => s.cost_free.to_string(),
                    }}
                    {card.subsidised.then(|| view! { " " <span class="badge">{s.subsidised}</span> })}
                </dd>
                <dt>{s.taught_in}</dt><dd>{languages}</dd>
            </dl>
            {(!summary.is_empty()).then(|| view! { <h2>{s.about}</h2> <p class="summary">{summary}</p> })}
            <h2>{s.who_may_apply}</h2>
            {if page.requirements.is_empty() {
                Either::Left(view! { <p>{s.anyone}</p> })
            } else {
                Either::Right(view! {
                    <ul class="requirements">
                        {page.requirements.iter().map(|r| view! { <li>{r.get(lang).to_string()}</li> }).collect_view()}
                    </ul>
                })
            }}
            <ApplySection card=card.clone() panel=page.apply.clone()/>
            {page.teams.clone().map(|panel| view! { <crate::talent::team_pages::TeamsSection slug=slug.clone() panel/> })}
            {(!curriculum.is_empty()).then(|| view! { <h2>{s.curriculum}</h2> <p class="summary">{curriculum}</p> })}
            {(!page.companies.is_empty()).then(|| view! {
                <section class="companies" id="companies">
                    <h2>{s.companies}</h2>
                    {if page.marks.may_mark {
                        Either::Left(view! { <EmployerMarking slug=card.slug.clone() companies=page.companies.clone() marked=page.marks.marked.clone()/> })
                    } else {
                        Either::Right(view! {
                            <ul class="chips">
                                {page.companies.iter().map(|c| view! {
                                    <li><a class="chip" href=format!("/orgs/{}", c.slug)>{c.name.get(lang).to_string()}</a></li>
                                }).collect_view()}
                            </ul>
                        })
                    }}
                    {page.marks.employers.iter().map(|e| view! { <WhoMarked employer=e.clone()/> }).collect_view()}
                </section>
            })}
            {(!page.belts.is_empty()).then(|| view! {
                <h2>{s.belts}</h2>
                <ul class="chips">
                    {page.belts.iter().map(|b| view! {
                        <li><a class="chip" href=format!("/belts/{}", b.slug)>{b.name.get(lang).to_string()}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// `/programs/for-you`
#[component]
pub fn ForYouPage() -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let page = Resource::new(|| (), |_| crate::talent::api::programs_for_you());
    view! {
        <Title text=format!("{} · {}", s.for_you, lang.texts().site_name)/>
        <section class="readiness-page for-you-page">
            <p class="breadcrumbs"><a href="/programs">{s.list_title}</a></p>
            <h1>{s.for_you}</h1>
            <p class="lead">{s.for_you_lead}</p>
            {crate::loaded!(page, page => view! { <ForYouView page/> })}
        </section>
    }
}

#[component]
fn ForYouView(page: ForYou) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    if !page.has_profile {
        return Either::Left(view! {
            <p>{s.no_profile}</p>
            <p class="actions"><a class="button-link" href="/me/graduate">{s.fill_profile}</a></p>
        });
    }
    Either::Right(view! {
        {saved.then(|| view! { <p class="notice" role="status">{s.profile_saved}</p> })}
        <p class="actions"><a class="button-link secondary" href="/me/graduate">{s.edit_profile}</a></p>
        {if page.items.is_empty() {
            Either::Left(view! { <p class="empty">{s.nothing_open}</p> })
        } else {
            Either::Right(view! {
                <ul class="event-list for-you-list">
                    {page.items.into_iter().map(|item| view! { <ForYouCard item/> }).collect_view()}
                </ul>
            })
        }}
    })
}

#[component]
fn ForYouCard(item: ForYouItem) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let card = item.card;
    let reasons: Vec<&str> =
        item.reasons.iter().filter(|r| **r != Reason::Eligible).map(|r| crate::talent::texts::reason_text(r, lang)).collect();
    view! {
        <li class="event-card program-card">
            <h3><a href=format!("/programs/{}", card.slug)>{card.title.get(lang).to_string()}</a></h3>
            <p class="event-meta">
                <span class="chip">{card.kind.label(lang)}</span>
                " " <span>{dates_text(&card.starts_on, &card.ends_on)}</span>
                {(!card.city.get(lang).is_empty()).then(|| format!(" · {}", card.city.get(lang)))}
                " " <span class=if item.eligible { "badge eligible" } else { "badge not-eligible" }>
                    {if item.eligible { s.eligible } else { s.not_eligible }}
                </span>
            </p>
            <p class="muted">
                {format!("{}{}{}", s.organiser, lang.pick("：", ": "), card.organiser.name.get(lang))}
                {format!(" · {}{}{}", s.applications_close, lang.pick("：", ": "), card.applications_close)}
            </p>
            {(!reasons.is_empty()).then(|| view! {
                <p>{format!("{}{}{}", s.why_shown, lang.pick("：", ": "), reasons.join(lang.pick("；", "; ")))}</p>
            })}
            {(!item.missing.is_empty()).then(|| view! {
                <p class="check-head"><strong>{s.missing}</strong></p>
                <ul class="requirements">
                    {item.missing.iter().map(|(asked, yours)| {
                        let yours = yours.get(lang).to_string();
                        view! {
                            <li>
                                {asked.get(lang).to_string()}
                                <span class="muted">
                                    {format!(" ({})", if yours.is_empty() { s.not_on_profile.to_string() } else { format!("{}{yours}", s.yours) })}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// `/me/graduate`
#[component]
pub fn GraduateProfilePage() -> impl IntoView {
    let query = use_query_map();
    // Keyed on the query: deleting the CV lands on a new address and loads afresh.
    let editor = Resource::new(move || query.with(|q| q.to_query_string()), |_| crate::talent::api::load_graduate_editor());
    crate::loaded!(editor, editor => view! { <GraduateFormView editor/> })
}

#[component]
fn GraduateFormView(editor: GraduateEditor) -> impl IntoView {
    use crate::talent::api::SaveGraduateProfile;
    use crate::talent::rules::{LANGUAGE_ROWS, SCHOOL_MAX, SKILLS_MAX, STATEMENT_MAX};
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveGraduateProfile>::new();
    let refused = form_errors(action);
    let errors = crate::forms::refused_or_saved(refused, editor.values.clone());
    let provinces = crate::geo::province_choices(lang);
    let cv = CvSection(CvSectionProps { exists: editor.exists, cv: editor.cv.clone() });
    let belts: Vec<(String, String)> = editor.belts.iter().map(|b| (b.slug.clone(), b.name.get(lang).to_string())).collect();
    const LANGUAGE_FIELDS: [(&str, &str); LANGUAGE_ROWS] =
        [("language_1", "level_1"), ("language_2", "level_2"), ("language_3", "level_3")];
    let mut labels = vec![("school", s.school), ("major", s.major), ("graduation_year", s.graduation_year), ("province", s.home_province)];
    for (language, level) in LANGUAGE_FIELDS {
        labels.push((language, s.language_n));
        labels.push((level, s.level_n));
    }
    labels.extend([
        ("skills", s.skills),
        ("preferred_cities", s.preferred_cities),
        ("preferred_belts", s.preferred_belts),
        ("preferred_kinds", s.preferred_kinds),
        ("statement", s.statement),
    ]);
    view! {
        <Title text=format!("{} · {}", s.profile_title, lang.texts().site_name)/>
        <section class="form-page graduate-form-page">
            <h1>{s.profile_title}</h1>
            <p class="lead">{s.profile_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=refused fields=labels/>
            <ActionForm action attr:class="event-form graduate-form">
                <fieldset>
                    <legend>{s.section_studies}</legend>
                    <Field name="school" label=s.school maxlength=SCHOOL_MAX errors/>
                    <div class="field-row">
                        <SelectField name="major" label=s.major options=options(Major::ALL, Major::code, Major::label, lang) none_label=s.choose errors/>
                        <Field name="graduation_year" label=s.graduation_year inputmode="numeric" errors/>
                    </div>
                    <ChoiceSelect name="province" label=s.home_province choices=provinces none=s.choose errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_languages}</legend>
                    {LANGUAGE_FIELDS.into_iter().map(|(language, level)| view! {
                        <div class="field-row">
                            <SelectField name=language label=s.language_n options=options(Language::ALL, Language::code, Language::label, lang) none_label=s.choose errors/>
                            <SelectField name=level label=s.level_n options=options(LanguageLevel::ALL, LanguageLevel::code, LanguageLevel::label, lang) none_label=s.choose errors/>
                        </div>
                    }).collect_view()}
                    <Field name="skills" label=s.skills hint=s.skills_hint maxlength=SKILLS_MAX errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_wishes}</legend>
                    <Field name="preferred_cities" label=s.preferred_cities hint=s.preferred_cities_hint maxlength=400 errors/>
                    <ChoiceGroup name="preferred_kinds" legend=s.preferred_kinds options=owned(options(ProgramKind::ALL, ProgramKind::code, ProgramKind::label, lang)) errors/>
                    <ChoiceGroup name="preferred_belts" legend=s.preferred_belts options=belts errors/>
                    <TextAreaField name="statement" label=s.statement rows=5 maxlength=STATEMENT_MAX errors/>
                </fieldset>
                <p class="actions">
                    <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
                    " " <a href="/programs/for-you">{s.cancel}</a>
                </p>
            </ActionForm>
            {cv}
        </section>
    }
}

/// The profile's CV: the one kept, and a plain multipart form to upload one
/// (the browser posts it itself, with or without JavaScript).
#[component]
fn CvSection(exists: bool, cv: Option<crate::talent::cv::CvFile>) -> impl IntoView {
    use crate::talent::api::DeleteGraduateCv;
    use crate::talent::cv::{cv_size_text, CvProblem};
    let lang = use_lang();
    let s = texts(lang);
    let query = use_query_map();
    let problem = query.get_untracked().get("cv_error").and_then(|c| CvProblem::from_code(&c)).map(|p| p.label(lang));
    let done = match query.get_untracked().get("cv").as_deref() {
        Some("added") => Some(s.cv_added),
        Some("deleted") => Some(s.cv_deleted),
        _ => None,
    };
    let delete = ServerAction::<DeleteGraduateCv>::new();
    let kept = cv.map(|cv| {
        view! {
            <div class="cv-kept">
                <p>
                    <strong>{s.cv_current}</strong> " · " {cv_size_text(&cv, lang)} " · " {s.cv_uploaded} " "
                    <crate::clock::When at=cv.uploaded_at/>
                </p>
                // A div, not a p: a form inside a paragraph closes it in the browser's parser, and hydration fails.
                <div class="actions">
                    <a class="button-link" href=cv.url.clone() download="cv.pdf">{s.cv_download}</a>
                    <ActionForm action=delete attr:class="inline-form">
                        <button type="submit" class="link-button danger">{s.cv_delete}</button>
                    </ActionForm>
                </div>
            </div>
        }
    });
    let has_cv = kept.is_some();
    view! {
        <section id="cv" class="cv-section">
            <h2>{s.cv_title}</h2>
            <p class="hint">{s.cv_hint}</p>
            {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {problem.map(|text| view! {
                <div class="error-summary" role="alert">
                    <p class="error-summary-title">{lang.texts().form_problems_one}</p>
                    <ul><li><a href="#field-cv">{format!("{}{}{text}", s.cv_title, lang.pick("：", ": "))}</a></li></ul>
                </div>
            })}
            {kept}
            {if exists {
                Either::Left(view! {
                    <form class="cv-upload" method="post" action="/me/graduate/cv" enctype="multipart/form-data">
                        <div class="field" class:invalid=problem.is_some()>
                            <label for="field-cv">{if has_cv { s.cv_replace } else { s.cv_file }}</label>
                            <input id="field-cv" type="file" name="cv" accept="application/pdf,.pdf" required=true
                                aria-describedby="field-cv-error" aria-invalid=if problem.is_some() { "true" } else { "false" }/>
                            <p class="field-error" id="field-cv-error" role="alert">{problem}</p>
                        </div>
                        <button type="submit">{s.cv_upload}</button>
                    </form>
                })
            } else {
                Either::Right(view! { <p class="muted">{s.cv_first_profile}</p> })
            }}
        </section>
    }
}

/// `/programs/new`
#[component]
pub fn NewProgramPage() -> impl IntoView {
    let editor = Resource::new(|| (), |_| crate::talent::api::load_program_editor("new".into()));
    crate::loaded!(editor, editor => view! { <ProgramFormView editor/> })
}

/// `/programs/{slug}/edit`
#[component]
pub fn EditProgramPage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(move || params.get().get("slug").unwrap_or_default(), crate::talent::api::load_program_editor);
    crate::loaded!(editor, editor => view! { <ProgramFormView editor/> })
}

#[component]
fn ProgramFormView(editor: ProgramEditor) -> impl IntoView {
    use crate::talent::api::SaveProgram;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<SaveProgram>::new();
    let refused = form_errors(action);
    let errors = crate::forms::refused_or_saved(refused, editor.values.clone());
    let title = if editor.slug.is_some() { s.edit_program } else { s.new_program };
    let organisers: Vec<(String, String)> = editor.organisers.iter().map(|n| (n.slug.clone(), n.name.get(lang).to_string())).collect();
    // A new program chooses its organiser; an existing one keeps it.
    let organiser_choice =
        editor.slug.is_none().then(|| view! { <ChoiceSelect name="organiser" label=s.field_organiser choices=organisers errors/> });
    let provinces = crate::geo::province_choices(lang);
    let belts: Vec<(String, String)> = editor.belts.iter().map(|b| (b.slug.clone(), b.name.get(lang).to_string())).collect();
    let labels = vec![
        ("organiser", s.field_organiser),
        ("kind", s.field_kind),
        ("title_zh", s.title_zh),
        ("title_en", s.title_en),
        ("summary_zh", s.summary_zh),
        ("summary_en", s.summary_en),
        ("province", s.province),
        ("city_zh", s.city_zh),
        ("city_en", s.city_en),
        ("venue_zh", s.venue_zh),
        ("venue_en", s.venue_en),
        ("starts_on", s.starts_on),
        ("ends_on", s.ends_on),
        ("applications_close", s.field_applications_close),
        ("seats", s.field_seats),
        ("cost_zh", s.cost_zh),
        ("cost_en", s.cost_en),
        ("curriculum_zh", s.curriculum_zh),
        ("curriculum_en", s.curriculum_en),
        ("instruction_languages", s.instruction_languages),
        ("belts", s.field_belts),
        ("companies", s.field_companies),
        ("graduation_from", s.graduation_from),
        ("graduation_to", s.graduation_to),
        ("majors", s.majors),
        ("language", s.language),
        ("language_level", s.language_level),
        ("from_province", s.from_province),
    ];
    let back = editor.slug.clone().map_or_else(|| "/programs".to_string(), |slug| format!("/programs/{slug}"));
    view! {
        <Title text=format!("{title} · {}", lang.texts().site_name)/>
        <section class="form-page program-form-page">
            <h1>{title}</h1>
            <p class="lead">{s.form_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <ErrorSummary errors=refused fields=labels/>
            <ActionForm action attr:class="event-form program-form">
                <input type="hidden" name="slug" value=editor.slug.clone().unwrap_or_else(|| "new".into())/>
                <fieldset>
                    <legend>{s.section_what}</legend>
                    {organiser_choice}
                    <SelectField name="kind" label=s.field_kind options=options(ProgramKind::ALL, ProgramKind::code, ProgramKind::label, lang) none_label=s.choose errors/>
                    <Field name="title_zh" label=s.title_zh maxlength=TITLE_MAX errors/>
                    <Field name="title_en" label=s.title_en maxlength=TITLE_MAX errors/>
                    <TextAreaField name="summary_zh" label=s.summary_zh rows=4 maxlength=SUMMARY_MAX errors/>
                    <TextAreaField name="summary_en" label=s.summary_en rows=4 maxlength=SUMMARY_MAX errors/>
                    <TextAreaField name="curriculum_zh" label=s.curriculum_zh rows=6 maxlength=CURRICULUM_MAX errors/>
                    <TextAreaField name="curriculum_en" label=s.curriculum_en rows=6 maxlength=CURRICULUM_MAX errors/>
                    <ChoiceGroup name="instruction_languages" legend=s.instruction_languages options=owned(options(Language::ALL, Language::code, Language::label, lang)) errors/>
                    <ChoiceGroup name="belts" legend=s.field_belts options=belts errors/>
                    <Field name="companies" label=s.field_companies hint=s.companies_hint maxlength=2000 errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_when}</legend>
                    <div class="field-row">
                        <Field name="starts_on" label=s.starts_on input_type="date" errors/>
                        <Field name="ends_on" label=s.ends_on input_type="date" errors/>
                    </div>
                    <Field name="applications_close" label=s.field_applications_close input_type="date" errors/>
                    <ChoiceSelect name="province" label=s.province choices=provinces.clone() none=s.choose errors/>
                    <div class="field-row">
                        <Field name="city_zh" label=s.city_zh maxlength=crate::talent::rules::CITY_MAX errors/>
                        <Field name="city_en" label=s.city_en maxlength=crate::talent::rules::CITY_MAX errors/>
                    </div>
                    <div class="field-row">
                        <Field name="venue_zh" label=s.venue_zh maxlength=VENUE_MAX errors/>
                        <Field name="venue_en" label=s.venue_en maxlength=VENUE_MAX errors/>
                    </div>
                    <Field name="seats" label=s.field_seats inputmode="numeric" hint=s.seats_hint errors/>
                    <div class="field-row">
                        <Field name="cost_zh" label=s.cost_zh maxlength=COST_MAX hint=s.cost_hint errors/>
                        <Field name="cost_en" label=s.cost_en maxlength=COST_MAX errors/>
                    </div>
                    <Tick name="subsidised" label=s.field_subsidised errors/>
                </fieldset>
                <fieldset>
                    <legend>{s.section_who}</legend>
                    <div class="field-row">
                        <Field name="graduation_from" label=s.graduation_from inputmode="numeric" errors/>
                        <Field name="graduation_to" label=s.graduation_to inputmode="numeric" errors/>
                    </div>
                    <ChoiceGroup name="majors" legend=s.majors options=owned(options(Major::ALL, Major::code, Major::label, lang)) errors/>
                    <div class="field-row">
                        <SelectField name="language" label=s.language options=options(Language::ALL, Language::code, Language::label, lang) none_label=s.none errors/>
                        <SelectField name="language_level" label=s.language_level options=options(LanguageLevel::ALL, LanguageLevel::code, LanguageLevel::label, lang) none_label=s.none errors/>
                    </div>
                    <ChoiceSelect name="from_province" label=s.from_province choices=provinces none=s.any errors/>
                </fieldset>
                <p class="actions">
                    <button type="submit" disabled=move || action.pending().get()>{s.save}</button>
                    " " <a href=back>{s.cancel}</a>
                </p>
            </ActionForm>
        </section>
    }
}

/// A job fair's employers, each with the viewer's "want to meet" mark to set or take back.
#[component]
fn EmployerMarking(slug: String, companies: Vec<crate::scouting::types::Named>, marked: Vec<String>) -> impl IntoView {
    use crate::talent::api::MarkEmployer;
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<MarkEmployer>::new();
    view! {
        <p class="hint">{s.marks_lead}</p>
        <FormFailure failure=form_failure(action)/>
        <ErrorSummary errors=form_errors(action) fields=vec![]/>
        <ul class="employer-marks">
            {companies.into_iter().map(|c| {
                let on = marked.contains(&c.slug);
                let slug = slug.clone();
                view! {
                    <li class:marked=on>
                        <a href=format!("/orgs/{}", c.slug)>{c.name.get(lang).to_string()}</a>
                        <ActionForm action attr:class="inline-form">
                            <input type="hidden" name="slug" value=slug/>
                            <input type="hidden" name="employer" value=c.slug.clone()/>
                            <input type="hidden" name="want" value=if on { "no" } else { "yes" }/>
                            <button type="submit" class:secondary=on>{if on { s.marked_undo } else { s.want_to_meet }}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// For an employer's own people: the graduates who want to meet it.
#[component]
fn WhoMarked(employer: EmployerMarks) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let heading = s.who_marked.replace("{firm}", employer.firm.name.get(lang));
    view! {
        <h3>{heading}</h3>
        {if employer.graduates.is_empty() {
            Either::Left(view! { <p class="empty">{s.nobody_marked}</p> })
        } else {
            Either::Right(view! {
                <ul class="markers">
                    {employer.graduates.into_iter().map(|g| {
                        let about = [g.school, g.major.map(|m| m.label(lang).to_string()).unwrap_or_default(), g.graduation_year.map(|y| y.to_string()).unwrap_or_default()]
                            .into_iter()
                            .filter(|part| !part.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ");
                        view! { <li><strong>{g.name}</strong> {(!about.is_empty()).then(|| format!(" · {about}"))}</li> }
                    }).collect_view()}
                </ul>
            })
        }}
    }
}
