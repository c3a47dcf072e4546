namespace Brokering.Domain;

/// <summary>
/// A WGS84 position. Latitude lies in [-90, 90] and longitude in [-180, 180]; any other value is
/// refused on construction, so a <see cref="GeoPoint"/> that exists is always on Earth.
/// </summary>
public readonly record struct GeoPoint
{
    /// <summary>Mean Earth radius (IUGG), the usual radius for great-circle distances.</summary>
    public const double EarthRadiusKm = 6371.0088;

    public GeoPoint(double latitude, double longitude)
    {
        if (double.IsNaN(latitude) || latitude is < -90 or > 90)
        {
            throw new DomainValidationException(nameof(latitude), "must be between -90 and 90 degrees");
        }

        if (double.IsNaN(longitude) || longitude is < -180 or > 180)
        {
            throw new DomainValidationException(nameof(longitude), "must be between -180 and 180 degrees");
        }

        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; private init; }
    public double Longitude { get; private init; }

    /// <summary>Great-circle (haversine) distance in kilometres.</summary>
    /// <summary>This point rounded to 0.01° (about a kilometre): enough for statistics and maps, not enough to find a home.</summary>
    public GeoPoint Coarsened() => new(Math.Round(Latitude, 2), Math.Round(Longitude, 2));

    public double DistanceKmTo(GeoPoint other)
    {
        var lat1 = ToRadians(Latitude);
        var lat2 = ToRadians(other.Latitude);
        var dLat = lat2 - lat1;
        var dLon = ToRadians(other.Longitude - Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// The latitude/longitude box that contains every point within <paramref name="radiusKm"/>,
    /// for an indexed pre-filter before the exact distance. Near the poles it widens to all longitudes.
    /// </summary>
    public (double MinLatitude, double MaxLatitude, double MinLongitude, double MaxLongitude) BoundingBox(double radiusKm)
    {
        var dLat = radiusKm / EarthRadiusKm * 180 / Math.PI;
        // The box is widest in longitude at its edge farthest from the equator.
        var cosLat = Math.Cos(ToRadians(Math.Min(90, Math.Max(Math.Abs(Latitude - dLat), Math.Abs(Latitude + dLat)))));
        var dLon = cosLat < 1e-6 ? 180 : Math.Min(180, dLat / cosLat);
        return (Math.Max(-90, Latitude - dLat), Math.Min(90, Latitude + dLat),
            Math.Max(-180, Longitude - dLon), Math.Min(180, Longitude + dLon));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
