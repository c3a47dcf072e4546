using System.Security.Claims;
using Brokering.Domain.Councils;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Councils;

/// <summary><c>reference</c> names the signed data sharing agreement, as the councils' data protection officers file it.</summary>
public sealed record SharingRequest(Guid CouncilA, Guid CouncilB, string Reference);

public sealed record SharingResponse(
    Guid Id, Guid CouncilA, string CouncilAName, Guid CouncilB, string CouncilBName, string Reference, DateTimeOffset RecordedAt, bool Active,
    DateTimeOffset? EndedAt);

/// <summary>
/// Agreements between two councils to share cooks and diners across their boundary. Only an admin
/// records or ends one; each council's coordinators see those that involve their council.
/// </summary>
public static class SharingEndpoints
{
    public static void MapSharingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sharing-agreements").WithTags("Councils").RequireAuthorization(Policies.Coordinator);
        group.MapPost("/", Record).RequireAuthorization(Policies.Admin).WithName("RecordSharingAgreement")
            .WithSummary("Record that two councils have signed a data sharing agreement: from now on their diners and cooks may be matched across the boundary.");
        group.MapGet("/", List).WithName("ListSharingAgreements").WithSummary("Agreements involving the caller's council (every agreement, for an admin).");
        group.MapPost("/{id:guid}/end", End).RequireAuthorization(Policies.Admin).WithName("EndSharingAgreement")
            .WithSummary("End an agreement: no new matches cross the boundary; meals already booked stay.");
    }

    /// <summary>Through the grain of the pair's first council, so two recordings for one pair run one after the other.</summary>
    public static async Task<Results<Created<SharingResponse>, ProblemHttpResult>> Record(
        SharingRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (first, second) = SharingAgreement.Pair(request.CouncilA, request.CouncilB);
        var names = await NamesAsync(db, [first, second], cancellationToken);
        if (first != second && names.Count < 2)
        {
            return Problems.NotFound("council");
        }

        var result = await grains.GetGrain<ICouncilGrain>(first).RecordSharing(second, request.Reference, user.Id());
        if (result.AlreadySharing)
        {
            return Problems.Conflict("Already sharing.", "These two councils already have a live sharing agreement; end it before recording a new one.");
        }

        var id = result.AgreementId ?? throw result.Failure!.Rethrow();
        return TypedResults.Created($"/api/v1/sharing-agreements/{id}",
            Respond(await db.SharingAgreements.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken), names));
    }

    public static async Task<Ok<List<SharingResponse>>> List(ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var councilId = user.CouncilId();
        var agreements = await db.SharingAgreements.AsNoTracking()
            .Where(a => user.IsAdmin() || a.CouncilA == councilId || a.CouncilB == councilId)
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, [.. agreements.SelectMany(a => new[] { a.CouncilA, a.CouncilB }).Distinct()], cancellationToken);
        return TypedResults.Ok(agreements.OrderBy(a => a.Id).Select(a => Respond(a, names)).ToList());
    }

    public static async Task<Results<Ok<SharingResponse>, ProblemHttpResult>> End(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var agreement = await db.SharingAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
        {
            return Problems.NotFound("sharing agreement");
        }

        await grains.GetGrain<ICouncilGrain>(agreement.CouncilA).EndSharing(id, user.Id()).ThrowIfFailedAsync();
        return TypedResults.Ok(Respond(await db.SharingAgreements.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken),
            await NamesAsync(db, [agreement.CouncilA, agreement.CouncilB], cancellationToken)));
    }

    private static Task<Dictionary<Guid, string>> NamesAsync(BrokeringDbContext db, List<Guid> ids, CancellationToken cancellationToken) =>
        db.Councils.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

    private static SharingResponse Respond(SharingAgreement a, Dictionary<Guid, string> names) =>
        new(a.Id, a.CouncilA, names[a.CouncilA], a.CouncilB, names[a.CouncilB], a.Reference, a.RecordedAt, a.IsActive, a.EndedAt);
}
