using Brokering.Domain.Pairings;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Brokering.Features.RegularMeals;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Brokering.Api.Tests.Support;

/// <summary>
/// The whole API through its real HTTP pipeline on a real, empty database of one provider. Each
/// test then makes its own council and people, so no test depends on another's rows.
/// </summary>
public abstract class BrokeringApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@brokering.test";
    public const string AdminPassword = "Bootstrap-Passw0rd!";

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Notify and SendGrid fakes that every message this app sends goes to.</summary>
    public FakeProviders Providers { get; } = new();

    /// <summary>What the app logged, for the test that no personal data is ever logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>One pass of the worker's dispatcher, as the worker process would run it.</summary>
    public Task<int> DispatchAsync() => Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync(CancellationToken.None);

    /// <summary>Plans every live regular meal now, each through its grain, as their reminders would.</summary>
    public async Task PlanRegularMealsAsync()
    {
        var live = await WithDbAsync(db => db.RegularMeals.Where(r => r.Status != RegularMealStatus.Ended).Select(r => r.Id).ToListAsync());
        var grains = Services.GetRequiredService<IGrainFactory>();
        foreach (var id in live)
        {
            Assert.Null(await grains.GetGrain<IRegularMealGrain>(id).Plan());
        }
    }

    public abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionStringKey { get; }

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Database not created yet.");

    public async Task InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        _ = Services; // start the host: migrates and creates the bootstrap admin
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Providers.Dispose();
        await DropDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting($"ConnectionStrings:{ConnectionStringKey}", ConnectionString);
        builder.UseSetting("Brokering:Bootstrap:Email", AdminEmail);
        builder.UseSetting("Brokering:Bootstrap:Password", AdminPassword);
        builder.UseSetting("Brokering:Worker:InProcess", "false");
        // Tests sign in hundreds of accounts from one address; RateLimitTests checks the limit itself.
        builder.UseSetting("Brokering:RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Brokering:Stripe:SecretKey", FakeProviders.StripeKey);
        builder.UseSetting("Brokering:Stripe:WebhookSecret", FakeProviders.StripeWebhookSecret);
        builder.UseSetting("Brokering:Stripe:BaseUrl", Providers.Url);
        // Test classes run at once, each with its own silo: each needs a port and a cluster of its own.
        builder.UseSetting("Brokering:Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Brokering:Orleans:ClusterId", $"test-{Guid.NewGuid():N}");
        builder.UseSetting("Brokering:Orleans:AdvertisedAddress", "127.0.0.1");
        // Regular meals are planned when a test says, not by their reminders on the machine's clock.
        builder.UseSetting("Brokering:RegularMeals:FirstPlanAfter", "01:00:00");
        // The dispatcher is registered, but its loop is off: tests run its passes themselves.
        var notifications = new ConfigurationBuilder().AddInMemoryCollection(Providers.Settings).Build();
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // The clock only moves forward, by days at a time in some tests: a test's sign-ins last the run.
            services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(3650));
            services.AddNotificationDispatch(notifications);
        });
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<T> WithDbAsync<T>(Func<BrokeringDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BrokeringDbContext>());
    }
}

public class SqliteApp : BrokeringApp
{
    private readonly string _folder;

    public SqliteApp()
        : this(Path.Combine(Path.GetTempPath(), "brokering-tests", Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>An app on the database in <paramref name="folder"/>, which a later app may open again.</summary>
    protected SqliteApp(string folder) => _folder = folder;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionStringKey => "Sqlite";

    protected override Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult($"Data Source={Path.Combine(_folder, "brokering.db")}");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A fresh database on the PostgreSQL that tests/postgres.sh starts. There is deliberately no
/// fallback: without BROKERING_TEST_POSTGRES these tests fail rather than quietly test SQLite twice.
/// </summary>
public sealed class PostgresApp : BrokeringApp
{
    private readonly string _database = $"brokering_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionStringKey => "Postgres";

    public static string ServerConnectionString => Environment.GetEnvironmentVariable("BROKERING_TEST_POSTGRES")
        ?? throw new InvalidOperationException("BROKERING_TEST_POSTGRES is not set: run the tests with tests/run, which starts PostgreSQL.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database, MaxPoolSize = 50 }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // Other fixtures create and drop their databases at the same moment; PostgreSQL may refuse one
        // of them for a moment (a lock on the catalogue), so the clean-up tries a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ServerConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }
}

/// <summary>
/// The scheme's clock in tests: <see cref="FakeTimeProvider"/>'s wall clock, which stands still
/// unless a test moves it, and only ever forward. Its timers and timestamps stay the machine's:
/// Orleans, Kestrel and the hosts' own waits run on them, and would hang if they fired only when a
/// test moved the clock.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public DateTimeOffset Now => GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;
}
