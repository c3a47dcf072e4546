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

        var result = Matcher.Run(request);

        Assert.Equal(best.Fed, result.Proposals.Count);
        Assert.Equal(best.Chosen, diners.Select(d => result.OfferFor(d) is not null).ToArray());
        Assert.Equal(best.NotContinuing, result.Proposals.Count(p => !p.ContinuesPairing));
        Assert.Equal(best.DistanceKm, result.Proposals.Sum(p => p.DistanceKm), tolerance: 0.01 * (result.Proposals.Count + 1));
        foreach (var proposal in result.Proposals)
        {
            Assert.Contains(choices[diners.FindIndex(d => d.DinerId == proposal.DinerId)], c => c.Offer.OfferId == proposal.OfferId);
        }
    }

    /// <summary>Tries every assignment of diners to offers with portions left, or to nothing.</summary>
    private static class BruteForce
    {
        public sealed record Answer(int Fed, bool[] Chosen, int NotContinuing, double DistanceKm);

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
}
