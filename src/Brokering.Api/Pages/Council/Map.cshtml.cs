using System.Text.Json;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Features.Access;
using Brokering.Features.Matching;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Api.Pages.Council;

public sealed record MapPoint(string Kind, double Latitude, double Longitude);

public sealed class MapModel(BrokeringDbContext db, IOptions<MapOptions> options) : BrokeringPage
{
    /// <summary>Two decimal places of a degree: about 1.1 km north–south, enough to plan, too coarse to find a door.</summary>
    private const int Decimals = 2;

    public IReadOnlyList<MapPoint> Points { get; private set; } = [];
    public IReadOnlyList<CoverageResponse> Clusters { get; private set; } = [];
    public string Json { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var councilId = User.CouncilId();
        var cooks = await db.Cooks.AsNoTracking().Where(c => c.CouncilId == councilId && c.Status == CookStatus.Approved)
            .Select(c => c.Location).ToListAsync(cancellationToken);
        var diners = await db.Diners.AsNoTracking().Where(d => d.CouncilId == councilId && d.Status == DinerStatus.Approved)
            .Select(d => d.Location).ToListAsync(cancellationToken);
        Points = [.. cooks.Select(p => Rounded("cook", p)), .. diners.Select(p => Rounded("diner", p))];
        var run = await db.MatchingRuns.AsNoTracking().Where(r => r.CouncilId == councilId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        Clusters = run is null ? [] : [.. run.Coverage.Select(c => new CoverageResponse(c.Latitude, c.Longitude, c.Diners, c.RadiusKm))];
        // Serialised with the web defaults, which escape '<' so the data cannot close its script element.
        Json = JsonSerializer.Serialize(new { options.Value.TileUrl, options.Value.Attribution, Points, Clusters }, JsonSerializerOptions.Web);
    }

    private static MapPoint Rounded(string kind, Domain.GeoPoint p) => new(kind, Math.Round(p.Latitude, Decimals), Math.Round(p.Longitude, Decimals));
}
