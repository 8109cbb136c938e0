//! Scheduling under availability: a board of who meets whom when, filled by
//! ejection chains (place a meeting, move the one it displaces, and so on)
//! and improved by ruin and repair until it reaches the upper bound or the
//! effort is spent. Every change is logged so a failed attempt is undone.

use super::{every_slot, Placed, Problem};

const NONE: u32 = u32::MAX;
/// How many meetings one ejection chain may displace in turn.
const CHAIN: usize = 6;
/// How many displaced requests one insertion may try to re-place before
/// giving up, so a request that cannot be placed costs little.
const TRIES: usize = 2_000;

#[derive(Clone)]
pub struct Board<'p> {
    pub problem: &'p Problem,
    /// Per request, the slots both sides can attend.
    pub allowed: Vec<u64>,
    slot_of: Vec<u32>,
    /// busy[p * slots + t]: the request participant p meets in slot t.
    busy: Vec<u32>,
    /// The requests placed in each slot, and each one's position there.
    in_slot: Vec<Vec<u32>>,
    position: Vec<u32>,
    /// Requests kept from before: never moved.
    pinned: Vec<bool>,
    /// Tables taken by kept meetings in each slot, and each kept request's table.
    kept_tables: Vec<Vec<usize>>,
    kept_table: Vec<usize>,
    placed: usize,
    priority: u64,
    trail: Vec<(u32, u32)>,
    seen: Vec<u32>,
    stamp: u32,
    tries_left: usize,
}

impl<'p> Board<'p> {
    pub fn new(problem: &'p Problem) -> Self {
        let slots = problem.slots;
        let all = every_slot(slots);
        let allowed = problem.requests.iter().map(|r| all & !problem.unavailable[r.a] & !problem.unavailable[r.b]).collect();
        Board {
            problem,
            allowed,
            slot_of: vec![NONE; problem.requests.len()],
            busy: vec![NONE; problem.unavailable.len() * slots],
            in_slot: vec![Vec::new(); slots],
            position: vec![NONE; problem.requests.len()],
            pinned: vec![false; problem.requests.len()],
            kept_tables: vec![Vec::new(); slots],
            kept_table: vec![usize::MAX; problem.requests.len()],
            placed: 0,
            priority: 0,
            trail: Vec::new(),
            seen: vec![0; problem.requests.len() * slots],
            stamp: 0,
            tries_left: 0,
        }
    }

    pub fn placed(&self) -> usize {
        self.placed
    }

    pub fn slots(&self) -> usize {
        self.problem.slots
    }

    pub fn in_slot_len(&self, t: usize) -> usize {
        self.in_slot[t].len()
    }

    /// The slots participant p can attend and has not yet been given a meeting in.
    pub fn free_slots(&self, p: usize) -> u64 {
        let taken = (0..self.slots()).filter(|&t| self.who(p, t) != NONE).fold(0u64, |m, t| m | 1 << t);
        every_slot(self.slots()) & !self.problem.unavailable[p] & !taken
    }

    pub fn slot_of(&self, request: usize) -> Option<usize> {
        (self.slot_of[request] != NONE).then_some(self.slot_of[request] as usize)
    }

    /// Keeps a meeting of a published schedule where it is, if it still works.
    pub fn pin(&mut self, m: Placed) -> bool {
        let ok = m.request < self.problem.requests.len()
            && m.slot < self.slots()
            && m.table < self.problem.tables
            && self.allowed[m.request] & (1 << m.slot) != 0
            && self.slot_of[m.request] == NONE
            && !self.kept_tables[m.slot].contains(&m.table)
            && self.free(m.request, m.slot);
        if ok {
            self.place(m.request, m.slot);
            self.pinned[m.request] = true;
            self.kept_tables[m.slot].push(m.table);
            self.kept_table[m.request] = m.table;
            self.commit();
        }
        ok
    }

    fn ends(&self, request: usize) -> (usize, usize) {
        let r = self.problem.requests[request];
        (r.a, r.b)
    }

    fn who(&self, p: usize, t: usize) -> u32 {
        self.busy[p * self.slots() + t]
    }

    fn room(&self, t: usize) -> bool {
        self.in_slot[t].len() < self.problem.tables
    }

    /// Both sides free in slot t and a table left.
    fn free(&self, request: usize, t: usize) -> bool {
        let (a, b) = self.ends(request);
        self.who(a, t) == NONE && self.who(b, t) == NONE && self.room(t)
    }

    fn place(&mut self, request: usize, t: usize) {
        let (a, b) = self.ends(request);
        let slots = self.slots();
        self.busy[a * slots + t] = request as u32;
        self.busy[b * slots + t] = request as u32;
        self.slot_of[request] = t as u32;
        self.position[request] = self.in_slot[t].len() as u32;
        self.in_slot[t].push(request as u32);
        self.placed += 1;
        self.priority += u64::from(self.problem.requests[request].priority);
        self.trail.push((request as u32, NONE));
    }

    fn remove(&mut self, request: usize) {
        let t = self.slot_of[request] as usize;
        let (a, b) = self.ends(request);
        let slots = self.slots();
        self.busy[a * slots + t] = NONE;
        self.busy[b * slots + t] = NONE;
        let at = self.position[request] as usize;
        self.in_slot[t].swap_remove(at);
        if let Some(&moved) = self.in_slot[t].get(at) {
            self.position[moved as usize] = at as u32;
        }
        self.slot_of[request] = NONE;
        self.position[request] = NONE;
        self.placed -= 1;
        self.priority -= u64::from(self.problem.requests[request].priority);
        self.trail.push((request as u32, t as u32));
    }

    /// Forgets the log: what is on the board now stays.
    pub fn commit(&mut self) {
        self.trail.clear();
    }

    fn mark(&self) -> usize {
        self.trail.len()
    }

    /// Undoes every change after `mark`.
    fn undo(&mut self, mark: usize) {
        while self.trail.len() > mark {
            let (request, from) = self.trail.pop().expect("longer than mark");
            let request = request as usize;
            if from == NONE {
                self.remove(request);
            } else {
                self.place(request, from as usize);
            }
            self.trail.pop();
        }
    }

    /// First come, first served: each request in order into the earliest
    /// slot where both sides are free and a table is left.
    pub fn fill_first_come(&mut self) {
        for request in 0..self.problem.requests.len() {
            if self.slot_of[request] != NONE {
                continue;
            }
            if let Some(t) = (0..self.slots()).find(|&t| self.allowed[request] & (1 << t) != 0 && self.free(request, t)) {
                self.place(request, t);
            }
        }
        self.commit();
    }

    /// Places a request, displacing and re-placing others in a chain if
    /// need be; on failure the board is as it was.
    pub fn insert(&mut self, request: usize) -> bool {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.fill(0);
            self.stamp = 1;
        }
        self.tries_left = TRIES;
        let mark = self.mark();
        if self.chain(request, NONE as usize, CHAIN) {
            true
        } else {
            self.undo(mark);
            false
        }
    }

    fn chain(&mut self, request: usize, banned: usize, depth: usize) -> bool {
        if self.tries_left == 0 {
            return false;
        }
        self.tries_left -= 1;
        let allowed = self.allowed[request] & !(if banned < 64 { 1u64 << banned } else { 0 });
        let slots = self.slots();
        for t in (0..slots).filter(|&t| allowed & (1 << t) != 0) {
            if self.free(request, t) {
                self.place(request, t);
                return true;
            }
        }
        if depth == 0 {
            return false;
        }
        let (a, b) = self.ends(request);
        for t in (0..slots).filter(|&t| allowed & (1 << t) != 0) {
            let seen = &mut self.seen[request * slots + t];
            if *seen == self.stamp {
                continue;
            }
            *seen = self.stamp;
            let (x, y) = (self.who(a, t), self.who(b, t));
            let displaced = match (x, y) {
                (NONE, NONE) => None,
                (NONE, one) | (one, NONE) => Some(one as usize),
                _ => continue,
            };
            if let Some(other) = displaced {
                if self.pinned[other] {
                    continue;
                }
                let mark = self.mark();
                self.remove(other);
                self.place(request, t);
                if self.chain(other, t, depth - 1) {
                    return true;
                }
                self.undo(mark);
            } else {
                // Both free but every table taken: move one meeting out of t.
                for k in 0..self.in_slot[t].len() {
                    let other = self.in_slot[t][k] as usize;
                    if self.pinned[other] {
                        continue;
                    }
                    let mark = self.mark();
                    self.remove(other);
                    self.place(request, t);
                    if self.chain(other, t, depth - 1) {
                        return true;
                    }
                    self.undo(mark);
                }
            }
        }
        false
    }

    /// Ruin and repair around one unplaced request: force it into a slot,
    /// displacing whoever is in the way, then re-place the displaced by
    /// chains. Kept only if the board is no worse (count, then priority).
    fn kick(&mut self, request: usize, t: usize, pick: usize) -> bool {
        let (before, before_priority) = (self.placed, self.priority);
        let mark = self.mark();
        let (a, b) = self.ends(request);
        let mut displaced = Vec::new();
        for p in [a, b] {
            let other = self.who(p, t);
            if other != NONE {
                if self.pinned[other as usize] {
                    self.undo(mark);
                    return false;
                }
                self.remove(other as usize);
                displaced.push(other as usize);
            }
        }
        if !self.room(t) {
            let unpinned: Vec<usize> = self.in_slot[t].iter().map(|&r| r as usize).filter(|&r| !self.pinned[r]).collect();
            if unpinned.is_empty() {
                self.undo(mark);
                return false;
            }
            let other = unpinned[pick % unpinned.len()];
            self.remove(other);
            displaced.push(other);
        }
        self.place(request, t);
        for other in displaced {
            self.insert(other);
        }
        let better = (self.placed, self.priority) >= (before, before_priority);
        if !better {
            self.undo(mark);
        }
        better
    }

    /// Unplaced requests that outrank some movable placed one: only they can
    /// raise the priority once no more meetings fit.
    fn outranking(&self) -> Vec<usize> {
        let lowest_placed = (0..self.problem.requests.len())
            .filter(|&r| self.slot_of[r] != NONE && !self.pinned[r])
            .map(|r| self.problem.requests[r].priority)
            .min();
        let Some(low) = lowest_placed else { return Vec::new() };
        (0..self.problem.requests.len())
            .filter(|&r| self.slot_of[r] == NONE && self.allowed[r] != 0 && self.problem.requests[r].priority > low)
            .collect()
    }

    pub fn meetings(&self) -> Vec<Placed> {
        let mut meetings = Vec::with_capacity(self.placed);
        for t in 0..self.slots() {
            let mut tables = (0..self.problem.tables).filter(|k| !self.kept_tables[t].contains(k));
            // Kept meetings first, at their tables; new ones at the lowest free tables.
            let mut here: Vec<usize> = self.in_slot[t].iter().map(|&r| r as usize).collect();
            here.sort_by_key(|&r| (!self.pinned[r], r));
            for request in here {
                let table =
                    if self.pinned[request] { self.kept_table[request] } else { tables.next().expect("no more meetings than tables") };
                meetings.push(Placed { request, slot: t, table });
            }
        }
        meetings
    }
}

/// A small deterministic generator (xorshift), so equal inputs give equal plans.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

/// Builds a schedule on a board (kept meetings already pinned) and improves
/// it; returns the best found, never worse than first come first served.
pub fn improve(board: Board<'_>, order: &[usize], upper_bound: usize, effort: super::Effort) -> (Vec<Placed>, usize) {
    let mut first_come = board.clone();
    first_come.fill_first_come();
    let greedy = first_come.placed();

    let mut board = board;
    for &request in order {
        if board.placed == upper_bound {
            break;
        }
        if board.slot_of[request] == NONE && board.allowed[request] != 0 {
            board.insert(request);
            board.commit();
        }
    }
    if (first_come.placed, first_come.priority) > (board.placed, board.priority) {
        board = first_come.clone();
    }

    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let requests = board.problem.requests.len();
    let mut rounds = 0;
    let mut outranking = Vec::new();
    while rounds < effort.0 && requests > 0 {
        rounds += 1;
        let request = if board.placed < upper_bound {
            // More meetings may fit: any unplaced request.
            let request = dice.next() % requests;
            if board.slot_of[request] != NONE || board.allowed[request] == 0 {
                continue;
            }
            if board.insert(request) {
                board.commit();
                continue;
            }
            request
        } else {
            // As many as can be: only more priority is left to win. The
            // candidates are read again every so often, as kicks change them.
            if rounds % 64 == 1 || outranking.is_empty() {
                outranking = board.outranking();
                if outranking.is_empty() {
                    break;
                }
            }
            let request = outranking[dice.next() % outranking.len()];
            if board.slot_of[request] != NONE {
                continue;
            }
            request
        };
        let choices: Vec<usize> = (0..board.slots()).filter(|&t| board.allowed[request] & (1 << t) != 0).collect();
        let t = choices[dice.next() % choices.len()];
        let pick = dice.next();
        board.kick(request, t, pick);
        board.commit();
    }
    (board.meetings(), greedy)
}
