using System.Security.Claims;
using Brokering.Domain.Diners;
using Brokering.Domain.Notifications;
using Brokering.Features.Access;
using Brokering.Features.Audit;
using Brokering.Features.Bookings;
using Brokering.Features.Concerns;
using Brokering.Features.Http;
using Brokering.Features.Notifications;
using Brokering.Features.Pairings;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Diners;

public sealed record EraseRequest(string ConfirmName);

/// <summary>Everything held about one diner, for a subject access request.</summary>
public sealed record DinerExport(
    DinerResponse Diner, IReadOnlyList<BookingResponse> Bookings, IReadOnlyList<PairingResponse> Pairings, IReadOnlyList<ConcernResponse> Concerns,
    IReadOnlyList<MessageRecord> Messages, IReadOnlyList<AuditEntryResponse> AccessLog);

/// <summary>A diner's rights under UK GDPR: to have everything held about them, and to be erased.</summary>
public static class SubjectRights
{
    public static async Task<Results<Ok<DinerExport>, ProblemHttpResult>> Export(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var diner = await db.FindVisibleAsync<Diner>(id, user, cancellationToken);
        if (diner is null)
        {
            return Problems.NotFound("diner");
        }

        var bookings = await db.Bookings.AsNoTracking().Where(b => b.DinerId == id).ToListAsync(cancellationToken);
        var pairings = await db.Pairings.AsNoTracking().Where(p => p.DinerId == id).ToListAsync(cancellationToken);
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.DinerId == id).ToListAsync(cancellationToken);
        var messages = await MessagesAbout(db, id).AsNoTracking().ToListAsync(cancellationToken);
        var accessLog = await audit.Query().Where(e => e.SubjectId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DinerExport(
            DinerResponse.From(diner),
            [.. bookings.Select(b => BookingResponse.From(b))],
            [.. pairings.Select(PairingResponse.From)],
            [.. concerns.Select(ConcernResponse.From)],
            [.. messages.Select(MessageRecord.From)],
            [.. accessLog.OrderBy(e => e.Id).Select(AuditEntryResponse.From)]));
    }

    /// <summary>
    /// Erases the diner once a coordinator confirms by typing their full name: coming meals are
    /// cancelled (the cooks told), unsent messages to them withdrawn and sent ones stripped of
    /// address and words, and the record anonymised. Bookings, concerns and the access log stay,
    /// without a name, for statistics and the council's safeguarding duty. All or nothing.
    /// </summary>
    public static async Task<Results<Ok<DinerResponse>, ProblemHttpResult>> Erase(
        Guid id, EraseRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var diner = await db.ReadVisibleAsync<Diner>(id, user, cancellationToken);
        if (diner is null)
        {
            return Problems.NotFound("diner");
        }

        if (!string.Equals(request.ConfirmName?.Trim(), $"{diner.FirstName} {diner.LastName}", StringComparison.OrdinalIgnoreCase) || diner.IsErased)
        {
            return Problems.Unprocessable("Erasure not confirmed.", ["type the diner's full name, exactly as recorded, to confirm erasing them"]);
        }

        return await DinerEndpoints.ChangeAsync(id, user, db, grains, grain => grain.EraseRecord(user.Id()), cancellationToken);
    }

    /// <summary>Messages to the diner, or about them to their nominated contact.</summary>
    public static IQueryable<Notification> MessagesAbout(BrokeringDbContext db, Guid dinerId) =>
        PersonalMessages.To(db, dinerId, RecipientRole.Diner, RecipientRole.NominatedContact);
}
