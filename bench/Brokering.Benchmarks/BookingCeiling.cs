using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Brokering.Benchmarks;

/// <summary>
/// The ceiling the booking race is measured against, in the same run: the same transaction shape
/// as a confirmed booking (take a portion by conditional UPDATE, insert the booking and its four
/// messages, commit) sent straight to PostgreSQL from 64 connections, with no HTTP, no service
/// and no check beyond the database's own. It books copies of the race's offers, so both rounds
/// fill the same number of portions; its messages are dated far ahead, so no worker sends them.
/// </summary>
internal static class BookingCeiling
{
    public sealed record Result(int Confirmed, int Portions, TimeSpan Elapsed, double P50, double P99)
    {
        public double PerSecond => Confirmed / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(string connection, IReadOnlyList<Guid> raceOffers, IReadOnlyList<Guid> diners, int clients, TimeSpan limit)
    {
        var offers = await CopyAsync(connection, raceOffers);
        var open = new ConcurrentDictionary<Guid, bool>(offers.Select(o => KeyValuePair.Create(o, true)));
        var latencies = new ConcurrentBag<double>();
        var confirmed = 0;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(limit);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(1000 + client);
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            while (!stop.IsCancellationRequested && !open.IsEmpty)
            {
                var choices = open.Keys.ToArray();
                if (choices.Length == 0)
                {
                    break;
                }

                var offer = choices[random.Next(choices.Length)];
                var started = clock.Elapsed.TotalMilliseconds;
                var outcome = await BookAsync(db, offer, diners[random.Next(diners.Count)]);
                latencies.Add(clock.Elapsed.TotalMilliseconds - started);
                if (outcome == Outcome.Confirmed)
                {
                    Interlocked.Increment(ref confirmed);
                }
                else if (outcome == Outcome.Full)
                {
                    open.TryRemove(offer, out _);
                }
            }
        })));
        return new Result(confirmed, offers.Count * 3, clock.Elapsed, LoadBenchmark.Quantile(latencies, 0.50), LoadBenchmark.Quantile(latencies, 0.99));
    }

    private enum Outcome
    {
        Confirmed,
        Full,
        AlreadyBooked,
    }

    private static async Task<Outcome> BookAsync(NpgsqlConnection db, Guid offer, Guid diner)
    {
        await using var transaction = await db.BeginTransactionAsync();
        Guid council, cook;
        await using (var take = new NpgsqlCommand("""
            UPDATE "Offers" SET "PortionsLeft" = "PortionsLeft" - 1, "Version" = "Version" + 1,
                "Status" = CASE WHEN "PortionsLeft" = 1 THEN 'Full' ELSE 'Open' END
            WHERE "Id" = @offer AND "Status" = 'Open' AND "PortionsLeft" > 0
            RETURNING "CouncilId", "CookId"
            """, db, transaction))
        {
            take.Parameters.AddWithValue("offer", offer);
            await using var reader = await take.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                await reader.CloseAsync();
                await transaction.RollbackAsync();
                return Outcome.Full;
            }

            (council, cook) = (reader.GetGuid(0), reader.GetGuid(1));
        }

        var booking = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using var batch = new NpgsqlBatch(db, transaction);
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO "Bookings" ("Id", "CouncilId", "OfferId", "CookId", "DinerId", "DistanceKm", "BookedBy", "BookedAt", "IdempotencyKey", "Status", "Version")
            VALUES (@id, @council, @offer, @cook, @diner, 0.5, 'ceiling', @now, @key, 'Confirmed', 0)
            """);
        insert.Parameters.AddWithValue("id", booking);
        insert.Parameters.AddWithValue("council", council);
        insert.Parameters.AddWithValue("offer", offer);
        insert.Parameters.AddWithValue("cook", cook);
        insert.Parameters.AddWithValue("diner", diner);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("key", booking.ToString("N"));
        batch.BatchCommands.Add(insert);
        foreach (var (kind, role, channel) in new[] { ("BookingConfirmed", "Diner", "Sms"), ("BookingConfirmed", "Cook", "Email"), ("DeliveryReminder", "Diner", "Sms"), ("DeliveryReminder", "Cook", "Email") })
        {
            var message = new NpgsqlBatchCommand("""
                INSERT INTO "Notifications" ("Id", "CouncilId", "Kind", "RecipientRole", "RecipientId", "Channel", "Destination", "Fields", "SubjectId",
                    "Urgent", "Status", "Attempts", "CreatedAt", "DueAt")
                VALUES (@id, @council, @kind, @role, @recipient, @channel, '07700 900000', '{"name":"Diner","dish":"Shepherd''s pie"}', @booking,
                    FALSE, 'Pending', 0, @now, '2100-01-01')
                """);
            message.Parameters.AddWithValue("id", Guid.NewGuid());
            message.Parameters.AddWithValue("council", council);
            message.Parameters.AddWithValue("kind", kind);
            message.Parameters.AddWithValue("role", role);
            message.Parameters.AddWithValue("recipient", role == "Cook" ? cook.ToString() : diner.ToString());
            message.Parameters.AddWithValue("channel", channel);
            message.Parameters.AddWithValue("booking", booking);
            message.Parameters.AddWithValue("now", now);
            batch.BatchCommands.Add(message);
        }

        try
        {
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            return Outcome.Confirmed;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The diner already has a portion of this offer, as the service would answer 409.
            await transaction.RollbackAsync();
            return Outcome.AlreadyBooked;
        }
    }

    /// <summary>Open copies of the race's offers, made in the database as they were before the race (or are again after it).</summary>
    private static async Task<List<Guid>> CopyAsync(string connection, IReadOnlyList<Guid> raceOffers)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var copy = new NpgsqlCommand("""
            DROP TABLE IF EXISTS ceiling_offers;
            CREATE TEMP TABLE ceiling_offers AS SELECT * FROM "Offers" WHERE "Id" = ANY(@ids);
            UPDATE ceiling_offers SET "Id" = gen_random_uuid(), "PortionsLeft" = "Portions", "Status" = 'Open', "Version" = 0;
            INSERT INTO "Offers" SELECT * FROM ceiling_offers RETURNING "Id";
            """, db);
        copy.Parameters.AddWithValue("ids", raceOffers.ToArray());
        var ids = new List<Guid>();
        await using var reader = await copy.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }
        while (await reader.NextResultAsync());

        return ids;
    }
}
