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
        var index = new OfferIndex(request);
        var diners = request.Diners;
        var graph = CandidateGraph.Build(index, diners, options);
        var capacity = Enumerable.Range(0, index.Count).Select(o => Math.Max(0, index[o].PortionsLeft)).ToArray();
        var assigned = MinCostAssignment.Solve(graph, capacity, PriorityOrder(diners, graph), options.AuctionFromPortions);

        var fed = Enumerable.Range(0, diners.Count).Where(d => assigned[d] >= 0).ToArray();
        var proposals = new Proposal[fed.Length];
        Parallel.For(0, fed.Length, i => proposals[i] = Explanations.Propose(index, diners[fed[i]], assigned[fed[i]]));

        var unmatched = Enumerable.Range(0, diners.Count).Where(d => assigned[d] < 0).ToArray();
        var why = new UnmatchedDiner?[diners.Count];
        var active = unmatched.Where(d => diners[d].IsActive).ToArray();
        if (options.Candidates == CandidateSearch.SpatialIndex)
        {
            Neighbourhood.ForEachCell(index, diners, active, index.MaxReachKm, nearestFirst: false, (near, cell) =>
                Explanations.WhyUnmatched(index, diners, cell, near, why));
        }
        else
        {
            var everyOffer = new Neighbourhood();
            everyOffer.LoadAll(index);
            Parallel.ForEach(active, d => Explanations.WhyUnmatched(index, diners, new DinerCell([d], diners[d].Location, 0), everyOffer, why, everyOffer));
        }

        var explained = unmatched.Select(d => why[d] ?? Explanations.WhyInactive(diners[d])).ToArray();
        var coverage = Coverage.Clusters([.. unmatched.Where(d => diners[d].IsActive).Select(d => diners[d].Location)], options.ClusterCellKm);
        return new MatchingResult(proposals, explained, coverage);
    }

    /// <summary>
    /// Diners who could continue a pairing first, then longest waiting, then by id so that equal
    /// requests give equal answers.
    /// </summary>
    private static int[] PriorityOrder(IReadOnlyList<DinerToMatch> diners, CandidateGraph graph)
    {
        var keys = new List<Priority>(diners.Count);
        for (var d = 0; d < diners.Count; d++)
        {
            if (graph.Start[d + 1] > graph.Start[d])
            {
                keys.Add(new Priority(!graph.HasPairedEdge[d], diners[d].WaitingSince.UtcTicks, diners[d].DinerId, d));
            }
        }

        keys.Sort();
        return [.. keys.Select(k => k.Diner)];
    }

    /// <summary>A diner's place in the priority order, compared field by field without a delegate.</summary>
    private readonly record struct Priority(bool NotPaired, long WaitingSinceTicks, Guid DinerId, int Diner) : IComparable<Priority>
    {
        public int CompareTo(Priority other)
        {
            var paired = NotPaired.CompareTo(other.NotPaired);
            if (paired != 0)
            {
                return paired;
            }

            var waited = WaitingSinceTicks.CompareTo(other.WaitingSinceTicks);
            return waited != 0 ? waited : DinerId.CompareTo(other.DinerId);
        }
    }
}
