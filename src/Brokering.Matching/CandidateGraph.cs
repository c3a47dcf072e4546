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
        var chunks = new (int[] Counts, List<int> Offers, List<long> Costs)[(diners.Count + ChunkSize - 1) / ChunkSize];
        var hasPaired = new bool[diners.Count];

        Parallel.For(0, chunks.Length, chunk =>
        {
            var from = chunk * ChunkSize;
            var to = Math.Min(diners.Count, from + ChunkSize);
            var counts = new int[to - from];
            var offers = new List<int>();
            var costs = new List<long>();
            var hits = options.Candidates == CandidateSearch.AllPairs ? [.. Enumerable.Range(0, index.Count)] : new List<int>();
            var row = new List<(int Offer, long Cost)>();
            for (var d = from; d < to; d++)
            {
                var diner = diners[d];
                if (!diner.IsActive)
                {
                    continue;
                }

                row.Clear();
                var council = index.CouncilOf(diner.CouncilId);
                var pairedCooks = index.PairedCooksOf(diner.DinerId);
                foreach (var cook in pairedCooks)
                {
                    foreach (var o in index.OffersOf(cook))
                    {
                        var km = index[o].Location.DistanceKmTo(diner.Location);
                        if (index.Judge(diner, council, o, km) == Verdict.Eligible)
                        {
                            hasPaired[d] = true;
                            row.Add((o, (long)Math.Round(km * 1000)));
                        }
                    }
                }

                // With a cap, look near first: if enough offers lie within a third of the reach,
                // every one of the best few does, and the wider search is not needed.
                var paired = row.Count;
                var radius = options.MaxCandidatesPerDiner is null || options.Candidates == CandidateSearch.AllPairs ? index.MaxReachKm : index.MaxReachKm / 3;
                while (true)
                {
                    if (options.Candidates == CandidateSearch.SpatialIndex)
                    {
                        index.Near(diner.Location, radius, hits);
                    }

                    var within = 0;
                    foreach (var o in hits)
                    {
                        if (pairedCooks.Count > 0 && pairedCooks.Contains(index[o].CookId))
                        {
                            continue;
                        }

                        var km = index[o].Location.DistanceKmTo(diner.Location);
                        if (index.Judge(diner, council, o, km) == Verdict.Eligible)
                        {
                            within += km <= radius ? 1 : 0;
                            row.Add((o, pairingWeight + (long)Math.Round(km * 1000)));
                        }
                    }

                    if (radius >= index.MaxReachKm || within >= options.MaxCandidatesPerDiner)
                    {
                        break;
                    }

                    row.RemoveRange(paired, row.Count - paired);
                    radius = index.MaxReachKm;
                }

                if (options.MaxCandidatesPerDiner is { } cap && row.Count > cap)
                {
                    row.Sort((x, y) => x.Cost.CompareTo(y.Cost));
                    row.RemoveRange(cap, row.Count - cap);
                }

                counts[d - from] = row.Count;
                foreach (var (o, cost) in row)
                {
                    offers.Add(o);
                    costs.Add(cost);
                }
            }

            chunks[chunk] = (counts, offers, costs);
        });

        var start = new int[diners.Count + 1];
        var edges = 0;
        for (var chunk = 0; chunk < chunks.Length; chunk++)
        {
            var counts = chunks[chunk].Counts;
            for (var i = 0; i < counts.Length; i++)
            {
                start[chunk * ChunkSize + i] = edges;
                edges += counts[i];
            }
        }

        start[diners.Count] = edges;
        var offer = new int[edges];
        var cost = new long[edges];
        for (var chunk = 0; chunk < chunks.Length; chunk++)
        {
            var at = start[chunk * ChunkSize];
            chunks[chunk].Offers.CopyTo(offer, at);
            chunks[chunk].Costs.CopyTo(cost, at);
        }

        return new CandidateGraph(start, offer, cost, hasPaired, pairingWeight);
    }
}
