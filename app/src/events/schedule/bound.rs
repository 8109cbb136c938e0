//! An exact upper bound on the meetings any schedule can hold (with the kept
//! meetings where they are), from three relaxations, each solved exactly:
//! - one side held slot by slot: each slot gives at most `tables` seats, each
//!   seat goes to one participant of side A free in that slot, who meets
//!   through one request someone on side B who has at most as many meetings
//!   as free slots (a max flow); any real schedule is such a flow;
//! - the same with the sides swapped;
//! - each slot alone: a largest matching among the requests both sides can
//!   attend in that slot, at most `tables` (summed over slots).
//!
//! The smallest is the bound. The first flow's choice of requests also
//! tells the search which to place first.

use super::flow::Network;
use super::search::Board;

pub struct Bound {
    pub meetings: usize,
    /// Unplaced requests, those the first relaxation chose first.
    pub order: Vec<usize>,
}

pub fn upper_bound(board: &Board<'_>, side: &[bool]) -> Bound {
    let problem = board.problem;
    let slots = problem.slots;
    let n = problem.unavailable.len();
    let kept = board.placed();
    let seats: Vec<usize> = (0..slots).map(|t| problem.tables - board.in_slot_len(t)).collect();
    // A participant's free slots: available and not taken by a kept meeting.
    let free: Vec<u64> = (0..n).map(|p| board.free_slots(p)).collect();
    let open: Vec<(usize, u64)> = (0..problem.requests.len())
        .filter(|&i| board.slot_of(i).is_none())
        .map(|i| {
            let r = problem.requests[i];
            let seated = (0..slots).filter(|&t| seats[t] > 0).fold(0u64, |m, t| m | 1 << t);
            (i, free[r.a] & free[r.b] & seated)
        })
        .filter(|&(_, slots)| slots != 0)
        .collect();

    let (by_left, chosen) = one_side_by_slot(board, side, false, &seats, &free, &open);
    let (by_right, _) = one_side_by_slot(board, side, true, &seats, &free, &open);
    let by_slot: usize = (0..slots)
        .map(|t| {
            let here: Vec<(usize, usize)> =
                open.iter().filter(|&&(_, s)| s & (1 << t) != 0).map(|&(i, _)| (problem.requests[i].a, problem.requests[i].b)).collect();
            matching(n, side, &here).min(seats[t])
        })
        .sum();

    // Chosen first; then higher priority; then fewer slots to choose from.
    let mut order: Vec<(bool, std::cmp::Reverse<u32>, u32, usize)> =
        open.iter().map(|&(i, s)| (!chosen[i], std::cmp::Reverse(problem.requests[i].priority), s.count_ones(), i)).collect();
    order.sort_unstable();
    let order = order.into_iter().map(|(_, _, _, i)| i).collect();
    Bound { meetings: kept + by_left.min(by_right).min(by_slot), order }
}

/// The flow relaxation holding side `exact_side` slot by slot; returns its
/// value and which requests carry flow.
fn one_side_by_slot(
    board: &Board<'_>,
    side: &[bool],
    exact_side: bool,
    seats: &[usize],
    free: &[u64],
    open: &[(usize, u64)],
) -> (usize, Vec<bool>) {
    let problem = board.problem;
    let slots = problem.slots;
    let n = problem.unavailable.len();
    let source = 0;
    let sink = 1;
    let mut net = Network::new(2);
    let slot_node: Vec<usize> = (0..slots).map(|_| net.add_node()).collect();
    for t in 0..slots {
        net.arc(source, slot_node[t], seats[t] as i64, 0);
    }
    // (participant, slot) nodes for the exact side, made when first needed.
    let mut held = vec![usize::MAX; n * slots];
    let mut other = vec![usize::MAX; n];
    let mut carries = vec![false; problem.requests.len()];
    let mut arcs = Vec::with_capacity(open.len());
    for &(i, allowed) in open {
        let r = problem.requests[i];
        let (exact, loose) = if side[r.a] == exact_side { (r.a, r.b) } else { (r.b, r.a) };
        let request = net.add_node();
        for t in (0..slots).filter(|&t| allowed & (1 << t) != 0) {
            if held[exact * slots + t] == usize::MAX {
                let node = net.add_node();
                held[exact * slots + t] = node;
                net.arc(slot_node[t], node, 1, 0);
            }
            net.arc(held[exact * slots + t], request, 1, 0);
        }
        if other[loose] == usize::MAX {
            other[loose] = net.add_node();
            net.arc(other[loose], sink, i64::from(free[loose].count_ones()), 0);
        }
        arcs.push((i, net.arc(request, other[loose], 1, 0)));
    }
    let value = net.max_flow(source, sink) as usize;
    for (i, arc) in arcs {
        carries[i] = net.flow(arc) == 1;
    }
    (value, carries)
}

/// The size of a largest matching among `pairs` (bipartite by `side`).
fn matching(n: usize, side: &[bool], pairs: &[(usize, usize)]) -> usize {
    if pairs.is_empty() {
        return 0;
    }
    let (source, sink) = (n, n + 1);
    let mut net = Network::new(n + 2);
    let mut linked = vec![false; n];
    for &(a, b) in pairs {
        let (left, right) = if side[a] { (b, a) } else { (a, b) };
        net.arc(left, right, 1, 0);
        for (p, from_source) in [(left, true), (right, false)] {
            if !linked[p] {
                linked[p] = true;
                if from_source {
                    net.arc(source, p, 1, 0);
                } else {
                    net.arc(p, sink, 1, 0);
                }
            }
        }
    }
    net.max_flow(source, sink) as usize
}
