using Brokering.Api.Tests.Support;
using Npgsql;

namespace Brokering.Api.Tests.Offers;

/// <summary>
/// Every API process hosts an Orleans silo; on PostgreSQL, real API processes sharing one database
/// form one cluster through Orleans' membership table in the <c>orleans</c> schema.
/// </summary>
public sealed class SiloClusterTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    /// <summary>Orleans' <c>SiloStatus.Active</c>, as its membership table stores it.</summary>
    private const int Active = 3;

    [Fact]
    public async Task Two_API_processes_on_one_PostgreSQL_join_one_cluster_and_each_is_active_in_its_membership_table()
    {
        var cluster = $"cluster-test-{Guid.NewGuid():N}";
        await using var first = new ApiProcess(app.ConnectionString, cluster);
        await using var second = new ApiProcess(app.ConnectionString, cluster);
        ApiProcess[] processes = [first, second];
        foreach (var process in processes)
        {
            process.Start();
        }

        var members = new List<(string Address, int Port, int Status)>();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            Assert.All(processes, p => Assert.False(p.HasExited, $"an API process stopped: {p.Output}"));
            members = await MembersAsync(cluster);
            if (members.Count(m => m.Status == Active) == 2)
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.Equal(processes.Select(p => p.SiloPort).Order(), members.Where(m => m.Status == Active).Select(m => m.Port).Order());
        Assert.All(members, m => Assert.Equal("127.0.0.1", m.Address));
        // The service's own tables stay in public; Orleans' are apart in their own schema.
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name ILIKE 'orleans%'"));
    }

    private async Task<List<(string Address, int Port, int Status)>> MembersAsync(string cluster)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT address, port, status FROM orleans.orleansmembershiptable WHERE deploymentid = @cluster", connection);
        query.Parameters.AddWithValue("cluster", cluster);
        await using var reader = await query.ExecuteReaderAsync();
        var members = new List<(string, int, int)>();
        while (await reader.ReadAsync())
        {
            members.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return members;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
