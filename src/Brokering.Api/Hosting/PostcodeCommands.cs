using Brokering.Features.Persistence;
using Brokering.Features.Postcodes;

namespace Brokering.Api.Hosting;

public static partial class PostcodeCommands
{
    /// <summary><c>import-postcodes &lt;ONSPD.csv&gt;</c>: loads a council's postcode centroids from the ONS Postcode Directory.</summary>
    public static async Task ImportAsync(WebApplication app, string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        using var reader = File.OpenText(path);
        var outcome = await PostcodeImport.ImportAsync(db, reader, CancellationToken.None);
        LogImported(app.Logger, outcome.Imported, outcome.Skipped);
    }

    /// <summary>The synthetic demo postcodes (district ZZ, not a real area) go into an empty table on first start.</summary>
    public static Task SeedDemoPostcodesAsync(BrokeringDbContext db, IConfiguration configuration, CancellationToken cancellationToken) =>
        configuration.GetValue("Brokering:Postcodes:SeedDemo", true)
            ? PostcodeImport.SeedAsync(db, Path.Combine(AppContext.BaseDirectory, "Postcodes", "demo-postcodes.csv"), cancellationToken)
            : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Imported} postcodes; skipped {Skipped} terminated or unplaced rows")]
    private static partial void LogImported(ILogger logger, int imported, int skipped);
}
