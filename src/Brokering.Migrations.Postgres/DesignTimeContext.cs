using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Brokering.Migrations.Postgres;

/// <summary>The context <c>dotnet ef</c> builds to compare the model with this provider's migrations; it never connects.</summary>
public sealed class DesignTimeContext : IDesignTimeDbContextFactory<BrokeringDbContext>
{
    public BrokeringDbContext CreateDbContext(string[] args) => DatabaseRegistration.NewContext(DatabaseProvider.Postgres, "Host=localhost;Database=brokering");
}
