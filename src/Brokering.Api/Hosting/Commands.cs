
namespace Brokering.Api.Hosting;

/// <summary>One-off commands the same binary runs instead of serving, then exits.</summary>
public static partial class Commands
{
    /// <summary>
    /// <c>migrate</c>: applies the migrations, makes the roles, default council and bootstrap admin,
    /// and exits: what a deployment's migrations job runs once before the replicas start
    /// (with <c>Brokering__Database__MigrateOnStart=false</c> on the replicas).
    /// <c>import-postcodes &lt;ONSPD.csv&gt;</c>: prepares the database, loads the postcodes and exits.
    /// Answers false when the arguments name no command, so the service starts.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        switch (args)
        {
            case ["migrate"]:
                await app.PrepareDatabaseAsync();
                LogMigrated(app.Logger);
                return true;
            case ["import-postcodes", var path]:
                await app.PrepareDatabaseAsync();
                await PostcodeCommands.ImportAsync(app, path);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Prepares the database at start unless a migrations job does it (<c>Brokering:Database:MigrateOnStart=false</c>).</summary>
    public static Task PrepareOnStartAsync(this WebApplication app) =>
        app.Configuration.GetValue("Brokering:Database:MigrateOnStart", true) ? app.PrepareDatabaseAsync() : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is migrated and ready")]
    private static partial void LogMigrated(ILogger logger);
}
