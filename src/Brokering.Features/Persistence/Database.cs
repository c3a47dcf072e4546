using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Brokering.Features.Persistence;

/// <summary>How the service tells a database that is briefly not there from a request it refuses.</summary>
public static class Database
{
    /// <summary>A unique index refused the row: a racing writer got there first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>
    /// Takes <paramref name="rows"/> until the transaction ends, changing nothing: a writer that
    /// wants them waits, then finds their version as it stands after this transaction (an UPDATE
    /// that sets the version to itself takes the row on PostgreSQL and the database on SQLite).
    /// </summary>
    public static Task HoldAsync<T>(this IQueryable<T> rows, CancellationToken cancellationToken) where T : Domain.Aggregate =>
        rows.ExecuteUpdateAsync(set => set.SetProperty(x => x.Version, x => x.Version), cancellationToken);

    /// <summary>The database restarted, dropped the connection or could not be reached: the same request may succeed in a moment.</summary>
    public static bool IsTransientFailure(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        DatabaseUnavailableException => true,
        DbUpdateException { InnerException: { } inner } => IsTransientFailure(inner),
        InvalidOperationException { InnerException: { } inner } => IsTransientFailure(inner),
        _ => false,
    };
}

/// <summary>
/// When PostgreSQL restarts, every idle connection in the pool is dead, and each would fail one
/// request when next used. The first failure empties the pool, so later requests open fresh connections.
/// </summary>
public sealed class ClearPoolOnTransientFailure : DbCommandInterceptor
{
    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        if (command.Connection is NpgsqlConnection connection && Database.IsTransientFailure(eventData.Exception))
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}

/// <summary>The database did not answer a silo that worked for this request; raised again where the request is answered.</summary>
public sealed class DatabaseUnavailableException() : Exception("The database did not answer.");
