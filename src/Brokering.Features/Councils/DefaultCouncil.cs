using Brokering.Domain.Councils;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Councils;

/// <summary>The council new accounts join unless they name another: the oldest one, created on first start.</summary>
public static class DefaultCouncil
{
    public static async Task<Council> FindOrCreateAsync(BrokeringDbContext db, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var council = await db.Councils.OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (council is not null)
        {
            return council;
        }

        council = new Council(configuration["Brokering:DefaultCouncilName"] ?? "Default council", CouncilPolicy.Default);
        db.Councils.Add(council);
        await db.SaveChangesAsync(cancellationToken);
        return council;
    }
}
