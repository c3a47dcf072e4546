using Brokering.Domain;

namespace Brokering.Matching;

/// <summary>One portion of one offer proposed for one diner, with the reasons in words a coordinator can check.</summary>
public sealed record Proposal(Guid OfferId, Guid DinerId, Guid CookId, double DistanceKm, bool ContinuesPairing, IReadOnlyList<string> Reasons);

/// <summary>An active diner the round could not feed, and why.</summary>
public sealed record UnmatchedDiner(Guid DinerId, IReadOnlyList<string> Reasons);

/// <summary>
/// A group of unmatched diners near one another: where a council should recruit cooks. The centre
/// is rounded to about a kilometre so the view never pinpoints a home.
/// </summary>
public sealed record CoverageCluster(GeoPoint Centre, int Diners, double RadiusKm);

/// <summary>An offer a diner could have, nearest first after those from a cook they already know.</summary>
public sealed record EligibleOffer(OfferToMatch Offer, double DistanceKm, bool ContinuesPairing);

public sealed record MatchingResult(
    IReadOnlyList<Proposal> Proposals, IReadOnlyList<UnmatchedDiner> Unmatched, IReadOnlyList<CoverageCluster> Coverage);

/// <summary>Tuning that does not change which rules apply.</summary>
public sealed record MatchingOptions
{
    /// <summary>
    /// Keep only this many candidate offers per diner (existing pairings first, then nearest). Null
    /// keeps every eligible offer, which guarantees the optimum; a cap bounds memory at national scale.
    /// </summary>
    public int? MaxCandidatesPerDiner { get; init; }

    /// <summary>How candidate offers are found for each diner.</summary>
    public CandidateSearch Candidates { get; init; } = CandidateSearch.SpatialIndex;

    /// <summary>
    /// Parts of the round where every portion is taken and that have at least this many portions are
    /// placed by an auction, the others by successive shortest paths. Both find the same least-cost
    /// answer: shortest paths are quicker where a town is small, the auction where it is large.
    /// </summary>
    public int AuctionFromPortions { get; init; } = 400;

    /// <summary>Unmatched diners whose grid cells of this size touch form one coverage cluster.</summary>
    public double ClusterCellKm { get; init; } = 2;

    public static MatchingOptions Default { get; } = new();
}

public enum CandidateSearch
{
    /// <summary>The grid buckets of offers near each small cell of diners, then the exact distance.</summary>
    SpatialIndex,

    /// <summary>
    /// Every diner judged against every offer by haversine, and every unmatched diner explained from
    /// every offer: the reference the index is checked and measured against.
    /// </summary>
    AllPairs,
}
