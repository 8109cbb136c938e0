//! A scheduling instance with named participants, as JSON — the format of
//! `cargo xtask bench schedule --instance FILE`, so any instance can be
//! checked from outside:
//! `{"slots": 16, "tables": 40, "participants": [{"id": "s1", "unavailable": [0, 5]}],
//!   "requests": [{"a": "s1", "b": "b7", "priority": 1}]}` in, and
//! `{"meetings": [{"a": "s1", "b": "b7", "slot": 3, "table": 12}], "upper_bound": N}` out.

use serde::{Deserialize, Serialize};

use super::{Pair, Plan, Problem};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Instance {
    pub slots: usize,
    pub tables: usize,
    pub participants: Vec<Participant>,
    pub requests: Vec<Request>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    #[serde(default)]
    pub unavailable: Vec<usize>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub a: String,
    pub b: String,
    #[serde(default = "one")]
    pub priority: u32,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub a: String,
    pub b: String,
    pub slot: usize,
    pub table: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    pub meetings: Vec<Meeting>,
    pub upper_bound: usize,
}

impl Instance {
    /// The problem in indices; names what is wrong with the instance otherwise.
    pub fn problem(&self) -> Result<Problem, String> {
        if self.slots == 0 || self.slots > super::MOST_SLOTS {
            return Err(super::Invalid::Slots(self.slots).to_string());
        }
        let mut index = std::collections::HashMap::new();
        let mut unavailable = Vec::with_capacity(self.participants.len());
        for (i, p) in self.participants.iter().enumerate() {
            if index.insert(p.id.as_str(), i).is_some() {
                return Err(format!("participant {:?} is listed twice", p.id));
            }
            let mut bits = 0u64;
            for &slot in &p.unavailable {
                if slot >= self.slots {
                    return Err(format!(
                        "participant {:?} is unavailable in slot {slot}, but slots run 0 to {}",
                        p.id,
                        self.slots.saturating_sub(1)
                    ));
                }
                bits |= 1 << slot;
            }
            unavailable.push(bits);
        }
        let find = |id: &str| index.get(id).copied().ok_or_else(|| format!("a request names {id:?}, who is not a participant"));
        let requests = self
            .requests
            .iter()
            .map(|r| Ok(Pair { a: find(&r.a)?, b: find(&r.b)?, priority: r.priority }))
            .collect::<Result<_, String>>()?;
        let problem = Problem { slots: self.slots, tables: self.tables, unavailable, requests };
        super::validate(&problem).map_err(|e| e.to_string())?;
        Ok(problem)
    }

    pub fn solution(&self, plan: &Plan) -> Solution {
        let problem_request = |i: usize| &self.requests[i];
        let mut meetings: Vec<Meeting> = plan
            .meetings
            .iter()
            .map(|m| Meeting {
                a: problem_request(m.request).a.clone(),
                b: problem_request(m.request).b.clone(),
                slot: m.slot,
                table: m.table,
            })
            .collect();
        meetings.sort_by_key(|m| (m.slot, m.table));
        Solution { meetings, upper_bound: plan.upper_bound }
    }
}
