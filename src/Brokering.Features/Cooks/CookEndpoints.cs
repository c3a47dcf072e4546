using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Cooks;

public sealed record ApplyRequest(string DisplayName, double Latitude, double Longitude, double? TravelRadiusKm = null);

public sealed record CheckRequest(string Kind, string? Reference, DateOnly IssuedOn, DateOnly? ExpiresOn = null);

public sealed record ReasonRequest(string Reason);

public sealed record CheckResponse(string Kind, string Reference, DateOnly IssuedOn, DateOnly? ExpiresOn, string VerifiedBy, DateTimeOffset VerifiedAt);

public sealed record CookResponse(
    Guid Id, Guid CouncilId, string DisplayName, string Status, double Latitude, double Longitude, double TravelRadiusKm,
    IReadOnlyList<CheckResponse> Checks, IReadOnlyList<string> MissingChecks)
{
    public static CookResponse From(Cook cook, Domain.Councils.CouncilPolicy policy, DateOnly today) => new(
        cook.Id, cook.CouncilId, cook.DisplayName, Names.Of(cook.Status), cook.Location.Latitude, cook.Location.Longitude, cook.TravelRadiusKm,
        [.. cook.Checks.Select(c => new CheckResponse(Names.Of(c.Kind), c.Reference, c.IssuedOn, c.ExpiresOn, c.VerifiedBy, c.VerifiedAt))],
        [.. cook.MissingChecks(policy, today).Select(Names.Of)]);
}

public static class CookEndpoints
{
    public static void MapCookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cooks").WithTags("Cooks").RequireAuthorization()
            .AddEndpointFilter(new Audit.PersonalRecordAudit("cook"));
        group.MapPost("/", Apply).RequireAuthorization(Policies.Cook).WithName("ApplyAsCook").WithSummary("The signed-in applicant applies to cook.");
        group.MapGet("/{id:guid}", Get).WithName("GetCook").WithSummary("A cook, their checks and what their council still needs.");
        var staff = group.MapGroup("/{id:guid}").RequireAuthorization(Policies.Coordinator);
        staff.MapPost("/checks", RecordCheck).WithName("RecordCheck").WithSummary("Record a safeguarding check the coordinator verified.");
        staff.MapPost("/approve", Approve).WithName("ApproveCook").WithSummary("Approve a cook whose required checks are all valid.");
        staff.MapPost("/reject", Reject).WithName("RejectCook").WithSummary("Turn down an application.");
        staff.MapPost("/suspend", Suspend).WithName("SuspendCook").WithSummary("Stop a cook being matched until reviewed.");
        staff.MapGet("/export", CookSubjectRights.Export).WithName("ExportCook")
            .WithSummary("Everything held about the cook, as JSON, for a subject access request.");
        staff.MapPost("/erase", CookSubjectRights.Erase).WithName("EraseCook")
            .WithSummary("Erase the cook's personal details and sign-in account, keeping anonymised records; confirm by typing their name.");
    }

    public static async Task<Results<Created<CookResponse>, ProblemHttpResult>> Apply(
        ApplyRequest request, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = user.Id();
        if (await db.Cooks.AnyAsync(c => c.UserId == userId, cancellationToken))
        {
            return Problems.Conflict("Already applied.", "This account already has a cook application.");
        }

        var council = await db.Councils.FindAsync([user.CouncilId()], cancellationToken);
        if (council is null)
        {
            return Problems.NotFound("council");
        }

        var cook = new Cook(council.Id, userId, request.DisplayName, new GeoPoint(request.Latitude, request.Longitude),
            request.TravelRadiusKm, time.GetUtcNow());
        db.Cooks.Add(cook);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/cooks/{cook.Id}", CookResponse.From(cook, council.Policy, time.TodayInUk()));
    }

    public static async Task<Results<Ok<CookResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, id, user, cancellationToken);
        if (found is not var (cook, council) || user.ToCook(cook) == Standing.None)
        {
            return Problems.NotFound("cook");
        }

        return TypedResults.Ok(CookResponse.From(cook, council.Policy, time.TodayInUk()));
    }

    public static async Task<Results<Created<CookResponse>, ProblemHttpResult>> RecordCheck(
        Guid id, CheckRequest request, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, user, cancellationToken) is not var (cook, council))
        {
            return Problems.NotFound("cook");
        }

        cook.RecordCheck(new SafeguardingCheck(Words.One<CheckKind>(request.Kind, "kind"), request.Reference,
            request.IssuedOn, request.ExpiresOn, user.Id(), time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/cooks/{cook.Id}", CookResponse.From(cook, council.Policy, time.TodayInUk()));
    }

    public static Task<Results<Ok<CookResponse>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, time, (cook, council) => cook.Approve(council.Policy, time.TodayInUk()), cancellationToken,
            tell: cook => outbox.CookApprovedAsync(cook, cancellationToken));

    public static Task<Results<Ok<CookResponse>, ProblemHttpResult>> Reject(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, time, (cook, _) => cook.Reject(), cancellationToken);

    /// <summary>Suspends the cook, withdraws their coming offers and cancels those bookings, telling each diner; all or nothing.</summary>
    public static Task<Results<Ok<CookResponse>, ProblemHttpResult>> Suspend(
        Guid id, ReasonRequest request, ClaimsPrincipal user, BrokeringDbContext db, MealWithdrawal withdrawal, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, time, (cook, _) => cook.Suspend(request.Reason), cancellationToken,
            tell: cook => withdrawal.ForCookAsync(cook, user.Id(), cancellationToken));

    private static async Task<Results<Ok<CookResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, Action<Cook, Domain.Councils.Council> change, CancellationToken cancellationToken,
        Func<Cook, Task>? tell = null)
    {
        if (await FindAsync(db, id, user, cancellationToken) is not var (cook, council))
        {
            return Problems.NotFound("cook");
        }

        // One transaction: a suspension's withdrawn offers and cancelled meals are saved with it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        change(cook, council);
        if (tell is not null)
        {
            await tell(cook);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(CookResponse.From(cook, council.Policy, time.TodayInUk()));
    }

    /// <summary>The cook and their council, or null when there is none the caller may see.</summary>
    private static async Task<(Cook Cook, Domain.Councils.Council Council)?> FindAsync(
        BrokeringDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var cook = await db.FindVisibleAsync<Cook>(id, user, cancellationToken);
        if (cook is null)
        {
            return null;
        }

        var council = await db.Councils.FindAsync([cook.CouncilId], cancellationToken);
        return council is null ? null : (cook, council);
    }
}
