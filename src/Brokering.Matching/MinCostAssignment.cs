namespace Brokering.Matching;

/// <summary>
/// Minimum-cost flow on the candidate graph by successive shortest paths, one diner at a time in
/// priority order (the incremental Hungarian method with offer capacities).
/// <para>
/// Each diner is routed along a shortest augmenting path (Dijkstra on reduced costs, with node
/// potentials that keep every residual edge non-negative), which may move diners already placed to
/// other offers. If no augmenting path exists the diner is left unmatched, and everything that
/// search reached is retired: those offers are full and no later path can free them.
/// </para>
/// <para>
/// Because the sets of diners that can be fed together form a matroid, taking diners in priority
/// order and keeping each one that can still be added feeds the largest possible number of diners,
/// preferring higher-priority ones; and because every step follows a shortest path, the cost of
/// feeding that set is the minimum.
/// </para>
/// </summary>
internal static class MinCostAssignment
{
    /// <returns>The offer given to each diner, or -1.</returns>
    public static int[] Solve(CandidateGraph graph, int[] capacity, IReadOnlyList<int> order)
    {
        var diners = graph.Start.Length - 1;
        var offers = capacity.Length;
        var sink = diners + offers;
        var nodes = sink + 1;

        var slotStart = new int[offers + 1];
        for (var o = 0; o < offers; o++)
        {
            slotStart[o + 1] = slotStart[o] + Math.Max(0, capacity[o]);
        }

        var slotDiner = new int[slotStart[offers]];
        var load = new int[offers];
        var assigned = new int[diners];
        Array.Fill(assigned, -1);
        var slotOf = new int[diners];
        var assignedCost = new long[diners];

        var potential = new long[nodes];
        var retired = new bool[nodes];
        var dist = new long[nodes];
        var parent = new int[nodes];
        var parentCost = new long[nodes];
        var reachedIn = new int[nodes];
        var settledIn = new int[nodes];
        var settled = new List<int>();
        var heap = new PriorityQueue<int, long>();
        var search = 0;

        foreach (var source in order)
        {
            var first = graph.Start[source];
            var last = graph.Start[source + 1];
            var sourcePotential = long.MinValue;
            for (var e = first; e < last; e++)
            {
                var o = graph.Offer[e];
                if (!retired[diners + o])
                {
                    sourcePotential = Math.Max(sourcePotential, potential[diners + o] - graph.Cost[e]);
                }
            }

            if (sourcePotential == long.MinValue)
            {
                continue;
            }

            potential[source] = sourcePotential;
            search++;
            settled.Clear();
            heap.Clear();
            Reach(source, 0, -1, 0);
            var found = false;
            while (heap.TryDequeue(out var v, out var dv))
            {
                if (settledIn[v] == search || dv > dist[v])
                {
                    continue;
                }

                settledIn[v] = search;
                settled.Add(v);
                if (v == sink)
                {
                    found = true;
                    break;
                }

                if (v < diners)
                {
                    for (var e = graph.Start[v]; e < graph.Start[v + 1]; e++)
                    {
                        var node = diners + graph.Offer[e];
                        if (graph.Offer[e] != assigned[v] && !retired[node])
                        {
                            Reach(node, dv + graph.Cost[e] + potential[v] - potential[node], v, graph.Cost[e]);
                        }
                    }
                }
                else
                {
                    var o = v - diners;
                    if (load[o] < capacity[o])
                    {
                        Reach(sink, dv + potential[v] - potential[sink], v, 0);
                    }

                    for (var s = slotStart[o]; s < slotStart[o] + load[o]; s++)
                    {
                        var d = slotDiner[s];
                        Reach(d, dv - assignedCost[d] + potential[v] - potential[d], v, 0);
                    }
                }
            }

            if (!found)
            {
                foreach (var v in settled)
                {
                    retired[v] = true;
                }

                continue;
            }

            var total = dist[sink];
            foreach (var v in settled)
            {
                potential[v] += dist[v] - total;
            }

            Augment();
        }

        return assigned;

        void Reach(int node, long distance, int from, long edgeCost)
        {
            if (settledIn[node] == search || (reachedIn[node] == search && distance >= dist[node]))
            {
                return;
            }

            reachedIn[node] = search;
            dist[node] = distance;
            parent[node] = from;
            parentCost[node] = edgeCost;
            heap.Enqueue(node, distance);
        }

        // The path runs source, offer, diner, offer, ..., offer, sink: each diner on it moves to the
        // next offer, and the last offer takes one more portion.
        void Augment()
        {
            var offerNode = parent[sink];
            var o = offerNode - diners;
            var slot = slotStart[o] + load[o]++;
            while (true)
            {
                var d = parent[offerNode];
                var previous = assigned[d];
                var previousSlot = slotOf[d];
                assigned[d] = o;
                assignedCost[d] = parentCost[offerNode];
                slotOf[d] = slot;
                slotDiner[slot] = d;
                if (previous < 0)
                {
                    return;
                }

                offerNode = diners + previous;
                o = previous;
                slot = previousSlot;
            }
        }
    }
}
