using System.Globalization;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;

namespace Brokering.Domain.Offers;

/// <summary>The outcome of asking whether a diner may have a portion of an offer.</summary>
public sealed record EligibilityResult(double DistanceKm, IReadOnlyList<string> Reasons)
{
    public bool IsEligible => Reasons.Count == 0;
}

/// <summary>
/// The hard rules that decide whether a diner may receive an offer, as a pure function of its
/// inputs. Every rule that fails is reported, in words a coordinator can act on.
/// </summary>
public static class Eligibility
{
    /// <summary>
    /// Every hard rule that stops <paramref name="diner"/> having <paramref name="offer"/>, judged by
    /// <paramref name="policy"/> (that of the offer's council, which checked the cook). A diner of
    /// another council may have it only when <paramref name="councilsShare"/>: the two councils have
    /// a live sharing agreement.
    /// </summary>
    public static EligibilityResult Check(MealOffer offer, Cook cook, Diner diner, CouncilPolicy policy, bool councilsShare = false)
    {
        var reasons = new List<string>();
        var distance = offer.Location.DistanceKmTo(diner.Location);

        if (diner.CouncilId != offer.CouncilId && !councilsShare)
        {
            reasons.Add("diner belongs to another council, and the two councils have no sharing agreement");
        }

        reasons.AddRange(cook.WhyNotMatchableOn(policy, offer.DeliveryDate));

        if (!diner.IsActive)
        {
            reasons.Add($"diner is {Names.Of(diner.Status)}, not approved and active");
        }

        if (distance > cook.TravelRadiusKm)
        {
            reasons.Add($"diner is {Km(distance)} km away; cook's radius is {Km(cook.TravelRadiusKm)} km");
        }

        if (distance > policy.MaxTravelKm)
        {
            reasons.Add($"diner is {Km(distance)} km away; council maximum is {Km(policy.MaxTravelKm)} km");
        }

        reasons.AddRange(WhyNotSuitable(offer, diner));
        return new EligibilityResult(distance, reasons);
    }

    /// <summary>The food rules alone: allergens the diner avoids and diets they require. Empty when the meal suits them.</summary>
    public static IReadOnlyList<string> WhyNotSuitable(MealOffer offer, Diner diner)
    {
        var reasons = new List<string>();
        if (!offer.Allergens.IsSafeFor(diner.Avoids))
        {
            reasons.Add(offer.Allergens.IsComplete
                ? $"offer contains {List(offer.Allergens.ConflictsWith(diner.Avoids))}, which the diner avoids"
                : "offer has no complete allergen declaration and the diner avoids allergens");
        }

        var unmet = UnmetDiets(diner.Requires, offer.Diets);
        if (unmet != Diets.None)
        {
            reasons.Add($"offer is not {List(unmet)}");
        }

        return reasons;
    }

    /// <summary>The diets a diner requires that an offer does not meet; none means every one is met.</summary>
    public static Diets UnmetDiets(Diets required, Diets offered) => required & ~offered;

    /// <summary>How far a meal may travel: the nearer of the cook's own radius and the council's maximum.</summary>
    public static double ReachKm(double cookRadiusKm, double councilMaxKm) => Math.Min(cookRadiusKm, councilMaxKm);

    /// <summary>A distance as explanations write it: kilometres to one decimal place.</summary>
    public static string Km(double km) => km.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Flag values as explanations write them: "milk, tree-nuts".</summary>
    public static string List<T>(T flags) where T : struct, Enum =>
        string.Join(", ", FlagNames.Split(flags).Select(Names.Of));
}
