using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Tests.Hosting;

/// <summary>The one-off commands a deployment runs with the service's own binary.</summary>
public sealed class CommandTests
{
    [Fact]
    public async Task Migrate_prepares_an_empty_database_once_and_exits_so_replicas_need_not_migrate()
    {
        var file = Path.Combine(Path.GetTempPath(), $"brokering-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var first = await RunAsync(file, "migrate");
            var again = await RunAsync(file, "migrate");

            Assert.Equal(0, first.ExitCode);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("The database is migrated and ready", first.Output, StringComparison.Ordinal);
            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync();
            await using var count = new SqliteCommand("""SELECT (SELECT count(*) FROM "__EFMigrationsHistory"), (SELECT count(*) FROM "AspNetUsers"), (SELECT count(*) FROM "Councils")""", connection);
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            await using var context = Brokering.Features.Persistence.DatabaseRegistration.NewContext(Brokering.Features.Persistence.DatabaseProvider.Sqlite, $"Data Source={file}");
            Assert.Equal(context.Database.GetMigrations().Count(), reader.GetInt32(0));
            Assert.Equal((1, 1), (reader.GetInt32(1), reader.GetInt32(2)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var leftover in Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*"))
            {
                File.Delete(leftover);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string database, string command)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        start.Environment["Brokering__Bootstrap__Email"] = "admin@council.test";
        start.Environment["Brokering__Bootstrap__Password"] = "Bootstrap-Passw0rd!";
        start.Environment["Brokering__Postcodes__SeedDemo"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
