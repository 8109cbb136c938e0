//! Who moderates and who reports: the questions live with the organisation
//! (`orgs::policy`), since its pages ask them too; these name them here.

pub use crate::orgs::policy::{may_moderate, may_report};

/// Reports one person may file in a day, so the queue cannot be flooded.
pub const REPORTS_PER_DAY: u64 = 5;
