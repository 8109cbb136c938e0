//! Every server function driven with generated hostile input, as each kind of
//! caller: never a 5xx (a panic would fail the test itself), every refusal a
//! message in both languages, and nothing stored by a call that was refused.

use crate::common;

use app::accounts::types::Role;
use app::error::AppError;
use axum::http::StatusCode;
use common::*;
use sea_orm::{EntityTrait, PaginatorTrait};

/// Deterministic, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A hostile value: markup, control characters, huge numbers, long text, odd Unicode.
fn hostile_value(rng: &mut Rng) -> String {
    const SEEDS: [&str; 24] = [
        "",
        " ",
        "</title><script>alert(1)</script>",
        "</textarea><script>alert(2)</script>",
        "\"><img src=x onerror=alert(3)>",
        "javascript:alert(4)",
        "{{7*7}}${7*7}",
        "\u{202E}gnp.exe",
        "\0\r\n\t\u{7}",
        "-1",
        "0",
        "99999999999999999999999999",
        "1e308",
        "NaN",
        "１２３",
        "假睫毛'; DROP TABLE organisations; --",
        "../../etc/passwd",
        "%00%0d%0a",
        "new",
        "approve",
        "decline",
        "pingdu-false-eyelashes",
        "🦀🦀🦀",
        "US, JP, EU, XX",
    ];
    let seed = SEEDS[rng.below(SEEDS.len())];
    match rng.below(6) {
        0 => seed.repeat(1 + rng.below(3000)),
        1 => format!("{seed}{}", "字".repeat(rng.below(5000))),
        _ => seed.to_string(),
    }
}

/// What a write could have left behind.
async fn stored(db: &sea_orm::DatabaseConnection) -> Vec<u64> {
    use app::entities::*;
    vec![
        organisation::Entity::find().count(db).await.unwrap(),
        membership::Entity::find().count(db).await.unwrap(),
        belt_organisation::Entity::find().count(db).await.unwrap(),
        supply_profile::Entity::find().count(db).await.unwrap(),
        service_offering::Entity::find().count(db).await.unwrap(),
        verification::Entity::find().count(db).await.unwrap(),
        user::Entity::find().count(db).await.unwrap(),
        supply_profile_photo::Entity::find().count(db).await.unwrap(),
        inquiry::Entity::find().count(db).await.unwrap(),
        inquiry_message::Entity::find().count(db).await.unwrap(),
        inquiry_block::Entity::find().count(db).await.unwrap(),
        shortlist::Entity::find().count(db).await.unwrap(),
        shortlist_entry::Entity::find().count(db).await.unwrap(),
        platform_criteria::Entity::find().count(db).await.unwrap(),
        membership_application::Entity::find().count(db).await.unwrap(),
        association_member::Entity::find().count(db).await.unwrap(),
        secretariat::Entity::find().count(db).await.unwrap(),
        committee::Entity::find().count(db).await.unwrap(),
        committee_member::Entity::find().count(db).await.unwrap(),
        event::Entity::find().count(db).await.unwrap(),
        event_registration::Entity::find().count(db).await.unwrap(),
        meeting_request::Entity::find().count(db).await.unwrap(),
        event_meeting::Entity::find().count(db).await.unwrap(),
        meeting_outcome::Entity::find().count(db).await.unwrap(),
        policy_notice::Entity::find().count(db).await.unwrap(),
        policy_notice_match::Entity::find().count(db).await.unwrap(),
        talent_program::Entity::find().count(db).await.unwrap(),
        talent_program_company::Entity::find().count(db).await.unwrap(),
        graduate_profile::Entity::find().count(db).await.unwrap(),
        program_application::Entity::find().count(db).await.unwrap(),
        employer_mark::Entity::find().count(db).await.unwrap(),
        graduate_cv::Entity::find().count(db).await.unwrap(),
        competition_team::Entity::find().count(db).await.unwrap(),
        team_member::Entity::find().count(db).await.unwrap(),
        team_invitation::Entity::find().count(db).await.unwrap(),
    ]
}

/// Every server function with the fields its form has.
const FUNCTIONS: &[(&str, &[&str])] = &[
    ("belts", &["province", "category"]),
    ("belt", &["slug"]),
    ("organisation", &["slug"]),
    ("organisation_permissions", &["slug"]),
    ("search", &["query"]),
    ("sign_up", &["email", "display_name", "role", "password", "password_again", "next"]),
    ("sign_in", &["email", "password", "next"]),
    ("change_password", &["current_password", "new_password", "new_password_again"]),
    (
        "create_organisation",
        &["kind", "name_zh", "name_en", "description_zh", "description_en", "province", "city_zh", "city_en", "belts[]"],
    ),
    ("verify_organisation", &["slug", "evidence"]),
    ("supplier", &["slug"]),
    ("supply_profile_editor", &["slug"]),
    (
        "save_supply_profile",
        &[
            "slug",
            "products_zh",
            "products_en",
            "categories[]",
            "moq_value",
            "moq_unit",
            "capacity_value",
            "capacity_unit",
            "lead_time_days",
            "sample_policy",
            "price_band",
            "certifications[]",
            "certifications_other",
            "export_markets",
            "business_models[]",
            "platforms[]",
            "languages[]",
            "floor_area_m2",
            "overseas_warehouse",
            "overseas_warehouse_where",
            "warehouse_markets",
            "own_factory",
            "exporting_since",
            "annual_sales",
            "test_reports",
        ],
    ),
    ("set_supply_profile_status", &["slug", "action"]),
    ("verify_supply_profile", &["slug", "fields[]", "evidence"]),
    ("delete_profile_photo", &["slug", "id"]),
    ("association_members", &["slug"]),
    ("import_job", &["slug", "id"]),
    ("my_offerings", &["slug"]),
    ("offering_editor", &["slug", "id"]),
    (
        "save_offering",
        &[
            "slug",
            "id",
            "service_type",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "terms_zh",
            "terms_en",
            "markets",
            "belts[]",
            "published",
        ],
    ),
    ("delete_offering", &["slug", "id"]),
    ("approval_queue", &[]),
    ("decide_organisation", &["slug", "decision"]),
    ("decide_belt", &["slug", "belt", "decision"]),
    ("request_belt", &["slug", "belt"]),
    ("ask_to_join", &["slug"]),
    ("join_requests", &["slug"]),
    ("decide_join_request", &["slug", "user_id", "decision"]),
    ("search_status", &[]),
    ("retry_dead_letter", &["id"]),
    ("confirm_email", &["token"]),
    ("resend_confirmation", &[]),
    ("request_password_reset", &["email"]),
    ("reset_password", &["token", "new_password", "new_password_again"]),
    ("read_mailbox", &[]),
    ("admin_counts", &[]),
    ("unread_notifications", &[]),
    ("my_notifications", &[]),
    ("open_notification", &["id"]),
    ("mark_notifications_read", &[]),
    ("save_email_choices", &["by_email[]"]),
    ("my_organisations", &[]),
    ("organisation_form", &["slug"]),
    (
        "update_organisation",
        &["slug", "name_zh", "name_en", "description_zh", "description_en", "province", "city_zh", "city_en", "belts[]"],
    ),
    ("team", &["slug"]),
    ("invite_teammate", &["slug", "email", "role"]),
    ("revoke_invitation", &["slug", "id"]),
    ("change_teammate_role", &["slug", "user_id", "role"]),
    ("remove_teammate", &["slug", "user_id"]),
    ("leave_team", &["slug"]),
    ("invitation", &["token"]),
    ("accept_invitation", &["token"]),
    ("moderation_overview", &[]),
    ("audit_log", &[]),
    ("hide_organisation", &["slug", "reason"]),
    ("restore_organisation", &["slug", "reason"]),
    ("clear_review", &["slug"]),
    ("revoke_verification", &["id", "reason"]),
    ("merge_organisations", &["slug", "into", "merge_reason"]),
    ("report_organisation", &["slug", "reason", "details"]),
    ("dismiss_report", &["id", "reason"]),
    ("list_briefs", &["category", "belt", "platform", "market"]),
    ("belt_briefs", &["belt"]),
    ("load_brief", &["slug"]),
    ("load_brief_editor", &["slug"]),
    (
        "save_brief",
        &[
            "slug",
            "platform",
            "title_zh",
            "title_en",
            "details_zh",
            "details_en",
            "categories[]",
            "markets",
            "certifications[]",
            "capacity_value",
            "capacity_unit",
            "capacity_period",
            "max_lead_time_days",
            "samples_needed",
            "business_models[]",
            "price_band",
            "belts[]",
            "deadline",
            "visibility",
            "audience_belts[]",
            "audience_associations[]",
            "publish",
        ],
    ),
    ("change_brief_status", &["slug", "change"]),
    ("inquiry_form", &["supplier", "brief"]),
    ("send_inquiry", &["supplier", "brief", "write_as", "subject", "body"]),
    ("my_inbox", &[]),
    ("unread_inquiries", &[]),
    ("load_thread", &["id"]),
    ("reply_to_inquiry", &["id", "body"]),
    ("take_inquiry_step", &["id", "step", "note"]),
    ("block_inquiry_sender", &["id"]),
    ("unblock_inquiry_sender", &["firm", "sender"]),
    ("my_shortlists", &[]),
    ("create_shortlist", &["name"]),
    ("load_shortlist", &["id"]),
    ("rename_shortlist", &["id", "name"]),
    ("delete_shortlist", &["id"]),
    ("shortlist_picker", &["supplier"]),
    ("add_to_shortlist", &["supplier", "shortlist", "new_name", "back"]),
    ("update_shortlist_entry", &["id", "supplier", "status", "note"]),
    ("remove_from_shortlist", &["id", "supplier"]),
    ("platform_criteria", &["slug"]),
    (
        "save_platform_criteria",
        &[
            "slug",
            "own_factory",
            "min_floor_area_m2",
            "certifications[]",
            "warehouse_markets",
            "min_export_years",
            "business_licence",
            "test_reports",
            "min_annual_sales",
            "categories[]",
            "belts[]",
            "notes_zh",
            "notes_en",
        ],
    ),
    ("my_readiness", &["firm"]),
    ("belt_dashboard", &["slug"]),
    ("association_directory", &[]),
    ("association_profile", &["slug"]),
    ("apply_for_membership", &["slug", "firm", "message"]),
    ("withdraw_application", &["id"]),
    ("association_manage", &["slug"]),
    ("decide_application", &["id", "decision", "reason"]),
    ("save_secretariats", &["slug", "secretariats"]),
    ("association_committee", &["slug", "kind"]),
    ("save_committee", &["slug", "kind", "action", "chair", "members[]"]),
    ("list_events", &["belt", "city", "platform"]),
    ("belt_events", &["belt"]),
    ("association_events", &["slug"]),
    ("load_event", &["slug"]),
    ("load_event_editor", &["slug"]),
    (
        "save_event",
        &[
            "slug",
            "association",
            "platform",
            "belt",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "venue_zh",
            "venue_en",
            "city_zh",
            "city_en",
            "latitude",
            "longitude",
            "day",
            "starts_at",
            "ends_at",
            "slot_minutes",
            "breaks",
            "tables",
            "registration_opens",
            "registration_closes",
            "supplier_seats",
            "buyer_seats",
            "s_categories[]",
            "s_certifications[]",
            "s_capacity_value",
            "s_capacity_unit",
            "s_own_factory",
            "s_min_floor_area",
            "s_export_years",
            "s_verified",
            "b_verified",
            "publish",
        ],
    ),
    ("change_event_status", &["slug", "change"]),
    ("register_for_event", &["slug", "firm"]),
    ("withdraw_registration", &["id"]),
    ("event_meetings", &["slug", "firm", "q"]),
    ("request_meeting", &["slug", "firm", "to", "note"]),
    ("answer_meeting_request", &["id", "answer"]),
    ("withdraw_meeting_request", &["id"]),
    ("save_availability", &["slug", "firm", "slots[]"]),
    ("add_priority_meeting", &["slug", "supplier", "buyer"]),
    ("event_schedule", &["slug"]),
    ("generate_schedule", &["slug", "rebuild"]),
    ("event_agenda", &["slug", "firm"]),
    ("new_calendar_link", &["slug", "firm"]),
    ("event_day", &["slug", "moving"]),
    ("event_check_in", &["slug", "registration"]),
    ("check_in_participant", &["slug", "registration", "arrived", "from"]),
    ("cancel_event_meeting", &["slug", "meeting"]),
    ("move_event_meeting", &["slug", "meeting", "place"]),
    ("event_badge", &["slug", "firm"]),
    ("record_meeting_outcome", &["slug", "firm", "meeting", "outcome", "note"]),
    ("event_report", &["slug"]),
    ("list_notices", &["province", "benefit"]),
    ("load_notice", &["slug", "firm"]),
    ("policies_for_me", &["firm"]),
    ("policy_deadlines", &[]),
    ("load_notice_editor", &["slug"]),
    (
        "save_notice",
        &[
            "slug",
            "publisher",
            "title_zh",
            "title_en",
            "issuer_zh",
            "issuer_en",
            "summary_zh",
            "summary_en",
            "benefit",
            "amount_zh",
            "amount_en",
            "deadline",
            "source_url",
            "province",
            "city_zh",
            "city_en",
            "org_kinds[]",
            "categories[]",
            "belts[]",
            "min_annual_sales",
            "overseas_warehouse",
            "exports",
            "export_markets",
            "min_export_years",
            "verified",
        ],
    ),
    ("list_programs", &["kind", "city", "belt", "within", "subsidised", "seats_left"]),
    ("apply_to_program", &["slug", "motivation"]),
    ("decide_program_application", &["id", "decision", "reason", "shown"]),
    ("withdraw_program_application", &["id"]),
    ("confirm_seat", &["id"]),
    ("mark_employer", &["slug", "employer", "want"]),
    ("my_program_applications", &[]),
    ("program_applications", &["slug", "status"]),
    ("load_graduate_editor", &[]),
    ("delete_graduate_cv", &[]),
    ("form_team", &["slug", "team_name"]),
    ("invite_to_team", &["team", "email"]),
    ("revoke_team_invitation", &["id"]),
    ("answer_team_invitation", &["id", "answer"]),
    ("leave_competition_team", &["team"]),
    ("submit_team_work", &["team", "link"]),
    ("programs_for_you", &[]),
    (
        "save_graduate_profile",
        &[
            "school",
            "major",
            "graduation_year",
            "province",
            "language_1",
            "level_1",
            "language_2",
            "level_2",
            "language_3",
            "level_3",
            "skills",
            "preferred_cities",
            "preferred_belts[]",
            "preferred_kinds[]",
            "statement",
        ],
    ),
    ("belt_programs", &["belt"]),
    ("load_program", &["slug"]),
    ("load_program_editor", &["slug"]),
    (
        "save_program",
        &[
            "slug",
            "organiser",
            "kind",
            "title_zh",
            "title_en",
            "summary_zh",
            "summary_en",
            "province",
            "city_zh",
            "city_en",
            "venue_zh",
            "venue_en",
            "starts_on",
            "ends_on",
            "applications_close",
            "seats",
            "cost_zh",
            "cost_en",
            "subsidised",
            "curriculum_zh",
            "curriculum_en",
            "instruction_languages[]",
            "belts[]",
            "companies",
            "graduation_from",
            "graduation_to",
            "majors[]",
            "language",
            "language_level",
            "from_province",
        ],
    ),
];

#[tokio::test]
async fn every_server_function_survives_hostile_input_and_refuses_it_cleanly() {
    let site = site().await;
    let mut maker = user(&site, "fuzz-maker@example.com", Role::Manufacturer).await;
    created_slug(&maker.call("create_organisation", &org_fields("manufacturer", "Fuzz Lashes", "pingdu-false-eyelashes")).await);
    let callers = vec![
        ("signed out", Browser::new(&site.router, "10.9.0.1")),
        ("manufacturer", maker),
        ("site admin", user(&site, "fuzz-admin@example.com", Role::SiteAdmin).await),
    ];
    let mut rng = Rng(0x5eed_beef_2026_1125);
    let mut calls = 0;
    let mut refused = 0;
    for (who, mut browser) in callers {
        for (function, fields) in FUNCTIONS {
            // Sign-out would end the caller's session; it takes no input anyway.
            for round in 0..6 {
                let mut values: Vec<(String, String)> = Vec::new();
                for field in fields.iter() {
                    match rng.below(8) {
                        0 => {} // left out
                        1 => {
                            // A list field sent many times over.
                            for _ in 0..rng.below(400) {
                                values.push((field.to_string(), hostile_value(&mut rng)));
                            }
                        }
                        _ => values.push((field.to_string(), hostile_value(&mut rng))),
                    }
                }
                if rng.below(4) == 0 {
                    values.push(("unexpected_field".into(), hostile_value(&mut rng)));
                }
                let borrowed: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let before = stored(&site.db.db).await;
                let page = browser.call(function, &borrowed).await;
                calls += 1;
                let replay =
                    || format!("{function} as {who}, round {round}: {} {}", page.status, page.body.chars().take(300).collect::<String>());
                assert!(page.status.as_u16() < 500, "{}", replay());
                if page.status.is_client_error() {
                    refused += 1;
                    if page.status != StatusCode::PAYLOAD_TOO_LARGE {
                        let error: AppError =
                            serde_json::from_str(&page.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {}", replay()));
                        for lang in [app::i18n::Lang::Zh, app::i18n::Lang::En] {
                            assert!(!error.message(lang).is_empty(), "{}", replay());
                        }
                    }
                    assert_eq!(stored(&site.db.db).await, before, "a refused call stored something: {}", replay());
                }
            }
        }
    }
    println!("fuzz: {calls} calls, {refused} refused, none failed");
    assert!(refused > calls / 2, "most hostile calls are refused");
}
