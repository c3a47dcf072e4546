using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// A round's offers with the hard rules for a (diner, offer) pair. Offers sit in grid buckets of
/// about 1 km, stored bucket by bucket and found through their sorted cell keys; wider searches read
/// regions of about 10 km through an STR-tree over their envelopes. Candidates are found by box and
/// then kept only if the great-circle distance is within reach, so no rule ever measures in degrees.
/// Built once, it is safe to query from several threads.
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
    private readonly int[][] _schemeCouncils;
    private readonly int[] _councilStart;
    private readonly int[] _offersByCouncil;
    private readonly int[] _schemeOfferCount;
    private const double BucketKm = 1;
    private const double RegionKm = 10;

    // Wider than this, a query reads whole regions: many fewer envelopes to test, a few more offers to skip.
    private const double RegionQueryKm = 8;

    // Offers are numbered region by region and, within a region, bucket by bucket, so that a query
    // reads the offers of a bucket or region, and the facts the rules need about them, side by side.
    // Buckets (about BucketKm a side) serve the matching radius; regions (about RegionKm) the wider
    // search for the nearest offer beyond it. A box of buckets is a run of sorted keys per row of
    // the grid, one binary search each; regions, being few and searched rarely, sit in an STR-tree.
    private readonly long[] _bucketKeys;
    private readonly int[] _bucketOfKey;
    private readonly int _buckets;
    private readonly STRtree<int> _regionTree = new();
    private readonly int[] _groupStart;
    private readonly int[] _groupEnd;
    private readonly UnitVector[] _groupUnit;
    private readonly double[] _groupRadiusKm;
    private readonly RuleFacts[] _facts;
    private readonly long[] _factKeys;
    private readonly string?[] _cookNotMatchable;
    // What coordinators recorded between diners and cooks, as offer numbers (see LinksOf), for the
    // few diners with any; the bit filter answers for the many without one.
    private readonly Dictionary<Guid, DinerLinks> _linksOf;
    private readonly DinerBits _mayHaveLinks;

    public OfferIndex(MatchingRequest request)
    {
        _request = request;
        (_offers, var buckets, var regions, _bucketKeys) = Groups(request.Offers);
        _buckets = buckets.Count;
        _bucketOfKey = [.. Enumerable.Range(0, _buckets)];
        Array.Sort(_bucketKeys, _bucketOfKey);
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

        // Most councils share with none: their scheme is themselves alone.
        var sharing = new Dictionary<int, SortedSet<int>>();
        foreach (var agreement in request.Sharing)
        {
            if (_councils.TryGetValue(agreement.CouncilA, out var a) && _councils.TryGetValue(agreement.CouncilB, out var b))
            {
                foreach (var (council, other) in new[] { (a, b), (b, a) })
                {
                    if (!sharing.TryGetValue(council, out var scheme))
                    {
                        sharing[council] = scheme = [council];
                    }

                    scheme.Add(other);
                }
            }
        }

        _schemeCouncils = new int[_councils.Count][];
        for (var c = 0; c < _councils.Count; c++)
        {
            _schemeCouncils[c] = sharing.TryGetValue(c, out var scheme) ? [.. scheme] : [c];
        }

        _offerCouncil = new int[_offers.Length];
        _reachKm = new double[_offers.Length];
        _reachCloseness = new double[_offers.Length];
        _units = new UnitVector[_offers.Length];
        _facts = new RuleFacts[_offers.Length];
        _factKeys = new long[_offers.Length];
        _cookNotMatchable = new string?[_offers.Length];
        for (var i = 0; i < _offers.Length; i++)
        {
            var offer = _offers[i];
            _offerCouncil[i] = CouncilOf(offer.CouncilId);
            _reachKm[i] = _offerCouncil[i] < 0 ? 0 : Eligibility.ReachKm(offer.CookRadiusKm, _councilMaxKm[_offerCouncil[i]]);
            _reachCloseness[i] = UnitVector.ClosenessAt(_reachKm[i]);
            _units[i] = UnitVector.Of(offer.Location);
            _facts[i] = RuleFacts.Of(offer);
            _factKeys[i] = _facts[i].Key;
            _cookNotMatchable[i] = offer.CookIsMatchable ? null : string.Join("; ", offer.CookNotMatchable);
            MaxReachKm = Math.Max(MaxReachKm, _reachKm[i]);
        }

        _linksOf = Links(request, _offers);
        _mayHaveLinks = new DinerBits(_linksOf.Keys);

        // Offers by council, side by side: council c's are _offersByCouncil[_councilStart[c].._councilStart[c + 1]].
        _councilStart = new int[_councils.Count + 1];
        foreach (var council in _offerCouncil)
        {
            if (council >= 0)
            {
                _councilStart[council + 1]++;
            }
        }

        for (var c = 0; c < _councils.Count; c++)
        {
            _councilStart[c + 1] += _councilStart[c];
        }

        _offersByCouncil = new int[_councilStart[^1]];
        var filled = _councilStart[..^1];
        for (var i = 0; i < _offers.Length; i++)
        {
            if (_offerCouncil[i] >= 0)
            {
                _offersByCouncil[filled[_offerCouncil[i]]++] = i;
            }
        }

        _schemeOfferCount = [.. _schemeCouncils.Select(scheme => scheme.Sum(c => OffersInCouncil(c).Length))];

        _groupStart = [.. buckets.Select(g => g.Start), .. regions.Select(g => g.Start)];
        _groupEnd = [.. buckets.Select(g => g.End), .. regions.Select(g => g.End)];
        _groupUnit = new UnitVector[_groupStart.Length];
        _groupRadiusKm = new double[_groupStart.Length];
        for (var g = 0; g < _groupStart.Length; g++)
        {
            var envelope = new Envelope();
            for (var i = _groupStart[g]; i < _groupEnd[g]; i++)
            {
                envelope.ExpandToInclude(_offers[i].Location.Longitude, _offers[i].Location.Latitude);
            }

            _groupUnit[g] = UnitVector.Of(new GeoPoint(envelope.Centre.Y, envelope.Centre.X));
            var farthest = _groupStart[g];
            var widest = 0.0;
            for (var i = _groupStart[g]; i < _groupEnd[g]; i++)
            {
                var chord = _groupUnit[g].ChordSquared(_units[i]);
                (farthest, widest) = chord > widest ? (i, chord) : (farthest, widest);
            }

            _groupRadiusKm[g] = _groupUnit[g].DistanceKmTo(_units[farthest]);

            if (g >= buckets.Count)
            {
                _regionTree.Insert(envelope, g);
            }
        }

        _regionTree.Build();
    }

    internal int Count => _offers.Length;

    internal double MaxReachKm { get; }

    internal OfferToMatch this[int offer] => _offers[offer];

    /// <summary>The offer's facts for the rules, read from memory packed in the index's order rather than from the offer.</summary>
    internal RuleFacts Facts(int offer) => _facts[offer];

    /// <summary>The offer's <see cref="RuleFacts.Key"/>.</summary>
    internal long FactKey(int offer) => _factKeys[offer];

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
        // The diner's few cooks, looked up once: in a city a thousand offers may suit one diner.
        var links = LinksOf(diner);
        for (var i = 0; i < neighbourhood.Count; i++)
        {
            var offer = neighbourhood.Offer[i];
            var closeness = at.Closeness(neighbourhood.X[i], neighbourhood.Y[i], neighbourhood.Z[i]);
            if (JudgeAtCloseness(diner, council, links.ExcludedOffers, offer, closeness) == Verdict.Eligible)
            {
                var o = _offers[offer];
                found.Add(new EligibleOffer(o, o.Location.DistanceKmTo(diner.Location), links.Pairs(offer)));
            }
        }

        found.Sort((x, y) => x.ContinuesPairing != y.ContinuesPairing ? (x.ContinuesPairing ? -1 : 1) : x.DistanceKm.CompareTo(y.DistanceKm));
        return found;
    }

    internal int CouncilOf(Guid council) => _councils.TryGetValue(council, out var index) ? index : -1;

    internal double ReachKm(int offer) => _reachKm[offer];

    internal UnitVector Unit(int offer) => _units[offer];

    internal double CouncilMaxKm(int council) => _councilMaxKm[council];

    /// <summary>The councils whose offers a diner of <paramref name="council"/> may have: itself and those sharing with it.</summary>
    internal int[] SchemeCouncils(int council) => _schemeCouncils[council];

    internal ReadOnlySpan<int> OffersInCouncil(int council) => _offersByCouncil.AsSpan(_councilStart[council], _councilStart[council + 1] - _councilStart[council]);

    internal int SchemeOfferCount(int council) => _schemeOfferCount[council];

    /// <summary>
    /// The offers of the cooks this diner is paired with and of those recorded as excluded for them,
    /// by number: <see cref="DinerLinks.None"/> for nearly every diner. Looked up once per diner,
    /// not once per offer judged.
    /// </summary>
    internal DinerLinks LinksOf(DinerToMatch diner) =>
        _mayHaveLinks.MayHold(diner.DinerId) && _linksOf.TryGetValue(diner.DinerId, out var links) ? links : DinerLinks.None;

    private static Dictionary<Guid, DinerLinks> Links(MatchingRequest request, OfferToMatch[] offers)
    {
        // Only the offers of cooks with a pairing or an exclusion are ever looked up by cook.
        var offersOfCook = new Dictionary<Guid, List<int>>();
        foreach (var link in request.Pairings.Concat(request.Exclusions))
        {
            offersOfCook.TryAdd(link.CookId, []);
        }

        for (var i = 0; i < offers.Length && offersOfCook.Count > 0; i++)
        {
            if (offersOfCook.TryGetValue(offers[i].CookId, out var ofCook))
            {
                ofCook.Add(i);
            }
        }

        var linksOf = new Dictionary<Guid, DinerLinks>();
        foreach (var (links, excluding) in new[] { (request.Pairings, false), (request.Exclusions, true) })
        {
            foreach (var link in links)
            {
                ref var of = ref CollectionsMarshal.GetValueRefOrAddDefault(linksOf, link.DinerId, out _);
                of = (of ?? DinerLinks.None).With(offersOfCook[link.CookId], excluding);
            }
        }

        return linksOf;
    }

    /// <summary>
    /// The distance limit for a diner of <paramref name="dinerCouncil"/> and this offer, in km and as a
    /// closeness, or false when the offer is not of the diner's scheme.
    /// </summary>
    // Judged tens of millions of times a national round, inside the searches' loops: inlined there,
    // the graph costs about an eighth less and the explanations a sixth (measured alternating).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Limit(int dinerCouncil, int offer, out double limitKm, out double limitCloseness)
    {
        if (!SameScheme(dinerCouncil, offer))
        {
            (limitKm, limitCloseness) = (0, 2);
            return false;
        }

        LimitInScheme(dinerCouncil, offer, out limitKm, out limitCloseness);
        return true;
    }

    // The limit of an offer of the diner's scheme: the nearer of the cook's reach and the diner's council's maximum.
    private void LimitInScheme(int dinerCouncil, int offer, out double limitKm, out double limitCloseness)
    {
        limitKm = Math.Min(_reachKm[offer], _councilMaxKm[dinerCouncil]);
        limitCloseness = Math.Max(_reachCloseness[offer], _councilMaxCloseness[dinerCouncil]);
    }

    internal bool IsPaired(int offer, DinerToMatch diner) => LinksOf(diner).Pairs(offer);

    /// <summary>
    /// Groups of offers that may hold a point of the box around <paramref name="centre"/> that holds
    /// every point within <paramref name="radiusKm"/>: the buckets of the grid cells the box touches,
    /// found row by row in the sorted cell keys, or for a wide radius the regions the STR-tree finds.
    /// </summary>
    internal void Near(GeoPoint centre, double radiusKm, List<int> groups, List<(long First, long Last)> rows)
    {
        groups.Clear();
        var (minLat, maxLat, minLon, maxLon) = centre.BoundingBox(radiusKm);
        if (radiusKm > RegionQueryKm)
        {
            _regionTree.Query(new Envelope(minLon, maxLon, minLat, maxLat), new Collect(groups));
            return;
        }

        Neighbourhood.RowsOfBox(minLat, maxLat, minLon, maxLon, BucketKm, rows);
        var at = 0;
        foreach (var (first, last) in rows)
        {
            // A bucket cut by a region's edge is two groups with one key: start from the first of them.
            for (at = FirstAtLeast(_bucketKeys, at, first); at < _bucketKeys.Length && _bucketKeys[at] <= last; at++)
            {
                groups.Add(_bucketOfKey[at]);
            }
        }
    }

    private static int FirstAtLeast(long[] sorted, int from, long key)
    {
        var (low, high) = (from, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            (low, high) = sorted[middle] < key ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    /// <summary>Groups that hold every offer once.</summary>
    internal void All(List<int> groups)
    {
        groups.Clear();
        groups.AddRange(Enumerable.Range(_buckets, _groupStart.Length - _buckets));
    }

    /// <summary>The offers <c>Start..End</c> of one group.</summary>
    internal (int Start, int End) Group(int group) => (_groupStart[group], _groupEnd[group]);

    internal double GroupDistanceKm(int group, UnitVector from) =>
        Math.Acos(Math.Clamp(from.Closeness(_groupUnit[group].X, _groupUnit[group].Y, _groupUnit[group].Z), -1, 1)) * GeoPoint.EarthRadiusKm;

    /// <summary>How far the group's farthest offer is from its centre.</summary>
    internal double GroupRadiusKm(int group) => _groupRadiusKm[group];

    /// <summary>Why the offer's cook cannot be matched on the round's date, in one line; null when they can.</summary>
    internal string? CookNotMatchable(int offer) => _cookNotMatchable[offer];

    /// <summary>
    /// The first hard rule this pair fails, or <see cref="Verdict.Eligible"/>; <paramref name="excluded"/>
    /// is the diner's <see cref="DinerLinks.ExcludedOffers"/>.
    /// </summary>
    internal Verdict Judge(DinerToMatch diner, int dinerCouncil, int[] excluded, int offer, double km) =>
        !SameScheme(dinerCouncil, offer) ? Verdict.OtherCouncil
        : km > _reachKm[offer] || km > _councilMaxKm[dinerCouncil] ? Verdict.OutOfReach
        : JudgeBeyondDistance(diner, excluded, offer);

    /// <summary>The same verdict as <see cref="Judge"/>, from the pair's closeness (see <see cref="UnitVector"/>).</summary>
    internal Verdict JudgeAtCloseness(DinerToMatch diner, int dinerCouncil, int[] excluded, int offer, double closeness)
    {
        if (!Limit(dinerCouncil, offer, out var limitKm, out var limitCloseness))
        {
            return Verdict.OtherCouncil;
        }

        return UnitVector.Within(closeness, limitKm, limitCloseness, diner.Location, _offers[offer])
            ? JudgeBeyondDistance(diner, excluded, offer)
            : Verdict.OutOfReach;
    }

    /// <summary>
    /// Whether <see cref="JudgeAtCloseness"/> would find the pair eligible, for searches that need only
    /// that. Which offers near a diner fail on council or needs is as good as random to the processor,
    /// so the diner's needs are tested against the offer's facts in one step (<see cref="Needs"/>), and
    /// that and the council with one branch between them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Suits(DinerToMatch diner, Needs needs, int dinerCouncil, int[] excluded, int offer, double closeness)
    {
        var needsMet = needs.AreMetBy(_factKeys[offer]);
        if (!(needsMet & (_offerCouncil[offer] == dinerCouncil)) && !(needsMet && SameScheme(dinerCouncil, offer)))
        {
            return false;
        }

        LimitInScheme(dinerCouncil, offer, out var limitKm, out var limitCloseness);
        return UnitVector.Within(closeness, limitKm, limitCloseness, diner.Location, _offers[offer])
            && !IsExcluded(excluded, offer);
    }

    /// <summary>Every rule except council and distance, so "the nearest offer the diner could have" can be found beyond reach.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Verdict JudgeBeyondDistance(DinerToMatch diner, int[] excluded, int offer)
    {
        var facts = _facts[offer];
        var verdict = facts.Judge(diner.Avoids, diner.Requires);
        return verdict == Verdict.Eligible && IsExcluded(excluded, offer)
            ? Verdict.Excluded
            : verdict;
    }

    // Whether the offer is among a diner's excluded offers (sorted, and nearly always none).
    private static bool IsExcluded(int[] excluded, int offer) => excluded.Length > 0 && Array.BinarySearch(excluded, offer) >= 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SameScheme(int dinerCouncil, int offer)
    {
        var offerCouncil = _offerCouncil[offer];
        return dinerCouncil >= 0 && offerCouncil >= 0
            && (dinerCouncil == offerCouncil || (_schemeCouncils[dinerCouncil].Length > 1 && Array.BinarySearch(_schemeCouncils[dinerCouncil], offerCouncil) >= 0));
    }

    private static (OfferToMatch[] Offers, List<(int Start, int End)> Buckets, List<(int Start, int End)> Regions, long[] BucketKeys) Groups(IReadOnlyList<OfferToMatch> offers)
    {
        var keys = offers.Select(o => (Region: Neighbourhood.CellOf(o.Location, RegionKm), Bucket: Neighbourhood.CellOf(o.Location, BucketKm))).ToArray();
        var order = Enumerable.Range(0, offers.Count).ToArray();
        Array.Sort(keys.ToArray(), order);
        var buckets = new List<(int Start, int End)>();
        var regions = new List<(int Start, int End)>();
        for (var i = 0; i < order.Length; i++)
        {
            if (i == 0 || keys[order[i]] != keys[order[i - 1]])
            {
                buckets.Add((i, i));
            }

            if (i == 0 || keys[order[i]].Region != keys[order[i - 1]].Region)
            {
                regions.Add((i, i));
            }

            buckets[^1] = (buckets[^1].Start, i + 1);
            regions[^1] = (regions[^1].Start, i + 1);
        }

        return ([.. order.Select(i => offers[i])], buckets, regions, [.. buckets.Select(b => keys[order[b.Start]].Bucket)]);
    }

    private sealed class Collect(List<int> into) : IItemVisitor<int>
    {
        public void VisitItem(int item) => into.Add(item);
    }
}

/// <summary>
/// What coordinators recorded between one diner and cooks, as the round's offer numbers in order:
/// the offers of the cooks the diner is paired with, and of the cooks excluded for them.
/// </summary>
internal sealed record DinerLinks(int[] PairedOffers, int[] ExcludedOffers)
{
    public static readonly DinerLinks None = new([], []);

    /// <summary>Whether the offer's cook is one the diner is paired with.</summary>
    public bool Pairs(int offer) => PairedOffers.Length > 0 && Array.BinarySearch(PairedOffers, offer) >= 0;

    /// <summary>These links and one more cook's offers (in order), as paired or excluded.</summary>
    public DinerLinks With(List<int> offersOfCook, bool excluded) => excluded
        ? this with { ExcludedOffers = Merged(ExcludedOffers, offersOfCook) }
        : this with { PairedOffers = Merged(PairedOffers, offersOfCook) };

    // Most diners are linked with one cook, whose offers are already in order.
    private static int[] Merged(int[] offers, List<int> more) => offers.Length == 0 ? [.. more] : [.. offers.Concat(more).Order()];
}

/// <summary>
/// One bit per hash of a diner's id, set for each of a few diners (those with a pairing or an
/// exclusion): for the many others, a bit read in a small array answers instead of a search of a
/// large dictionary.
/// </summary>
internal sealed class DinerBits
{
    private readonly ulong[] _bits;

    public DinerBits(IEnumerable<Guid> diners)
    {
        var held = diners.ToList();
        _bits = new ulong[Math.Max(1, (int)BitOperations.RoundUpToPowerOf2((uint)held.Count) / 8)];
        foreach (var diner in held)
        {
            var bit = Bit(diner);
            _bits[bit >> 6] |= 1UL << bit;
        }
    }

    /// <summary>False only for a diner not among them; true for every diner among them and a few others.</summary>
    public bool MayHold(Guid diner)
    {
        var bit = Bit(diner);
        return (_bits[bit >> 6] & (1UL << bit)) != 0;
    }

    private int Bit(Guid diner) => diner.GetHashCode() & ((_bits.Length << 6) - 1);
}

/// <summary>
/// What the rules beyond council and distance need to know about one offer, packed side by side
/// for every offer so that judging many offers for one diner reads memory in order.
/// </summary>
internal readonly record struct RuleFacts(Allergens Contains, Diets Diets, bool CookIsMatchable, bool Declared, bool HasPortions)
{
    public static RuleFacts Of(OfferToMatch offer) =>
        new(offer.Allergens.Contains, offer.Diets, offer.CookIsMatchable, offer.Allergens.IsComplete, offer.PortionsLeft > 0);

    public const long MatchableBit = 1L << 61;
    public const long DeclaredBit = 1L << 60;
    public const long PortionsBit = 1L << 59;

    /// <summary>
    /// Every fact in one number, never zero: two offers' keys are equal exactly when their facts are.
    /// The allergens it contains are the low 32 bits, its diets the 27 above them.
    /// </summary>
    public long Key => (uint)Contains | ((long)(uint)Diets << 32) | (CookIsMatchable ? MatchableBit : 0) | (Declared ? DeclaredBit : 0) | (HasPortions ? PortionsBit : 0) | (1L << 62);

    /// <summary>The verdict of every rule but council, distance and recorded exclusions, in the order <see cref="Verdict"/> lists them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Verdict Judge(Allergens avoids, Diets requires) =>
        !CookIsMatchable ? Verdict.CookNotMatchable
        : avoids != Allergens.None && !Declared ? Verdict.AllergensNotDeclared
        : (Contains & avoids) != Allergens.None ? Verdict.AllergenConflict
        : Eligibility.UnmetDiets(requires, Diets) != Diets.None ? Verdict.DietNotMet
        : HasPortions ? Verdict.Eligible : Verdict.NoPortionsLeft;
}

/// <summary>
/// What a diner needs of an offer's facts, as masks over <see cref="RuleFacts.Key"/>: bits that must be
/// clear (the allergens they avoid) and bits that must be set (the diets they require, a cook who can
/// be matched, a portion left, and a complete declaration if they avoid any allergen). Met exactly
/// when <see cref="RuleFacts.Judge"/> says <see cref="Verdict.Eligible"/>.
/// </summary>
internal readonly record struct Needs(long Clear, long Set)
{
    public static Needs Of(DinerToMatch diner) => new(
        (uint)diner.Avoids,
        ((long)(uint)diner.Requires << 32) | RuleFacts.MatchableBit | RuleFacts.PortionsBit | (diner.Avoids != Allergens.None ? RuleFacts.DeclaredBit : 0));

    public bool AreMetBy(long facts) => ((facts & Clear) | (~facts & Set)) == 0;
}
