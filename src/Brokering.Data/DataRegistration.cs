using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Brokering.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DataRegistration
{
    /// <summary>Where the embedded default keeps its database, relative to the working directory.</summary>
    public const string DefaultSqlite = "Data Source=./data/brokering.db";

    /// <summary>PostgreSQL when <c>ConnectionStrings:Postgres</c> is set; otherwise SQLite under <c>./data</c>.</summary>
    public static DatabaseProvider ProviderFor(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public static IServiceCollection AddBrokeringData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ProviderFor(configuration);
        var connectionString = provider == DatabaseProvider.Postgres
            ? configuration.GetConnectionString("Postgres")!
            : PrepareSqlite(configuration.GetConnectionString("Sqlite") ?? DefaultSqlite);

        services.AddScoped<Rounds.MatchingRounds>();
        services.AddScoped<Notifications.Outbox>();
        services.AddScoped<MealWithdrawal>();
        services.AddScoped<Rhythms.RegularMeals>();
        services.Configure<Rhythms.RegularMealOptions>(configuration.GetSection("Brokering:Jobs:RegularMeals"));
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Postcodes.IGeocoder, Postcodes.PostcodeTableGeocoder>();
        services.Configure<Payments.StripeOptions>(configuration.GetSection("Brokering:Stripe"));
        services.AddHttpClient(Payments.StripeGateway.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<Payments.StripeGateway>();
        // Pooled: a request takes a ready context instead of building one; contexts keep no state between requests.
        services.AddDbContextPool<BrokeringDbContext>(options =>
        {
            if (provider == DatabaseProvider.Postgres)
            {
                options.UseNpgsql(connectionString).AddInterceptors(new ClearPoolOnTransientFailure());
            }
            else
            {
                options.UseSqlite(connectionString);
            }

            // The migrations are written by hand for both providers (EF's design-time package cannot
            // be restored here), so there is no model snapshot to compare against; the schema test in
            // Brokering.Api.Tests checks instead that migrating yields exactly the model's schema.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        return services;
    }

    /// <summary>Creates the folder for a file database and turns on busy waiting, so concurrent writers queue rather than fail.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }

    /// <summary>Applies pending migrations. On SQLite also switches to write-ahead logging, so readers never wait for a writer.</summary>
    public static async Task MigrateAsync(this BrokeringDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
