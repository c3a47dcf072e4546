using Brokering.Domain;
using Brokering.Domain.Offers;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace Brokering.Matching;

/// <summary>What one rule said about one offer for one diner. Rules are asked in this order; the first that fails is the verdict.</summary>
internal enum Verdict : byte
{
    Eligible,
    OtherCouncil,
    OutOfReach,
    CookNotMatchable,
    AllergenConflict,
    AllergensNotDeclared,
    DietNotMet,
    Excluded,
    NoPortionsLeft,
}

/// <summary>
/// A round's offers with the hard rules for a (diner, offer) pair. Offers sit in buckets of about
/// 2 km, stored bucket by bucket, and an STR-tree indexes the buckets' envelopes. Candidates are
/// found by an envelope query and then kept only if the great-circle distance is within reach, so no
/// rule ever measures in degrees. Built once, it is safe to query from several threads.
/// </summary>
public sealed class OfferIndex
{
    private readonly MatchingRequest _request;
    private readonly OfferToMatch[] _offers;
    private readonly int[] _offerCouncil;
    private readonly double[] _reachKm;
    private readonly double[] _reachCloseness;
    private readonly UnitVector[] _units;
    private readonly Dictionary<Guid, int> _councils = [];
    private readonly double[] _councilMaxKm;
    private readonly double[] _councilMaxCloseness;
    private readonly bool[] _shares;
    private const double BucketKm = 2;

    // Offers in buckets of about BucketKm a side, stored bucket by bucket so a query reads them side
    // by side; the STR-tree indexes the buckets' envelopes.
    private readonly STRtree<int> _tree = new();
    private readonly int[] _bucketStart;
    private readonly int[] _byBucket;
    private readonly UnitVector[] _unitsByBucket;
    private readonly GeoPoint[] _bucketCentre;
    private readonly Dictionary<Guid, List<int>> _offersOfCook = [];
    private readonly Dictionary<Guid, List<Guid>> _pairedCooksOf = [];

    public OfferIndex(MatchingRequest request)
    {
        _request = request;
        _offers = [.. request.Offers];
        foreach (var council in request.CouncilMaxTravelKm.Keys)
        {
            _councils[council] = _councils.Count;
        }

        _councilMaxKm = new double[_councils.Count];
        _councilMaxCloseness = new double[_councils.Count];
        foreach (var (council, maxKm) in request.CouncilMaxTravelKm)
        {
            _councilMaxKm[_councils[council]] = maxKm;
            _councilMaxCloseness[_councils[council]] = UnitVector.ClosenessAt(maxKm);
        }

        _shares = new bool[_councils.Count * _councils.Count];
        for (var c = 0; c < _councils.Count; c++)
        {
            _shares[c * _councils.Count + c] = true;
        }

        foreach (var agreement in request.Sharing)
        {
            if (_councils.TryGetValue(agreement.CouncilA, out var a) && _councils.TryGetValue(agreement.CouncilB, out var b))
            {
                _shares[a * _councils.Count + b] = true;
                _shares[b * _councils.Count + a] = true;
            }
        }

        _offerCouncil = new int[_offers.Length];
        _reachKm = new double[_offers.Length];
        _reachCloseness = new double[_offers.Length];
        _units = new UnitVector[_offers.Length];
        for (var i = 0; i < _offers.Length; i++)
        {
            var offer = _offers[i];
            _offerCouncil[i] = CouncilOf(offer.CouncilId);
            _reachKm[i] = _offerCouncil[i] < 0 ? 0 : Eligibility.ReachKm(offer.CookRadiusKm, _councilMaxKm[_offerCouncil[i]]);
            _reachCloseness[i] = UnitVector.ClosenessAt(_reachKm[i]);
            _units[i] = UnitVector.Of(offer.Location);
            MaxReachKm = Math.Max(MaxReachKm, _reachKm[i]);
            if (!_offersOfCook.TryGetValue(offer.CookId, out var ofCook))
            {
                _offersOfCook[offer.CookId] = ofCook = [];
            }

            ofCook.Add(i);
        }

        foreach (var pairing in request.Pairings)
        {
            if (!_pairedCooksOf.TryGetValue(pairing.DinerId, out var cooks))
            {
                _pairedCooksOf[pairing.DinerId] = cooks = [];
            }

            cooks.Add(pairing.CookId);
        }

        (_byBucket, _bucketStart) = Buckets(_offers);
        _unitsByBucket = [.. _byBucket.Select(o => _units[o])];
        _bucketCentre = new GeoPoint[_bucketStart.Length - 1];
        for (var b = 0; b + 1 < _bucketStart.Length; b++)
        {
            var envelope = new Envelope();
            for (var i = _bucketStart[b]; i < _bucketStart[b + 1]; i++)
            {
                envelope.ExpandToInclude(_offers[_byBucket[i]].Location.Longitude, _offers[_byBucket[i]].Location.Latitude);
            }

            _bucketCentre[b] = new GeoPoint(envelope.Centre.Y, envelope.Centre.X);
            _tree.Insert(envelope, b);
        }

        _tree.Build();
    }

    internal int Count => _offers.Length;

    internal double MaxReachKm { get; }

    internal OfferToMatch this[int offer] => _offers[offer];

    internal MatchingRequest Request => _request;

    /// <summary>
    /// Every offer this diner may have on the round's date, existing pairings first, then nearest.
    /// Offers without portions left are not listed.
    /// </summary>
    public IReadOnlyList<EligibleOffer> WhatCanThisDinerHave(DinerToMatch diner)
    {
        if (!diner.IsActive)
        {
            return [];
        }

        var found = new List<EligibleOffer>();
        var neighbourhood = Neighbourhood.Spare;
        neighbourhood.Load(this, diner.Location, MaxReachKm);
        var at = UnitVector.Of(diner.Location);
        var council = CouncilOf(diner.CouncilId);
        for (var i = 0; i < neighbourhood.Count; i++)
        {
            var offer = neighbourhood.Offer[i];
            var closeness = at.Closeness(neighbourhood.X[i], neighbourhood.Y[i], neighbourhood.Z[i]);
            if (JudgeAtCloseness(diner, council, offer, closeness) == Verdict.Eligible)
            {
                found.Add(new EligibleOffer(_offers[offer], _offers[offer].Location.DistanceKmTo(diner.Location), IsPaired(offer, diner)));
            }
        }

        found.Sort((x, y) => x.ContinuesPairing != y.ContinuesPairing ? (x.ContinuesPairing ? -1 : 1) : x.DistanceKm.CompareTo(y.DistanceKm));
        return found;
    }

    internal int CouncilOf(Guid council) => _councils.TryGetValue(council, out var index) ? index : -1;

    internal double ReachKm(int offer) => _reachKm[offer];

    internal UnitVector Unit(int offer) => _units[offer];

    internal double CouncilMaxKm(int council) => _councilMaxKm[council];

    internal IReadOnlyList<int> OffersOf(Guid cook) => _offersOfCook.TryGetValue(cook, out var offers) ? offers : [];

    internal IReadOnlyList<Guid> PairedCooksOf(Guid diner) => _pairedCooksOf.TryGetValue(diner, out var cooks) ? cooks : [];

    internal bool IsPaired(int offer, DinerToMatch diner) => _request.Pairings.Contains(new CookDiner(_offers[offer].CookId, diner.DinerId));

    /// <summary>Buckets of offers that overlap the box around <paramref name="centre"/> that holds every point within <paramref name="radiusKm"/>.</summary>
    internal void Near(GeoPoint centre, double radiusKm, List<int> buckets)
    {
        buckets.Clear();
        var (minLat, maxLat, minLon, maxLon) = centre.BoundingBox(radiusKm);
        _tree.Query(new Envelope(minLon, maxLon, minLat, maxLat), new Collect(buckets));
    }

    internal void All(List<int> buckets)
    {
        buckets.Clear();
        buckets.AddRange(Enumerable.Range(0, _bucketStart.Length - 1));
    }

    /// <summary>Positions <c>Start..End</c> of one bucket, for <see cref="OfferAt"/> and <see cref="UnitAt"/>.</summary>
    internal (int Start, int End) Bucket(int bucket) => (_bucketStart[bucket], _bucketStart[bucket + 1]);

    internal double BucketDistanceKm(int bucket, GeoPoint from) => _bucketCentre[bucket].DistanceKmTo(from);

    internal int OfferAt(int position) => _byBucket[position];

    internal UnitVector UnitAt(int position) => _unitsByBucket[position];

    /// <summary>The first hard rule this pair fails, or <see cref="Verdict.Eligible"/>.</summary>
    internal Verdict Judge(DinerToMatch diner, int dinerCouncil, int offer, double km) =>
        !SameScheme(dinerCouncil, offer) ? Verdict.OtherCouncil
        : km > _reachKm[offer] || km > _councilMaxKm[dinerCouncil] ? Verdict.OutOfReach
        : JudgeBeyondDistance(diner, _offers[offer]);

    /// <summary>The same verdict as <see cref="Judge"/>, from the pair's closeness (see <see cref="UnitVector"/>).</summary>
    internal Verdict JudgeAtCloseness(DinerToMatch diner, int dinerCouncil, int offer, double closeness)
    {
        if (!SameScheme(dinerCouncil, offer))
        {
            return Verdict.OtherCouncil;
        }

        var limitKm = Math.Min(_reachKm[offer], _councilMaxKm[dinerCouncil]);
        var limitCloseness = Math.Max(_reachCloseness[offer], _councilMaxCloseness[dinerCouncil]);
        return UnitVector.Within(closeness, limitKm, limitCloseness, _offers[offer].Location, diner.Location)
            ? JudgeBeyondDistance(diner, _offers[offer])
            : Verdict.OutOfReach;
    }

    /// <summary>Every rule except council and distance, so "the nearest offer the diner could have" can be found beyond reach.</summary>
    internal Verdict JudgeBeyondDistance(DinerToMatch diner, OfferToMatch o)
    {
        if (!o.CookIsMatchable)
        {
            return Verdict.CookNotMatchable;
        }

        if (!o.Allergens.IsSafeFor(diner.Avoids))
        {
            return o.Allergens.IsComplete ? Verdict.AllergenConflict : Verdict.AllergensNotDeclared;
        }

        if (Eligibility.UnmetDiets(diner.Requires, o.Diets) != Diets.None)
        {
            return Verdict.DietNotMet;
        }

        if (_request.Exclusions.Count > 0 && _request.Exclusions.Contains(new CookDiner(o.CookId, diner.DinerId)))
        {
            return Verdict.Excluded;
        }

        return o.PortionsLeft <= 0 ? Verdict.NoPortionsLeft : Verdict.Eligible;
    }

    private bool SameScheme(int dinerCouncil, int offer) =>
        dinerCouncil >= 0 && _offerCouncil[offer] >= 0 && _shares[dinerCouncil * _councils.Count + _offerCouncil[offer]];

    private static (int[] ByBucket, int[] BucketStart) Buckets(OfferToMatch[] offers)
    {
        var keys = offers.Select(o => Neighbourhood.CellOf(o.Location, BucketKm)).ToArray();
        var byBucket = Enumerable.Range(0, offers.Length).ToArray();
        Array.Sort(keys.ToArray(), byBucket);
        var starts = new List<int>();
        for (var i = 0; i < byBucket.Length; i++)
        {
            if (i == 0 || keys[byBucket[i]] != keys[byBucket[i - 1]])
            {
                starts.Add(i);
            }
        }

        starts.Add(byBucket.Length);
        return (byBucket, [.. starts]);
    }

    private sealed class Collect(List<int> into) : IItemVisitor<int>
    {
        public void VisitItem(int item) => into.Add(item);
    }
}
