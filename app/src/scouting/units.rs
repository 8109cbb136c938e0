//! Comparing a brief's required capacity with a supplier's stated one,
//! honestly: amounts are converted only where a conversion is defined
//! (a dozen is 12 pieces, a tonne 1,000 kg, a week 12/52 of a month) and
//! are otherwise "not comparable" — pieces are never guessed into pairs,
//! sets or cartons, whose size the profile does not say.

use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::suppliers::types::{Quantity, QuantityUnit};

coded_enum! {
    /// The period a required capacity is counted over.
    pub enum Period {
        Month = ("month", "每月", "a month"),
        Week = ("week", "每周", "a week"),
    }
}

/// A capacity a brief asks for: at least `amount` over `period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredCapacity {
    pub amount: Quantity,
    pub period: Period,
}

/// How a stated monthly capacity compares with a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum CapacityFit {
    /// `offered` and `required` are both a month's worth in the same unit.
    Meets {
        offered: Quantity,
        required: Quantity,
    },
    Short {
        offered: Quantity,
        required: Quantity,
    },
    /// The units have no defined conversion (pieces against pairs).
    NotComparable {
        offered: QuantityUnit,
        required: QuantityUnit,
    },
}

impl CapacityFit {
    /// The offered amount over the required one (1.0 = just enough), when comparable.
    pub fn headroom(&self) -> Option<f64> {
        match self {
            CapacityFit::Meets { offered, required } | CapacityFit::Short { offered, required } => {
                Some(offered.value as f64 / required.value.max(1) as f64)
            }
            CapacityFit::NotComparable { .. } => None,
        }
    }
}

/// A unit's base unit and how many base units one of it is. Units without
/// a defined conversion are their own base.
fn base_of(unit: QuantityUnit) -> (QuantityUnit, i64) {
    match unit {
        QuantityUnit::Dozen => (QuantityUnit::Piece, 12),
        QuantityUnit::Tonne => (QuantityUnit::Kilogram, 1_000),
        other => (other, 1),
    }
}

/// `amount` in its base unit, rounding down (never overstating what is there).
fn in_base(amount: Quantity) -> Quantity {
    let (unit, factor) = base_of(amount.unit);
    Quantity { value: amount.value.saturating_mul(factor), unit }
}

/// A month's worth of the requirement: weeks become months at 52 weeks to
/// 12 months, rounding up (never understating what is asked).
fn monthly(required: RequiredCapacity) -> Quantity {
    let amount = in_base(required.amount);
    let value = match required.period {
        Period::Month => amount.value,
        Period::Week => ((i128::from(amount.value) * 52 + 11) / 12).min(i128::from(i64::MAX)) as i64,
    };
    Quantity { value, unit: amount.unit }
}

/// How a supplier's monthly capacity compares with what a brief requires.
pub fn compare_capacity(offered_monthly: Quantity, required: RequiredCapacity) -> CapacityFit {
    let offered = in_base(offered_monthly);
    let required_monthly = monthly(required);
    if offered.unit != required_monthly.unit {
        return CapacityFit::NotComparable { offered: offered_monthly.unit, required: required.amount.unit };
    }
    if offered.value >= required_monthly.value {
        CapacityFit::Meets { offered, required: required_monthly }
    } else {
        CapacityFit::Short { offered, required: required_monthly }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(value: i64, unit: QuantityUnit) -> Quantity {
        Quantity { value, unit }
    }

    fn per_month(value: i64, unit: QuantityUnit) -> RequiredCapacity {
        RequiredCapacity { amount: q(value, unit), period: Period::Month }
    }

    #[test]
    fn converts_only_where_a_conversion_is_defined() {
        use QuantityUnit::*;
        assert_eq!(
            compare_capacity(q(50_000, Piece), per_month(20_000, Piece)),
            CapacityFit::Meets { offered: q(50_000, Piece), required: q(20_000, Piece) }
        );
        assert_eq!(
            compare_capacity(q(2_000, Dozen), per_month(20_000, Piece)),
            CapacityFit::Meets { offered: q(24_000, Piece), required: q(20_000, Piece) }
        );
        assert_eq!(
            compare_capacity(q(3, Tonne), per_month(5_000, Kilogram)),
            CapacityFit::Short { offered: q(3_000, Kilogram), required: q(5_000, Kilogram) }
        );
        assert_eq!(
            compare_capacity(q(50_000, Pair), per_month(20_000, Piece)),
            CapacityFit::NotComparable { offered: Pair, required: Piece }
        );
        assert_eq!(compare_capacity(q(900, Set), per_month(10, Carton)), CapacityFit::NotComparable { offered: Set, required: Carton });
    }

    #[test]
    fn a_week_is_twelve_fifty_seconds_of_a_month() {
        let weekly = RequiredCapacity { amount: q(12_000, QuantityUnit::Piece), period: Period::Week };
        // 12,000 a week is 52,000 a month.
        assert_eq!(compare_capacity(q(51_999, QuantityUnit::Piece), weekly).headroom().map(|h| h < 1.0), Some(true));
        assert!(matches!(compare_capacity(q(52_000, QuantityUnit::Piece), weekly), CapacityFit::Meets { .. }));
    }

    fn unit() -> impl Strategy<Value = QuantityUnit> {
        prop::sample::select(QuantityUnit::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn more_capacity_never_fits_worse(a in 0i64..10_000_000, b in 0i64..10_000_000, need in 1i64..10_000_000, u in unit(), w in unit()) {
            let (low, high) = (a.min(b), a.max(b));
            let required = per_month(need, w);
            let (low_fit, high_fit) = (compare_capacity(q(low, u), required), compare_capacity(q(high, u), required));
            prop_assert_eq!(low_fit.headroom().is_some(), high_fit.headroom().is_some(), "comparability is about units, not amounts");
            if let (Some(l), Some(h)) = (low_fit.headroom(), high_fit.headroom()) {
                prop_assert!(l <= h);
                let low_meets = matches!(low_fit, CapacityFit::Meets { .. });
                let high_short = matches!(high_fit, CapacityFit::Short { .. });
                prop_assert!(!(low_meets && high_short), "less meets while more falls short");
            }
        }

        #[test]
        fn units_without_a_conversion_are_never_compared(offered in unit(), required in unit()) {
            let fit = compare_capacity(q(1_000, offered), per_month(10, required));
            prop_assert_eq!(fit.headroom().is_none(), base_of(offered).0 != base_of(required).0);
        }
    }
}
