using Brokering.Domain;

namespace Brokering.Matching;

/// <summary>
/// Groups unmatched diners into clusters for recruiting: points fall into grid cells of about
/// <c>cellKm</c> a side; each cell drains to its most crowded neighbour (edges or corners) until
/// it reaches a local peak, and the cells draining to one peak form one cluster. A city of unmatched
/// diners therefore splits around its dense spots rather than becoming one cluster the size of a county.
/// </summary>
public static class Coverage
{
    public static IReadOnlyList<CoverageCluster> Clusters(IReadOnlyList<GeoPoint> points, double cellKm)
    {
        if (points.Count == 0)
        {
            return [];
        }

        // One longitude width for the whole round, taken at its mean latitude: a council, or even
        // England, spans few enough degrees that cells stay within a few percent of square.
        var cellLat = cellKm / (GeoPoint.EarthRadiusKm * Math.PI / 180);
        var meanLat = 0.0;
        foreach (var point in points)
        {
            meanLat += point.Latitude / points.Count;
        }

        var cellLon = cellLat / Math.Max(0.01, Math.Cos(meanLat * Math.PI / 180));
        var keys = new long[points.Count];
        var order = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            keys[i] = Neighbourhood.Key((int)Math.Floor(points[i].Latitude / cellLat), (int)Math.Floor(points[i].Longitude / cellLon));
            order[i] = i;
        }

        // Cells numbered in key order: row by row, west to east within a row.
        Array.Sort(keys, order);
        var cellOf = new int[points.Count];
        var counts = new int[points.Count];
        var cells = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i] != keys[cells - 1])
            {
                keys[cells++] = keys[i];
            }

            counts[cells - 1]++;
            cellOf[order[i]] = cells - 1;
        }

        var cellKeys = keys.AsSpan(0, cells);

        // Cells are visited in key order, so the first key each neighbouring row could hold only grows:
        // one pointer per row offset walks forward instead of searching.
        var root = new int[cells];
        Span<int> from = [0, 0, 0];
        for (var cell = 0; cell < cells; cell++)
        {
            var (row, col) = Neighbourhood.RowAndColumn(cellKeys[cell]);
            var best = cell;
            for (var dr = -1; dr <= 1; dr++)
            {
                var first = Neighbourhood.Key(row + dr, col - 1);
                var last = Neighbourhood.Key(row + dr, col + 1);
                ref var neighbour = ref from[dr + 1];
                while (neighbour < cells && cellKeys[neighbour] < first)
                {
                    neighbour++;
                }

                for (var n = neighbour; n < cells && cellKeys[n] <= last; n++)
                {
                    // Ties go to the lower cell number, so draining never goes round in a circle.
                    if (counts[n] > counts[best] || (counts[n] == counts[best] && n < best))
                    {
                        best = n;
                    }
                }
            }

            root[cell] = best;
        }

        var clusterOf = new int[cells];
        var clusters = new List<(double Latitude, double Longitude, int Count)>();
        Array.Fill(clusterOf, -1);
        var pointCluster = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var peak = Find(root, cellOf[i]);
            if (clusterOf[peak] < 0)
            {
                clusterOf[peak] = clusters.Count;
                clusters.Add((0, 0, 0));
            }

            var c = pointCluster[i] = clusterOf[peak];
            clusters[c] = (clusters[c].Latitude + points[i].Latitude, clusters[c].Longitude + points[i].Longitude, clusters[c].Count + 1);
        }

        var centres = clusters.Select(c => new GeoPoint(c.Latitude / c.Count, c.Longitude / c.Count)).ToArray();
        var radii = new double[clusters.Count];
        for (var i = 0; i < points.Count; i++)
        {
            radii[pointCluster[i]] = Math.Max(radii[pointCluster[i]], points[i].DistanceKmTo(centres[pointCluster[i]]));
        }

        var described = new CoverageCluster[clusters.Count];
        for (var c = 0; c < clusters.Count; c++)
        {
            var centre = new GeoPoint(Math.Round(centres[c].Latitude, 2), Math.Round(centres[c].Longitude, 2));
            described[c] = new CoverageCluster(centre, clusters[c].Count, Math.Ceiling(radii[c] * 10) / 10);
        }

        Array.Sort(described, (x, y) => x.Diners != y.Diners ? y.Diners.CompareTo(x.Diners)
            : x.Centre.Latitude != y.Centre.Latitude ? x.Centre.Latitude.CompareTo(y.Centre.Latitude)
            : x.Centre.Longitude.CompareTo(y.Centre.Longitude));
        return described;
    }

    private static int Find(int[] drainsTo, int x)
    {
        while (drainsTo[x] != x)
        {
            drainsTo[x] = drainsTo[drainsTo[x]];
            x = drainsTo[x];
        }

        return x;
    }
}
