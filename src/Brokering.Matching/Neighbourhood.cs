using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Brokering.Domain;

namespace Brokering.Matching;

/// <summary>
/// A position as a point on the unit sphere. The dot product of two of them (their closeness) is
/// the cosine of the angle between them, so "within <c>r</c> km" becomes "closeness at least
/// <c>cos(r / R)</c>": three multiplications instead of a haversine, with the same answer because
/// the cosine falls steadily with distance.
/// </summary>
internal readonly record struct UnitVector(double X, double Y, double Z)
{
    // Far larger than the rounding error of a dot product, far smaller than a millimetre.
    private const double Slack = 1e-12;

    public static UnitVector Of(GeoPoint point)
    {
        var lat = point.Latitude * Math.PI / 180;
        var lon = point.Longitude * Math.PI / 180;
        var cosLat = Math.Cos(lat);
        return new(cosLat * Math.Cos(lon), cosLat * Math.Sin(lon), Math.Sin(lat));
    }

    public static double ClosenessAt(double km) => Math.Cos(Math.Min(km / GeoPoint.EarthRadiusKm, Math.PI));

    /// <summary>
    /// Whether a diner and an offer at this closeness lie within <paramref name="limitKm"/> of each
    /// other, exactly as <see cref="GeoPoint.DistanceKmTo"/> would say: only a pair within rounding
    /// error of the limit needs the haversine to decide, and only then is the offer itself read (it
    /// lies in memory far from the index's packed facts).
    /// </summary>
    public static bool Within(double closeness, double limitKm, double limitCloseness, GeoPoint diner, OfferToMatch offer) =>
        closeness > limitCloseness + Slack || (closeness >= limitCloseness - Slack && offer.Location.DistanceKmTo(diner) <= limitKm);

    /// <summary>
    /// Whether this closeness is within rounding error of the limit's, where only the haversine can
    /// tell; elsewhere <see cref="ClearlyWithin"/> gives the answer of <see cref="Within"/>.
    /// </summary>
    public static bool NearLimit(double closeness, double limitCloseness) => Math.Abs(closeness - limitCloseness) <= Slack;

    /// <summary>1 if the closeness is beyond rounding error of the limit's on the near side, else 0, computed without a branch.</summary>
    public static int ClearlyWithin(double closeness, double limitCloseness) => Unsafe.BitCast<bool, byte>(closeness > limitCloseness + Slack);

    /// <summary>The lowest closeness at which <see cref="MayBeWithin"/> holds for this limit.</summary>
    public static double LeastMayBeWithin(double limitCloseness) => limitCloseness - Slack;

    /// <summary>True unless the two points are certainly farther apart than the limit.</summary>
    public static bool MayBeWithin(double closeness, double limitCloseness) => closeness >= limitCloseness - Slack;

    public double Closeness(double x, double y, double z) => X * x + Y * y + Z * z;

    /// <summary>The great-circle distance, from the straight chord between the two points: the haversine's answer without its trigonometry.</summary>
    public double DistanceKmTo(UnitVector other) =>
        2 * GeoPoint.EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(ChordSquared(other)) / 2));

    /// <summary>The square of the straight chord between the two points, which grows with their distance.</summary>
    public double ChordSquared(UnitVector other)
    {
        var (dx, dy, dz) = (X - other.X, Y - other.Y, Z - other.Z);
        return dx * dx + dy * dy + dz * dz;
    }
}

/// <summary>
/// The offers that may lie within a radius of any diner in one small cell, found by one query on the
/// index for the whole cell and copied side by side as unit vectors, so that each diner in the cell
/// is then tested with a few multiplications per offer. One instance is reused by one thread.
/// </summary>
internal sealed class Neighbourhood
{
    private const double CellKm = 1;

    private readonly List<int> _groups = [];
    private readonly List<(long First, long Last)> _rows = [];
    private double[] _groupKm = new double[64];

    [ThreadStatic]
    private static Neighbourhood? _spare;

    public int Count { get; private set; }

    /// <summary>This thread's own instance for one-off searches; not to be held across calls that may use it too.</summary>
    public static Neighbourhood Spare => _spare ??= new Neighbourhood();

    public int[] Offer { get; private set; } = new int[64];

    public double[] X { get; private set; } = new double[64];

    public double[] Y { get; private set; } = new double[64];

    public double[] Z { get; private set; } = new double[64];

    /// <summary>How many groups of offers were loaded; the offers of group <c>g</c> are <c>GroupFirst[g]..GroupFirst[g+1]</c>.</summary>
    public int Groups { get; private set; }

    public int[] GroupFirst { get; private set; } = new int[64];

    /// <summary>
    /// How near to the centre any offer of group <c>g</c> or a later one can be, in km, after a
    /// nearest-first load (zero otherwise): past it, a search for the nearest few can stop.
    /// </summary>
    public double[] NearestFromGroupKm { get; private set; } = new double[64];

    /// <summary>
    /// Loads every offer that may lie within <paramref name="radiusKm"/> of <paramref name="centre"/>;
    /// with <paramref name="nearestFirst"/>, group by group from the nearest, so that a search for
    /// the nearest few offers finds them early.
    /// </summary>
    public void Load(OfferIndex index, GeoPoint centre, double radiusKm, bool nearestFirst = false)
    {
        index.Near(centre, radiusKm, _groups, _rows);
        if (nearestFirst)
        {
            SortNearestFirst(index, centre);
        }
        else
        {
            NoNearestBound();
        }

        Copy(index, UnitVector.Of(centre), UnitVector.ClosenessAt(radiusKm));
    }

    /// <summary>
    /// Finds, nearest first, the groups of offers that may hold an offer within <paramref name="radiusKm"/>
    /// of <paramref name="centre"/>, without copying their offers: for searches that read few of them.
    /// </summary>
    public void LoadGroups(OfferIndex index, GeoPoint centre, double radiusKm)
    {
        index.Near(centre, radiusKm, _groups, _rows);
        SortNearestFirst(index, centre);
        Count = 0;
        Groups = _groups.Count;
    }

    /// <summary>The index's number for group <c>g</c> of those loaded.</summary>
    public int GroupId(int g) => _groups[g];

    /// <summary>Loads every offer of the round: the reference that the index is measured against.</summary>
    public void LoadAll(OfferIndex index)
    {
        index.All(_groups);
        NoNearestBound();
        Copy(index, default, -2);
    }

    private void SortNearestFirst(OfferIndex index, GeoPoint centre)
    {
        if (_groupKm.Length < _groups.Count)
        {
            _groupKm = new double[2 * _groups.Count];
        }

        var at = UnitVector.Of(centre);
        for (var i = 0; i < _groups.Count; i++)
        {
            _groupKm[i] = index.GroupDistanceKm(_groups[i], at);
        }

        _groupKm.AsSpan(0, _groups.Count).Sort(CollectionsMarshal.AsSpan(_groups));
        EnsureGroups();
        NearestFromGroupKm[_groups.Count] = double.PositiveInfinity;
        for (var i = _groups.Count - 1; i >= 0; i--)
        {
            NearestFromGroupKm[i] = Math.Min(NearestFromGroupKm[i + 1], _groupKm[i] - index.GroupRadiusKm(_groups[i]));
        }
    }

    // Groups not read nearest first give a search for the nearest few no reason to stop early.
    private void NoNearestBound()
    {
        EnsureGroups();
        Array.Clear(NearestFromGroupKm, 0, _groups.Count + 1);
    }

    private void EnsureGroups()
    {
        if (GroupFirst.Length < _groups.Count + 1)
        {
            GroupFirst = new int[2 * _groups.Count + 1];
            NearestFromGroupKm = new double[2 * _groups.Count + 1];
        }
    }

    private void Copy(OfferIndex index, UnitVector at, double limit)
    {
        var most = 0;
        foreach (var group in _groups)
        {
            var (first, end) = index.Group(group);
            most += end - first;
        }

        if (Offer.Length < most)
        {
            var size = Math.Max(most, 2 * Offer.Length);
            Offer = new int[size];
            X = new double[size];
            Y = new double[size];
            Z = new double[size];
        }

        var count = 0;
        for (var g = 0; g < _groups.Count; g++)
        {
            GroupFirst[g] = count;
            var (first, end) = index.Group(_groups[g]);
            // Every offer is written at the next place, which only moves on past one that may be
            // within: at the rim of the circle, which offers may be within is as good as random to the
            // processor, and the arrays have room for every offer of the groups.
            for (var i = first; i < end; i++)
            {
                var u = index.Unit(i);
                Offer[count] = i;
                X[count] = u.X;
                Y[count] = u.Y;
                Z[count] = u.Z;
                count += Unsafe.BitCast<bool, byte>(UnitVector.MayBeWithin(at.Closeness(u.X, u.Y, u.Z), limit));
            }
        }

        Count = count;
        Groups = _groups.Count;
        GroupFirst[Groups] = count;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> once per cell of <paramref name="cells"/>, in parallel, with the
    /// cell's diners and the offers that may lie within <paramref name="radiusKm"/> of any of them.
    /// </summary>
    public static void ForEachCell(OfferIndex index, IReadOnlyList<DinerToMatch> diners, DinerCells cells, double radiusKm, bool nearestFirst, Action<Neighbourhood, DinerCell> visit)
    {
        Parallel.For(
            0,
            cells.Count,
            Cores.OneThreadEach,
            () => new Neighbourhood(),
            (c, _, neighbourhood) =>
            {
                var cell = DinerCell.Of(diners, cells[c], cells.At);
                neighbourhood.Load(index, cell.Centre, radiusKm + cell.SpreadKm, nearestFirst);
                visit(neighbourhood, cell);
                return neighbourhood;
            },
            _ => { });
    }

    /// <summary>
    /// The grid cell of about <paramref name="cellKm"/> a side that holds <paramref name="point"/>:
    /// rows of equal latitude, each cut into columns as wide in km as the row is high. Keys sort
    /// row by row and, within a row, west to east, so the cells of one row in a box are a run of keys.
    /// </summary>
    public static long CellOf(GeoPoint point, double cellKm)
    {
        var cellLat = CellLatitude(cellKm);
        var row = RowOf(point.Latitude, cellLat);
        return Key(row, ColumnOf(point.Longitude, row, cellLat));
    }

    /// <summary>The keys of the first and last cell of each row that a latitude/longitude box touches, in key order.</summary>
    public static void RowsOfBox(double minLat, double maxLat, double minLon, double maxLon, double cellKm, List<(long First, long Last)> rows)
    {
        rows.Clear();
        var cellLat = CellLatitude(cellKm);
        for (var row = RowOf(minLat, cellLat); row <= RowOf(maxLat, cellLat); row++)
        {
            var perDegree = ColumnsPerDegree(row, cellLat);
            rows.Add((Key(row, (int)Math.Floor(minLon * perDegree)), Key(row, (int)Math.Floor(maxLon * perDegree))));
        }
    }

    private static double CellLatitude(double cellKm) => cellKm / (GeoPoint.EarthRadiusKm * Math.PI / 180);

    private static int RowOf(double latitude, double cellLat) => (int)Math.Floor(latitude / cellLat);

    private static int ColumnOf(double longitude, int row, double cellLat) => (int)Math.Floor(longitude * ColumnsPerDegree(row, cellLat));

    private static double ColumnsPerDegree(int row, double cellLat) => Math.Max(0.01, Math.Cos((row + 0.5) * cellLat * Math.PI / 180)) / cellLat;

    /// <summary>
    /// A grid cell's key: keys sort row by row and, within a row, west to east (the column's sign bit
    /// is flipped, so negative columns come first).
    /// </summary>
    public static long Key(int row, int column) => ((long)row << 32) | (uint)(column ^ int.MinValue);

    /// <summary>The row and column a key of <see cref="Key"/> was made from.</summary>
    public static (int Row, int Column) RowAndColumn(long key) => ((int)(key >> 32), (int)((uint)key ^ 0x80000000u));

    /// <summary>
    /// The diners of <paramref name="which"/> grouped by cells of about a kilometre, the cells in key
    /// order so that consecutive cells read the same offers.
    /// </summary>
    public static DinerCells Cells(IReadOnlyList<DinerToMatch> diners, int[] which)
    {
        var members = which.ToArray();
        var keys = new long[members.Length];
        var at = new UnitVector[diners.Count];
        for (var i = 0; i < members.Length; i++)
        {
            var location = diners[members[i]].Location;
            keys[i] = CellOf(location, CellKm);
            at[members[i]] = UnitVector.Of(location);
        }

        Array.Sort(keys, members);
        var start = new List<int>();
        for (var i = 0; i < members.Length; i++)
        {
            if (i == 0 || keys[i] != keys[i - 1])
            {
                start.Add(i);
            }
        }

        start.Add(members.Length);
        return new DinerCells(members, [.. start], at);
    }
}

/// <summary>
/// Diners grouped in cells, side by side in one array: cell <c>c</c> holds
/// <c>Members[Start[c]..Start[c+1]]</c>. <see cref="At"/> holds each grouped diner's position as a
/// unit vector, by diner number, worked out once for every search and explanation of the round.
/// </summary>
internal sealed class DinerCells(int[] members, int[] start, UnitVector[] at)
{
    public int Count => start.Length - 1;

    public UnitVector[] At => at;

    /// <summary>Every diner of every cell, cell after cell.</summary>
    public ArraySegment<int> All => new(members, 0, start[^1]);

    public ArraySegment<int> this[int cell] => new(members, start[cell], start[cell + 1] - start[cell]);

    /// <summary>The same cells, in the same order, with only the diners kept; cells left empty are dropped.</summary>
    public DinerCells Where(Func<int, bool> keep)
    {
        var kept = new List<int>();
        var keptStart = new List<int> { 0 };
        for (var c = 0; c < Count; c++)
        {
            foreach (var d in this[c])
            {
                if (keep(d))
                {
                    kept.Add(d);
                }
            }

            if (kept.Count > keptStart[^1])
            {
                keptStart.Add(kept.Count);
            }
        }

        return new DinerCells([.. kept], [.. keptStart], at);
    }
}

/// <summary>
/// Diners close together, with a centre and the distance from it to the farthest of them; <see cref="At"/>
/// holds their positions as unit vectors, by diner number (<see cref="DinerCells.At"/>).
/// </summary>
internal readonly record struct DinerCell(ArraySegment<int> Diners, GeoPoint Centre, double SpreadKm, UnitVector[] At)
{
    public static DinerCell Of(IReadOnlyList<DinerToMatch> diners, ArraySegment<int> members, UnitVector[] at)
    {
        if (members.Count == 1)
        {
            return new(members, diners[members[0]].Location, 0, at);
        }

        var (latitude, longitude) = (0.0, 0.0);
        foreach (var d in members)
        {
            latitude += diners[d].Location.Latitude;
            longitude += diners[d].Location.Longitude;
        }

        // The farthest by the chord between unit vectors, which grows with the great-circle distance:
        // one arcsine for the cell rather than a haversine for each diner.
        var centre = new GeoPoint(latitude / members.Count, longitude / members.Count);
        var from = UnitVector.Of(centre);
        var farthest = 0;
        var farthestChord = -1.0;
        foreach (var d in members)
        {
            var chord = at[d].ChordSquared(from);
            if (chord > farthestChord)
            {
                (farthest, farthestChord) = (d, chord);
            }
        }

        return new(members, centre, at[farthest].DistanceKmTo(from), at);
    }
}
