using System.Buffers.Binary;

namespace Brokering.Matching;

/// <summary>
/// One matching round: which diner gets which portion on the delivery date. A pure function of the
/// request: the same request always gives the same proposals.
/// <list type="number">
/// <item>Feed as many diners as possible.</item>
/// <item>Among ways that feed as many, prefer diners who would continue an existing pairing, then
/// diners who have waited longest since their last meal (or referral), in that order of priority.</item>
/// <item>Give each diner fed a cook they know where possible, then the shortest total distance.</item>
/// </list>
/// </summary>
public static class Matcher
{
    public static MatchingResult Run(MatchingRequest request, MatchingOptions? options = null)
    {
        options ??= MatchingOptions.Default;
        var diners = request.Diners;
        OfferIndex index = null!;
        DinerCells cells = null!;
        int[] waiting = null!;

        var active = Enumerable.Range(0, diners.Count).Where(d => diners[d].IsActive).ToArray();

        // The offers' index and the diners' grouping and order do not need each other: one core builds each.
        Parallel.Invoke(
            Cores.OneThreadEach,
            () => index = new OfferIndex(request),
            () =>
            {
                cells = Neighbourhood.Cells(diners, active);
                waiting = WaitingOrder(diners, active);
            });
        var graph = CandidateGraph.Build(index, diners, cells, options);
        var capacity = Enumerable.Range(0, index.Count).Select(o => Math.Max(0, index[o].PortionsLeft)).ToArray();
        var assigned = MinCostAssignment.Solve(graph, capacity, PriorityOrder(waiting, graph), options.AuctionFromPortions);

        var left = cells.Where(d => assigned[d] < 0);

        // Clustering works on one core alone, so it runs beside the proposals and explanations.
        var coverage = Task.Run(() => Coverage.Clusters([.. left.All.Select(d => diners[d].Location)], options.ClusterCellKm));
        var fed = Enumerable.Range(0, diners.Count).Where(d => assigned[d] >= 0).ToArray();
        var said = new Explanations(index);
        var proposals = new Proposal[fed.Length];
        Parallel.For(0, fed.Length, Cores.OneThreadEach, i => proposals[i] = said.Propose(diners[fed[i]], assigned[fed[i]]));

        var unmatched = Enumerable.Range(0, diners.Count).Where(d => assigned[d] < 0).ToArray();
        var why = new UnmatchedDiner?[diners.Count];
        if (options.Candidates == CandidateSearch.SpatialIndex)
        {
            Neighbourhood.ForEachCell(index, diners, left, index.MaxReachKm, nearestFirst: false, (near, cell) =>
                said.WhyUnmatched(diners, cell, near, why));
        }
        else
        {
            var everyOffer = new Neighbourhood();
            everyOffer.LoadAll(index);
            Parallel.ForEach(left.All, Cores.OneThreadEach, d => said.WhyUnmatched(diners, new DinerCell(new ArraySegment<int>([d]), diners[d].Location, 0, left.At), everyOffer, why, everyOffer));
        }

        var explained = unmatched.Select(d => why[d] ?? Explanations.WhyInactive(diners[d])).ToArray();
        return new MatchingResult(proposals, explained, coverage.Result);
    }

    /// <summary>Longest waiting first, then by id so that equal requests give equal answers.</summary>
    private static int[] WaitingOrder(IReadOnlyList<DinerToMatch> diners, int[] which)
    {
        var keys = new WaitingKey[which.Length];
        for (var i = 0; i < which.Length; i++)
        {
            keys[i] = WaitingKey.Of(diners[which[i]], which[i]);
        }

        Array.Sort(keys);
        var order = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            order[i] = keys[i].Diner;
        }

        return order;
    }

    /// <summary>
    /// When a diner began waiting, then their id as two numbers that sort as <see cref="Guid.CompareTo(Guid)"/>
    /// does (its big-endian bytes), so the sort compares numbers, not ids.
    /// </summary>
    private readonly record struct WaitingKey(long Since, ulong IdHigh, ulong IdLow, int Diner) : IComparable<WaitingKey>
    {
        public static WaitingKey Of(DinerToMatch diner, int index)
        {
            Span<byte> id = stackalloc byte[16];
            diner.DinerId.TryWriteBytes(id, bigEndian: true, out _);
            return new(diner.WaitingSince.UtcTicks, BinaryPrimitives.ReadUInt64BigEndian(id), BinaryPrimitives.ReadUInt64BigEndian(id[8..]), index);
        }

        public int CompareTo(WaitingKey other) =>
            Since != other.Since ? Since.CompareTo(other.Since)
            : IdHigh != other.IdHigh ? IdHigh.CompareTo(other.IdHigh)
            : IdLow.CompareTo(other.IdLow);
    }

    /// <summary>Diners with a candidate offer: those who could continue a pairing first, each group in waiting order.</summary>
    private static int[] PriorityOrder(int[] waiting, CandidateGraph graph)
    {
        var withOffers = waiting.Where(d => graph.End[d] > graph.Start[d]).ToArray();
        return [.. withOffers.Where(d => graph.HasPairedEdge[d]), .. withOffers.Where(d => !graph.HasPairedEdge[d])];
    }
}
