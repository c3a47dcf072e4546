using System.Collections.Concurrent;
using System.Globalization;
using Brokering.Domain;
using Brokering.Domain.Councils;
using Brokering.Domain.Offers;

namespace Brokering.Matching;

/// <summary>The reasons a proposal carries and a diner is left without, in words a coordinator can check and act on.</summary>
internal static class Explanations
{
    private static readonly double[] NearestSearchKm = [5, 10, 25, CouncilPolicy.UpperLimitKm];

    public static Proposal Propose(OfferIndex index, DinerToMatch diner, int offer)
    {
        var o = index[offer];
        var km = o.Location.DistanceKmTo(diner.Location);
        var paired = index.IsPaired(offer, diner);
        var council = index.CouncilOf(diner.CouncilId);
        var date = index.Request.DeliveryDate;
        var reasons = new List<string>
        {
            $"{Eligibility.Km(km)} km away, within the cook's {Eligibility.Km(o.CookRadiusKm)} km radius and the council's {Eligibility.Km(index.CouncilMaxKm(council))} km maximum",
            paired
                ? "continues an existing pairing with this cook"
                : "first meal with this cook: an introduction visit comes first",
            $"diner has waited {Days(index.Request.Now - diner.WaitingSince)} since their last meal (or referral)",
            $"cook approved, with every required check valid on {date:yyyy-MM-dd}",
            diner.Avoids == Allergens.None
                ? "diner avoids no allergens"
                : $"offer declares all 14 allergens and contains none of {Eligibility.List(diner.Avoids)}",
        };
        if (diner.Requires != Diets.None)
        {
            reasons.Add($"offer meets {Eligibility.List(diner.Requires)}");
        }

        if (o.CouncilId != diner.CouncilId)
        {
            reasons.Add("cook's council shares with the diner's council");
        }

        return new Proposal(o.OfferId, diner.DinerId, o.CookId, Math.Round(km, 2), paired, reasons);
    }

    public static UnmatchedDiner WhyInactive(DinerToMatch diner) =>
        new(diner.DinerId, [$"diner is {Names.Of(diner.Status)}, not approved and active"]);

    /// <summary>
    /// Why an active diner was left out, from the offers in <paramref name="near"/>: every offer within
    /// reach of the diner must be in it. With <paramref name="everyOffer"/> the nearest suitable offer
    /// beyond reach is sought among all offers instead of through the index.
    /// </summary>
    public static UnmatchedDiner WhyUnmatched(OfferIndex index, DinerToMatch diner, Neighbourhood near, Neighbourhood? everyOffer = null)
    {
        var council = index.CouncilOf(diner.CouncilId);
        var at = UnitVector.Of(diner.Location);
        var outer = UnitVector.ClosenessAt(index.MaxReachKm);
        // Offers are grouped by what is wrong with them; each group's wording is made once per thread.
        var groups = new List<(GroupKey Key, int Count)>();
        var inRange = 0;
        var eligible = 0;
        for (var i = 0; i < near.Count; i++)
        {
            var closeness = at.Closeness(near.X[i], near.Y[i], near.Z[i]);
            if (!UnitVector.MayBeWithin(closeness, outer))
            {
                continue;
            }

            var offer = near.Offer[i];
            var verdict = index.JudgeAtCloseness(diner, council, offer, closeness);
            if (verdict is Verdict.OtherCouncil or Verdict.OutOfReach)
            {
                continue;
            }

            inRange++;
            if (verdict == Verdict.Eligible)
            {
                eligible++;
                continue;
            }

            var key = GroupOf(verdict, index[offer], diner);
            var found = groups.FindIndex(g => g.Key == key);
            if (found < 0)
            {
                groups.Add((key, 1));
            }
            else
            {
                groups[found] = (key, groups[found].Count + 1);
            }
        }

        var reasons = groups.Select(g => (g.Count, What: Wording(g.Key)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.What.One, StringComparer.Ordinal)
            .Select(g => Counted(g.Count, inRange, g.What)).ToList();
        if (eligible > 0)
        {
            const string needed = "suitable, but every portion was needed for diners continuing a pairing, waiting longer, or with no other offer";
            reasons.Add(Counted(eligible, inRange, ($"is {needed}", $"are {needed}")));
        }
        else
        {
            reasons.Add(Nearest(index, diner, council, everyOffer));
        }

        return new(diner.DinerId, reasons);
    }

    /// <summary>The nearest offer the diner could have were it not too far, and the limit it is beyond.</summary>
    private static string Nearest(OfferIndex index, DinerToMatch diner, int council, Neighbourhood? everyOffer)
    {
        var near = everyOffer ?? Neighbourhood.Spare;
        var at = UnitVector.Of(diner.Location);
        foreach (var radius in NearestSearchKm)
        {
            if (everyOffer is null)
            {
                near.Load(index, diner.Location, radius);
            }

            var best = -1;
            var bestCloseness = UnitVector.ClosenessAt(radius);
            for (var i = 0; i < near.Count; i++)
            {
                var offer = near.Offer[i];
                var closeness = at.Closeness(near.X[i], near.Y[i], near.Z[i]);
                if (UnitVector.MayBeWithin(closeness, bestCloseness)
                    && index.JudgeAtCloseness(diner, council, offer, closeness) is Verdict.OutOfReach
                    && index.JudgeBeyondDistance(diner, index[offer]) == Verdict.Eligible
                    && (best < 0 ? index[offer].Location.DistanceKmTo(diner.Location) <= radius : closeness > bestCloseness))
                {
                    best = offer;
                    bestCloseness = closeness;
                }
            }

            if (best >= 0)
            {
                var cookRadius = index[best].CookRadiusKm;
                var councilMax = index.CouncilMaxKm(council);
                var limit = cookRadius <= councilMax
                    ? $"cook's radius {Eligibility.Km(cookRadius)} km"
                    : $"council maximum {Eligibility.Km(councilMax)} km";
                return $"nearest suitable offer is {Eligibility.Km(index[best].Location.DistanceKmTo(diner.Location))} km away; {limit}";
            }
        }

        return $"no suitable offer within {Eligibility.Km(CouncilPolicy.UpperLimitKm)} km on {index.Request.DeliveryDate:yyyy-MM-dd}";
    }

    /// <summary>Offers that fail for the same reason in the same words fall in one group.</summary>
    private readonly record struct GroupKey(Verdict Verdict, long Detail, string? Cook);

    // Allergen and diet wordings are few and the same every day; a cook's lapsed checks name a date, so are not kept.
    private static readonly ConcurrentDictionary<GroupKey, (string One, string Many)> Wordings = new();

    private static (string One, string Many) Wording(GroupKey group) => group.Cook is null ? Wordings.GetOrAdd(group, What) : What(group);

    private static GroupKey GroupOf(Verdict verdict, OfferToMatch offer, DinerToMatch diner) => verdict switch
    {
        Verdict.AllergenConflict => new(verdict, (long)offer.Allergens.ConflictsWith(diner.Avoids), null),
        Verdict.DietNotMet => new(verdict, (long)Eligibility.UnmetDiets(diner.Requires, offer.Diets), null),
        Verdict.CookNotMatchable => new(verdict, 0, string.Join("; ", offer.CookNotMatchable)),
        _ => new(verdict, 0, null),
    };

    /// <summary>What is wrong with the offers of one group, said of one offer and of several.</summary>
    private static (string One, string Many) What(GroupKey group) => group.Verdict switch
    {
        Verdict.CookNotMatchable => Cooks("who cannot be matched (" + group.Cook + ")"),
        Verdict.AllergenConflict => Verb("contains", "contain", $"{Eligibility.List((Allergens)group.Detail)}, which the diner avoids"),
        Verdict.AllergensNotDeclared => Verb("has", "have", "no complete allergen declaration, and the diner avoids allergens"),
        Verdict.DietNotMet => Verb("is", "are", $"not {Eligibility.List((Diets)group.Detail)}"),
        Verdict.Excluded => Cooks("recorded as excluded for this diner"),
        Verdict.NoPortionsLeft => Verb("has", "have", "no portions left"),
        _ => throw new ArgumentOutOfRangeException(nameof(group), group.Verdict, null),
    };

    private static (string One, string Many) Verb(string one, string many, string rest) => ($"{one} {rest}", $"{many} {rest}");

    private static (string One, string Many) Cooks(string rest) =>
        ($"is from a cook {rest}", $"are from cooks {rest}");

    /// <summary>"1 offer in range is …", "2 offers in range, both are …", "2 of 5 offers in range are …".</summary>
    private static string Counted(int count, int inRange, (string One, string Many) what) => count switch
    {
        1 when inRange == 1 => $"1 offer in range {what.One}",
        2 when inRange == 2 => $"2 offers in range, both {what.Many}",
        _ when count == inRange => $"{count} offers in range, all {what.Many}",
        1 => $"1 of {inRange} offers in range {what.One}",
        _ => $"{count} of {inRange} offers in range {what.Many}",
    };

    private static string Days(TimeSpan waited)
    {
        var days = Math.Max(0, (int)waited.TotalDays);
        return days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
    }
}
