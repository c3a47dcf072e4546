using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Access;
using Brokering.Features.Bookings;
using Brokering.Features.Diners;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Matching;

public sealed record RunRequest(DateOnly? DeliveryDate = null);

public sealed record RejectRequest(string Reason, bool ExcludePair = false);

public sealed record ProposalResponse(
    Guid Id, Guid OfferId, Guid DinerId, Guid CookId, double DistanceKm, bool ContinuesPairing, IReadOnlyList<string> Reasons,
    string Status, Guid? BookingId, string? RejectionReason)
{
    public static ProposalResponse From(MatchProposal p) => new(
        p.Id, p.OfferId, p.DinerId, p.CookId, p.DistanceKm, p.ContinuesPairing, p.Reasons, Names.Of(p.Status), p.BookingId, p.RejectionReason);
}

public sealed record UnmatchedResponse(Guid DinerId, IReadOnlyList<string> Reasons);

public sealed record CoverageResponse(double Latitude, double Longitude, int Diners, double RadiusKm);

public sealed record RunResponse(
    Guid Id, Guid CouncilId, DateOnly DeliveryDate, DateTimeOffset StartedAt, bool Scheduled,
    IReadOnlyList<ProposalResponse> Proposals, IReadOnlyList<UnmatchedResponse> Unmatched, IReadOnlyList<CoverageResponse> Coverage)
{
    public static RunResponse From(MatchingRun run, IEnumerable<MatchProposal> proposals) => new(
        run.Id, run.CouncilId, run.DeliveryDate, run.StartedAt, run.Scheduled,
        [.. proposals.Select(ProposalResponse.From)],
        [.. run.Unmatched.Select(u => new UnmatchedResponse(u.DinerId, u.Reasons))],
        [.. run.Coverage.Select(c => new CoverageResponse(c.Latitude, c.Longitude, c.Diners, c.RadiusKm))]);
}

/// <summary>The outcome of approving a proposal: the booking made and the pairing it belongs to.</summary>
public sealed record ApprovalResponse(ProposalResponse Proposal, Guid BookingId, Guid PairingId, string PairingStatus, bool IntroductionNeeded);

public static class MatchingEndpoints
{
    public static void MapMatchingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/matching").WithTags("Matching").RequireAuthorization(Policies.Coordinator);
        group.MapPost("/runs", StartRun).WithName("RunMatching")
            .WithSummary("Match the council's approved diners to its open offers for a delivery day (today if none is given).");
        group.MapGet("/runs/{id:guid}", GetRun).WithName("GetMatchingRun").WithSummary("A round with its proposals, unmatched diners and coverage.");
        group.MapPost("/proposals/{id:guid}/approve", Approve).WithName("ApproveProposal")
            .WithSummary("Book the proposed portion; a first-time pair also gets a pairing awaiting its introduction visit.");
        group.MapPost("/proposals/{id:guid}/reject", Reject).WithName("RejectProposal")
            .WithSummary("Decline a proposal with a reason; excludePair keeps the two apart in future rounds.");
    }

    /// <summary>Runs through the council's and day's grain, so rounds asked for at once, through any API process, run one after another.</summary>
    public static async Task<Results<Created<RunResponse>, ProblemHttpResult>> StartRun(
        RunRequest? request, ClaimsPrincipal user, IGrainFactory grains, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.TodayInUk();
        var day = request?.DeliveryDate ?? today;
        if (day < today)
        {
            throw new DomainValidationException("deliveryDate", "must not be in the past");
        }

        var result = await MatchingRound.For(grains, user.CouncilId(), day).Run(user.Id());
        var id = result.RunId ?? throw result.Failure!.Rethrow();
        return TypedResults.Created($"/api/v1/matching/runs/{id}", await ReadRunAsync(db, id, cancellationToken));
    }

    public static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetRun(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken) =>
        await ReadRunAsync(db, id, cancellationToken) is { } run && user.CanSee(run.CouncilId) ? TypedResults.Ok(run) : Problems.NotFound("matching run");

    private static async Task<RunResponse?> ReadRunAsync(BrokeringDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var run = await db.MatchingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? null : RunResponse.From(run, await db.Proposals.AsNoTracking().Where(p => p.RunId == id).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Asks the booking desk again as of now before booking: a proposal whose offer ran out (409),
    /// or whose cook or diner stopped being matchable since the round (422 with the reasons), is
    /// refused as a booking through the API would be, and nothing is written.
    /// </summary>
    public static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, BookingService bookings, CancellationToken cancellationToken)
    {
        var proposal = await db.FindVisibleAsync<MatchProposal>(id, user, cancellationToken);
        if (proposal is null)
        {
            return Problems.NotFound("proposal");
        }

        if (proposal.Status != ProposalStatus.Proposed)
        {
            return Problems.Conflict("Already decided.", $"This proposal is {Names.Of(proposal.Status)}.");
        }

        var (booking, problem) = await bookings.ApproveAsync(proposal, user, cancellationToken);
        if (booking is null)
        {
            return problem!;
        }

        // The offer's grain approved the proposal in its own transaction.
        await db.Entry(proposal).ReloadAsync(cancellationToken);
        return TypedResults.Ok(new ApprovalResponse(ProposalResponse.From(proposal), booking.BookingId, booking.PairingId,
            Names.Of(booking.PairingStatus), IntroductionNeeded: booking.PairingStatus != PairingStatus.Approved));
    }

    /// <summary>Through the diner's grain, which also keeps the pair apart from now on when asked.</summary>
    public static async Task<Results<Ok<ProposalResponse>, ProblemHttpResult>> Reject(
        Guid id, RejectRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var proposal = await db.ReadVisibleAsync<MatchProposal>(id, user, cancellationToken);
        if (proposal is null)
        {
            return Problems.NotFound("proposal");
        }

        await grains.GetGrain<IDinerGrain>(proposal.DinerId).DeclineProposal(id, request.Reason, request.ExcludePair, user.Id()).ThrowIfFailedAsync();
        return TypedResults.Ok(ProposalResponse.From(await db.Proposals.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken)));
    }
}
