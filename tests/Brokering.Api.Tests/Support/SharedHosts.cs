namespace Brokering.Api.Tests.Support;

/// <summary>
/// One host per database for the test classes that need nothing of their own: each of their tests
/// works in a council of its own, moves no clock, runs no job over every council's records and
/// touches no table all councils share. Their classes run one after another on the shared host,
/// instead of each starting a host (and a silo, and on PostgreSQL a database) of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedSqliteHost : ICollectionFixture<SqliteApp>
{
    public const string Name = "shared SQLite host";
}

/// <inheritdoc cref="SharedSqliteHost"/>
[CollectionDefinition(Name)]
public sealed class SharedPostgresHost : ICollectionFixture<PostgresApp>
{
    public const string Name = "shared PostgreSQL host";
}
