using Brokering.Domain;

namespace Brokering.Matching.Tests;

/// <summary>
/// On random rounds small enough to try every assignment, the matcher feeds exactly as many diners
/// as the best assignment does, chooses the diners the preference order picks, and feeds them at
/// the least cost.
/// </summary>
public class OptimalityTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 400)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_matcher_feeds_the_optimum_number_of_diners_and_the_preferred_ones_at_least_cost(int seed)
    {
        var random = new Random(seed);
        var round = new Round().MaxTravel(2 + random.NextDouble() * 2);
        var offers = Enumerable.Range(0, random.Next(2, 5)).Select(_ => round.Offer(
            north: random.NextDouble() * 3, east: random.NextDouble() * 3, portions: random.Next(0, 3), radiusKm: 1 + random.NextDouble() * 2,
            allergens: AllergenDeclaration.Complete(random.Next(3) == 0 ? Allergens.Milk : Allergens.None))).ToList();
        var diners = Enumerable.Range(0, random.Next(2, 8)).Select(_ => round.Diner(
            north: random.NextDouble() * 3, east: random.NextDouble() * 3, waitedDays: random.Next(0, 4),
            avoids: random.Next(3) == 0 ? Allergens.Milk : Allergens.None)).ToList();
        foreach (var diner in diners.Where(_ => random.Next(4) == 0))
        {
            round.Paired(offers[random.Next(offers.Count)], diner);
        }

        var request = round.Request();
        var index = new OfferIndex(request);
        var choices = diners.Select(d => index.WhatCanThisDinerHave(d)).ToList();
        var best = BruteForce.Best(diners, choices, request.Now);

        foreach (var solver in Solvers)
        {
            var result = Matcher.Run(request, solver);

            Assert.Equal(best.Fed, result.Proposals.Count);
            Assert.Equal(best.Chosen, diners.Select(d => result.OfferFor(d) is not null).ToArray());
            Assert.Equal(best.NotContinuing, result.Proposals.Count(p => !p.ContinuesPairing));
            Assert.Equal(best.DistanceKm, result.Proposals.Sum(p => p.DistanceKm), tolerance: 0.01 * (result.Proposals.Count + 1));
            foreach (var proposal in result.Proposals)
            {
                Assert.Contains(choices[diners.FindIndex(d => d.DinerId == proposal.DinerId)], c => c.Offer.OfferId == proposal.OfferId);
            }
        }
    }

    /// <summary>Every town placed by the auction wherever all its portions are taken, and every town by shortest paths.</summary>
    private static readonly MatchingOptions[] Solvers = [new() { AuctionFromPortions = 1 }, new() { AuctionFromPortions = int.MaxValue }];

    public static TheoryData<int> Towns() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Towns))]
    public void In_a_town_with_more_diners_than_portions_every_portion_goes_to_the_preferred_diners_at_least_cost(int seed)
    {
        var random = new Random(seed);
        var round = new Round().MaxTravel(3);
        var offers = Enumerable.Range(0, 40).Select(_ => round.Offer(
            north: random.NextDouble() * 6, east: random.NextDouble() * 6, portions: random.Next(1, 5), radiusKm: 1 + random.NextDouble() * 2,
            allergens: AllergenDeclaration.Complete(random.Next(4) == 0 ? Allergens.Milk : Allergens.None))).ToList();
        var diners = Enumerable.Range(0, 160).Select(_ => round.Diner(
            north: random.NextDouble() * 6, east: random.NextDouble() * 6, waitedDays: random.Next(0, 30),
            avoids: random.Next(5) == 0 ? Allergens.Milk : Allergens.None)).ToList();
        foreach (var diner in diners.Where(_ => random.Next(8) == 0))
        {
            round.Paired(offers[random.Next(offers.Count)], diner);
        }

        PlacesEveryPortionAsTheReferenceDoes(round, offers, diners);
    }

    [Theory]
    [MemberData(nameof(Towns))]
    public void In_a_town_where_many_diners_are_paired_with_a_few_cooks_every_portion_still_goes_to_the_preferred_diners_at_least_cost(int seed)
    {
        // Every diner within reach of one of ten cooks is paired with one of them, so paired diners
        // outnumber those cooks' portions: in most of these towns the auction, starting at the scale
        // of distances, meets a price war and goes on from the top of the cost scale.
        var random = new Random(seed);
        var round = new Round().MaxTravel(3);
        var offers = Enumerable.Range(0, 40).Select(_ => round.Offer(
            north: random.NextDouble() * 6, east: random.NextDouble() * 6, portions: random.Next(1, 5), radiusKm: 1 + random.NextDouble() * 2)).ToList();
        var diners = Enumerable.Range(0, 160).Select(_ => round.Diner(
            north: random.NextDouble() * 6, east: random.NextDouble() * 6, waitedDays: random.Next(0, 30))).ToList();
        var known = offers.Take(10).ToList();
        foreach (var diner in diners)
        {
            var near = known.Where(o => o.Location.DistanceKmTo(diner.Location) <= o.CookRadiusKm).ToList();
            if (near.Count > 0)
            {
                round.Paired(near[random.Next(near.Count)], diner);
            }
        }

        PlacesEveryPortionAsTheReferenceDoes(round, offers, diners);
    }

    // Too large to try every assignment: checked against an independent min-cost flow instead.
    private static void PlacesEveryPortionAsTheReferenceDoes(Round round, List<OfferToMatch> offers, List<DinerToMatch> diners)
    {
        var request = round.Request();
        var index = new OfferIndex(request);
        var choices = diners.Select(d => index.WhatCanThisDinerHave(d)).ToList();
        var best = ShortestPathReference.Best(diners, choices);

        foreach (var solver in Solvers)
        {
            var result = Matcher.Run(request, solver);

            Assert.Equal(offers.Sum(o => o.PortionsLeft), result.Proposals.Count);
            Assert.Equal(best.Chosen, diners.Select(d => result.OfferFor(d) is not null).ToArray());
            Assert.Equal(best.NotContinuing, result.Proposals.Count(p => !p.ContinuesPairing));
            Assert.Equal(best.DistanceKm, result.Proposals.Sum(p => p.DistanceKm), tolerance: 0.01 * result.Proposals.Count);

            // Exactly the least total, to the metre: not merely close to it.
            var given = diners.Select((d, i) => choices[i].SingleOrDefault(c => c.Offer.OfferId == result.OfferFor(d)));
            Assert.Equal(best.Metres, given.Sum(c => c is null ? 0 : Metres(c)));
        }
    }

    private static long Metres(EligibleOffer choice) => (long)Math.Round(choice.DistanceKm * 1000);

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(3, null)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    public void The_spatial_index_finds_exactly_what_judging_every_pair_finds(int seed, int? cap)
    {
        var random = new Random(seed);
        var round = new Round().MaxTravel(3);
        for (var i = 0; i < 150; i++)
        {
            round.Offer(north: random.NextDouble() * 30, east: random.NextDouble() * 30, portions: random.Next(1, 4), radiusKm: 1 + random.NextDouble() * 3);
        }

        for (var i = 0; i < 600; i++)
        {
            round.Diner(north: random.NextDouble() * 30, east: random.NextDouble() * 30, waitedDays: random.Next(0, 60));
        }

        // With a cap, the index stops reading offers once none nearer than those kept can remain.
        var indexed = round.Run(new MatchingOptions { MaxCandidatesPerDiner = cap });
        var allPairs = round.Run(new MatchingOptions { Candidates = CandidateSearch.AllPairs, MaxCandidatesPerDiner = cap });

        // Equally good assignments may differ where distances tie to the metre; who is fed and the total distance may not.
        Assert.Equal(allPairs.Proposals.Select(p => p.DinerId).Order(), indexed.Proposals.Select(p => p.DinerId).Order());
        Assert.Equal(allPairs.Proposals.Sum(p => p.DistanceKm), indexed.Proposals.Sum(p => p.DistanceKm), tolerance: 0.01 * indexed.Proposals.Count);
        Assert.True(indexed.Proposals.Count > 100);

        // Explanations found through the index say exactly what reading every offer says.
        Assert.Equal(Explained(allPairs), Explained(indexed));
        Assert.Contains(indexed.Unmatched, u => u.Reasons.Any(r => r.StartsWith("nearest suitable offer", StringComparison.Ordinal)));
        Assert.Contains(indexed.Unmatched, u => u.Reasons.Any(r => r.Contains("offers in range", StringComparison.Ordinal)));
    }

    /// <summary>Every unmatched diner's reasons, in one comparable line each.</summary>
    private static IEnumerable<string> Explained(MatchingResult result) =>
        result.Unmatched.Select(u => $"{u.DinerId}: {string.Join(" | ", u.Reasons)}").Order(StringComparer.Ordinal);

    [Fact]
    public void In_a_dense_town_the_diners_sharing_a_cell_are_explained_exactly_as_judging_every_pair_explains_them()
    {
        // Hundreds of alike diners in each kilometre cell, so offers well inside or well beyond a
        // diner's reach are counted from their distance to the cell's centre, and only the rest measured.
        var random = new Random(11);
        var round = new Round().MaxTravel(3);
        for (var i = 0; i < 300; i++)
        {
            round.Offer(north: random.NextDouble() * 10, east: random.NextDouble() * 10, portions: random.Next(0, 2), radiusKm: 0.5 + random.NextDouble() * 2.5,
                allergens: AllergenDeclaration.Complete(random.Next(3) == 0 ? Allergens.Milk : Allergens.None));
        }

        for (var i = 0; i < 3000; i++)
        {
            round.Diner(north: 4 + random.NextDouble() * 2, east: 4 + random.NextDouble() * 2, waitedDays: random.Next(0, 60),
                avoids: random.Next(4) == 0 ? Allergens.Milk : Allergens.None);
        }

        var indexed = round.Run(new MatchingOptions());
        var allPairs = round.Run(new MatchingOptions { Candidates = CandidateSearch.AllPairs });

        Assert.True(indexed.Unmatched.Count > 1000);
        Assert.Equal(Explained(allPairs), Explained(indexed));
        Assert.Contains(indexed.Unmatched, u => u.Reasons.Any(r => r.Contains("offers in range contain milk", StringComparison.Ordinal)));
    }

    [Fact]
    public void Grid_buckets_and_the_wide_search_in_a_large_scheme_find_what_judging_every_pair_finds_across_the_prime_meridian()
    {
        // A scheme too large to read whole: a dense town on the meridian and diners scattered up to
        // 150 km round it, so the nearest suitable offer is sought through the grid and the regions.
        var random = new Random(7);
        var council = Guid.NewGuid();
        var town = new GeoPoint(51.6, 0.0);
        GeoPoint Near(double spreadKm) => new(
            town.Latitude + (random.NextDouble() - 0.5) * 2 * spreadKm / 111.2,
            town.Longitude + (random.NextDouble() - 0.5) * 2 * spreadKm / (111.2 * Math.Cos(town.Latitude * Math.PI / 180)));
        var offers = Enumerable.Range(0, 4500).Select(i => new OfferToMatch(
            Guid.NewGuid(), Guid.NewGuid(), council, Near(i % 10 == 0 ? 30 : 8), 1 + random.NextDouble() * 2,
            AllergenDeclaration.Complete(random.Next(4) == 0 ? Allergens.Milk : Allergens.None), Diets.None, random.Next(0, 2), [])).ToList();
        var diners = Enumerable.Range(0, 900).Select(i => new DinerToMatch(
            Guid.NewGuid(), council, Near(i % 3 == 0 ? 150 : 10), random.Next(3) == 0 ? Allergens.Milk : Allergens.None, Diets.None,
            Brokering.Domain.Diners.DinerStatus.Approved, Round.Now.AddDays(-random.Next(60)))).ToList();
        var request = new MatchingRequest(Round.Date, Round.Now, offers, diners, new Dictionary<Guid, double> { [council] = 3 });

        var indexed = Matcher.Run(request);
        var allPairs = Matcher.Run(request, new MatchingOptions { Candidates = CandidateSearch.AllPairs });

        Assert.Equal(allPairs.Proposals.Select(p => p.DinerId).Order(), indexed.Proposals.Select(p => p.DinerId).Order());
        Assert.Equal(Explained(allPairs), Explained(indexed));
        Assert.Contains(indexed.Unmatched, u => u.Reasons.Any(r => r.StartsWith("nearest suitable offer is 1", StringComparison.Ordinal)));
        Assert.Contains(indexed.Unmatched, u => u.Reasons.Any(r => r.StartsWith("no suitable offer within 50", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_cap_on_candidates_keeps_a_known_cook_and_the_nearest_others()
    {
        var round = new Round();
        var known = round.Offer(north: 1.8);
        var nearest = round.Offer(north: 0.1);
        for (var i = 0; i < 10; i++)
        {
            round.Offer(north: 0.5 + 0.1 * i);
        }

        var paired = round.Diner();
        var other = round.Diner(north: 0.05);
        round.Paired(known, paired);

        var result = round.Run(new MatchingOptions { MaxCandidatesPerDiner = 1 });

        Assert.Equal(known.OfferId, result.OfferFor(paired));
        Assert.Equal(nearest.OfferId, result.OfferFor(other));
    }

    [Fact]
    public void A_cap_on_candidates_is_filled_only_with_offers_the_diner_could_have()
    {
        var round = new Round();
        round.Offer(north: 0.1, portions: 0, diets: Diets.Halal);
        round.Offer(north: 0.2, diets: Diets.Vegetarian);
        round.Offer(north: 0.3, allergens: AllergenDeclaration.NotDeclared, diets: Diets.Halal);
        round.Offer(north: 0.4, allergens: AllergenDeclaration.Complete(Allergens.Fish), diets: Diets.Halal);
        round.Offer(north: 0.5, notMatchable: "cook suspended", diets: Diets.Halal);
        var farther = round.Offer(north: 1.5, diets: Diets.Halal);
        var diner = round.Diner(requires: Diets.Halal, avoids: Allergens.Fish);

        var result = round.Run(new MatchingOptions { MaxCandidatesPerDiner = 1 });

        Assert.Equal(farther.OfferId, result.OfferFor(diner));
    }

    /// <summary>Tries every assignment of diners to offers with portions left, or to nothing.</summary>
    private static class BruteForce
    {
        public sealed record Answer(int Fed, bool[] Chosen, int NotContinuing, double DistanceKm)
        {
            /// <summary>The total distance in whole metres per meal, as the matcher counts it.</summary>
            public long Metres { get; init; }
        }

        public static Answer Best(List<DinerToMatch> diners, List<IReadOnlyList<EligibleOffer>> choices, DateTimeOffset now)
        {
            // Preference among diners: could continue a pairing, then longest wait, then id.
            var priority = Enumerable.Range(0, diners.Count)
                .OrderByDescending(d => choices[d].Any(c => c.ContinuesPairing))
                .ThenBy(d => diners[d].WaitingSince)
                .ThenBy(d => diners[d].DinerId)
                .ToArray();
            Answer? best = null;
            var pick = new EligibleOffer?[diners.Count];
            var used = new Dictionary<Guid, int>();
            Search(0);
            return best!;

            void Search(int d)
            {
                if (d == diners.Count)
                {
                    var candidate = new Answer(pick.Count(p => p is not null), [.. pick.Select(p => p is not null)],
                        pick.Count(p => p is { ContinuesPairing: false }), pick.Sum(p => p?.DistanceKm ?? 0));
                    if (best is null || Better(candidate, best))
                    {
                        best = candidate;
                    }

                    return;
                }

                pick[d] = null;
                Search(d + 1);
                foreach (var choice in choices[d])
                {
                    var id = choice.Offer.OfferId;
                    if (used.GetValueOrDefault(id) < choice.Offer.PortionsLeft)
                    {
                        used[id] = used.GetValueOrDefault(id) + 1;
                        pick[d] = choice;
                        Search(d + 1);
                        used[id]--;
                    }
                }

                pick[d] = null;
            }

            bool Better(Answer x, Answer y)
            {
                if (x.Fed != y.Fed)
                {
                    return x.Fed > y.Fed;
                }

                foreach (var d in priority)
                {
                    if (x.Chosen[d] != y.Chosen[d])
                    {
                        return x.Chosen[d];
                    }
                }

                return x.NotContinuing != y.NotContinuing ? x.NotContinuing < y.NotContinuing : x.DistanceKm < y.DistanceKm - 1e-9;
            }
        }
    }

    /// <summary>
    /// Min-cost flow by successive shortest paths found with Bellman-Ford, diners added in
    /// preference order: slow, simple and written apart from the matcher.
    /// </summary>
    private static class ShortestPathReference
    {
        public static BruteForce.Answer Best(List<DinerToMatch> diners, List<IReadOnlyList<EligibleOffer>> choices)
        {
            const long NotContinuing = 1_000_000_000;
            var priority = Enumerable.Range(0, diners.Count)
                .OrderByDescending(d => choices[d].Any(c => c.ContinuesPairing))
                .ThenBy(d => diners[d].WaitingSince)
                .ThenBy(d => diners[d].DinerId)
                .ToArray();
            var offers = choices.SelectMany(c => c).Select(c => c.Offer).DistinctBy(o => o.OfferId).ToList();
            var offerNumber = offers.Select((o, i) => (o.OfferId, i)).ToDictionary(x => x.OfferId, x => x.i);
            long Cost(EligibleOffer c) => (c.ContinuesPairing ? 0 : NotContinuing) + Metres(c);

            var assigned = new EligibleOffer?[diners.Count];
            var load = new int[offers.Count];
            foreach (var source in priority)
            {
                // Distances to diners and offers; an offer with a free portion ends a path.
                var toDiner = new long?[diners.Count];
                var toOffer = new long?[offers.Count];
                var via = new int[offers.Count];
                toDiner[source] = 0;
                for (var changed = true; changed;)
                {
                    changed = false;
                    for (var d = 0; d < diners.Count; d++)
                    {
                        if (toDiner[d] is not { } at)
                        {
                            continue;
                        }

                        foreach (var c in choices[d].Where(c => c.Offer.OfferId != assigned[d]?.Offer.OfferId))
                        {
                            var o = offerNumber[c.Offer.OfferId];
                            if (toOffer[o] is null || at + Cost(c) < toOffer[o])
                            {
                                (toOffer[o], via[o], changed) = (at + Cost(c), d, true);
                            }
                        }
                    }

                    for (var d = 0; d < diners.Count; d++)
                    {
                        if (assigned[d] is { } held && toOffer[offerNumber[held.Offer.OfferId]] is { } at && (toDiner[d] is null || at - Cost(held) < toDiner[d]))
                        {
                            (toDiner[d], changed) = (at - Cost(held), true);
                        }
                    }
                }

                var end = Enumerable.Range(0, offers.Count).Where(o => toOffer[o] is not null && load[o] < offers[o].PortionsLeft).OrderBy(o => toOffer[o]).FirstOrDefault(-1);
                if (end < 0)
                {
                    continue;
                }

                load[end]++;
                for (var o = end; ;)
                {
                    var d = via[o];
                    var previous = assigned[d];
                    assigned[d] = choices[d].Single(c => offerNumber[c.Offer.OfferId] == o);
                    if (previous is null)
                    {
                        break;
                    }

                    o = offerNumber[previous.Offer.OfferId];
                }
            }

            return new(assigned.Count(a => a is not null), [.. assigned.Select(a => a is not null)],
                assigned.Count(a => a is { ContinuesPairing: false }), assigned.Sum(a => a?.DistanceKm ?? 0))
            {
                Metres = assigned.Sum(a => a is null ? 0 : Metres(a)),
            };
        }
    }
}
