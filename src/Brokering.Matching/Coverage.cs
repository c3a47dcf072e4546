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
        var meanLat = points.Average(p => p.Latitude);
        var cellLon = cellLat / Math.Max(0.01, Math.Cos(meanLat * Math.PI / 180));
        var cells = new Dictionary<(int Row, int Col), int>();
        var cellOf = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var key = ((int)Math.Floor(points[i].Latitude / cellLat), (int)Math.Floor(points[i].Longitude / cellLon));
            if (!cells.TryGetValue(key, out var cell))
            {
                cell = cells.Count;
                cells[key] = cell;
            }

            cellOf[i] = cell;
        }

        var counts = new int[cells.Count];
        foreach (var cell in cellOf)
        {
            counts[cell]++;
        }

        var root = new int[cells.Count];
        foreach (var ((row, col), cell) in cells)
        {
            var best = cell;
            for (var dr = -1; dr <= 1; dr++)
            {
                for (var dc = -1; dc <= 1; dc++)
                {
                    // Ties go to the lower cell number, so draining never goes round in a circle.
                    if (cells.TryGetValue((row + dr, col + dc), out var neighbour)
                        && (counts[neighbour] > counts[best] || (counts[neighbour] == counts[best] && neighbour < best)))
                    {
                        best = neighbour;
                    }
                }
            }

            root[cell] = best;
        }

        var members = new Dictionary<int, List<GeoPoint>>();
        for (var i = 0; i < points.Count; i++)
        {
            var cluster = Find(root, cellOf[i]);
            if (!members.TryGetValue(cluster, out var list))
            {
                members[cluster] = list = [];
            }

            list.Add(points[i]);
        }

        return [.. members.Values.Select(Describe).OrderByDescending(c => c.Diners).ThenBy(c => c.Centre.Latitude).ThenBy(c => c.Centre.Longitude)];
    }

    private static CoverageCluster Describe(List<GeoPoint> points)
    {
        var exact = new GeoPoint(points.Average(p => p.Latitude), points.Average(p => p.Longitude));
        var radius = points.Max(p => p.DistanceKmTo(exact));
        var centre = new GeoPoint(Math.Round(exact.Latitude, 2), Math.Round(exact.Longitude, 2));
        return new CoverageCluster(centre, points.Count, Math.Ceiling(radius * 10) / 10);
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
