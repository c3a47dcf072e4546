using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Concerns;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Concerns;

/// <summary><c>subjectType</c> is booking, diner or cook; <c>severity</c> is routine or urgent.</summary>
public sealed record RaiseConcernRequest(string SubjectType, Guid SubjectId, string Severity, string Description);

public sealed record OutcomeRequest(string Outcome);

public sealed record ActionRequest(string Description);

public sealed record ConcernActionResponse(DateTimeOffset At, string By, string Description);

public sealed record ConcernResponse(
    Guid Id, string SubjectType, Guid? DinerId, Guid? CookId, Guid? BookingId, string Severity, string Status, string Summary, DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, string? Outcome, IReadOnlyList<ConcernActionResponse> Actions)
{
    public static ConcernResponse From(Concern c) => new(
        c.Id, Names.Of(c.Subject), c.DinerId, c.CookId, c.BookingId, Names.Of(c.Severity), Names.Of(c.Status), c.Summary, c.RaisedAt,
        c.AcknowledgedAt, c.ResolvedAt, c.Resolution, [.. c.Actions.Select(a => new ConcernActionResponse(a.At, a.By, a.Description))]);
}

/// <summary>
/// Raising a concern (anyone involved with the meal, diner or cook it is about) and a
/// coordinator's triage: see them urgent first, acknowledge, record what was done, close with the outcome.
/// </summary>
public static class ConcernEndpoints
{
    public static void MapConcernEndpoints(this IEndpointRouteBuilder app)
    {
        var raise = app.MapGroup("/api/v1/concerns").WithTags("Concerns").RequireAuthorization();
        raise.MapPost("/", Raise).WithName("RaiseAnyConcern")
            .WithSummary("Raise a welfare or safeguarding concern about a booking, a diner or a cook you are involved with; an urgent one alerts the coordinator on duty and the diner's nominated contact at once.");

        var group = app.MapGroup("/api/v1/concerns").WithTags("Concerns").RequireAuthorization(Policies.Coordinator);
        group.MapGet("/", List).WithName("ListConcerns").WithSummary("The council's concerns not yet closed, urgent first, oldest first.");
        group.MapGet("/{id:guid}", Get).WithName("GetConcern").WithSummary("One concern with its triage log.");
        group.MapPost("/{id:guid}/acknowledge", Acknowledge).WithName("AcknowledgeConcern").WithSummary("Say a coordinator is dealing with it.");
        group.MapPost("/{id:guid}/actions", RecordAction).WithName("RecordConcernAction").WithSummary("Log something done or found while dealing with it.");
        group.MapPost("/{id:guid}/close", Close).WithName("CloseConcern").WithSummary("Close it with what was done and found.");
    }

    public static async Task<Results<Created<ConcernResponse>, ProblemHttpResult>> Raise(
        RaiseConcernRequest request, ClaimsPrincipal user, BrokeringDbContext db, Outbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var subject = Words.One<ConcernSubject>(request.SubjectType, "subjectType");
        var severity = Words.One<ConcernSeverity>(request.Severity, "severity");
        var (raisedBy, now) = (user.Id(), time.GetUtcNow());
        Concern? concern = subject switch
        {
            ConcernSubject.Booking => await db.Bookings.FindAsync([request.SubjectId], cancellationToken) is { } booking
                && await user.ToBookingAsync(db, booking, cancellationToken) != Standing.None
                ? Concern.About(booking, severity, request.Description, raisedBy, now) : null,
            ConcernSubject.Diner => await db.FindVisibleAsync<Diner>(request.SubjectId, user, cancellationToken) is { } diner
                && await user.InvolvedWithDinerAsync(db, diner, cancellationToken)
                ? Concern.About(diner, severity, request.Description, raisedBy, now) : null,
            _ => await db.FindVisibleAsync<Cook>(request.SubjectId, user, cancellationToken) is { } cook
                && await user.InvolvedWithCookAsync(db, cook, cancellationToken)
                ? Concern.About(cook, severity, request.Description, raisedBy, now) : null,
        };
        if (concern is null)
        {
            return Problems.NotFound(Names.Of(subject));
        }

        await AddAsync(db, outbox, concern, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/concerns/{concern.Id}", ConcernResponse.From(concern));
    }

    /// <summary>Adds the concern and, for an urgent one, its alerts, to the same unit of work.</summary>
    public static async Task AddAsync(BrokeringDbContext db, Outbox outbox, Concern concern, CancellationToken cancellationToken)
    {
        db.Concerns.Add(concern);
        if (concern.Severity == ConcernSeverity.Urgent)
        {
            await outbox.UrgentConcernAsync(concern, cancellationToken);
        }
    }

    public static async Task<Ok<List<ConcernResponse>>> List(ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var councilId = user.CouncilId();
        var open = await db.Concerns.AsNoTracking()
            .Where(c => c.CouncilId == councilId && c.Status != ConcernStatus.Resolved).ToListAsync(cancellationToken);
        return TypedResults.Ok(open.OrderByDescending(c => c.Severity == ConcernSeverity.Urgent).ThenBy(c => c.RaisedAt).Select(ConcernResponse.From).ToList());
    }

    public static async Task<Results<Ok<ConcernResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken) =>
        await db.FindVisibleAsync<Concern>(id, user, cancellationToken) is { } concern
            ? TypedResults.Ok(ConcernResponse.From(concern))
            : Problems.NotFound("concern");

    public static Task<Results<Ok<ConcernResponse>, ProblemHttpResult>> Acknowledge(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        db.ChangeVisibleAsync<Concern, ConcernResponse>(id, user, "concern", c => c.Acknowledge(user.Id(), time.GetUtcNow()), ConcernResponse.From, cancellationToken);

    public static Task<Results<Ok<ConcernResponse>, ProblemHttpResult>> RecordAction(
        Guid id, ActionRequest request, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        db.ChangeVisibleAsync<Concern, ConcernResponse>(id, user, "concern", c => c.RecordAction(request.Description, user.Id(), time.GetUtcNow()),
            ConcernResponse.From, cancellationToken);

    public static Task<Results<Ok<ConcernResponse>, ProblemHttpResult>> Close(
        Guid id, OutcomeRequest request, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        db.ChangeVisibleAsync<Concern, ConcernResponse>(id, user, "concern", c => c.Close(request.Outcome, user.Id(), time.GetUtcNow()), ConcernResponse.From, cancellationToken);
}
