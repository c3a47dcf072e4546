using Brokering.Features.Access;


namespace Brokering.Api.Pages;

/// <summary>Where the coordinators' map takes its background tiles from; any XYZ tile server will do.</summary>
public sealed class MapOptions
{
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public string Attribution { get; set; } = "© OpenStreetMap contributors";
}

public static class PageRegistration
{
    public static IServiceCollection AddBrokeringPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Cook", Policies.Cook);
            o.Conventions.AuthorizeFolder("/Referrer", Policies.Referrer);
            o.Conventions.AuthorizeFolder("/Council", Policies.Coordinator);
        });
        services.Configure<MapOptions>(configuration.GetSection("Brokering:Map"));
        return services;
    }
}
