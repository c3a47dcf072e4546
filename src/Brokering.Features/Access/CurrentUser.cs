using System.Security.Claims;
using Brokering.Features.Accounts;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Access;

/// <summary>Adds the user's council to their sign-in, so every request knows its tenant without a lookup.</summary>
public sealed class CouncilClaimsFactory(UserManager<BrokeringUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<BrokeringUser, IdentityRole>(users, roles, options)
{
    public const string CouncilClaim = "council";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(BrokeringUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CouncilClaim, user.CouncilId.ToString()));
        return identity;
    }
}

public static class CurrentUser
{
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Endpoint requires a signed-in user.");

    public static Guid CouncilId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(CouncilClaimsFactory.CouncilClaim), out var id) ? id : Guid.Empty;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool IsCoordinator(this ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator) || user.IsAdmin();

    /// <summary>Staff see only their own council's people; an admin sees every council (<see cref="RecordAccess.CanSee(bool, Guid, Guid)"/>).</summary>
    public static bool CanSee(this ClaimsPrincipal user, Guid councilId) => RecordAccess.CanSee(user.IsAdmin(), user.CouncilId(), councilId);

    /// <summary>The tracked record with this id, or null when there is none or it belongs to a council the caller may not see.</summary>
    public static async Task<T?> FindVisibleAsync<T>(this BrokeringDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
        where T : Domain.Aggregate, Domain.ICouncilOwned
    {
        var found = await db.Set<T>().FindAsync([id], cancellationToken);
        return found is not null && user.CanSee(found.CouncilId) ? found : null;
    }

    /// <summary>
    /// The record as the database holds it now, untracked, or null as for <see cref="FindVisibleAsync"/>:
    /// for a change a grain makes, which the endpoint reads before asking and again to answer.
    /// </summary>
    public static async Task<T?> ReadVisibleAsync<T>(this BrokeringDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
        where T : Domain.Aggregate, Domain.ICouncilOwned
    {
        var found = await db.Set<T>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        return found is not null && user.CanSee(found.CouncilId) ? found : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the record the caller may see and saves it, answering with
    /// <paramref name="respond"/>; 404 naming <paramref name="what"/> when there is no such record for them.
    /// </summary>
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> ChangeVisibleAsync<T, TResponse>(
        this BrokeringDbContext db, Guid id, ClaimsPrincipal user, string what, Action<T> change, Func<T, TResponse> respond, CancellationToken cancellationToken)
        where T : Domain.Aggregate, Domain.ICouncilOwned
    {
        var found = await db.FindVisibleAsync<T>(id, user, cancellationToken);
        if (found is null)
        {
            return Problems.NotFound(what);
        }

        change(found);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(respond(found));
    }
}
