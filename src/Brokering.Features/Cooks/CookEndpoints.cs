using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Cooks;

public sealed record ApplyRequest(string DisplayName, double Latitude, double Longitude, double? TravelRadiusKm = null);

public sealed record CheckRequest(string Kind, string? Reference, DateOnly IssuedOn, DateOnly? ExpiresOn = null);

public sealed record ReasonRequest(string Reason);

public sealed record TravelRadiusRequest(double Km);

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
        group.MapPut("/{id:guid}/travel-radius", ChangeTravelRadius).WithName("ChangeCookTravelRadius")
            .WithSummary("How far the cook will take a meal, in km; the cook for themself, or a coordinator. The council's maximum still applies.");
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
        Guid id, CheckRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var kind = Words.One<CheckKind>(request.Kind, "kind");
        return await ChangeAsync(id, user, db, grains, time, cook => cook.RecordCheck(kind, request.Reference, request.IssuedOn, request.ExpiresOn, user.Id()), cancellationToken)
            is { Result: Ok<CookResponse> { Value: { } cook } }
            ? TypedResults.Created($"/api/v1/cooks/{cook.Id}", cook)
            : Problems.NotFound("cook");
    }

    public static Task<Results<Ok<CookResponse>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, grains, time, cook => cook.Approve(), cancellationToken);

    public static Task<Results<Ok<CookResponse>, ProblemHttpResult>> Reject(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, grains, time, cook => cook.Reject(), cancellationToken);

    /// <summary>Suspends the cook, withdraws their coming offers and cancels those bookings, telling each diner; all or nothing.</summary>
    public static Task<Results<Ok<CookResponse>, ProblemHttpResult>> Suspend(
        Guid id, ReasonRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, grains, time, cook => cook.Suspend(request.Reason, user.Id()), cancellationToken);

    /// <summary>How far the cook will take a meal: the cook for themself, or a coordinator; the council's maximum still applies to every match.</summary>
    public static Task<Results<Ok<CookResponse>, ProblemHttpResult>> ChangeTravelRadius(
        Guid id, TravelRadiusRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, grains, time, cook => cook.ChangeTravelRadius(request.Km), cancellationToken,
            allowed: [Standing.Cook, Standing.Coordinator]);

    /// <summary>
    /// Asks the cook's grain, its one writer, for the change, and answers the cook as changed. Without
    /// <paramref name="allowed"/>, anyone who sees the cook's council (the staff routes' policy asks for a coordinator).
    /// </summary>
    public static async Task<Results<Ok<CookResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, Func<ICookGrain, Task<GrainFailure?>> change,
        CancellationToken cancellationToken, Standing[]? allowed = null)
    {
        if (await FindAsync(db, id, user, cancellationToken) is not var (found, _) || (allowed is not null && !allowed.Contains(user.ToCook(found))))
        {
            return Problems.NotFound("cook");
        }

        await change(grains.GetGrain<ICookGrain>(id)).ThrowIfFailedAsync();

        var (cook, council) = (await FindAsync(db, id, user, cancellationToken))!.Value;
        return TypedResults.Ok(CookResponse.From(cook, council.Policy, time.TodayInUk()));
    }

    /// <summary>The cook and their council as they stand, or null when there is none the caller may see.</summary>
    private static async Task<(Cook Cook, Domain.Councils.Council Council)?> FindAsync(
        BrokeringDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.ReadVisibleAsync<Cook>(id, user, cancellationToken) is not { } cook)
        {
            return null;
        }

        var council = await db.Councils.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cook.CouncilId, cancellationToken);
        return council is null ? null : (cook, council);
    }
}
