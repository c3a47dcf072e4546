using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Councils;

[GenerateSerializer, Immutable, Alias("Brokering.PolicyRequest")]
public sealed record PolicyRequest(string[] RequiredChecks, double MaxTravelKm, decimal? ContributionAmount = null,
    int MessageRetentionDays = CouncilPolicy.DefaultMessageRetentionDays, int LateCancellationHours = 24, int LateCancellationLimit = 3, int LateCancellationDays = 28)
{
    public CouncilPolicy ToPolicy() =>
        new(RequiredChecks.Select(k => Words.One<CheckKind>(k, "requiredChecks")), MaxTravelKm, ContributionAmount, MessageRetentionDays,
            new LateCancellationRule(LateCancellationHours, LateCancellationLimit, LateCancellationDays));
}

public sealed record CreateCouncilRequest(string Name, PolicyRequest? Policy = null);

public sealed record CouncilResponse(Guid Id, string Name, IReadOnlyList<string> RequiredChecks, double MaxTravelKm, decimal? ContributionAmount,
    int MessageRetentionDays, int LateCancellationHours, int LateCancellationLimit, int LateCancellationDays)
{
    public static CouncilResponse From(Council c) =>
        new(c.Id, c.Name, [.. c.RequiredChecks.Select(Names.Of)], c.MaxTravelKm, c.ContributionAmount, c.MessageRetentionDays,
            c.LateCancellationHours, c.LateCancellationLimit, c.LateCancellationDays);
}

/// <summary>Which role an admin (or, for referrers, a coordinator) gives an existing account in a council.</summary>
public sealed record AddStaffRequest(string Email, string Role);

public static class CouncilEndpoints
{
    private static readonly string[] StaffRoles = [Roles.Coordinator, Roles.Referrer];

    public static void MapCouncilEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/councils").WithTags("Councils").RequireAuthorization();
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin).WithName("CreateCouncil").WithSummary("Add a council with its policy.");
        group.MapGet("/{id:guid}", Get).WithName("GetCouncil").WithSummary("A council and its policy.");
        group.MapPut("/{id:guid}/policy", ChangePolicy).RequireAuthorization(Policies.Admin)
            .WithName("ChangeCouncilPolicy").WithSummary("Change the checks, travel limit and contribution a council asks for.");
        group.MapPost("/{id:guid}/staff", AddStaff).RequireAuthorization(Policies.Coordinator)
            .WithName("AddCouncilStaff").WithSummary("Make an existing account a coordinator or referrer of this council.");
    }

    public static async Task<Created<CouncilResponse>> Create(CreateCouncilRequest request, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var council = new Council(request.Name, request.Policy?.ToPolicy() ?? CouncilPolicy.Default);
        db.Councils.Add(council);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/councils/{council.Id}", CouncilResponse.From(council));
    }

    public static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var council = await db.Councils.FindAsync([id], cancellationToken);
        return council is null || !user.CanSee(id) ? Problems.NotFound("council") : TypedResults.Ok(CouncilResponse.From(council));
    }

    /// <summary>Through the council's grain, its one writer; the next booking on every offer of the council is decided by the new policy.</summary>
    public static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> ChangePolicy(
        Guid id, PolicyRequest request, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        request.ToPolicy(); // a policy that does not read is a bad request, before the grain is asked
        if (!await db.Councils.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return Problems.NotFound("council");
        }

        await grains.GetGrain<ICouncilGrain>(id).ChangePolicy(request).ThrowIfFailedAsync();
        return TypedResults.Ok(CouncilResponse.From(await db.Councils.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AddStaff(
        Guid id, AddStaffRequest request, ClaimsPrincipal user, BrokeringDbContext db, UserManager<BrokeringUser> users, CancellationToken cancellationToken)
    {
        Text.Printable(request.Email, "email");
        var role = request.Role.Trim().ToLowerInvariant();
        if (!StaffRoles.Contains(role))
        {
            throw new DomainValidationException("role", $"must be one of: {string.Join(", ", StaffRoles)}");
        }

        if (!user.CanSee(id) || await db.Councils.FindAsync([id], cancellationToken) is null)
        {
            return Problems.NotFound("council");
        }

        if (role == Roles.Coordinator && !user.IsAdmin())
        {
            return Problems.Forbidden("Only an admin can appoint coordinators.");
        }

        var account = await users.FindByEmailAsync(request.Email);
        if (account is null)
        {
            return Problems.NotFound("account");
        }

        if (account.CouncilId != id && (await users.GetRolesAsync(account)).Any(StaffRoles.Contains))
        {
            return Problems.Conflict("Already staff of another council.", "An account serves one council; use a separate account for this one.");
        }

        account.CouncilId = id;
        await users.UpdateAsync(account);
        if (!await users.IsInRoleAsync(account, role))
        {
            await users.AddToRoleAsync(account, role);
        }

        return TypedResults.NoContent();
    }
}
