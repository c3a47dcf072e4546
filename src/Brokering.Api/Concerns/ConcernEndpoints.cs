using System.Security.Claims;
using Brokering.Api.Infrastructure;
using Brokering.Data;
using Brokering.Domain;
using Brokering.Domain.Concerns;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Concerns;

public sealed record OutcomeRequest(string Outcome);

public sealed record ConcernResponse(
    Guid Id, Guid DinerId, Guid? CookId, Guid? BookingId, string Severity, string Status, string Summary, DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, string? Outcome)
{
    public static ConcernResponse From(Concern c) => new(
        c.Id, c.DinerId, c.CookId, c.BookingId, Names.Of(c.Severity), Names.Of(c.Status), c.Summary, c.RaisedAt,
        c.AcknowledgedAt, c.ResolvedAt, c.Resolution);
}

/// <summary>A coordinator's triage of concerns: see them urgent first, acknowledge, close with the outcome.</summary>
public static class ConcernEndpoints
{
    public static void MapConcernEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/concerns").WithTags("Concerns").RequireAuthorization(Policies.Coordinator);
        group.MapGet("/", List).WithName("ListConcerns").WithSummary("The council's concerns not yet closed, urgent first, oldest first.");
        group.MapPost("/{id:guid}/acknowledge", Acknowledge).WithName("AcknowledgeConcern").WithSummary("Say a coordinator is dealing with it.");
        group.MapPost("/{id:guid}/close", Close).WithName("CloseConcern").WithSummary("Close it with what was done and found.");
    }

    public static async Task<Ok<List<ConcernResponse>>> List(ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var councilId = user.CouncilId();
        var open = await db.Concerns.AsNoTracking()
            .Where(c => c.CouncilId == councilId && c.Status != ConcernStatus.Resolved).ToListAsync(cancellationToken);
        return TypedResults.Ok(open.OrderByDescending(c => c.Severity == ConcernSeverity.Urgent).ThenBy(c => c.RaisedAt).Select(ConcernResponse.From).ToList());
    }

    public static Task<Results<Ok<ConcernResponse>, ProblemHttpResult>> Acknowledge(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        db.ChangeVisibleAsync<Concern, ConcernResponse>(id, user, "concern", c => c.Acknowledge(user.Id(), time.GetUtcNow()), ConcernResponse.From, cancellationToken);

    public static Task<Results<Ok<ConcernResponse>, ProblemHttpResult>> Close(
        Guid id, OutcomeRequest request, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        db.ChangeVisibleAsync<Concern, ConcernResponse>(id, user, "concern", c => c.Close(request.Outcome, user.Id(), time.GetUtcNow()), ConcernResponse.From, cancellationToken);
}
