using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;

namespace Brokering.Matching;

/// <summary>
/// One offer as the matcher sees it: where it is, how far its cook will go, what it declares, how
/// many portions are left, and why its cook cannot be matched on the delivery date (empty when they can).
/// </summary>
public sealed record OfferToMatch(
    Guid OfferId, Guid CookId, Guid CouncilId, GeoPoint Location, double CookRadiusKm,
    AllergenDeclaration Allergens, Diets Diets, int PortionsLeft, IReadOnlyList<string> CookNotMatchable)
{
    public bool CookIsMatchable => CookNotMatchable.Count == 0;

    /// <summary>
    /// The offer on its delivery date. Matchability comes from the cook's own rule
    /// (<see cref="Cook.WhyNotMatchableOn"/>); an offer that is not open has no portions to give.
    /// </summary>
    public static OfferToMatch From(MealOffer offer, Cook cook, CouncilPolicy policy) => new(
        offer.Id, cook.Id, offer.CouncilId, offer.Location, cook.TravelRadiusKm, offer.Allergens, offer.Diets,
        offer.Status == OfferStatus.Open ? offer.PortionsLeft : 0, cook.WhyNotMatchableOn(policy, offer.DeliveryDate));
}

/// <summary>
/// One diner as the matcher sees it. <paramref name="WaitingSince"/> is when they last had a meal,
/// or when they were referred if they have not had one: fairness is about time without a meal.
/// </summary>
public sealed record DinerToMatch(
    Guid DinerId, Guid CouncilId, GeoPoint Location, Allergens Avoids, Diets Requires, DinerStatus Status, DateTimeOffset WaitingSince)
{
    public bool IsActive => Status == DinerStatus.Approved;

    public static DinerToMatch From(Diner diner, DateTimeOffset? lastMeal) => new(
        diner.Id, diner.CouncilId, diner.Location, diner.Avoids, diner.Requires, diner.Status,
        lastMeal is { } meal && meal > diner.ReferredAt ? meal : diner.ReferredAt);
}

/// <summary>A cook and a diner: an existing pairing, or an exclusion a coordinator recorded between them.</summary>
public readonly record struct CookDiner(Guid CookId, Guid DinerId);

/// <summary>Two councils with a live sharing agreement, whose cooks and diners may be matched across the boundary; the order of the two does not matter.</summary>
public readonly record struct SharingCouncils(Guid CouncilA, Guid CouncilB);

/// <summary>Everything one matching round decides from. The matcher reads nothing else: no clock, no database.</summary>
public sealed record MatchingRequest(
    DateOnly DeliveryDate,
    DateTimeOffset Now,
    IReadOnlyList<OfferToMatch> Offers,
    IReadOnlyList<DinerToMatch> Diners,
    IReadOnlyDictionary<Guid, double> CouncilMaxTravelKm)
{
    public IReadOnlySet<CookDiner> Pairings { get; init; } = new HashSet<CookDiner>();
    public IReadOnlySet<CookDiner> Exclusions { get; init; } = new HashSet<CookDiner>();
    public IReadOnlyList<SharingCouncils> Sharing { get; init; } = [];
}
