using System.Text.RegularExpressions;
using Npgsql;

namespace Brokering.Benchmarks;

/// <summary>
/// Which statements took PostgreSQL's time during a round, from <c>pg_stat_statements</c>, which
/// <c>bench/load</c> loads. The time includes waiting for row locks, so it says which statements to
/// look at first, not how much CPU each used.
/// </summary>
internal static partial class StatementTimes
{
    /// <summary>Starts counting afresh; false where pg_stat_statements is not loaded.</summary>
    public static async Task<bool> ResetAsync(string server)
    {
        try
        {
            await using var db = new NpgsqlConnection(server);
            await db.OpenAsync();
            await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", db);
            await reset.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>The <paramref name="count"/> statements of <paramref name="database"/> that took the most time since the reset, one line each.</summary>
    public static async Task<IReadOnlyList<string>> TopAsync(string server, string database, int count)
    {
        await using var db = new NpgsqlConnection(server);
        await db.OpenAsync();
        await using var top = new NpgsqlCommand("""
            SELECT s.calls, s.total_exec_time, s.query
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database
            ORDER BY s.total_exec_time DESC
            LIMIT @count
            """, db);
        top.Parameters.AddWithValue("database", database);
        top.Parameters.AddWithValue("count", count);
        var lines = new List<string>();
        await using var reader = await top.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (calls, milliseconds) = (reader.GetInt64(0), reader.GetDouble(1));
            var text = Whitespace().Replace(reader.GetString(2), " ");
            lines.Add($"{milliseconds:N0} ms in {calls:N0} calls ({milliseconds / Math.Max(calls, 1):0.000} ms each): {(text.Length > 100 ? text[..100] + "…" : text)}");
        }

        return lines;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
