using System.Text.RegularExpressions;
using Brokering.Domain;
using Brokering.Features.Persistence;

namespace Brokering.Features.Postcodes;

/// <summary>The centre of one postcode, as the ONS Postcode Directory gives it.</summary>
public sealed class PostcodeCentroid
{
    public PostcodeCentroid(string postcode, double latitude, double longitude)
    {
        Postcode = postcode;
        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>Upper case with one space before the inward code: "LS1 4AP".</summary>
    public string Postcode { get; private set; }
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }
}

/// <summary>Turns what someone typed into the one spelling of a UK postcode, or says it is not one.</summary>
public static partial class UkPostcode
{
    public const int MaxLength = 8;

    /// <summary>"ls14ap", " LS1 4ap " and "LS1  4AP" all become "LS1 4AP"; null when the text cannot be a postcode.</summary>
    public static string? Normalise(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        return Shape().IsMatch(compact) ? $"{compact[..^3]} {compact[^3..]}" : null;
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")]
    private static partial Regex Shape();
}

/// <summary>Finds where a postcode is. Councils can plug in another source (an address gazetteer).</summary>
public interface IGeocoder
{
    /// <summary>The postcode's centre, or null when it is not a postcode or not known.</summary>
    Task<GeoPoint?> LocateAsync(string postcode, CancellationToken cancellationToken);
}

/// <summary>The default geocoder: the table of postcode centroids imported from the ONS Postcode Directory.</summary>
public sealed class PostcodeTableGeocoder(BrokeringDbContext db) : IGeocoder
{
    public async Task<GeoPoint?> LocateAsync(string postcode, CancellationToken cancellationToken)
    {
        if (UkPostcode.Normalise(postcode) is not { } normal)
        {
            return null;
        }

        var found = await db.Postcodes.FindAsync([normal], cancellationToken);
        return found is null ? null : new GeoPoint(found.Latitude, found.Longitude);
    }
}
