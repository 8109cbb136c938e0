//! The rules of inquiries, pure: what a message may be, how a thread moves
//! on, and how many a sender may start.

use crate::forms::{required_text, FormErrors, Problem};
use crate::inquiries::types::{InquiryStatus, InquiryStep, Side};

pub const SUBJECT_MAX: usize = 150;
pub const BODY_MAX: usize = 5_000;
/// New inquiries one person may start in 24 hours, to all manufacturers.
pub const DAILY_MAX: u64 = 20;
/// New inquiries one person may start to one manufacturer in [`PER_SUPPLIER_DAYS`].
pub const PER_SUPPLIER_MAX: u64 = 3;
pub const PER_SUPPLIER_DAYS: i64 = 7;
/// Messages one person may write in 24 hours, across threads.
pub const MESSAGES_DAILY_MAX: u64 = 200;

/// A new inquiry's subject and first message, checked.
pub fn new_inquiry(subject: &str, body: &str) -> Result<(String, String), FormErrors> {
    let mut errors = FormErrors::new();
    let subject = required_text(&mut errors, "subject", subject, SUBJECT_MAX);
    let body = required_text(&mut errors, "body", body, BODY_MAX);
    if errors.is_empty() {
        Ok((subject, body))
    } else {
        errors.keep("subject", &subject);
        errors.keep("body", &body);
        Err(errors)
    }
}

/// A message in a thread, checked.
pub fn message(body: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::new();
    let body = required_text(&mut errors, "body", body, BODY_MAX);
    if errors.is_empty() {
        Ok(body)
    } else {
        errors.keep("body", &body);
        Err(errors)
    }
}

/// Whether a sender who started `last_day` inquiries in 24 hours, and
/// `to_this_supplier` to this manufacturer in the last week, may start another.
pub fn may_start(last_day: u64, to_this_supplier: u64) -> Result<(), Problem> {
    if last_day >= DAILY_MAX {
        return Err(Problem::DailyInquiryLimit { max: DAILY_MAX });
    }
    if to_this_supplier >= PER_SUPPLIER_MAX {
        return Err(Problem::SupplierInquiryLimit { max: PER_SUPPLIER_MAX, days: PER_SUPPLIER_DAYS });
    }
    Ok(())
}

/// Whether someone who wrote `last_day` messages in 24 hours may write another.
pub fn may_write(last_day: u64) -> Result<(), Problem> {
    if last_day >= MESSAGES_DAILY_MAX {
        return Err(Problem::DailyMessageLimit { max: MESSAGES_DAILY_MAX });
    }
    Ok(())
}

/// The status after `side` writes a message: the manufacturer's first answer
/// makes an open thread replied; nothing else moves it.
pub fn after_message(status: InquiryStatus, side: Side) -> InquiryStatus {
    match (status, side) {
        (InquiryStatus::Open, Side::Supplier) => InquiryStatus::Replied,
        _ => status,
    }
}

/// The steps `side` may take from `status`. The buyer asks for a sample and
/// decides the outcome; the manufacturer quotes, and may close a thread it
/// will not pursue as lost. A closed thread takes no steps.
pub fn steps(status: InquiryStatus, side: Side) -> Vec<InquiryStep> {
    use InquiryStatus::*;
    if status.is_closed() {
        return Vec::new();
    }
    let mut steps = Vec::new();
    match side {
        Side::Buyer => {
            if status != SampleRequested {
                steps.push(InquiryStep::RequestSample);
            }
            steps.push(InquiryStep::Won);
            steps.push(InquiryStep::Lost);
        }
        Side::Supplier => {
            if status != Quoted {
                steps.push(InquiryStep::Quote);
            }
            steps.push(InquiryStep::Lost);
        }
    }
    steps
}

/// Where `step` by `side` takes a thread that stands at `status`.
pub fn take(status: InquiryStatus, step: InquiryStep, side: Side) -> Result<InquiryStatus, Problem> {
    if status.is_closed() {
        return Err(Problem::AlreadyClosed);
    }
    if !steps(status, side).contains(&step) {
        return Err(Problem::NotAChoice);
    }
    Ok(match step {
        InquiryStep::RequestSample => InquiryStatus::SampleRequested,
        InquiryStep::Quote => InquiryStatus::Quoted,
        InquiryStep::Won => InquiryStatus::Won,
        InquiryStep::Lost => InquiryStatus::Lost,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_manufacturers_first_answer_marks_it_replied() {
        assert_eq!(after_message(InquiryStatus::Open, Side::Supplier), InquiryStatus::Replied);
        assert_eq!(after_message(InquiryStatus::Open, Side::Buyer), InquiryStatus::Open);
        assert_eq!(after_message(InquiryStatus::Quoted, Side::Supplier), InquiryStatus::Quoted);
    }

    #[test]
    fn each_side_takes_its_own_steps() {
        assert_eq!(take(InquiryStatus::Replied, InquiryStep::RequestSample, Side::Buyer), Ok(InquiryStatus::SampleRequested));
        assert_eq!(take(InquiryStatus::SampleRequested, InquiryStep::Quote, Side::Supplier), Ok(InquiryStatus::Quoted));
        assert_eq!(take(InquiryStatus::Quoted, InquiryStep::Won, Side::Buyer), Ok(InquiryStatus::Won));
        assert_eq!(take(InquiryStatus::Open, InquiryStep::Lost, Side::Supplier), Ok(InquiryStatus::Lost));
        assert_eq!(take(InquiryStatus::Replied, InquiryStep::Quote, Side::Buyer), Err(Problem::NotAChoice));
        assert_eq!(take(InquiryStatus::Replied, InquiryStep::Won, Side::Supplier), Err(Problem::NotAChoice));
        assert_eq!(take(InquiryStatus::SampleRequested, InquiryStep::RequestSample, Side::Buyer), Err(Problem::NotAChoice));
        assert_eq!(take(InquiryStatus::Won, InquiryStep::Lost, Side::Buyer), Err(Problem::AlreadyClosed));
    }

    #[test]
    fn limits_say_which_was_reached() {
        assert_eq!(may_start(DAILY_MAX - 1, PER_SUPPLIER_MAX - 1), Ok(()));
        assert_eq!(may_start(DAILY_MAX, 0), Err(Problem::DailyInquiryLimit { max: DAILY_MAX }));
        assert_eq!(may_start(0, PER_SUPPLIER_MAX), Err(Problem::SupplierInquiryLimit { max: PER_SUPPLIER_MAX, days: PER_SUPPLIER_DAYS }));
        assert_eq!(may_write(MESSAGES_DAILY_MAX - 1), Ok(()));
        assert_eq!(may_write(MESSAGES_DAILY_MAX), Err(Problem::DailyMessageLimit { max: MESSAGES_DAILY_MAX }));
    }

    #[test]
    fn empty_and_overlong_text_is_refused_and_kept() {
        let errors = new_inquiry("  ", &"长".repeat(BODY_MAX + 1)).unwrap_err();
        assert_eq!(errors.problem("subject"), Some(&Problem::Required));
        assert_eq!(errors.problem("body"), Some(&Problem::TooLong { max: BODY_MAX }));
        assert_eq!(errors.value("body").map(|b| b.chars().count()), Some(crate::forms::KEPT_MAX), "kept, up to what any field takes");
        assert_eq!(new_inquiry(" 询价 ", " 你好 "), Ok(("询价".into(), "你好".into())));
    }

    fn any_status() -> impl Strategy<Value = InquiryStatus> {
        proptest::sample::select(InquiryStatus::ALL)
    }

    fn any_side() -> impl Strategy<Value = Side> {
        proptest::sample::select(Side::ALL)
    }

    proptest! {
        /// A step offered is a step taken; one not offered is refused; a closed thread stays closed.
        #[test]
        fn offered_steps_are_exactly_the_allowed_ones(status in any_status(), side in any_side(), step in proptest::sample::select(InquiryStep::ALL)) {
            let offered = steps(status, side).contains(&step);
            let taken = take(status, step, side);
            prop_assert_eq!(offered, taken.is_ok());
            if status.is_closed() {
                prop_assert_eq!(taken.clone(), Err(Problem::AlreadyClosed));
            }
            if let Ok(next) = taken {
                prop_assert_ne!(next, InquiryStatus::Open, "nothing goes back to unanswered");
            }
        }

        /// Messages never close a thread nor reopen one.
        #[test]
        fn messages_never_close_or_reopen(status in any_status(), side in any_side()) {
            prop_assert_eq!(after_message(status, side).is_closed(), status.is_closed());
        }
    }
}
