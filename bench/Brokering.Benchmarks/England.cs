using Brokering.Domain;
using NetTopologySuite.Geometries;

namespace Brokering.Benchmarks;

/// <summary>
/// Synthetic positions spread over England the way people are: most around towns and cities
/// (weighted by their approximate population, spread wider for larger places), the rest scattered
/// over the countryside inside a rough outline of England. Deterministic for a given seed.
/// </summary>
internal sealed class England
{
    // Approximate built-up-area centres and populations in thousands.
    private static readonly (double Lat, double Lon, int Thousands)[] Places =
    [
        (51.507, -0.128, 9000), (52.486, -1.890, 2600), (53.480, -2.242, 2800), (53.801, -1.549, 1900),
        (53.408, -2.992, 900), (54.978, -1.618, 800), (53.381, -1.470, 700), (51.454, -2.588, 700),
        (52.954, -1.158, 750), (52.637, -1.140, 550), (50.909, -1.404, 850), (50.823, -0.137, 480),
        (50.376, -4.143, 260), (53.003, -2.180, 370), (52.407, -1.512, 370), (53.745, -0.336, 300),
        (51.454, -0.978, 330), (52.922, -1.477, 260), (52.630, 1.297, 210), (52.041, -0.759, 230),
        (52.240, -0.902, 220), (51.879, -0.418, 260), (51.752, -1.258, 160), (52.205, 0.122, 150),
        (53.960, -1.087, 200), (50.718, -3.534, 130), (53.763, -2.703, 330), (53.817, -3.036, 240),
        (54.575, -1.235, 380), (54.906, -1.383, 280), (52.057, 1.148, 140), (52.573, -0.241, 200),
        (51.558, -1.781, 220), (50.720, -1.880, 470), (51.864, -2.244, 150), (51.900, -2.078, 120),
        (52.192, -2.220, 100), (53.230, -0.540, 130), (54.892, -2.932, 75), (51.381, -2.359, 95),
        (51.736, 0.469, 110), (51.896, 0.892, 120), (51.270, 0.522, 110), (51.280, 1.080, 55),
        (51.538, 0.714, 300), (53.390, -2.597, 210), (53.545, -2.633, 100), (53.578, -2.429, 200),
        (53.645, -1.785, 160), (53.523, -1.133, 160), (52.677, -2.449, 150), (52.707, -2.754, 75),
        (52.056, -2.716, 60), (50.263, -5.051, 20), (51.080, -4.058, 25), (54.328, -2.746, 30),
        (54.047, -2.801, 50), (54.283, -0.400, 60), (53.992, -1.541, 75), (54.776, -1.576, 50),
        (51.109, -0.187, 110), (51.236, -0.570, 80), (51.267, -1.087, 110), (51.069, -1.795, 45),
        (51.015, -3.106, 60), (50.942, -2.633, 45), (50.715, -2.437, 20), (52.752, 0.395, 45),
        (52.976, -0.026, 45), (52.912, -0.642, 45),
    ];

    // A rough outline of England (longitude, latitude), enough to keep countryside points off the sea.
    private static readonly double[] Outline =
    [
        -5.7, 50.05, -4.2, 50.35, -3.0, 50.7, -1.9, 50.6, -0.8, 50.75, 0.3, 50.75, 1.4, 51.15, 1.45, 51.4,
        0.9, 51.55, 1.3, 51.9, 1.75, 52.5, 1.7, 52.75, 0.9, 52.95, 0.3, 52.85, 0.35, 53.1, 0.1, 53.5,
        -0.3, 53.7, -0.1, 54.1, -0.5, 54.45, -1.1, 54.65, -1.35, 54.95, -1.55, 55.3, -2.05, 55.8,
        -2.65, 55.6, -3.05, 55.0, -3.6, 54.6, -3.35, 54.2, -2.85, 54.15, -3.0, 53.75, -3.1, 53.4,
        -2.95, 53.2, -3.1, 52.9, -3.1, 52.5, -3.0, 52.0, -2.65, 51.65, -2.7, 51.55, -3.0, 51.3,
        -3.5, 51.2, -4.2, 51.2, -4.6, 51.0, -5.1, 50.7, -5.7, 50.05,
    ];

    private const double RuralShare = 0.15;

    private readonly Random _random;
    private readonly double[] _cumulative;
    private readonly Polygon _england;
    private readonly Envelope _box;

    public England(int seed)
    {
        _random = new Random(seed);
        var total = 0.0;
        _cumulative = [.. Places.Select(p => total += p.Thousands)];
        var factory = new GeometryFactory();
        _england = factory.CreatePolygon([.. Enumerable.Range(0, Outline.Length / 2).Select(i => new Coordinate(Outline[2 * i], Outline[2 * i + 1]))]);
        _box = _england.EnvelopeInternal;
    }

    public double NextDouble() => _random.NextDouble();

    public int Next(int max) => _random.Next(max);

    public GeoPoint NextPoint()
    {
        if (_random.NextDouble() < RuralShare)
        {
            while (true)
            {
                var c = new Coordinate(_box.MinX + _random.NextDouble() * _box.Width, _box.MinY + _random.NextDouble() * _box.Height);
                if (_england.Contains(new Point(c)))
                {
                    return new GeoPoint(c.Y, c.X);
                }
            }
        }

        var at = Array.BinarySearch(_cumulative, _random.NextDouble() * _cumulative[^1]);
        var place = Places[at < 0 ? ~at : at];
        var spreadKm = 1.5 + 0.13 * Math.Sqrt(place.Thousands);
        return Near(new GeoPoint(place.Lat, place.Lon), spreadKm);
    }

    /// <summary>A point scattered around <paramref name="centre"/> with a normal spread of <paramref name="spreadKm"/> each way.</summary>
    public GeoPoint Near(GeoPoint centre, double spreadKm)
    {
        var north = Gaussian() * spreadKm;
        var east = Gaussian() * spreadKm;
        var kmPerDegree = GeoPoint.EarthRadiusKm * Math.PI / 180;
        return new GeoPoint(
            Math.Clamp(centre.Latitude + north / kmPerDegree, -90, 90),
            Math.Clamp(centre.Longitude + east / (kmPerDegree * Math.Cos(centre.Latitude * Math.PI / 180)), -180, 180));
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
