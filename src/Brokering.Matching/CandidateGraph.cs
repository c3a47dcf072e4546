using System.Runtime.InteropServices;
using Brokering.Domain;

namespace Brokering.Matching;

/// <summary>
/// The sparse bipartite graph of eligible (diner, offer) pairs, stored row by row: the edges of
/// diner <c>d</c> are <c>Offer[Start[d]..End[d]]</c>. An edge's cost orders preferences: any
/// existing pairing outweighs every possible sum of distances, and distance is in whole metres.
/// Each edge's length and that flag share four bytes, rather than eight of cost: a national round's
/// rows are a fifth of a gigabyte, and every page of them is memory the machine must supply anew.
/// </summary>
internal sealed class CandidateGraph
{
    private const int ChunkSize = 2048;

    /// <summary>Set in <see cref="Metres"/> on an edge that does not continue a pairing: a bit no distance on Earth reaches in metres.</summary>
    public const int NotPaired = 1 << 30;

    private CandidateGraph(int[] start, int[] end, int[] offer, int[] metres, bool[] hasPairedEdge, long pairingWeight)
    {
        Start = start;
        End = end;
        Offer = offer;
        Metres = metres;
        HasPairedEdge = hasPairedEdge;
        PairingWeight = pairingWeight;
    }

    public int[] Start { get; }
    public int[] End { get; }
    public int[] Offer { get; }
    /// <summary>Each edge's length in whole metres, with <see cref="NotPaired"/> set unless it continues a pairing.</summary>
    public int[] Metres { get; }
    public bool[] HasPairedEdge { get; }

    /// <summary>The cost added to an edge that does not continue a pairing.</summary>
    public long PairingWeight { get; }

    /// <summary>The edge's cost: its metres, and <see cref="PairingWeight"/> more unless it continues a pairing.</summary>
    public long Cost(int edge) => (Metres[edge] & NotPaired) != 0 ? PairingWeight + (Metres[edge] & ~NotPaired) : Metres[edge];

    /// <summary>The graph of the active diners, who are grouped in <paramref name="cells"/> (see <see cref="Neighbourhood.Cells"/>).</summary>
    public static CandidateGraph Build(OfferIndex index, IReadOnlyList<DinerToMatch> diners, DinerCells cells, MatchingOptions options)
    {
        // More than any total of distances a round can reach, so continuity always wins over distance.
        var pairingWeight = (diners.Count + 1L) * ((long)(index.MaxReachKm * 1000) + 2);
        var cap = options.MaxCandidatesPerDiner;
        var start = new int[diners.Count];
        var end = new int[diners.Count];
        var hasPaired = new bool[diners.Count];

        // With a cap, every diner's row has room for the cap at d * cap and is written there as soon
        // as it is found. Without one, rows grow in each thread's own lists and are copied into place.
        var wide = cap is { } width ? new WideRows(GC.AllocateUninitializedArray<int>(checked(diners.Count * width)), GC.AllocateUninitializedArray<int>(diners.Count * width), width) : null;
        using var rows = new ThreadLocal<Rows>(() => new Rows(cap), trackAllValues: true);

        if (options.Candidates == CandidateSearch.SpatialIndex)
        {
            Neighbourhood.ForEachCell(index, diners, cells, index.MaxReachKm, cap is not null, (neighbourhood, cell) =>
                Add(rows.Value!, cell.Diners, (seeker, nearest) => NearIndexed(index, seeker, neighbourhood, cell.Centre, nearest)));
        }
        else
        {
            Parallel.ForEach(cells.All.Chunk(ChunkSize), Cores.OneThreadEach, chunk =>
                Add(rows.Value!, chunk, (seeker, nearest) => NearByHaversine(index, seeker, nearest)));
        }

        if (wide is not null)
        {
            return new CandidateGraph(start, end, wide.Offer, wide.Metres, hasPaired, pairingWeight);
        }

        var at = 0;
        for (var d = 0; d < diners.Count; d++)
        {
            var length = end[d];
            start[d] = at;
            at += length;
            end[d] = at;
        }

        var offer = GC.AllocateUninitializedArray<int>(at);
        var cost = GC.AllocateUninitializedArray<int>(at);
        // Each thread's rows go to their own places in the arrays, so the threads copy side by side.
        Parallel.ForEach(rows.Values, Cores.OneThreadEach, written =>
        {
            var offers = CollectionsMarshal.AsSpan(written.Offers);
            var costs = CollectionsMarshal.AsSpan(written.Costs);
            var read = 0;
            foreach (var cell in written.Diners)
            {
                foreach (var d in cell)
                {
                    var count = end[d] - start[d];
                    offers.Slice(read, count).CopyTo(offer.AsSpan(start[d]));
                    costs.Slice(read, count).CopyTo(cost.AsSpan(start[d]));
                    read += count;
                }
            }
        });

        return new CandidateGraph(start, end, offer, cost, hasPaired, pairingWeight);

        // Finds the rows of these diners: with a cap, each written in place; without, appended to this
        // thread's rows, with end[d] holding the row's length until the rows are copied into place.
        void Add(Rows written, ArraySegment<int> rowsOf, Action<Seeker, NearestFew> findOthers)
        {
            var offers = written.Offers;
            var costs = written.Costs;
            var nearest = written.Nearest;
            if (wide is null)
            {
                written.Diners.Add(rowsOf);
            }

            // Neighbours nearly always share a council: its number is looked up again only when it changes.
            (Guid Id, int Number)? known = null;
            foreach (var d in rowsOf)
            {
                var diner = diners[d];
                if (known?.Id != diner.CouncilId)
                {
                    known = (diner.CouncilId, index.CouncilOf(diner.CouncilId));
                }

                var seeker = new Seeker(diner, known.Value.Number, index.LinksOf(diner), cells.At[d]);
                var council = seeker.Council;
                var first = offers.Count;
                foreach (var o in seeker.Links.PairedOffers)
                {
                    var km = index[o].Location.DistanceKmTo(diner.Location);
                    if (index.Judge(diner, council, seeker.Links.ExcludedOffers, o, km) == Verdict.Eligible)
                    {
                        hasPaired[d] = true;
                        offers.Add(o);
                        costs.Add(MetresOf(km));
                    }
                }

                if (cap is { } keep && offers.Count - first > keep)
                {
                    TrimToNearest(offers, costs, first, keep);
                }

                nearest.Reset(cap - (offers.Count - first));
                findOthers(seeker, nearest);
                foreach (var o in nearest.TakeOffers())
                {
                    offers.Add(o);
                    costs.Add(NotPaired | MetresOf(index.Unit(o).DistanceKmTo(seeker.At)));
                }

                if (wide is not null)
                {
                    // Only this diner's row is in the lists: it goes to its own place in the graph.
                    start[d] = d * wide.Width;
                    end[d] = start[d] + offers.Count;
                    CollectionsMarshal.AsSpan(offers).CopyTo(wide.Offer.AsSpan(start[d]));
                    CollectionsMarshal.AsSpan(costs).CopyTo(wide.Metres.AsSpan(start[d]));
                    offers.Clear();
                    costs.Clear();
                }
                else
                {
                    end[d] = offers.Count - first;
                }
            }
        }
    }

    /// <summary>Rows with room for <paramref name="Width"/> edges each: diner <c>d</c>'s starts at <c>d * Width</c>.</summary>
    private sealed record WideRows(int[] Offer, int[] Metres, int Width);

    /// <summary>
    /// A diner looking for offers, with what every search for them needs to know: among it, the
    /// offers of the cooks they are paired with, which are judged first, and of the cooks excluded
    /// for them (<see cref="OfferIndex.LinksOf"/>).
    /// </summary>
    private readonly record struct Seeker(DinerToMatch Diner, int Council, DinerLinks Links, UnitVector At);

    /// <summary>
    /// One thread's rows, diner after diner in the order of <see cref="Diners"/>; with a cap, only the
    /// row being found.
    /// </summary>
    private sealed class Rows(int? cap)
    {
        public List<ArraySegment<int>> Diners { get; } = [];
        public List<int> Offers { get; } = [];
        public List<int> Costs { get; } = [];
        public NearestFew Nearest { get; } = new(cap);
    }

    /// <summary>
    /// Eligible offers from cooks the diner is not paired with, judged on closeness within the diner's
    /// neighbourhood. When only the nearest few are kept, the search stops at the first group of
    /// offers that cannot hold one nearer than those already kept.
    /// </summary>
    private static void NearIndexed(OfferIndex index, Seeker seeker, Neighbourhood neighbourhood, GeoPoint centre, NearestFew nearest)
    {
        var (diner, council, links, at) = seeker;
        if (council < 0)
        {
            return;
        }

        // Offers of a cook the diner knows were judged first; matching them by number needs no offer record read.
        var (judgedFirst, excluded) = (links.PairedOffers, links.ExcludedOffers);
        var (x, y, z, offers, groupFirst, nearestFromGroupKm) = (neighbourhood.X, neighbourhood.Y, neighbourhood.Z, neighbourhood.Offer, neighbourhood.GroupFirst, neighbourhood.NearestFromGroupKm);

        var needs = Needs.Of(diner);

        // One closeness below which an offer is either beyond every limit or farther than the few already kept.
        var reach = UnitVector.LeastMayBeWithin(UnitVector.ClosenessAt(Math.Min(index.MaxReachKm, index.CouncilMaxKm(council))));
        var least = Math.Max(reach, nearest.LeastTaken);
        var offCentreKm = -1.0;
        var farthestKeptKm = 0.0;
        var farthestKeptAt = double.NaN;
        for (var g = 0; g < neighbourhood.Groups; g++)
        {
            if (nearest.IsFull)
            {
                if (offCentreKm < 0)
                {
                    offCentreKm = diner.Location.DistanceKmTo(centre);
                }

                // The distance of the farthest kept is measured again only when another offer took its place.
                if (least != farthestKeptAt)
                {
                    (farthestKeptKm, farthestKeptAt) = (nearest.FarthestKeptKm(), least);
                }

                // A metre of margin covers the rounding of the two ways the distances were measured.
                if (nearestFromGroupKm[g] - offCentreKm > farthestKeptKm + 0.001)
                {
                    return;
                }
            }

            for (var i = groupFirst[g]; i < groupFirst[g + 1]; i++)
            {
                var closeness = at.Closeness(x[i], y[i], z[i]);
                if (closeness < least)
                {
                    continue;
                }

                var o = offers[i];
                if (index.Suits(diner, needs, council, excluded, o, closeness)
                    && (judgedFirst.Length == 0 || Array.BinarySearch(judgedFirst, o) < 0))
                {
                    nearest.Add(o, closeness);
                    least = Math.Max(reach, nearest.LeastTaken);
                }
            }
        }
    }

    /// <summary>The reference: every offer in the round measured by haversine and judged.</summary>
    private static void NearByHaversine(OfferIndex index, Seeker seeker, NearestFew nearest)
    {
        var (diner, council, links, _) = seeker;
        for (var o = 0; o < index.Count; o++)
        {
            var km = index[o].Location.DistanceKmTo(diner.Location);
            if (!links.Pairs(o) && index.Judge(diner, council, links.ExcludedOffers, o, km) == Verdict.Eligible)
            {
                nearest.Add(o, -km);
            }
        }
    }

    private static void TrimToNearest(List<int> offers, List<int> costs, int first, int keep)
    {
        var row = Enumerable.Range(first, offers.Count - first).Select(i => (Offer: offers[i], Cost: costs[i])).OrderBy(e => e.Cost).Take(keep).ToArray();
        offers.RemoveRange(first, offers.Count - first);
        costs.RemoveRange(first, costs.Count - first);
        foreach (var (o, cost) in row)
        {
            offers.Add(o);
            costs.Add(cost);
        }
    }

    private static int MetresOf(double km) => (int)Math.Round(km * 1000);

    /// <summary>
    /// Keeps every offer added, or with a limit only the nearest few (highest nearness; between equals,
    /// the lower offer number), in a heap whose first element is the farthest kept, so whichever order
    /// offers come in, the same few are kept.
    /// </summary>
    private sealed class NearestFew(int? limit)
    {
        private readonly List<int> _offers = [];
        private double[] _nearness = new double[Math.Max(1, limit ?? 1)];
        private int[] _kept = new int[Math.Max(1, limit ?? 1)];
        private int _count;
        private int? _keep = limit;

        /// <summary>
        /// The offers kept, in no order of distance: whoever reads a row either sorts it or looks at
        /// every edge (sorting each diner's few here took a tenth of the graph's time). Empties the heap.
        /// </summary>
        public List<int> TakeOffers()
        {
            if (_keep is null)
            {
                return _offers;
            }

            _offers.Clear();
            for (var i = 0; i < _count; i++)
            {
                _offers.Add(_kept[i]);
            }

            _count = 0;
            return _offers;
        }

        public void Reset(int? keep)
        {
            _keep = keep is { } k ? Math.Max(0, k) : null;
            _offers.Clear();
            _count = 0;
            if (_keep > _kept.Length)
            {
                _kept = new int[_keep.Value];
                _nearness = new double[_keep.Value];
            }
        }

        /// <summary>True when no more offers would be kept unless nearer than the farthest kept.</summary>
        public bool IsFull => _keep is { } keep && _count >= keep;

        /// <summary>How far the farthest kept offer is, when nearness is closeness (see <see cref="UnitVector"/>).</summary>
        public double FarthestKeptKm() => _count > 0
            ? Math.Acos(Math.Clamp(_nearness[0], -1, 1)) * GeoPoint.EarthRadiusKm
            : double.NegativeInfinity;

        /// <summary>
        /// The lowest nearness an offer may have and still be kept: none while there is room (or no
        /// limit), above every nearness when nothing is to be kept.
        /// </summary>
        public double LeastTaken => _keep is not { } keep || _count < keep ? double.NegativeInfinity
            : keep == 0 ? double.PositiveInfinity
            : _nearness[0];

        public void Add(int offer, double nearness)
        {
            if (_keep is not { } keep)
            {
                _offers.Add(offer);
            }
            else if (_count < keep)
            {
                // Up from the new leaf while the parent is nearer.
                var i = _count++;
                while (i > 0)
                {
                    var parent = (i - 1) / 2;
                    if (!Farther(nearness, offer, _nearness[parent], _kept[parent]))
                    {
                        break;
                    }

                    _nearness[i] = _nearness[parent];
                    _kept[i] = _kept[parent];
                    i = parent;
                }

                _nearness[i] = nearness;
                _kept[i] = offer;
            }
            else if (keep > 0 && Farther(_nearness[0], _kept[0], nearness, offer))
            {
                // Drops the farthest kept for this nearer one.
                SiftDown(nearness, offer);
            }
        }

        // Places an offer at the root and moves it down below any child farther than it.
        private void SiftDown(double nearness, int offer)
        {
            var i = 0;
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && Farther(_nearness[child + 1], _kept[child + 1], _nearness[child], _kept[child]))
                {
                    child++;
                }

                if (!Farther(_nearness[child], _kept[child], nearness, offer))
                {
                    break;
                }

                _nearness[i] = _nearness[child];
                _kept[i] = _kept[child];
                i = child;
            }

            _nearness[i] = nearness;
            _kept[i] = offer;
        }

        /// <summary>Farther first; between equals, the higher offer number first.</summary>
        private static bool Farther(double nearness, int offer, double otherNearness, int otherOffer) =>
            nearness < otherNearness || (nearness == otherNearness && offer > otherOffer);
    }
}
