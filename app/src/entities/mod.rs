//! sea-orm entities, one per table, kept apart from the hand-written data
//! layer in each slice's `repo` module. Server only.

pub mod association_member;
pub mod audit_entry;
pub mod belt;
pub mod belt_category;
pub mod belt_figure;
pub mod belt_organisation;
pub mod brief;
pub mod brief_association;
pub mod brief_belt;
pub mod category;
pub mod email_token;
pub mod import_job;
pub mod invitation;
pub mod mail_message;
pub mod membership;
pub mod notification;
pub mod notification_setting;
pub mod organisation;
pub mod organisation_slug;
pub mod report;
pub mod search_dead_letter;
pub mod search_outbox;
pub mod service_offering;
pub mod service_offering_belt;
pub mod session;
pub mod sign_in_failure;
pub mod sign_up_attempt;
pub mod supply_profile;
pub mod supply_profile_category;
pub mod supply_profile_photo;
pub mod user;
pub mod verification;
