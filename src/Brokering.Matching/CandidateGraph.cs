using System.Collections.Concurrent;

namespace Brokering.Matching;

/// <summary>
/// The sparse bipartite graph of eligible (diner, offer) pairs, stored row by row: the edges of
/// diner <c>d</c> are <c>Offer[Start[d]..Start[d+1]]</c>. An edge's cost orders preferences: any
/// existing pairing outweighs every possible sum of distances, and distance is in whole metres.
/// </summary>
internal sealed class CandidateGraph
{
    private const int ChunkSize = 2048;

    private CandidateGraph(int[] start, int[] offer, long[] cost, bool[] hasPairedEdge, long pairingWeight)
    {
        Start = start;
        Offer = offer;
        Cost = cost;
        HasPairedEdge = hasPairedEdge;
        PairingWeight = pairingWeight;
    }

    public int[] Start { get; }
    public int[] Offer { get; }
    public long[] Cost { get; }
    public bool[] HasPairedEdge { get; }

    /// <summary>The cost added to an edge that does not continue a pairing.</summary>
    public long PairingWeight { get; }

    public static CandidateGraph Build(OfferIndex index, IReadOnlyList<DinerToMatch> diners, MatchingOptions options)
    {
        // More than any total of distances a round can reach, so continuity always wins over distance.
        var pairingWeight = (diners.Count + 1L) * ((long)(index.MaxReachKm * 1000) + 2);
        var counts = new int[diners.Count];
        var hasPaired = new bool[diners.Count];
        var parts = new ConcurrentBag<(int[] Diners, List<int> Offers, List<long> Costs)>();
        var active = Enumerable.Range(0, diners.Count).Where(d => diners[d].IsActive);

        if (options.Candidates == CandidateSearch.SpatialIndex)
        {
            Neighbourhood.ForEachCell(index, diners, active, index.MaxReachKm, options.MaxCandidatesPerDiner is not null, (neighbourhood, cell) =>
                parts.Add(Rows(cell.Diners, (d, nearest) => NearIndexed(index, diners[d], neighbourhood, nearest))));
        }
        else
        {
            Parallel.ForEach(active.Chunk(ChunkSize), chunk =>
                parts.Add(Rows(chunk, (d, nearest) => NearByHaversine(index, diners[d], nearest))));
        }

        var start = new int[diners.Count + 1];
        for (var d = 0; d < diners.Count; d++)
        {
            start[d + 1] = start[d] + counts[d];
        }

        var offer = new int[start[diners.Count]];
        var cost = new long[start[diners.Count]];
        foreach (var (cellDiners, offers, costs) in parts)
        {
            var at = 0;
            foreach (var d in cellDiners)
            {
                offers.CopyTo(at, offer, start[d], counts[d]);
                costs.CopyTo(at, cost, start[d], counts[d]);
                at += counts[d];
            }
        }

        return new CandidateGraph(start, offer, cost, hasPaired, pairingWeight);

        (int[] Diners, List<int> Offers, List<long> Costs) Rows(int[] rowsOf, Action<int, NearestFew> findOthers)
        {
            var offers = new List<int>();
            var costs = new List<long>();
            var nearest = new NearestFew(options.MaxCandidatesPerDiner);
            foreach (var d in rowsOf)
            {
                var diner = diners[d];
                var council = index.CouncilOf(diner.CouncilId);
                var first = offers.Count;
                foreach (var cook in index.PairedCooksOf(diner.DinerId))
                {
                    foreach (var o in index.OffersOf(cook))
                    {
                        var km = index[o].Location.DistanceKmTo(diner.Location);
                        if (index.Judge(diner, council, o, km) == Verdict.Eligible)
                        {
                            hasPaired[d] = true;
                            offers.Add(o);
                            costs.Add(Metres(km));
                        }
                    }
                }

                if (options.MaxCandidatesPerDiner is { } cap && offers.Count - first > cap)
                {
                    TrimToNearest(offers, costs, first, cap);
                }

                nearest.Reset(options.MaxCandidatesPerDiner - (offers.Count - first));
                findOthers(d, nearest);
                foreach (var o in nearest.Offers)
                {
                    offers.Add(o);
                    costs.Add(pairingWeight + Metres(index[o].Location.DistanceKmTo(diner.Location)));
                }

                counts[d] = offers.Count - first;
            }

            return (rowsOf, offers, costs);
        }
    }

    /// <summary>Eligible offers from cooks the diner is not paired with, judged on closeness within the diner's neighbourhood.</summary>
    private static void NearIndexed(OfferIndex index, DinerToMatch diner, Neighbourhood neighbourhood, NearestFew nearest)
    {
        var council = index.CouncilOf(diner.CouncilId);
        if (council < 0)
        {
            return;
        }

        var pairedCooks = index.PairedCooksOf(diner.DinerId);
        var at = UnitVector.Of(diner.Location);
        var outer = UnitVector.ClosenessAt(Math.Min(index.MaxReachKm, index.CouncilMaxKm(council)));
        for (var i = 0; i < neighbourhood.Count; i++)
        {
            var closeness = at.Closeness(neighbourhood.X[i], neighbourhood.Y[i], neighbourhood.Z[i]);
            if (!UnitVector.MayBeWithin(closeness, outer) || !nearest.WouldTake(closeness))
            {
                continue;
            }

            var o = neighbourhood.Offer[i];
            if ((pairedCooks.Count == 0 || !pairedCooks.Contains(index[o].CookId))
                && index.JudgeAtCloseness(diner, council, o, closeness) == Verdict.Eligible)
            {
                nearest.Add(o, closeness);
            }
        }
    }

    /// <summary>The reference: every offer in the round measured by haversine and judged.</summary>
    private static void NearByHaversine(OfferIndex index, DinerToMatch diner, NearestFew nearest)
    {
        var council = index.CouncilOf(diner.CouncilId);
        var pairedCooks = index.PairedCooksOf(diner.DinerId);
        for (var o = 0; o < index.Count; o++)
        {
            var km = index[o].Location.DistanceKmTo(diner.Location);
            if ((pairedCooks.Count == 0 || !pairedCooks.Contains(index[o].CookId)) && index.Judge(diner, council, o, km) == Verdict.Eligible)
            {
                nearest.Add(o, -km);
            }
        }
    }

    private static void TrimToNearest(List<int> offers, List<long> costs, int first, int keep)
    {
        var row = Enumerable.Range(first, offers.Count - first).Select(i => (Offer: offers[i], Cost: costs[i])).OrderBy(e => e.Cost).Take(keep).ToArray();
        offers.RemoveRange(first, offers.Count - first);
        costs.RemoveRange(first, costs.Count - first);
        foreach (var (o, cost) in row)
        {
            offers.Add(o);
            costs.Add(cost);
        }
    }

    private static long Metres(double km) => (long)Math.Round(km * 1000);

    /// <summary>
    /// Keeps every offer added, or with a limit only the nearest few (highest nearness), without
    /// sorting the rest.
    /// </summary>
    private sealed class NearestFew(int? limit)
    {
        private readonly List<int> _offers = [];
        private readonly List<double> _nearness = [];
        private int? _keep = limit;

        public IReadOnlyList<int> Offers => _offers;

        public void Reset(int? keep)
        {
            _keep = keep is { } k ? Math.Max(0, k) : null;
            _offers.Clear();
            _nearness.Clear();
        }

        public bool WouldTake(double nearness) => _keep is not { } keep || (keep > 0 && (_offers.Count < keep || nearness > _nearness[^1]));

        public void Add(int offer, double nearness)
        {
            if (_keep is not { } keep)
            {
                _offers.Add(offer);
                return;
            }

            if (!WouldTake(nearness))
            {
                return;
            }

            if (_offers.Count == keep)
            {
                _offers.RemoveAt(keep - 1);
                _nearness.RemoveAt(keep - 1);
            }

            var at = _nearness.Count;
            while (at > 0 && _nearness[at - 1] < nearness)
            {
                at--;
            }

            _offers.Insert(at, offer);
            _nearness.Insert(at, nearness);
        }
    }
}
