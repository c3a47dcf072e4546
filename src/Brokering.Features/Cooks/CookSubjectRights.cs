using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Concerns;
using Brokering.Domain.Cooks;
using Brokering.Domain.Notifications;
using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Audit;
using Brokering.Features.Bookings;
using Brokering.Features.Concerns;
using Brokering.Features.Diners;
using Brokering.Features.Http;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;
using Brokering.Features.Pairings;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Cooks;

public sealed record AccountRecord(string? Email, string DisplayName);

/// <summary>
/// Everything held about one cook, for a subject access request. Concerns raised about a meal
/// are the diner's as much as the cook's, so only concerns about the cook themself are included.
/// </summary>
public sealed record CookExport(
    CookResponse Cook, AccountRecord? Account, IReadOnlyList<OfferResponse> Offers, IReadOnlyList<BookingResponse> Bookings,
    IReadOnlyList<PairingResponse> Pairings, IReadOnlyList<ConcernResponse> Concerns, IReadOnlyList<MessageRecord> Messages,
    IReadOnlyList<AuditEntryResponse> AccessLog);

/// <summary>A cook's rights under UK GDPR: to have everything held about them, and to be erased.</summary>
public static class CookSubjectRights
{
    public static async Task<Results<Ok<CookExport>, ProblemHttpResult>> Export(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, UserManager<BrokeringUser> users, AuditLog audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var cook = await db.FindVisibleAsync<Cook>(id, user, cancellationToken);
        if (cook is null)
        {
            return Problems.NotFound("cook");
        }

        var council = await db.Councils.AsNoTracking().SingleAsync(c => c.Id == cook.CouncilId, cancellationToken);
        var account = await users.FindByIdAsync(cook.UserId);
        var offers = await db.Offers.AsNoTracking().Where(o => o.CookId == id).ToListAsync(cancellationToken);
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.CookId == id).ToListAsync(cancellationToken);
        var pairings = await db.Pairings.AsNoTracking().Where(p => p.CookId == id).ToListAsync(cancellationToken);
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.CookId == id && c.Subject == ConcernSubject.Cook).ToListAsync(cancellationToken);
        var messages = await PersonalMessages.To(db, id, RecipientRole.Cook).AsNoTracking().ToListAsync(cancellationToken);
        var accessLog = await audit.Query().Where(e => e.SubjectId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new CookExport(
            CookResponse.From(cook, council.Policy, time.TodayInUk()),
            account is null ? null : new AccountRecord(account.Email, account.DisplayName),
            [.. offers.OrderBy(o => o.Id).Select(o => OfferResponse.From(o))],
            [.. bookings.OrderBy(b => b.Id).Select(b => BookingResponse.From(b))],
            [.. pairings.Select(PairingResponse.From)],
            [.. concerns.Select(ConcernResponse.From)],
            [.. messages.OrderBy(n => n.Id).Select(MessageRecord.From)],
            [.. accessLog.OrderBy(e => e.Id).Select(AuditEntryResponse.From)]));
    }

    /// <summary>
    /// Erases the cook once a coordinator confirms by typing their name: coming offers are withdrawn
    /// and their diners told, messages to the cook withdrawn or stripped, the record anonymised
    /// and the sign-in account deleted. Past meals, checks held (without their numbers) and
    /// concerns stay for statistics and the council's safeguarding duty. All or nothing.
    /// </summary>
    public static async Task<Results<Ok<CookResponse>, ProblemHttpResult>> Erase(
        Guid id, EraseRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var cook = await db.ReadVisibleAsync<Cook>(id, user, cancellationToken);
        if (cook is null)
        {
            return Problems.NotFound("cook");
        }

        if (cook.IsErased || !string.Equals(request.ConfirmName?.Trim(), cook.DisplayName, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Unprocessable("Erasure not confirmed.", ["type the cook's name, exactly as recorded, to confirm erasing them"]);
        }

        return await CookEndpoints.ChangeAsync(id, user, db, grains, time, grain => grain.EraseRecord(user.Id()), cancellationToken);
    }
}
