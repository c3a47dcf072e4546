using Brokering.Domain;
using Brokering.Domain.Notifications;
using Brokering.Features.Persistence;
using Brokering.Features.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Notifications;

/// <summary>
/// Claims due messages, renders and sends them, and records each outcome.
/// <para>
/// A claim is a lease: one statement marks a batch of due rows with this claim's token and an
/// expiry, urgent rows first (on PostgreSQL under <c>FOR UPDATE SKIP LOCKED</c>, so workers racing
/// for rows never take the same ones). A worker that dies mid-send simply lets its lease run out,
/// and another worker sends those rows again under the same id as reference: at least once,
/// never lost, never as two different messages.
/// </para>
/// </summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, MessageSenders senders, TimeProvider time, IOptions<NotificationOptions> options, SchemeMetrics metrics,
    ILogger<NotificationDispatcher> logger)
    : BackgroundService
{
    private readonly Random _jitter = new();

    private readonly bool _threads = ReserveThreads(options.Value.Parallelism);

    /// <summary>
    /// The GovukNotify client waits synchronously inside its async calls, so each message in flight
    /// holds a thread-pool thread. Measured here: with the pool's default start (one thread per
    /// core) dispatch ran at about 1,000 a second, growing a thread at a time; with a thread ready
    /// for every message in flight, at about 4,000. Each dispatcher reserves its own.
    /// </summary>
    private static bool ReserveThreads(int inFlight)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        return ThreadPool.SetMinThreads(workers + inFlight, completionPorts);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException
                && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }

            if (claimed < options.Value.BatchSize)
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <returns>How many messages this pass claimed.</returns>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
        var claim = Guid.NewGuid();
        var now = time.GetUtcNow();
        var batch = await ClaimAsync(db, claim, now, settings.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var results = new SendResult[batch.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count),
                new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
                async (i, token) => results[i] = await SendAsync(batch[i], token));
        }
        finally
        {
            await senders.EndBatchAsync();
        }

        var done = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sent = Enumerable.Range(0, batch.Count).Where(i => results[i].Outcome == SendOutcome.Sent).ToList();
        var inOneStatement = db.Database.IsNpgsql();
        if (inOneStatement)
        {
            await RecordSentAsync(db, claim, [.. sent.Select(i => batch[i].Id)], [.. sent.Select(i => results[i].Reference)], done, cancellationToken);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Outcome != SendOutcome.Sent || !inOneStatement)
            {
                await RecordAsync(db, batch[i], claim, results[i], done, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var channel = new KeyValuePair<string, object?>("channel", Names.Of(batch[i].Channel));
            if (results[i].Outcome == SendOutcome.Sent)
            {
                metrics.NotificationsSent.Add(1, channel);
            }
            else
            {
                metrics.NotificationsFailed.Add(1, channel, new("retried", results[i].Outcome == SendOutcome.Transient));
            }
        }

        return batch.Count;
    }

    private async Task<SendResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (notification.Destination is not { } destination)
        {
            return SendResult.Permanent("no address on record for this channel");
        }

        RenderedMessage text;
        var fields = notification.FieldValues();
        try
        {
            text = NotificationTemplates.Render(notification.Kind, notification.RecipientRole, fields);
        }
        catch (InvalidOperationException e)
        {
            return SendResult.Permanent(e.Message);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        var message = new OutgoingMessage(notification.Id, notification.Kind, notification.Channel, destination, text, fields);
        try
        {
            return await senders.For(notification.Channel).SendAsync(message, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient($"no answer within {options.Value.SendTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>On PostgreSQL, every row of the batch that went is marked sent in one statement.</summary>
    private static Task<int> RecordSentAsync(BrokeringDbContext db, Guid claim, Guid[] ids, string?[] references, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            """
            UPDATE "Notifications" AS n
            SET "Status" = 'Sent', "SentAt" = {0}, "ProviderReference" = sent.reference, "LastError" = NULL, "LockedUntil" = NULL
            FROM unnest({1}, {2}) AS sent(id, reference)
            WHERE n."Id" = sent.id AND n."ClaimToken" = {3}
            """,
            [now, ids, references, claim], cancellationToken);

    /// <summary>Marks the row sent, due again later, or parked as failed; only while this claim still holds it.</summary>
    private async Task RecordAsync(BrokeringDbContext db, Notification sent, Guid claim, SendResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.Where(n => n.Id == sent.Id && n.ClaimToken == claim);
        var error = result.Error is { Length: > Notification.MaxErrorLength } tooLong ? tooLong[..Notification.MaxErrorLength] : result.Error;
        if (result.Outcome == SendOutcome.Sent)
        {
            await mine.ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Status, NotificationStatus.Sent)
                .SetProperty(n => n.SentAt, now)
                .SetProperty(n => n.ProviderReference, result.Reference)
                .SetProperty(n => n.LastError, (string?)null)
                .SetProperty(n => n.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            return;
        }

        var retry = options.Value.Retry;
        if (result.Outcome == SendOutcome.Transient && sent.Attempts < retry.MaxAttempts)
        {
            TimeSpan wait;
            lock (_jitter)
            {
                wait = retry.DelayAfter(sent.Attempts, result.RetryAfter, _jitter);
            }

            await mine.ExecuteUpdateAsync(set => set
                .SetProperty(n => n.DueAt, now + wait)
                .SetProperty(n => n.LastError, error)
                .SetProperty(n => n.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            LogRetry(logger, sent.Id, sent.Attempts, wait);
            return;
        }

        await mine.ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Status, NotificationStatus.Failed)
            .SetProperty(n => n.LastError, error)
            .SetProperty(n => n.LockedUntil, (DateTimeOffset?)null), cancellationToken);
        LogParked(logger, sent.Id, sent.Attempts, error);
    }

    private const string ClaimSql = """
        UPDATE "Notifications" SET "LockedUntil" = {0}, "ClaimToken" = {1}, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM "Notifications"
            WHERE "Status" = 'Pending' AND "DueAt" <= {2} AND ("LockedUntil" IS NULL OR "LockedUntil" <= {2})
            ORDER BY "Urgent" DESC, "DueAt"
            LIMIT {3}
            /*LOCK*/)
        RETURNING *
        """;

    /// <summary>
    /// Takes up to <paramref name="limit"/> due rows under one claim token, urgent first. The
    /// returned rows carry their attempt count including this one.
    /// </summary>
    private async Task<List<Notification>> ClaimAsync(BrokeringDbContext db, Guid claim, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        // SQLite has one writer at a time, so its UPDATE needs no row locks; PostgreSQL skips rows
        // another worker is claiming at this instant instead of waiting for them.
        var sql = db.Database.IsNpgsql() ? ClaimSql.Replace("/*LOCK*/", "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal) : ClaimSql;
        return await db.Notifications.FromSqlRaw(sql, now + options.Value.Lease, claim, now, limit).AsNoTracking().ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching notifications failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Id} attempt {Attempts} failed for now; next try in {Wait}")]
    private static partial void LogRetry(ILogger logger, Guid id, int attempts, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} parked as failed after {Attempts} attempts: {Error}")]
    private static partial void LogParked(ILogger logger, Guid id, int attempts, string? error);
}
