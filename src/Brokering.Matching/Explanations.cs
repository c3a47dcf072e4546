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
        var reasons = new List<string>(7)
        {
            $"{Eligibility.Km(km)} km away, within the cook's {Eligibility.Km(o.CookRadiusKm)} km radius and the council's {Eligibility.Km(index.CouncilMaxKm(council))} km maximum",
            paired
                ? "continues an existing pairing with this cook"
                : "first meal with this cook: an introduction visit comes first",
            Phrase(Said.Waited, Math.Max(0, (int)(index.Request.Now - diner.WaitingSince).TotalDays)),
            Phrase(Said.ChecksValid, index.Request.DeliveryDate.DayNumber),
            Phrase(Said.Avoids, (long)diner.Avoids),
        };
        if (diner.Requires != Diets.None)
        {
            reasons.Add(Phrase(Said.Meets, (long)diner.Requires));
        }

        if (o.CouncilId != diner.CouncilId)
        {
            reasons.Add("cook's council shares with the diner's council");
        }

        return new Proposal(o.OfferId, diner.DinerId, o.CookId, Math.Round(km, 2), paired, reasons);
    }

    private enum Said
    {
        Waited,
        ChecksValid,
        Avoids,
        Meets,
    }

    // Most of what a proposal says is one of a few sentences, the same for many diners; each is made once.
    private static readonly ConcurrentDictionary<(Said, long), string> Phrases = new();

    private static string Phrase(Said said, long value) => Phrases.GetOrAdd((said, value), key => key.Item1 switch
    {
        Said.Waited => $"diner has waited {Days(key.Item2)} since their last meal (or referral)",
        Said.ChecksValid => $"cook approved, with every required check valid on {DateOnly.FromDayNumber((int)key.Item2):yyyy-MM-dd}",
        Said.Avoids => key.Item2 == 0
            ? "diner avoids no allergens"
            : $"offer declares all 14 allergens and contains none of {Eligibility.List((Allergens)key.Item2)}",
        _ => $"offer meets {Eligibility.List((Diets)key.Item2)}",
    });

    public static UnmatchedDiner WhyInactive(DinerToMatch diner) =>
        new(diner.DinerId, [$"diner is {Names.Of(diner.Status)}, not approved and active"]);

    /// <summary>
    /// Why each diner of <paramref name="cell"/> was left out, from the offers in <paramref name="near"/>:
    /// every offer within reach of any of them must be in it. The nearest suitable offer beyond reach
    /// is sought for the whole cell at once, in widening rings around it; with
    /// <paramref name="everyOffer"/>, among all offers instead.
    /// </summary>
    public static void WhyUnmatched(OfferIndex index, IReadOnlyList<DinerToMatch> diners, DinerCell cell, Neighbourhood near, UnmatchedDiner?[] why, Neighbourhood? everyOffer = null)
    {
        List<(int Diner, List<string> Reasons)>? tooFar = null;
        foreach (var d in cell.Diners)
        {
            var (reasons, anySuitable) = InRange(index, diners[d], near);
            if (anySuitable)
            {
                why[d] = new(diners[d].DinerId, reasons);
            }
            else
            {
                (tooFar ??= []).Add((d, reasons));
            }
        }

        if (tooFar is null)
        {
            return;
        }

        var ring = everyOffer ?? Neighbourhood.Spare;
        foreach (var radius in NearestSearchKm)
        {
            if (everyOffer is null)
            {
                ring.Load(index, cell.Centre, radius + cell.SpreadKm);
            }

            for (var i = tooFar.Count - 1; i >= 0; i--)
            {
                var (d, reasons) = tooFar[i];
                if (Nearest(index, diners[d], ring, radius) is { } nearest)
                {
                    reasons.Add(nearest);
                    why[d] = new(diners[d].DinerId, reasons);
                    tooFar.RemoveAt(i);
                }
            }

            if (tooFar.Count == 0)
            {
                return;
            }
        }

        foreach (var (d, reasons) in tooFar)
        {
            reasons.Add($"no suitable offer within {Eligibility.Km(CouncilPolicy.UpperLimitKm)} km on {index.Request.DeliveryDate:yyyy-MM-dd}");
            why[d] = new(diners[d].DinerId, reasons);
        }
    }

    /// <summary>What is wrong with each offer in reach, counted by reason; and whether any was suitable after all.</summary>
    private static (List<string> Reasons, bool AnySuitable) InRange(OfferIndex index, DinerToMatch diner, Neighbourhood near)
    {
        var council = index.CouncilOf(diner.CouncilId);
        var at = UnitVector.Of(diner.Location);
        var outer = UnitVector.ClosenessAt(index.MaxReachKm);
        var groups = Groups ??= [];
        groups.Clear();
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

            var key = GroupOf(verdict, index, offer, diner);
            var found = 0;
            while (found < groups.Count && groups[found].Key != key)
            {
                found++;
            }

            if (found == groups.Count)
            {
                groups.Add((key, 1));
            }
            else
            {
                groups[found] = (key, groups[found].Count + 1);
            }
        }

        var counted = new (int Count, (string One, string Many) What)[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            counted[g] = (groups[g].Count, Wording(groups[g].Key));
        }

        // Most offers first, then alphabetically, so equal inputs give equal words.
        Array.Sort(counted, (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.What.One, y.What.One));
        var reasons = new List<string>(counted.Length + 1);
        foreach (var (count, what) in counted)
        {
            reasons.Add(Counted(count, inRange, what));
        }

        if (eligible > 0)
        {
            const string needed = "suitable, but every portion was needed for diners continuing a pairing, waiting longer, or with no other offer";
            reasons.Add(Counted(eligible, inRange, ($"is {needed}", $"are {needed}")));
        }

        return (reasons, eligible > 0);
    }

    [ThreadStatic]
    private static List<(GroupKey Key, int Count)>? Groups;

    /// <summary>
    /// The nearest offer among <paramref name="ring"/> within <paramref name="radiusKm"/> that the diner
    /// could have were it not too far, and the limit it is beyond; null when there is none.
    /// </summary>
    private static string? Nearest(OfferIndex index, DinerToMatch diner, Neighbourhood ring, double radiusKm)
    {
        var council = index.CouncilOf(diner.CouncilId);
        var at = UnitVector.Of(diner.Location);
        var best = -1;
        var bestCloseness = UnitVector.ClosenessAt(radiusKm);
        for (var i = 0; i < ring.Count; i++)
        {
            var offer = ring.Offer[i];
            var closeness = at.Closeness(ring.X[i], ring.Y[i], ring.Z[i]);
            if (UnitVector.MayBeWithin(closeness, bestCloseness)
                && index.JudgeAtCloseness(diner, council, offer, closeness) is Verdict.OutOfReach
                && index.JudgeBeyondDistance(diner, offer) == Verdict.Eligible
                && (best < 0 ? index[offer].Location.DistanceKmTo(diner.Location) <= radiusKm : closeness > bestCloseness))
            {
                best = offer;
                bestCloseness = closeness;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var cookRadius = index[best].CookRadiusKm;
        var councilMax = index.CouncilMaxKm(council);
        var limit = cookRadius <= councilMax
            ? $"cook's radius {Eligibility.Km(cookRadius)} km"
            : $"council maximum {Eligibility.Km(councilMax)} km";
        return $"nearest suitable offer is {Eligibility.Km(index[best].Location.DistanceKmTo(diner.Location))} km away; {limit}";
    }

    /// <summary>Offers that fail for the same reason in the same words fall in one group.</summary>
    private readonly record struct GroupKey(Verdict Verdict, long Detail, string? Cook);

    // Allergen and diet wordings are few and the same every day; a cook's lapsed checks name a date, so are not kept.
    private static readonly ConcurrentDictionary<GroupKey, (string One, string Many)> Wordings = new();

    private static (string One, string Many) Wording(GroupKey group) => group.Cook is null ? Wordings.GetOrAdd(group, What) : What(group);

    private static GroupKey GroupOf(Verdict verdict, OfferIndex index, int offer, DinerToMatch diner) => verdict switch
    {
        Verdict.AllergenConflict => new(verdict, (long)index[offer].Allergens.ConflictsWith(diner.Avoids), null),
        Verdict.DietNotMet => new(verdict, (long)Eligibility.UnmetDiets(diner.Requires, index[offer].Diets), null),
        Verdict.CookNotMatchable => new(verdict, 0, index.CookNotMatchable(offer)),
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

    private static string Days(long days) => days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
}
