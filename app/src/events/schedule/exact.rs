//! The exact optimum when everyone is available in every slot and nothing is
//! kept from before. A set of meetings fits into T slots of K tables exactly
//! when nobody has more than T of them and there are at most T·K in all
//! (König: a bipartite graph of maximum degree T has a proper T-edge-
//! colouring; de Werra: it can be balanced so colours differ by at most one).
//! So: choose the meetings by min-cost flow (most meetings, then most
//! priority), colour them, balance the colours, number the tables.

use super::flow::Network;
use super::{Placed, Problem};

const NONE: usize = usize::MAX;

pub fn optimum(problem: &Problem, side: &[bool]) -> (Vec<Placed>, usize) {
    let chosen = choose(problem, side);
    let upper_bound = chosen.len();
    let colour = colour(problem, &chosen);
    let mut tables_used = vec![0usize; problem.slots];
    let meetings = chosen
        .iter()
        .zip(colour)
        .map(|(&request, slot)| {
            let table = tables_used[slot];
            tables_used[slot] += 1;
            Placed { request, slot, table }
        })
        .collect();
    (meetings, upper_bound)
}

/// The requests of a largest (then highest-priority) subgraph in which
/// nobody has more than `slots` meetings and there are at most slots × tables.
fn choose(problem: &Problem, side: &[bool]) -> Vec<usize> {
    let n = problem.unavailable.len();
    let (source, sink, top) = (n, n + 1, n + 2);
    let mut net = Network::new(n + 3);
    net.arc(top, source, (problem.slots * problem.tables) as i64, 0);
    for (p, &right) in side.iter().enumerate() {
        if right {
            net.arc(p, sink, problem.slots as i64, 0);
        } else {
            net.arc(source, p, problem.slots as i64, 0);
        }
    }
    let arcs: Vec<usize> = problem
        .requests
        .iter()
        .map(|r| {
            let (left, right) = if side[r.a] { (r.b, r.a) } else { (r.a, r.b) };
            net.arc(left, right, 1, -i64::from(r.priority))
        })
        .collect();
    net.min_cost_max_flow(top, sink);
    arcs.iter().enumerate().filter(|&(_, &arc)| net.flow(arc) == 1).map(|(i, _)| i).collect()
}

/// A proper colouring of the chosen requests with `slots` colours, each
/// colour used at most `tables` times. Returns each chosen request's colour.
fn colour(problem: &Problem, chosen: &[usize]) -> Vec<usize> {
    let slots = problem.slots;
    let n = problem.unavailable.len();
    // at[p * slots + c]: the chosen index coloured c at participant p.
    let mut at = vec![NONE; n * slots];
    let mut colour_of = vec![NONE; chosen.len()];
    let ends = |i: usize| (problem.requests[chosen[i]].a, problem.requests[chosen[i]].b);
    for i in 0..chosen.len() {
        let (u, v) = ends(i);
        let free = |at: &[usize], p: usize| (0..slots).find(|&c| at[p * slots + c] == NONE).expect("degree ≤ slots");
        let alpha = free(&at, u);
        if at[v * slots + alpha] != NONE {
            let beta = free(&at, v);
            // Swap α and β along the path from v that starts with α; in a
            // bipartite graph it cannot reach u, so α becomes free at v.
            let mut path = Vec::new();
            let (mut p, mut c) = (v, alpha);
            while at[p * slots + c] != NONE {
                let j = at[p * slots + c];
                path.push(j);
                let (x, y) = ends(j);
                p = if x == p { y } else { x };
                c = if c == alpha { beta } else { alpha };
            }
            recolour(&mut at, &mut colour_of, &path, alpha, beta, slots, ends);
        }
        colour_of[i] = alpha;
        at[u * slots + alpha] = i;
        at[v * slots + alpha] = i;
    }
    balance(problem.tables, slots, &mut at, &mut colour_of, ends);
    colour_of
}

/// Swaps colours α and β on the edges of an alternating path.
fn recolour(
    at: &mut [usize],
    colour_of: &mut [usize],
    path: &[usize],
    alpha: usize,
    beta: usize,
    slots: usize,
    ends: impl Fn(usize) -> (usize, usize),
) {
    for &j in path {
        let (x, y) = ends(j);
        at[x * slots + colour_of[j]] = NONE;
        at[y * slots + colour_of[j]] = NONE;
    }
    for &j in path {
        let (x, y) = ends(j);
        colour_of[j] = if colour_of[j] == alpha { beta } else { alpha };
        at[x * slots + colour_of[j]] = j;
        at[y * slots + colour_of[j]] = j;
    }
}

/// While a colour is used more than `tables` times, another is used less;
/// the two colours form paths and even cycles, and some path has one more
/// edge of the bigger colour: swapping it moves one edge across.
fn balance(tables: usize, slots: usize, at: &mut [usize], colour_of: &mut [usize], ends: impl Fn(usize) -> (usize, usize) + Copy) {
    let mut count = vec![0usize; slots];
    for &c in colour_of.iter() {
        count[c] += 1;
    }
    loop {
        let Some(big) = (0..slots).filter(|&c| count[c] > tables).max_by_key(|&c| count[c]) else { return };
        let small = (0..slots).min_by_key(|&c| count[c]).expect("at least one slot");
        // A path that starts and ends with `big`: start where `big` is present and `small` absent.
        let mut swapped = false;
        for start in 0..colour_of.len() {
            if colour_of[start] != big {
                continue;
            }
            let (x, y) = ends(start);
            for end in [x, y] {
                if at[end * slots + small] != NONE {
                    continue;
                }
                let mut path = Vec::new();
                let (mut p, mut c) = (end, big);
                while at[p * slots + c] != NONE {
                    let j = at[p * slots + c];
                    path.push(j);
                    let (x, y) = ends(j);
                    p = if x == p { y } else { x };
                    c = if c == big { small } else { big };
                }
                if path.len() % 2 == 1 {
                    recolour(at, colour_of, &path, big, small, slots, ends);
                    count[big] -= 1;
                    count[small] += 1;
                    swapped = true;
                    break;
                }
            }
            if swapped {
                break;
            }
        }
        assert!(swapped, "a balancing path exists when one colour exceeds the average");
    }
}
