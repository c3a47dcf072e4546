using System.Data.Common;
using System.Text;
using Brokering.Features.Offers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Brokering.Features.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The database: which provider, its connection, the pooled context and the migrations.</summary>
public static class DatabaseRegistration
{
    /// <summary>Where the embedded default keeps its database, relative to the working directory.</summary>
    public const string DefaultSqlite = "Data Source=./data/brokering.db";

    /// <summary>PostgreSQL when <c>ConnectionStrings:Postgres</c> is set; otherwise SQLite under <c>./data</c>.</summary>
    public static DatabaseProvider ProviderFor(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public static IServiceCollection AddBrokeringDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ProviderFor(configuration);
        var connectionString = provider == DatabaseProvider.Postgres
            ? PreparePostgres(configuration.GetConnectionString("Postgres")!)
            : PrepareSqlite(configuration.GetConnectionString("Sqlite") ?? DefaultSqlite);

        // Pooled: a request takes a ready context instead of building one; contexts keep no state between requests.
        services.TryAddSingleton<IOfferCopies, NoOfferCopies>();
        services.AddDbContextPool<BrokeringDbContext>((services, options) => options.UseBrokeringDatabase(provider, connectionString)
            .AddInterceptors(new AnnounceOfferChanges(services.GetRequiredService<IOfferCopies>())));
        return services;
    }

    /// <summary>Each provider's generated migrations live in an assembly of their own, with its model snapshot.</summary>
    public static string MigrationsAssemblyFor(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? "Brokering.Migrations.Postgres" : "Brokering.Migrations.Sqlite";

    public static DbContextOptionsBuilder UseBrokeringDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        var migrations = MigrationsAssemblyFor(provider);
        return provider == DatabaseProvider.Postgres
            ? options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(migrations)).AddInterceptors(new ClearPoolOnTransientFailure())
            : options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(migrations));
    }

    /// <summary>A context outside dependency injection: for <c>dotnet ef</c> and for tools that work on a database of their own.</summary>
    public static BrokeringDbContext NewContext(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<BrokeringDbContext>();
        options.UseBrokeringDatabase(provider, connectionString);
        return new BrokeringDbContext(options.Options);
    }

    /// <summary>
    /// Lets Npgsql prepare the statements the service sends again and again (a booking's read and
    /// write, the dispatcher's claims), so PostgreSQL parses and plans each once per connection,
    /// unless the connection string says otherwise: set <c>Max Auto Prepare=0</c> behind a
    /// connection pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
    /// <para>
    /// A pooled connection is also handed back as it is, without the three statements that reset
    /// session state (<c>No Reset On Close</c>), unless the connection string says otherwise: the
    /// service sets no session state (its only <c>SET</c> is <c>SET LOCAL</c> in a migration),
    /// and the resets ran each time a booking's read or write took a connection from the pool.
    /// </para>
    /// </summary>
    private static string PreparePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ToString();
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
        await AdoptHandWrittenHistoryAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>The last of the migrations written by hand, before the history was re-baselined on generated ones (2026-12-06).</summary>
    public const string LastHandWrittenMigration = "20261124030000_LateCancellations";

    /// <summary>
    /// A database migrated by the hand-written history up to <see cref="LastHandWrittenMigration"/>
    /// already has exactly the schema of the generated baseline (the schema test compared the two on
    /// every commit until then), audit triggers included. Its history rows are replaced by the
    /// baseline's in one transaction, so nothing is created again and every row stays.
    /// </summary>
    private static async Task AdoptHandWrittenHistoryAsync(BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var generated = db.Database.GetMigrations().ToList();
        var foreign = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(generated).ToList();
        if (foreign.Count == 0)
        {
            return;
        }

        if (!foreign.Contains(LastHandWrittenMigration))
        {
            throw new InvalidOperationException(
                $"The database's migration history ends at {foreign.Max()}, before {LastHandWrittenMigration}: "
                + "migrate it once with a release from before 2026-12-06 (commit c306a89), then start this one.");
        }

        var history = db.GetService<IHistoryRepository>();
        var script = new StringBuilder();
        foreach (var id in foreign)
        {
            script.AppendLine(history.GetDeleteScript(id));
        }

        script.AppendLine(history.GetInsertScript(new HistoryRow(generated[0], ProductInfo.GetVersion())));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync(script.ToString(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException e) when (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19 })
        {
            // Another replica starting at the same moment adopted the history first.
            await transaction.RollbackAsync(cancellationToken);
        }
    }
}
