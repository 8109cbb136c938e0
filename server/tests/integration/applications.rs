//! Applications to talent programs: graduates apply with a motivation; the
//! organisers accept, waitlist or decline with a reason; seats hold under
//! concurrency; a freed seat goes to the first on the waitlist, who is told
//! and confirms by a deadline, or lets it go to the next.

use crate::common;
use crate::programs::{day, problem, program, refs, slug_of, with};

use app::accounts::types::Role;
use app::entities::program_application;
use app::error::AppError;
use app::forms::Problem;
use app::talent::applications::ApplicationStatus;
use axum::http::StatusCode;
use common::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// An approved association's organiser and its slug.
pub(crate) async fn organiser(site: &Site, email: &str, name: &str) -> (Browser, String) {
    let mut person = association(site, email, name, BELT).await;
    let account = person.get("/account").await;
    let wanted = format!("/orgs/{}", name.to_lowercase().replace(' ', "-"));
    let start = account.body.find(&wanted).expect("the association on the account page");
    let slug = account.body[start + 6..].split('"').next().unwrap().to_string();
    (person, slug)
}

/// A graduate with a confirmed address and a profile that meets the test
/// program (graduating 2025, e-commerce, English at a fluent level).
pub(crate) async fn graduate(site: &Site, email: &str, year: &str) -> Browser {
    let mut person = user(site, email, Role::Graduate).await;
    confirm_address(site, email).await;
    let profile = [
        ("school", "Qingdao University"),
        ("major", "ecommerce"),
        ("graduation_year", year),
        ("province", "shandong"),
        ("language_1", "en"),
        ("level_1", "fluent"),
        ("skills", "Amazon listings, TikTok live selling"),
        ("statement", "I grew up next to the lash workshops."),
    ];
    let saved = person.call("save_graduate_profile", &profile).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    person
}

pub(crate) const MOTIVATION: &str = "My family makes lashes in Pingdu; I want to sell them on Amazon US.";

async fn status_of(site: &Site, id: i32) -> ApplicationStatus {
    let row = program_application::Entity::find_by_id(id).one(&site.db.db).await.unwrap().unwrap();
    ApplicationStatus::from_code(&row.status).unwrap()
}

async fn application_id(site: &Site, program: &str, email: &str) -> i32 {
    let person = app::accounts::repo::find_by_email(&site.db.db, email).await.unwrap().unwrap();
    let program = app::talent::repo::by_slug(&site.db.db, program).await.unwrap();
    program_application::Entity::find()
        .filter(program_application::Column::ProgramId.eq(program.id))
        .filter(program_application::Column::ApplicantId.eq(person.id))
        .one(&site.db.db)
        .await
        .unwrap()
        .expect("an application")
        .id
}

fn mail_to<'a>(mails: &'a [app::mail::types::MailRow], to: &str, subject: &str) -> Option<&'a app::mail::types::MailRow> {
    mails.iter().find(|m| m.to == to && m.subject.contains(subject))
}

#[tokio::test]
async fn a_graduate_applies_the_organiser_decides_and_the_waitlist_moves_up() {
    for site in sites().await {
        let (mut organiser, association) = organiser(&site, "camp-office@example.com", "Pingdu Camp Office").await;
        let slug = slug_of(&organiser.call("save_program", &refs(&with(&program(&association, "One-seat camp", ""), "seats", "1"))).await);

        // Who may do what, before anyone applied.
        let mut signed_out = Browser::new(&site.router, "10.9.2.1");
        assert_eq!(
            signed_out.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(signed_out.call("my_program_applications", &[]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(signed_out.call("program_applications", &[("slug", &slug)]).await.status, StatusCode::UNAUTHORIZED);
        let program_page = main_of(&signed_out.get(&format!("/programs/{slug}")).await);
        assert!(program_page.contains(&format!("/signin?next=/programs/{slug}")), "signed out: sign in to apply: {program_page}");

        // Applying takes a profile that meets the requirements, and a motivation that says something.
        let mut ana = user(&site, "ana@example.com", Role::Graduate).await;
        confirm_address(&site, "ana@example.com").await;
        let refused = ana.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await;
        assert_eq!(problem(&refused, "motivation"), Problem::NeedsGraduateProfile);
        assert!(main_of(&ana.get(&format!("/programs/{slug}")).await).contains("href=\"/me/graduate\""));
        let mut ana = graduate(&site, "ana2@example.com", "2025").await;
        let short = ana.call("apply_to_program", &[("slug", &slug), ("motivation", "Lashes!")]).await;
        assert_eq!(problem(&short, "motivation"), Problem::TooShort { min: 20 });
        let AppError::Invalid(errors) = app_error(&short) else { unreachable!() };
        assert_eq!(errors.value("motivation"), Some("Lashes!"), "what was typed is kept");
        let mut early = graduate(&site, "class-of-2023@example.com", "2023").await;
        let page = main_of(&early.get(&format!("/programs/{slug}")).await);
        assert!(page.contains("Graduating 2024–2027 (Yours: 2023)"), "what is missing, on the page: {page}");
        let refused = early.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await;
        assert!(matches!(problem(&refused, "motivation"), Problem::NotEligible(missing) if missing.len() == 1));

        let applied = ana.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        assert!(applied.headers["location"].to_str().unwrap().starts_with(&format!("/programs/{slug}?applied=")));
        let again = ana.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await;
        assert_eq!(problem(&again, "motivation"), Problem::AlreadyApplied);
        let ana_id = application_id(&site, &slug, "ana2@example.com").await;
        assert_eq!(status_of(&site, ana_id).await, ApplicationStatus::Applied);
        let mine = main_of(&ana.get(&format!("/programs/{slug}")).await);
        assert!(mine.contains("Applied, awaiting review") && mine.contains(MOTIVATION), "{mine}");
        let notices = main_of(&organiser.get("/notifications").await);
        assert!(notices.contains("ana2@example.com applied to One-seat camp"), "{notices}");

        // Only the organiser (and site admins) review; nobody else decides.
        let (mut maker, _) = firm(&site, "lash-maker@example.com", "Review Lash Works").await;
        assert_eq!(maker.call("program_applications", &[("slug", &slug)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(maker.get(&format!("/programs/{slug}/applications")).await.status, StatusCode::FORBIDDEN);
        let id = ana_id.to_string();
        for (who, browser) in [("a firm", &mut maker), ("the applicant", &mut ana)] {
            let page = browser.call("decide_program_application", &[("id", &id), ("decision", "accept")]).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{who}");
        }
        let review = main_of(&organiser.get(&format!("/programs/{slug}/applications")).await);
        assert!(review.contains("ana2@example.com") && review.contains("Qingdao University") && review.contains(MOTIVATION), "{review}");

        // A decline needs a reason; an acceptance takes the one seat.
        let no_reason = organiser.call("decide_program_application", &[("id", &id), ("decision", "decline"), ("reason", " ")]).await;
        assert_eq!(problem(&no_reason, "reason"), Problem::Required);
        let accepted = organiser.call("decide_program_application", &[("id", &id), ("decision", "accept"), ("reason", "")]).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        assert_eq!(status_of(&site, ana_id).await, ApplicationStatus::Accepted);
        let twice =
            organiser.call("decide_program_application", &[("id", &id), ("decision", "decline"), ("reason", "Changed my mind")]).await;
        assert_eq!(problem(&twice, "decision"), Problem::AlreadyDecided);
        let list = main_of(&ana.get("/me/applications").await);
        assert!(list.contains("One-seat camp") && list.contains("Accepted"), "{list}");

        // The seat is taken: the next is waitlisted, and the program drops out of "seats left".
        let mut ben = graduate(&site, "ben@example.com", "2026").await;
        assert_eq!(ben.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await.status, StatusCode::OK);
        let mut cai = graduate(&site, "cai@example.com", "2024").await;
        let formula = "=SUM(A1:A2) is how I track my lash sales.";
        assert_eq!(cai.call("apply_to_program", &[("slug", &slug), ("motivation", formula)]).await.status, StatusCode::OK);
        let (ben_id, cai_id) =
            (application_id(&site, &slug, "ben@example.com").await, application_id(&site, &slug, "cai@example.com").await);
        let full = organiser.call("decide_program_application", &[("id", &ben_id.to_string()), ("decision", "accept")]).await;
        assert_eq!(problem(&full, "decision"), Problem::NoSeatLeft);
        for person in [ben_id, cai_id] {
            let page = organiser.call("decide_program_application", &[("id", &person.to_string()), ("decision", "waitlist")]).await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        }
        let list = main_of(&ben.get("/me/applications").await);
        assert!(list.contains("On the waitlist") && list.contains("Number 1 on the waitlist"), "{list}");
        assert!(main_of(&cai.get("/me/applications").await).contains("Number 2 on the waitlist"));
        let listed = main_of(&signed_out.get("/programs").await);
        assert!(listed.contains("One-seat camp") && listed.contains("Seats: 1 (Full)"), "{listed}");
        let with_seats = main_of(&signed_out.get("/programs?seats_left=yes").await);
        assert!(!with_seats.contains("One-seat camp") && with_seats.contains("Yueyang growth camp"), "{with_seats}");
        let mails = local_mail(&site).await;
        assert!(mail_to(&mails, "ana2@example.com", "You are accepted: One-seat camp").is_some(), "mailed");
        assert!(mail_to(&mails, "ben@example.com", "You are on the waitlist").is_some());

        // Only the applicant withdraws or confirms; a waitlisted one has nothing to confirm.
        assert_eq!(ben.call("withdraw_program_application", &[("id", &id)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(organiser.call("withdraw_program_application", &[("id", &id)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(problem(&ben.call("confirm_seat", &[("id", &ben_id.to_string())]).await, "application"), Problem::AlreadyDecided);

        // Ana withdraws: the seat is offered to Ben, who is told in the app and by mail.
        let withdrawn = ana.call("withdraw_program_application", &[("id", &id)]).await;
        assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
        assert_eq!(status_of(&site, ana_id).await, ApplicationStatus::Withdrawn);
        assert_eq!(status_of(&site, ben_id).await, ApplicationStatus::Offered);
        assert_eq!(status_of(&site, cai_id).await, ApplicationStatus::Waitlisted);
        let list = main_of(&ben.get("/me/applications").await);
        assert!(list.contains("Seat offered, to confirm") && list.contains("Confirm by") && list.contains("Confirm my seat"), "{list}");
        assert!(main_of(&ben.get("/notifications").await).contains("A seat freed up for you"));
        assert!(mail_to(&local_mail(&site).await, "ben@example.com", "A seat freed up for you").is_some());
        assert!(main_of(&organiser.get("/notifications").await).contains("ana2@example.com withdrew from One-seat camp"));
        assert!(main_of(&cai.get("/me/applications").await).contains("Number 1 on the waitlist"), "Cai moved up the queue");

        // Ben lets the deadline pass: the seat goes on to Cai, who confirms it in time.
        let later = chrono::Utc::now() + chrono::Duration::hours(49);
        assert_eq!(app::talent::application_repo::sweep_lapsed(&site.db.db, &app::state::MailSettings::local(""), later).await.unwrap(), 1);
        assert_eq!(status_of(&site, ben_id).await, ApplicationStatus::Lapsed);
        assert_eq!(status_of(&site, cai_id).await, ApplicationStatus::Offered);
        assert_eq!(problem(&ben.call("confirm_seat", &[("id", &ben_id.to_string())]).await, "application"), Problem::OfferLapsed);
        let confirmed = cai.call("confirm_seat", &[("id", &cai_id.to_string())]).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        assert_eq!(status_of(&site, cai_id).await, ApplicationStatus::Accepted);

        // Both sides see the statuses; the organiser filters by one.
        let review = main_of(&organiser.get(&format!("/programs/{slug}/applications?status=accepted")).await);
        assert!(review.contains("cai@example.com") && !review.contains("ben@example.com"), "{review}");
        let all = main_of(&organiser.get(&format!("/programs/{slug}/applications")).await);
        assert!(all.contains("Withdrawn (1)") && all.contains("Offer lapsed (1)") && all.contains("Accepted (1)"), "{all}");
        // At a glance: every application counted by status, school, major and year, as charts with tables.
        let glance = &all[all.find("Applications at a glance").expect("the dashboard")..];
        assert!(glance.contains("By school") && glance.contains("By graduation year") && glance.matches("<svg").count() == 4, "{glance}");
        let table = without_markers(glance).replace("<!---->", "");
        assert!(table.contains("<th scope=\"row\">Qingdao University</th><td class=\"number\">3</td>"), "{table}");
        // The same as a file for the organisers alone, every cell formula-safe.
        let file = organiser.get(&format!("/programs/{slug}/applications.csv")).await;
        assert_eq!(file.status, StatusCode::OK);
        assert!(file.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        assert!(file.body.contains("Qingdao University") && file.body.contains("Offer lapsed"), "{}", file.body);
        assert!(file.body.contains("'=SUM(A1:A2)") && !file.body.contains(",=SUM"), "{}", file.body);
        assert_eq!(maker.get(&format!("/programs/{slug}/applications.csv")).await.status, StatusCode::FORBIDDEN);
        assert_eq!(signed_out.get(&format!("/programs/{slug}/applications.csv")).await.status, StatusCode::SEE_OTHER);

        // A withdrawn applicant may apply again, at the back of the queue.
        assert_eq!(ana.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await.status, StatusCode::OK);
        assert_eq!(status_of(&site, ana_id).await, ApplicationStatus::Applied);

        // In Chinese too.
        cai.lang = "zh-CN";
        let zh = main_of(&cai.get("/me/applications").await);
        assert!(zh.contains("我的报名") && zh.contains("已录取"), "{zh}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_organisers_taking_the_last_seat_at_once_one_wins() {
    for site in sites().await {
        let (mut owner, association) = organiser(&site, "race-office@example.com", "Race Camp Office").await;
        let mut admin = user(&site, "race-admin@example.com", Role::SiteAdmin).await;
        let mut rounds = Vec::new();
        for round in 0..3 {
            let fields = with(&with(&program(&association, &format!("Last seat camp {round}"), ""), "seats", "1"), "starts_on", &day(40));
            let slug = slug_of(&owner.call("save_program", &refs(&fields)).await);
            let mut ids = Vec::new();
            for who in ["first", "second"] {
                let email = format!("race-{who}-{round}@example.com");
                let mut person = graduate(&site, &email, "2025").await;
                assert_eq!(person.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await.status, StatusCode::OK);
                ids.push(application_id(&site, &slug, &email).await.to_string());
            }
            rounds.push((slug, ids));
        }
        for (slug, ids) in rounds {
            let first = [("id", ids[0].as_str()), ("decision", "accept")];
            let second = [("id", ids[1].as_str()), ("decision", "accept")];
            let (a, b) = tokio::join!(owner.call("decide_program_application", &first), admin.call("decide_program_application", &second));
            let won = [&a, &b].iter().filter(|p| p.status == StatusCode::OK).count();
            assert_eq!(won, 1, "exactly one takes the seat: {} / {}", a.body, b.body);
            let lost = if a.status == StatusCode::OK { &b } else { &a };
            assert_eq!(problem(lost, "decision"), Problem::NoSeatLeft);
            let program = app::talent::repo::by_slug(&site.db.db, &slug).await.unwrap();
            let accepted = program_application::Entity::find()
                .filter(program_application::Column::ProgramId.eq(program.id))
                .filter(program_application::Column::Status.eq(ApplicationStatus::Accepted.code()))
                .all(&site.db.db)
                .await
                .unwrap();
            assert_eq!(accepted.len(), 1);
        }
    }
}

#[tokio::test]
async fn graduates_mark_the_employers_they_want_to_meet_at_a_job_fair_and_only_the_employers_see_who() {
    for site in sites().await {
        let (mut organiser, association) = organiser(&site, "fair-office@example.com", "Pingdu Fair Office").await;
        let (mut employer, hiring) = firm(&site, "hiring@example.com", "Hiring Lash Works").await;
        let (mut outsider, other_firm) = firm(&site, "not-at-the-fair@example.com", "Absent Lash Works").await;
        let fair = with(&program(&association, "Pingdu lash job fair", &hiring), "kind", "job_fair");
        let slug = slug_of(&organiser.call("save_program", &refs(&fair)).await);
        let camp = slug_of(&organiser.call("save_program", &refs(&program(&association, "Camp with a hiring firm", &hiring))).await);
        let mark =
            |employer: &str, want: &str| vec![("slug", slug.clone()), ("employer", employer.to_string()), ("want", want.to_string())];

        let mut signed_out = Browser::new(&site.router, "10.9.3.1");
        assert_eq!(signed_out.call("mark_employer", &refs(&mark(&hiring, "yes"))).await.status, StatusCode::UNAUTHORIZED);
        assert!(!main_of(&signed_out.get(&format!("/programs/{slug}")).await).contains("Want to meet"));

        let mut grad = graduate(&site, "fair-goer@example.com", "2026").await;
        let page = main_of(&grad.get(&format!("/programs/{slug}")).await);
        assert!(page.contains("Want to meet") && page.contains("their people see your name"), "{page}");
        for _ in 0..2 {
            let marked = grad.call("mark_employer", &refs(&mark(&hiring, "yes"))).await;
            assert_eq!(marked.status, StatusCode::OK, "{}", marked.body);
        }
        assert!(main_of(&grad.get(&format!("/programs/{slug}")).await).contains("Marked · take back"));
        assert_eq!(problem(&grad.call("mark_employer", &refs(&mark(&other_firm, "yes"))).await, "employer"), Problem::NotAChoice);
        let at_camp = [("slug", camp.as_str()), ("employer", hiring.as_str()), ("want", "yes")];
        assert_eq!(grad.call("mark_employer", &at_camp).await.status, StatusCode::FORBIDDEN, "marks are for job fairs");

        // The employer's people see who marked them, once; another firm and the graduate do not.
        let seen = main_of(&employer.get(&format!("/programs/{slug}")).await);
        let list = &seen[seen.find("Graduates who want to meet Hiring Lash Works").expect("the employer sees its marks")..];
        assert_eq!(list.matches("fair-goer@example.com").count(), 1, "{list}");
        assert!(list.contains("Qingdao University") && list.contains("2026"), "{list}");
        assert!(!main_of(&outsider.get(&format!("/programs/{slug}")).await).contains("Graduates who want to meet"));
        assert!(!main_of(&grad.get(&format!("/programs/{slug}")).await).contains("Graduates who want to meet"));

        // Taken back.
        assert_eq!(grad.call("mark_employer", &refs(&mark(&hiring, "no"))).await.status, StatusCode::OK);
        let seen = main_of(&employer.get(&format!("/programs/{slug}")).await);
        assert!(seen.contains("No graduate has marked it yet.") && !seen.contains("fair-goer@example.com"), "{seen}");
    }
}
