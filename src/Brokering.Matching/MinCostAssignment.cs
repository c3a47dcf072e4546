using System.Collections.Concurrent;
using System.Diagnostics;

namespace Brokering.Matching;

/// <summary>
/// Which diners are fed, and from which offer, in two steps.
/// <para>
/// First, who is fed: diners join in priority order, each one that can still be added along an
/// augmenting path (a chain of diners each moving to another of their offers, ending at a free
/// portion). Because the sets of diners that can be fed together form a matroid, taking diners in
/// priority order and keeping each one that can still be added feeds the largest possible number of
/// diners, preferring higher-priority ones. If no augmenting path exists, everything that search
/// reached is retired: those offers are full and no later path can free them.
/// </para>
/// <para>
/// Then, where each of them eats at least cost. Where every portion of a large part is taken (a town
/// with more diners than portions), an auction finds the cheapest assignment (see
/// <see cref="PortionAuction"/>): there, a shortest path for the last diners placed crosses the whole
/// town. Elsewhere, and in small towns where the auction's fixed rounds cost more than the searches,
/// minimum-cost flow by successive shortest paths (Dijkstra on
/// reduced costs, with node potentials that keep every residual edge non-negative) routes the fed
/// diners one at a time, each path moving diners already placed where that is cheaper.
/// </para>
/// <para>
/// No path leaves the connected part of the graph its diner is in, so each part is solved on its own,
/// on compact arrays, several at once; the answer is the one the whole graph would give.
/// </para>
/// </summary>
internal static class MinCostAssignment
{
    /// <summary>Routes the diners of <paramref name="order"/> (those with an edge, highest priority first).</summary>
    /// <returns>The offer given to each diner, or -1.</returns>
    public static int[] Solve(CandidateGraph graph, int[] capacity, IReadOnlyList<int> order, int auctionFromPortions)
    {
        var diners = graph.Start.Length;
        var assigned = new int[diners];
        Array.Fill(assigned, -1);

        // Parts by union-find over diners and offers (offers numbered after diners).
        var root = new int[diners + capacity.Length];
        for (var v = 0; v < root.Length; v++)
        {
            root[v] = v;
        }

        for (var d = 0; d < diners; d++)
        {
            for (var e = graph.Start[d]; e < graph.End[d]; e++)
            {
                Union(root, d, diners + graph.Offer[e]);
            }
        }

        var parts = new Dictionary<int, List<int>>();
        foreach (var d in order)
        {
            var part = Find(root, d);
            if (!parts.TryGetValue(part, out var members))
            {
                parts[part] = members = [];
            }

            members.Add(d);
        }

        // Each offer belongs to one part only, so parts can number their offers in one shared array.
        var localOffer = new int[capacity.Length];
        Array.Fill(localOffer, -1);
        var largestFirst = parts.Values.OrderByDescending(p => p.Count).ToList();
        Parallel.ForEach(
            Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering),
            Cores.OneThreadEach,
            part => SolvePart(graph, capacity, part, localOffer, assigned, auctionFromPortions));
        return assigned;
    }

    private static void SolvePart(CandidateGraph graph, int[] capacity, List<int> part, int[] localOffer, int[] assigned, int auctionFromPortions)
    {
        var offerOf = new List<int>();
        var start = new int[part.Count + 1];
        var edges = part.Sum(d => graph.End[d] - graph.Start[d]);
        var (offer, cost) = PartRows.Mine(edges);
        var at = 0;
        for (var i = 0; i < part.Count; i++)
        {
            var d = part[i];
            for (var e = graph.Start[d]; e < graph.End[d]; e++, at++)
            {
                var o = graph.Offer[e];
                if (localOffer[o] < 0)
                {
                    localOffer[o] = offerOf.Count;
                    offerOf.Add(o);
                }

                offer[at] = localOffer[o];
                cost[at] = graph.Cost(e);
            }

            start[i + 1] = at;
        }

        var result = Assign(start, offer, cost, [.. offerOf.Select(o => Math.Max(0, capacity[o]))], graph.PairingWeight, auctionFromPortions);
        for (var i = 0; i < part.Count; i++)
        {
            assigned[part[i]] = result[i] < 0 ? -1 : offerOf[result[i]];
        }
    }

    /// <summary>
    /// One part, on diners numbered in priority order and offers numbered from zero: the diners of
    /// <c>start</c> row <c>d</c> may have offers <c>edgeOffer[start[d]..start[d+1]]</c> at <c>edgeCost</c>
    /// (which may be longer than the rows).
    /// </summary>
    /// <returns>The offer given to each diner, or -1.</returns>
    internal static int[] Assign(int[] start, int[] edgeOffer, long[] edgeCost, int[] capacity, long pairingWeight, int auctionFromPortions)
    {
        var placed = WhoIsFed(start, edgeOffer, edgeCost, capacity);
        var portions = capacity.Sum(c => (long)c);
        return placed.Count(o => o >= 0) == portions && portions > 0 && portions >= auctionFromPortions
            ? PortionAuction.Cheapest(start, edgeOffer, edgeCost, capacity, placed, pairingWeight)
            : ShortestPaths(start, start[1..], edgeOffer, edgeCost, capacity, placed);
    }

    /// <summary>
    /// The diners the priority order feeds: each in turn joins if a free portion can be reached,
    /// directly or by moving diners already in along a shortest chain of offers (breadth first).
    /// </summary>
    /// <returns>An offer for each diner fed (the cheapest free one for a diner placed directly, otherwise with no thought of cost), or -1.</returns>
    private static int[] WhoIsFed(int[] start, int[] edgeOffer, long[] edgeCost, int[] capacity)
    {
        var diners = start.Length - 1;
        var offers = capacity.Length;
        var held = new Holdings(diners, capacity);
        // The search an offer was last reached in, or Retired: one number read per edge, not two flags.
        const int Retired = int.MaxValue;
        var reachedIn = new int[offers];
        var reachedFrom = new int[offers];
        var queue = new int[offers];
        var search = 0;
        Func<int, int> reacher = offer => reachedFrom[offer];

        for (var source = 0; source < diners; source++)
        {
            // Straight to the cheapest free portion, whatever the order of the row: the auction starts
            // from these placements, and a far one costs it bids.
            var free = -1;
            var freeCost = long.MaxValue;
            for (var e = start[source]; e < start[source + 1]; e++)
            {
                var o = edgeOffer[e];
                if (edgeCost[e] < freeCost && reachedIn[o] != Retired && held.HasFree(o))
                {
                    free = o;
                    freeCost = edgeCost[e];
                }
            }

            if (free >= 0)
            {
                reachedFrom[free] = source;
            }

            var reached = 0;
            if (free < 0)
            {
                search++;
                for (var e = start[source]; e < start[source + 1]; e++)
                {
                    var o = edgeOffer[e];
                    if (reachedIn[o] < search)
                    {
                        reachedIn[o] = search;
                        reachedFrom[o] = source;
                        queue[reached++] = o;
                    }
                }

                for (var next = 0; next < reached && free < 0; next++)
                {
                    var o = queue[next];
                    foreach (var d in held.Holders(o))
                    {
                        if (free >= 0)
                        {
                            break;
                        }

                        for (var e = start[d]; e < start[d + 1]; e++)
                        {
                            var other = edgeOffer[e];
                            if (reachedIn[other] >= search)
                            {
                                continue;
                            }

                            reachedIn[other] = search;
                            reachedFrom[other] = d;
                            if (held.HasFree(other))
                            {
                                free = other;
                                break;
                            }

                            queue[reached++] = other;
                        }
                    }
                }
            }

            if (free < 0)
            {
                for (var i = 0; i < reached; i++)
                {
                    reachedIn[queue[i]] = Retired;
                }

                continue;
            }

            held.Shift(free, reacher);
        }

        return held.Assigned;
    }

    /// <summary>
    /// Successive shortest paths for the diners <paramref name="placed"/> feeds (those at 0 or more),
    /// in priority order; diner <c>d</c>'s edges are <c>edgeOffer[rowStart[d]..rowEnd[d]]</c>. Only
    /// offers carry a potential: a diner who holds a portion is always level with it (their edge to
    /// the offer they hold has reduced cost zero), so a search steps from offer to offer through the
    /// diners who hold them and never queues a diner.
    /// <para>
    /// From a <paramref name="warm"/> start, some diners already hold a portion, each level with it at
    /// the potentials given, and the diners fed take every portion (an auction's case). The others
    /// are routed one at a time to the free portion nearest in reduced cost (the Hungarian method):
    /// with every portion taken in the end, free portions need not be level with one another.
    /// </para>
    /// </summary>
    internal static int[] ShortestPaths(int[] rowStart, int[] rowEnd, int[] edgeOffer, long[] edgeCost, int[] capacity, int[] placed, WarmStart? warm = null)
    {
        var diners = rowEnd.Length;
        var offers = capacity.Length;
        var sink = offers;

        var held = new Holdings(diners, capacity);
        var assigned = held.Assigned;
        var assignedCost = new long[diners];

        var potential = new long[offers + 1];
        if (warm is not null)
        {
            warm.Potential.CopyTo(potential, 0);
            for (var d = 0; d < diners; d++)
            {
                if (warm.HeldEdge[d] is var e and >= 0)
                {
                    held.Take(d, edgeOffer[e]);
                    assignedCost[d] = edgeCost[e];
                }
            }
        }

        var dist = new long[offers + 1];
        var parent = new int[offers + 1];
        var parentCost = new long[offers + 1];
        var reachedIn = new int[offers + 1];
        var settledIn = new int[offers + 1];
        var settled = new List<int>();
        var heap = PartRows.Heap;
        var search = 0;
        Func<int, int> mover = o =>
        {
            var d = parent[o];
            assignedCost[d] = parentCost[o];
            return d;
        };

        for (var source = 0; source < diners; source++)
        {
            if (placed[source] < 0 || assigned[source] >= 0)
            {
                continue;
            }

            var first = rowStart[source];
            var last = rowEnd[source];
            var sourcePotential = long.MinValue;
            var direct = -1;
            for (var e = first; e < last; e++)
            {
                if (potential[edgeOffer[e]] - edgeCost[e] > sourcePotential)
                {
                    sourcePotential = potential[edgeOffer[e]] - edgeCost[e];
                    direct = e;
                }
            }

            // Reduced costs are never negative, so a path of reduced cost zero is a shortest one:
            // the diner's best edge to an offer with a portion free and a potential level with the
            // sink's. No potential changes, because every distance on that path is zero.
            var directOffer = edgeOffer[direct];
            if (held.HasFree(directOffer) && (warm is not null || potential[directOffer] == potential[sink]))
            {
                parent[sink] = directOffer;
                parent[directOffer] = source;
                parentCost[directOffer] = edgeCost[direct];
                Augment();
                continue;
            }

            search++;
            settled.Clear();
            heap.Clear();
            for (var e = first; e < last; e++)
            {
                Reach(edgeOffer[e], edgeCost[e] + sourcePotential - potential[edgeOffer[e]], source, edgeCost[e]);
            }

            var found = false;
            while (heap.TryDequeue(out var o, out var reached))
            {
                if (settledIn[o] == search || reached > dist[o])
                {
                    continue;
                }

                settledIn[o] = search;
                settled.Add(o);
                if (o == sink)
                {
                    found = true;
                    break;
                }

                if (held.HasFree(o))
                {
                    Reach(sink, warm is null ? reached + potential[o] - potential[sink] : reached, o, 0);
                }

                // Each diner holding a portion here may move to another of their offers, leaving the portion free.
                foreach (var d in held.Holders(o))
                {
                    var level = reached + potential[o] - assignedCost[d];
                    for (var e = rowStart[d]; e < rowEnd[d]; e++)
                    {
                        var other = edgeOffer[e];
                        if (other != o)
                        {
                            Reach(other, level + edgeCost[e] - potential[other], d, edgeCost[e]);
                        }
                    }
                }
            }

            if (!found)
            {
                throw new UnreachableException("A diner the first step fed has a path to a free portion.");
            }

            var total = dist[sink];
            foreach (var o in settled)
            {
                potential[o] += dist[o] - total;
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
        void Augment() => held.Shift(parent[sink], mover);
    }

    /// <summary>
    /// Diners who hold a portion before shortest paths begin: the edge each holds, or -1; and each
    /// offer's potential, at which every holder's edge is one of their cheapest in reduced cost.
    /// </summary>
    internal sealed record WarmStart(int[] HeldEdge, long[] Potential);

    /// <summary>
    /// Who holds which portion of each offer: offer <c>o</c>'s portions are the slots from
    /// <c>SlotStart[o]</c>, and the first <c>Load[o]</c> of them are held.
    /// </summary>
    private sealed class Holdings
    {
        private readonly int[] _capacity;
        private readonly int[] _slotStart;
        private readonly int[] _slotDiner;
        private readonly int[] _load;
        private readonly int[] _slotOf;

        public Holdings(int diners, int[] capacity)
        {
            _capacity = capacity;
            _slotStart = new int[capacity.Length + 1];
            for (var o = 0; o < capacity.Length; o++)
            {
                _slotStart[o + 1] = _slotStart[o] + Math.Max(0, capacity[o]);
            }

            _slotDiner = new int[_slotStart[capacity.Length]];
            _load = new int[capacity.Length];
            _slotOf = new int[diners];
            Assigned = new int[diners];
            Array.Fill(Assigned, -1);
        }

        /// <summary>The offer each diner holds a portion of, or -1.</summary>
        public int[] Assigned { get; }

        public bool HasFree(int offer) => _load[offer] < _capacity[offer];

        public ReadOnlySpan<int> Holders(int offer) => _slotDiner.AsSpan(_slotStart[offer], _load[offer]);

        /// <summary>Gives a diner who holds nothing a free portion of the offer.</summary>
        public void Take(int diner, int offer) => Hold(diner, offer, _slotStart[offer] + _load[offer]++);

        private void Hold(int diner, int offer, int slot)
        {
            Assigned[diner] = offer;
            _slotOf[diner] = slot;
            _slotDiner[slot] = diner;
        }

        /// <summary>
        /// Moves each diner along a chain that ends at <paramref name="last"/>, which has a portion
        /// free: the diner who reached each offer (<paramref name="moverInto"/>) moves into it, taking
        /// the portion the next diner back left, until the one who held nothing.
        /// </summary>
        public void Shift(int last, Func<int, int> moverInto)
        {
            var offer = last;
            var slot = _slotStart[offer] + _load[offer]++;
            while (true)
            {
                var d = moverInto(offer);
                var previous = Assigned[d];
                var previousSlot = _slotOf[d];
                Hold(d, offer, slot);
                if (previous < 0)
                {
                    return;
                }

                offer = previous;
                slot = previousSlot;
            }
        }
    }

    private static int Find(int[] root, int x)
    {
        while (root[x] != x)
        {
            root[x] = root[root[x]];
            x = root[x];
        }

        return x;
    }

    private static void Union(int[] root, int a, int b)
    {
        a = Find(root, a);
        b = Find(root, b);
        if (a != b)
        {
            root[Math.Max(a, b)] = Math.Min(a, b);
        }
    }
}

/// <summary>
/// What this thread keeps from part to part: the arrays it copies a part's rows into, and the queue
/// its shortest paths search with. A national round's rows
/// are hundreds of megabytes in all; allocated afresh for each part, they set off collections of the
/// whole heap and cost the machine a fault for every new page.
/// </summary>
internal static class PartRows
{
    [ThreadStatic]
    private static int[]? _offers;

    [ThreadStatic]
    private static long[]? _costs;

    [ThreadStatic]
    private static PriorityQueue<int, long>? _heap;

    /// <summary>
    /// This thread's queue for shortest paths, kept with the room it grew to (a national round's
    /// searches grew new ones by 41 MB in all); each search clears it before use.
    /// </summary>
    public static PriorityQueue<int, long> Heap => _heap ??= new PriorityQueue<int, long>();

    /// <summary>Room for at least this many edges; what is in them is left from the last part.</summary>
    public static (int[] Offers, long[] Costs) Mine(int edges)
    {
        if (_offers is null || _offers.Length < edges)
        {
            _offers = GC.AllocateUninitializedArray<int>(edges);
            _costs = GC.AllocateUninitializedArray<long>(edges);
        }

        return (_offers, _costs!);
    }
}
