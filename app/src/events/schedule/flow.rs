//! Network flow for the scheduler: Dinic's maximum flow (for upper bounds)
//! and successive shortest paths for a minimum-cost maximum flow (choosing
//! which requests to meet, most meetings first, then most priority).
//! Small and specialised: integer capacities, arcs added once, solved once.

/// A flow network; arcs come in pairs (forward `id`, backward `id ^ 1`).
pub struct Network {
    arcs_from: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
}

impl Network {
    pub fn new(nodes: usize) -> Self {
        Self { arcs_from: vec![Vec::new(); nodes], to: Vec::new(), cap: Vec::new(), cost: Vec::new() }
    }

    pub fn add_node(&mut self) -> usize {
        self.arcs_from.push(Vec::new());
        self.arcs_from.len() - 1
    }

    /// Adds an arc and returns its id, for reading its flow afterwards.
    pub fn arc(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        let id = self.to.len();
        self.arcs_from[from].push(id);
        self.to.push(to);
        self.cap.push(cap);
        self.cost.push(cost);
        self.arcs_from[to].push(id + 1);
        self.to.push(from);
        self.cap.push(0);
        self.cost.push(-cost);
        id
    }

    /// The flow an arc carries (its backward arc's residual capacity).
    pub fn flow(&self, arc: usize) -> i64 {
        self.cap[arc ^ 1]
    }

    /// Dinic's algorithm; costs are ignored.
    pub fn max_flow(&mut self, source: usize, sink: usize) -> i64 {
        let nodes = self.arcs_from.len();
        let mut total = 0;
        loop {
            let mut level = vec![usize::MAX; nodes];
            level[source] = 0;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(u) = queue.pop_front() {
                for &arc in &self.arcs_from[u] {
                    let v = self.to[arc];
                    if self.cap[arc] > 0 && level[v] == usize::MAX {
                        level[v] = level[u] + 1;
                        queue.push_back(v);
                    }
                }
            }
            if level[sink] == usize::MAX {
                return total;
            }
            let mut next = vec![0usize; nodes];
            loop {
                let pushed = self.blocking(source, sink, i64::MAX, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    fn blocking(&mut self, u: usize, sink: usize, limit: i64, level: &[usize], next: &mut [usize]) -> i64 {
        if u == sink {
            return limit;
        }
        while next[u] < self.arcs_from[u].len() {
            let arc = self.arcs_from[u][next[u]];
            let v = self.to[arc];
            if self.cap[arc] > 0 && level[v] == level[u] + 1 {
                let pushed = self.blocking(v, sink, limit.min(self.cap[arc]), level, next);
                if pushed > 0 {
                    self.cap[arc] -= pushed;
                    self.cap[arc ^ 1] += pushed;
                    return pushed;
                }
            }
            next[u] += 1;
        }
        0
    }

    /// The largest flow, and among those the cheapest: successive shortest
    /// paths with Johnson potentials (Bellman–Ford once, since costs may be
    /// negative; the network must have no negative cycle). Returns (flow, cost).
    pub fn min_cost_max_flow(&mut self, source: usize, sink: usize) -> (i64, i64) {
        let nodes = self.arcs_from.len();
        const FAR: i64 = i64::MAX / 4;
        let mut potential = vec![FAR; nodes];
        potential[source] = 0;
        for _ in 0..nodes {
            let mut changed = false;
            for u in 0..nodes {
                if potential[u] == FAR {
                    continue;
                }
                for &arc in &self.arcs_from[u] {
                    let v = self.to[arc];
                    if self.cap[arc] > 0 && potential[u] + self.cost[arc] < potential[v] {
                        potential[v] = potential[u] + self.cost[arc];
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for p in &mut potential {
            if *p == FAR {
                *p = 0;
            }
        }
        let (mut flow, mut cost) = (0, 0);
        loop {
            let mut dist = vec![FAR; nodes];
            let mut via = vec![usize::MAX; nodes];
            dist[source] = 0;
            let mut heap = std::collections::BinaryHeap::from([std::cmp::Reverse((0i64, source))]);
            while let Some(std::cmp::Reverse((d, u))) = heap.pop() {
                if d > dist[u] {
                    continue;
                }
                for &arc in &self.arcs_from[u] {
                    let v = self.to[arc];
                    if self.cap[arc] <= 0 {
                        continue;
                    }
                    let reduced = self.cost[arc] + potential[u] - potential[v];
                    if d + reduced < dist[v] {
                        dist[v] = d + reduced;
                        via[v] = arc;
                        heap.push(std::cmp::Reverse((dist[v], v)));
                    }
                }
            }
            if dist[sink] == FAR {
                return (flow, cost);
            }
            for v in 0..nodes {
                if dist[v] < FAR {
                    potential[v] += dist[v];
                }
            }
            let mut push = i64::MAX;
            let mut v = sink;
            while v != source {
                let arc = via[v];
                push = push.min(self.cap[arc]);
                v = self.to[arc ^ 1];
            }
            let mut v = sink;
            while v != source {
                let arc = via[v];
                self.cap[arc] -= push;
                self.cap[arc ^ 1] += push;
                cost += push * self.cost[arc];
                v = self.to[arc ^ 1];
            }
            flow += push;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_flow_of_a_small_network() {
        // s→a 3, s→b 2, a→b 1, a→t 2, b→t 3: max flow 5.
        let mut n = Network::new(4);
        n.arc(0, 1, 3, 0);
        n.arc(0, 2, 2, 0);
        n.arc(1, 2, 1, 0);
        n.arc(1, 3, 2, 0);
        n.arc(2, 3, 3, 0);
        assert_eq!(n.max_flow(0, 3), 5);
    }

    #[test]
    fn min_cost_prefers_the_cheaper_route_at_the_same_flow() {
        // Two unit routes to the sink through one unit source arc: the cheaper wins.
        let mut n = Network::new(4);
        n.arc(0, 1, 1, 0);
        let dear = n.arc(1, 2, 1, -1);
        let cheap = n.arc(1, 3, 1, -5);
        n.arc(2, 3, 1, 0);
        // Sink is 3; route via 2 costs -1, direct costs -5.
        assert_eq!(n.min_cost_max_flow(0, 3), (1, -5));
        assert_eq!((n.flow(dear), n.flow(cheap)), (0, 1));
    }
}
