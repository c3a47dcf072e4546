using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Pairings;
using Brokering.Features.Access;
using Brokering.Features.Diners;
using Brokering.Features.Http;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Pairings;

public sealed record IntroductionRequest(DateOnly On);

public sealed record PairingResponse(Guid Id, Guid CookId, Guid DinerId, string Status, DateOnly? IntroducedOn, DateTimeOffset? ApprovedAt)
{
    public static PairingResponse From(Pairing p) => new(p.Id, p.CookId, p.DinerId, Names.Of(p.Status), p.IntroducedOn, p.ApprovedAt);
}

/// <summary>A first-time pair meets on an introduction visit; a coordinator then approves the pairing.</summary>
public static class PairingEndpoints
{
    public static void MapPairingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pairings/{id:guid}").WithTags("Pairings").RequireAuthorization(Policies.Coordinator);
        group.MapGet("/", Get).WithName("GetPairing").WithSummary("One cook–diner pairing.");
        group.MapPost("/introduced", Introduced).WithName("RecordIntroduction").WithSummary("The introduction visit took place on this day.");
        group.MapPost("/approve", Approve).WithName("ApprovePairing").WithSummary("Approve the pair after their introduction; later meals need no approval.");
    }

    public static async Task<Results<Ok<PairingResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken) =>
        await db.FindVisibleAsync<Pairing>(id, user, cancellationToken) is { } pairing ? TypedResults.Ok(PairingResponse.From(pairing)) : Problems.NotFound("pairing");

    public static Task<Results<Ok<PairingResponse>, ProblemHttpResult>> Introduced(
        Guid id, IntroductionRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(db, grains, id, user, (diner, pairing) => diner.RecordIntroduction(pairing, request.On), cancellationToken);

    public static Task<Results<Ok<PairingResponse>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(db, grains, id, user, (diner, pairing) => diner.ApprovePairing(pairing, user.Id()), cancellationToken);

    /// <summary>A pairing is the diner's: their grain makes the change, and the pairing is answered as changed.</summary>
    private static async Task<Results<Ok<PairingResponse>, ProblemHttpResult>> ChangeAsync(
        BrokeringDbContext db, IGrainFactory grains, Guid id, ClaimsPrincipal user, Func<IDinerGrain, Guid, Task<GrainFailure?>> change, CancellationToken cancellationToken)
    {
        var pairing = await db.ReadVisibleAsync<Pairing>(id, user, cancellationToken);
        if (pairing is null)
        {
            return Problems.NotFound("pairing");
        }

        await change(grains.GetGrain<IDinerGrain>(pairing.DinerId), id).ThrowIfFailedAsync();

        return TypedResults.Ok(PairingResponse.From(await db.Pairings.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken)));
    }
}
