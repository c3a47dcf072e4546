using Brokering.Api.Tests.Support;
using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Audit;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Brokering.Api.Tests.Persistence;

/// <summary>What the database must guarantee on each provider, below the API.</summary>
public abstract class PersistenceTests(BrokeringApp app)
{
    [Fact]
    public async Task Migrating_creates_exactly_the_schema_the_model_describes_and_the_model_has_no_change_the_migrations_miss()
    {
        var migrated = await SchemaOf(app.ConnectionString);

        var scratch = await ScratchDatabase.CreateAsync(app);
        try
        {
            await using (var db = NewContext(scratch.ConnectionString))
            {
                await db.Database.EnsureCreatedAsync();
            }

            var fromModel = await SchemaOf(scratch.ConnectionString);
            Assert.Equal(fromModel.Except(migrated), migrated.Except(fromModel));
            Assert.Equal(fromModel, migrated);
        }
        finally
        {
            await scratch.DropAsync();
        }

        await using var context = NewContext(app.ConnectionString);
        Assert.False(context.Database.HasPendingModelChanges(), "the model has changed: add a migration for each provider (docs/operations.md, Migrations)");
    }

    [Fact]
    public async Task A_database_built_by_the_hand_written_migrations_upgrades_in_place_with_every_row_and_its_audit_triggers()
    {
        var scratch = await ScratchDatabase.CreateAsync(app);
        try
        {
            await RunScriptAsync(scratch.ConnectionString, Path.Combine(AppContext.BaseDirectory, "Migrations", $"HandWritten.{app.Provider}.sql"));
            var rows = await WriteOneOfEachAsync(scratch.ConnectionString);

            await using (var db = NewContext(scratch.ConnectionString))
            {
                await db.MigrateAsync(CancellationToken.None);
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
                Assert.False(db.Database.HasPendingModelChanges());
                Assert.Equal("Upgraded council", (await db.Councils.SingleAsync(c => c.Id == rows.Council)).Name);
                Assert.Equal(CookStatus.Approved, (await db.Cooks.SingleAsync(c => c.Id == rows.Cook)).Status);
                Assert.Equal("Edna", (await db.Diners.SingleAsync(d => d.Id == rows.Diner)).FirstName);
                Assert.Equal(2, (await db.Offers.SingleAsync(o => o.Id == rows.Offer)).PortionsLeft);
                var booking = await db.Bookings.SingleAsync(b => b.Id == rows.Booking);
                Assert.Equal(("upgrade-key", rows.Diner), (booking.IdempotencyKey, booking.DinerId));
                Assert.Equal("GetDiner", (await db.AuditEntries.SingleAsync(e => e.SubjectId == rows.Diner)).Why);
                var pairings = await db.Pairings.Where(p => p.DinerId == rows.Diner).OrderBy(p => p.Status).Select(p => new { p.Status, p.EndReason }).ToListAsync();
                Assert.Equal([PairingStatus.Approved, PairingStatus.Ended], pairings.Select(p => p.Status));
                Assert.Contains("duplicate", pairings[1].EndReason, StringComparison.Ordinal);
                await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                    db.AuditEntries.Where(e => e.SubjectId == rows.Diner).ExecuteDeleteAsync());
            }

            Assert.Equal(await SchemaOf(app.ConnectionString), await SchemaOf(scratch.ConnectionString));
        }
        finally
        {
            await scratch.DropAsync();
        }
    }

    private sealed record OneOfEach(Guid Council, Guid Cook, Guid Diner, Guid Offer, Guid Booking);

    /// <summary>A council, an approved cook, a diner, an offer with one portion booked, and an audit entry, written before the upgrade.</summary>
    private async Task<OneOfEach> WriteOneOfEachAsync(string connectionString)
    {
        await using var db = NewContext(connectionString);
        var policy = CouncilPolicy.Default;
        var council = new Council("Upgraded council", policy);
        var cook = new Cook(council.Id, "cook-user", "Pat", new GeoPoint(51.5, -0.1), 2, app.Clock.Now);
        foreach (var kind in policy.RequiredChecks)
        {
            cook.RecordCheck(new SafeguardingCheck(kind, "REF", app.Clock.Today.AddMonths(-1), app.Clock.Today.AddYears(1), "coordinator-1", app.Clock.Now));
        }

        cook.Approve(policy, app.Clock.Today);
        var diner = new Diner(council.Id, "Edna", "Smith", new GeoPoint(51.505, -0.1), Allergens.None, Diets.None, ContactChannel.Phone,
            new ContactDetails("01632 960001", null, null), new Consent(true, "referrer-1", app.Clock.Now), null, "referrer-1");
        var offer = new MealOffer(cook, "Shepherd's pie", "lamb, potato, milk", AllergenDeclaration.Complete(Allergens.Milk), Diets.None, 3,
            app.Clock.Today.AddDays(2), new DeliveryWindow(new TimeOnly(12, 0), new TimeOnly(13, 30)), null, app.Clock.Today);
        offer.TakePortion();
        var booking = new Booking(offer, diner.Id, council.Id, 0.55, "referrer-1", app.Clock.Now, "upgrade-key");
        // Two live pairings for one pair, as racing first meals could leave them before the rule.
        var pairing = Pairing.ApprovedByCoordinator(council.Id, cook.Id, diner.Id, "coordinator-1", app.Clock.Now);
        var duplicate = new Pairing(council.Id, cook.Id, diner.Id, "coordinator-1", app.Clock.Now);
        db.AddRange(council, cook, diner, offer, booking, pairing, duplicate);
        await db.SaveChangesAsync();
        await new AuditLog(db, app.Clock).RecordAsync("coordinator-1", council.Id, AuditLog.Read, "diner", diner.Id, "GetDiner", CancellationToken.None);
        return new(council.Id, cook.Id, diner.Id, offer.Id, booking.Id);
    }

    private async Task RunScriptAsync(string connectionString, string file)
    {
        await using var db = NewContext(connectionString);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = await File.ReadAllTextAsync(file);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_save_from_a_stale_copy_is_a_conflict_not_a_lost_update()
    {
        var cookId = await app.WithDbAsync(async db =>
        {
            var council = await db.Councils.FirstAsync();
            var cook = new Cook(council.Id, Guid.NewGuid().ToString(), "Pat", new GeoPoint(51.5, -0.1), null, app.Clock.Now);
            db.Cooks.Add(cook);
            await db.SaveChangesAsync();
            return cook.Id;
        });

        await using var scope1 = app.Services.CreateAsyncScope();
        await using var scope2 = app.Services.CreateAsyncScope();
        var first = scope1.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var second = scope2.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var mine = await first.Cooks.SingleAsync(c => c.Id == cookId);
        var theirs = await second.Cooks.SingleAsync(c => c.Id == cookId);

        mine.ChangeTravelRadius(3);
        await first.SaveChangesAsync();
        theirs.RecordCheck(new SafeguardingCheck(CheckKind.Identity, "passport", app.Clock.Today, null, "coordinator", app.Clock.Now));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var saved = await app.WithDbAsync(db => db.Cooks.SingleAsync(c => c.Id == cookId));
        Assert.Equal(3, saved.TravelRadiusKm);
        Assert.Empty(saved.Checks);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task The_sweep_closes_offers_once_their_delivery_day_has_passed_and_leaves_later_ones_open()
    {
        var s = await Scenario.StartAsync(app);
        var (cook, _) = await s.ApprovedCookAsync();
        var soon = await s.OfferAsync(cook, deliveryDate: app.Clock.Today.AddDays(1));
        var later = await s.OfferAsync(cook, deliveryDate: app.Clock.Today.AddDays(5));
        var twoDaysOn = new FakeTimeProvider(app.Clock.Now.AddDays(2));
        var sweep = new ExpiredOfferSweep(app.Services.GetRequiredService<IServiceScopeFactory>(), twoDaysOn,
            Options.Create(new SweepOptions()), NullLogger<ExpiredOfferSweep>.Instance);

        Assert.True(await sweep.SweepOnceAsync(CancellationToken.None) >= 1);

        var statuses = await app.WithDbAsync(db => db.Offers.Where(o => o.Id == soon || o.Id == later).ToDictionaryAsync(o => o.Id, o => o.Status));
        Assert.Equal(OfferStatus.Closed, statuses[soon]);
        Assert.Equal(OfferStatus.Open, statuses[later]);
        await Scenario.ProblemAsync(await s.BookAsync(soon, await s.DinerAsync()), System.Net.HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_an_audit_entry_whoever_asks()
    {
        var subject = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            await new AuditLog(db, app.Clock).RecordAsync("coordinator-1", Guid.NewGuid(), AuditLog.Read, "diner", subject, "GetDiner", CancellationToken.None);
            return subject;
        });

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.SubjectId == subject).ExecuteUpdateAsync(set => set.SetProperty(e => e.UserId, "someone-else"))));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.WithDbAsync(db =>
            db.AuditEntries.Where(e => e.SubjectId == subject).ExecuteDeleteAsync()));

        var kept = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == subject));
        Assert.Equal(("coordinator-1", "GetDiner"), (kept.UserId, kept.Why));
    }

    [Fact]
    public async Task The_key_ring_that_protects_sign_ins_is_kept_in_the_database_every_replica_shares()
    {
        await Scenario.StartAsync(app);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k.Xml, StringComparison.Ordinal));
    }

    private BrokeringDbContext NewContext(string connectionString) => DatabaseRegistration.NewContext(app.Provider, connectionString);

    /// <summary>Every table's columns (name, type, nullability) and indexes, as sorted lines, ignoring EF's history table.</summary>
    private async Task<List<string>> SchemaOf(string connectionString)
    {
        await using var db = NewContext(connectionString);
        var sql = app.Provider == DatabaseProvider.Postgres
            ? """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' null=' || is_nullable AS "Value"
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
              UNION ALL
              SELECT 'index ' || tablename || ' ' || regexp_replace(indexdef, 'INDEX \S+ ON', 'INDEX ON') FROM pg_indexes
              WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%'
              """
            : """
              SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p."notnull" || ' pk=' || p.pk AS "Value"
              FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\' AND m.name NOT LIKE 'sqlite%'
              UNION ALL
              SELECT 'index ' || tbl_name || ' ' || sql FROM sqlite_master
              WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE '\_\_EF%' ESCAPE '\'
              """;
        var rows = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private sealed record ScratchDatabase(string ConnectionString, Func<Task> DropAsync)
    {
        public static async Task<ScratchDatabase> CreateAsync(BrokeringApp app)
        {
            if (app.Provider == DatabaseProvider.Sqlite)
            {
                var file = Path.Combine(Path.GetTempPath(), $"brokering-schema-{Guid.NewGuid():N}.db");
                return new($"Data Source={file}", () =>
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    File.Delete(file);
                    return Task.CompletedTask;
                });
            }

            var name = $"brokering_schema_{Guid.NewGuid():N}";
            await using var admin = new Npgsql.NpgsqlConnection(PostgresApp.ServerConnectionString);
            await admin.OpenAsync();
            await using (var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
            {
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = name }.ToString();
            return new(connectionString, async () =>
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var again = new Npgsql.NpgsqlConnection(PostgresApp.ServerConnectionString);
                await again.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", again);
                await drop.ExecuteNonQueryAsync();
            });
        }
    }
}

public sealed class PersistenceOnSqlite(SqliteApp app) : PersistenceTests(app), IClassFixture<SqliteApp>;

public sealed class PersistenceOnPostgres(PostgresApp app) : PersistenceTests(app), IClassFixture<PostgresApp>;
