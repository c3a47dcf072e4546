using Brokering.Domain;
using Brokering.Domain.Diners;

namespace Brokering.Matching.Tests;

/// <summary>
/// Builds small rounds on a flat patch of Warwickshire: positions are given in kilometres north and
/// east of one point, offers come from approved cooks with a complete declaration of no allergens.
/// </summary>
internal sealed class Round
{
    public static readonly DateOnly Date = new(2026, 11, 23);
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    public static readonly Guid Home = Guid.NewGuid();
    private static readonly GeoPoint Origin = new(52.3, -1.5);

    private readonly List<OfferToMatch> _offers = [];
    private readonly List<DinerToMatch> _diners = [];
    private readonly HashSet<CookDiner> _pairings = [];
    private readonly HashSet<CookDiner> _exclusions = [];
    private readonly List<SharingCouncils> _sharing = [];
    private readonly Dictionary<Guid, double> _councils = new() { [Home] = 5 };

    public static GeoPoint At(double northKm, double eastKm)
    {
        var kmPerDegree = GeoPoint.EarthRadiusKm * Math.PI / 180;
        return new GeoPoint(Origin.Latitude + northKm / kmPerDegree,
            Origin.Longitude + eastKm / (kmPerDegree * Math.Cos(Origin.Latitude * Math.PI / 180)));
    }

    public OfferToMatch Offer(double north = 0, double east = 0, int portions = 1, double radiusKm = 2,
        AllergenDeclaration? allergens = null, Diets diets = Diets.None, Guid? cook = null, Guid? council = null, params string[] notMatchable)
    {
        var offer = new OfferToMatch(Guid.NewGuid(), cook ?? Guid.NewGuid(), council ?? Home, At(north, east), radiusKm,
            allergens ?? AllergenDeclaration.Complete(Allergens.None), diets, portions, notMatchable);
        return Add(offer);
    }

    public OfferToMatch Add(OfferToMatch offer)
    {
        _offers.Add(offer);
        return offer;
    }

    public DinerToMatch Diner(double north = 0, double east = 0, int waitedDays = 10, Allergens avoids = Allergens.None,
        Diets requires = Diets.None, DinerStatus status = DinerStatus.Approved, Guid? council = null, Guid? id = null)
    {
        var diner = new DinerToMatch(id ?? Guid.NewGuid(), council ?? Home, At(north, east), avoids, requires, status, Now.AddDays(-waitedDays));
        _diners.Add(diner);
        return diner;
    }

    public Round Council(Guid council, double maxKm)
    {
        _councils[council] = maxKm;
        return this;
    }

    public Round MaxTravel(double km) => Council(Home, km);

    public Round Paired(OfferToMatch offer, DinerToMatch diner)
    {
        _pairings.Add(new CookDiner(offer.CookId, diner.DinerId));
        return this;
    }

    public Round Excluded(OfferToMatch offer, DinerToMatch diner)
    {
        _exclusions.Add(new CookDiner(offer.CookId, diner.DinerId));
        return this;
    }

    public Round Sharing(Guid a, Guid b)
    {
        _sharing.Add(new SharingCouncils(a, b));
        return this;
    }

    public MatchingRequest Request() => new(Date, Now, _offers, _diners, _councils)
    {
        Pairings = _pairings,
        Exclusions = _exclusions,
        Sharing = _sharing,
    };

    public MatchingResult Run(MatchingOptions? options = null) => Matcher.Run(Request(), options);
}

internal static class ResultExtensions
{
    public static Guid? OfferFor(this MatchingResult result, DinerToMatch diner) =>
        result.Proposals.SingleOrDefault(p => p.DinerId == diner.DinerId)?.OfferId;

    public static IReadOnlyList<string> WhyNot(this MatchingResult result, DinerToMatch diner) =>
        result.Unmatched.Single(u => u.DinerId == diner.DinerId).Reasons;
}
