//! The meeting scheduler: accepted requests between the two sides of a
//! matchmaking event placed at slot × table so that nobody is in two
//! meetings at once, no table holds two, and nobody meets in a slot they
//! marked unavailable — as many meetings as possible, then as much priority.
//!
//! The request graph is bipartite (suppliers meet buyers), so this is edge
//! colouring with slots as colours and tables as a bound on each colour.
//! - Without availability the optimum is computed exactly (`exact`): a
//!   degree-bounded subgraph by min-cost flow, then König's colouring,
//!   balanced so no slot needs more tables than there are.
//! - With availability (or meetings kept from a published schedule) the
//!   problem is hard in general: `bound` gives an exact upper bound from
//!   flow relaxations and `search` gets as close to it as it can.
//! - Neither ever does worse than `greedy`, first come first served.
//!
//! Pure: no clock, no I/O; "effort" bounds the local search instead of time.

mod bound;
mod exact;
mod flow;
pub mod instance;
mod search;

use serde::{Deserialize, Serialize};

/// Events have at most this many slots (a set of slots is one `u64`).
pub const MOST_SLOTS: usize = 64;

/// One accepted meeting request between participants `a` and `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub priority: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub slots: usize,
    pub tables: usize,
    /// Per participant, the slots they cannot attend, as bits.
    pub unavailable: Vec<u64>,
    pub requests: Vec<Pair>,
}

/// A request placed: which slot, which table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Placed {
    pub request: usize,
    pub slot: usize,
    pub table: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub meetings: Vec<Placed>,
    /// No schedule keeping the same meetings in place holds more meetings.
    pub upper_bound: usize,
    /// How many first-come-first-served placement reaches on the same problem.
    pub greedy: usize,
    /// Kept meetings that could not stay (their slot or table no longer
    /// works, or they clash with an earlier kept one); they were scheduled
    /// afresh if possible.
    pub not_kept: Vec<Placed>,
}

impl Plan {
    pub fn priority(&self, problem: &Problem) -> u64 {
        self.meetings.iter().map(|m| u64::from(problem.requests[m.request].priority)).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("an event needs between 1 and {MOST_SLOTS} slots, not {0}")]
    Slots(usize),
    #[error("an event needs at least one table")]
    NoTables,
    #[error("request {0} names a participant who is not there")]
    UnknownParticipant(usize),
    #[error("request {0} asks someone to meet themselves")]
    SelfMeeting(usize),
    #[error("requests {0} and {1} ask for the same meeting")]
    Duplicate(usize, usize),
    #[error("request {0} would close a cycle of odd length: meetings must be between two sides")]
    NotTwoSided(usize),
}

/// How hard the local search tries: rounds of ruin and repair.
#[derive(Clone, Copy, Debug)]
pub struct Effort(pub usize);

impl Default for Effort {
    fn default() -> Self {
        Effort(20_000)
    }
}

/// Which side each participant is on (false / true), if the requests allow two sides.
fn sides(problem: &Problem) -> Result<Vec<bool>, Invalid> {
    let n = problem.unavailable.len();
    let mut neighbours = vec![Vec::new(); n];
    for (i, r) in problem.requests.iter().enumerate() {
        neighbours[r.a].push((r.b, i));
        neighbours[r.b].push((r.a, i));
    }
    let mut side: Vec<Option<bool>> = vec![None; n];
    for start in 0..n {
        if side[start].is_some() {
            continue;
        }
        side[start] = Some(false);
        let mut stack = vec![start];
        while let Some(u) = stack.pop() {
            let here = side[u].unwrap_or(false);
            for &(v, request) in &neighbours[u] {
                match side[v] {
                    None => {
                        side[v] = Some(!here);
                        stack.push(v);
                    }
                    Some(s) if s == here => return Err(Invalid::NotTwoSided(request)),
                    Some(_) => {}
                }
            }
        }
    }
    Ok(side.into_iter().map(|s| s.unwrap_or(false)).collect())
}

pub fn validate(problem: &Problem) -> Result<Vec<bool>, Invalid> {
    if problem.slots == 0 || problem.slots > MOST_SLOTS {
        return Err(Invalid::Slots(problem.slots));
    }
    if problem.tables == 0 {
        return Err(Invalid::NoTables);
    }
    let n = problem.unavailable.len();
    let mut seen = std::collections::HashMap::new();
    for (i, r) in problem.requests.iter().enumerate() {
        if r.a >= n || r.b >= n {
            return Err(Invalid::UnknownParticipant(i));
        }
        if r.a == r.b {
            return Err(Invalid::SelfMeeting(i));
        }
        if let Some(&j) = seen.get(&(r.a.min(r.b), r.a.max(r.b))) {
            return Err(Invalid::Duplicate(j, i));
        }
        seen.insert((r.a.min(r.b), r.a.max(r.b)), i);
    }
    sides(problem)
}

/// All slots of a problem, as bits.
fn every_slot(slots: usize) -> u64 {
    if slots == 64 {
        u64::MAX
    } else {
        (1u64 << slots) - 1
    }
}

/// Schedules the problem, keeping `keep` (meetings of a published schedule)
/// where they still work. Deterministic for the same input.
pub fn schedule(problem: &Problem, keep: &[Placed], effort: Effort) -> Result<Plan, Invalid> {
    let side = validate(problem)?;
    let mut board = search::Board::new(problem);
    let not_kept: Vec<Placed> = keep.iter().filter(|&&m| !board.pin(m)).copied().collect();
    let constrained = board.placed() > 0 || problem.unavailable.iter().any(|&u| u & every_slot(problem.slots) != 0);
    if !constrained {
        let (meetings, upper_bound) = exact::optimum(problem, &side);
        board.fill_first_come();
        return Ok(Plan { meetings, upper_bound, greedy: board.placed(), not_kept });
    }
    let bound = bound::upper_bound(&board, &side);
    let (meetings, greedy) = search::improve(board, &bound.order, bound.meetings, effort);
    Ok(Plan { meetings, upper_bound: bound.meetings, greedy, not_kept })
}

/// What changed between a published schedule and a new one, by request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub kept: Vec<Placed>,
    /// (before, after)
    pub moved: Vec<(Placed, Placed)>,
    pub added: Vec<Placed>,
    pub dropped: Vec<Placed>,
}

pub fn changes(before: &[Placed], after: &[Placed]) -> Changes {
    let old: std::collections::HashMap<usize, Placed> = before.iter().map(|m| (m.request, *m)).collect();
    let new: std::collections::HashMap<usize, Placed> = after.iter().map(|m| (m.request, *m)).collect();
    let mut out = Changes::default();
    for m in after {
        match old.get(&m.request) {
            Some(o) if o == m => out.kept.push(*m),
            Some(o) => out.moved.push((*o, *m)),
            None => out.added.push(*m),
        }
    }
    out.dropped = before.iter().filter(|m| !new.contains_key(&m.request)).copied().collect();
    out
}

/// Whether a plan breaks a rule; `None` when it is a valid schedule.
pub fn conflict(problem: &Problem, meetings: &[Placed]) -> Option<String> {
    let mut at_table = std::collections::HashSet::new();
    let mut person_at = std::collections::HashSet::new();
    let mut requests = std::collections::HashSet::new();
    for m in meetings {
        let Some(r) = problem.requests.get(m.request) else { return Some(format!("request {} does not exist", m.request)) };
        if m.slot >= problem.slots || m.table >= problem.tables {
            return Some(format!("request {} is placed outside the event", m.request));
        }
        if !requests.insert(m.request) {
            return Some(format!("request {} is placed twice", m.request));
        }
        if !at_table.insert((m.slot, m.table)) {
            return Some(format!("table {} is double-booked in slot {}", m.table, m.slot));
        }
        for p in [r.a, r.b] {
            if problem.unavailable[p] & (1 << m.slot) != 0 {
                return Some(format!("participant {p} is unavailable in slot {}", m.slot));
            }
            if !person_at.insert((p, m.slot)) {
                return Some(format!("participant {p} has two meetings in slot {}", m.slot));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
