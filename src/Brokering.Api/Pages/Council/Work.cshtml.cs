using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Domain.Concerns;
using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Domain.Pairings;
using Brokering.Domain.Proposals;
using Brokering.Features.Access;
using Brokering.Features.Bookings;
using Brokering.Features.Concerns;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Brokering.Features.RegularMeals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Council;

/// <summary>An open concern, linked to the record of the diner or cook it is about, with its triage log.</summary>
public sealed record ConcernRow(Guid Id, string Severity, string Summary, string AboutLink, string AboutName, DateTimeOffset RaisedAt, bool Acknowledged,
    IReadOnlyList<string> Log);

/// <summary>A first-time pair still to be introduced, or introduced and waiting for approval; linked by the diner.</summary>
/// <summary>A confirmed meal a coordinator must look at, such as one whose cook's check lapses first.</summary>
public sealed record ReviewRow(Guid DinerId, string DinerName, DateOnly Day, string Reason);

public sealed record NewPairingRow(Guid DinerId, string DinerName, bool Introduced);

public sealed record PersonRow(Guid Id, string Name, DateOnly On, int MissingChecks = 0);

/// <summary>Everything waiting for a coordinator of this council, most pressing first.</summary>
public sealed class WorkModel(BrokeringDbContext db, TimeProvider time) : BrokeringPage
{
    public IReadOnlyList<ConcernRow> Concerns { get; private set; } = [];
    public IReadOnlyList<PersonRow> Applications { get; private set; } = [];
    public IReadOnlyList<PersonRow> Referrals { get; private set; } = [];
    public int Proposals { get; private set; }

    public IReadOnlyList<NewPairingRow> Pairings { get; private set; } = [];
    public IReadOnlyList<ReviewRow> Reviews { get; private set; } = [];
    public IReadOnlyList<NotificationResponse> Messages { get; private set; } = [];
    public IReadOnlyList<UncoveredMealResponse> Uncovered { get; private set; } = [];
    public IReadOnlyList<RepeatedLateCancellation> LateCancellations { get; private set; } = [];

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<NotificationResponse>(async () => await NotificationEndpoints.Retry(id, User, db, time, cancellationToken)) is null
            ? await ShowAsync(cancellationToken)
            : Saved("The message will be sent again.");

    public async Task<IActionResult> OnPostCalledAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<NotificationResponse>(async () => await NotificationEndpoints.Called(id, User, db, time, cancellationToken)) is null
            ? await ShowAsync(cancellationToken)
            : Saved("Marked as rung.");

    [BindProperty] public string? Outcome { get; set; }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<ConcernResponse>(async () => await ConcernEndpoints.Acknowledge(id, User, db, time, cancellationToken)) is null
            ? await ShowAsync(cancellationToken)
            : Saved("You are dealing with the concern.");

    [BindProperty] public string? Action { get; set; }

    public async Task<IActionResult> OnPostActionAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<ConcernResponse>(async () => await ConcernEndpoints.RecordAction(
            id, new ActionRequest(Action ?? ""), User, db, time, cancellationToken), nameof(Action)) is null
            ? await ShowAsync(cancellationToken)
            : Saved("What you did has been added to the concern's log.");

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<ConcernResponse>(async () => await ConcernEndpoints.Close(
            id, new OutcomeRequest(Outcome ?? ""), User, db, time, cancellationToken), nameof(Outcome)) is null
            ? await ShowAsync(cancellationToken)
            : Saved("Concern closed.");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        var councilId = User.CouncilId();
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.CouncilId == councilId && c.Status != ConcernStatus.Resolved).ToListAsync(cancellationToken);
        var dinerIds = concerns.Where(c => c.DinerId is not null).Select(c => c.DinerId!.Value).ToList();
        var cookIds = concerns.Where(c => c.DinerId is null).Select(c => c.CookId!.Value).ToList();
        var diners = await db.Diners.AsNoTracking().Where(d => dinerIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.FirstName + " " + d.LastName, cancellationToken);
        var cooks = await db.Cooks.AsNoTracking().Where(c => cookIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        Concerns = [.. concerns
            .OrderByDescending(c => c.Severity == ConcernSeverity.Urgent).ThenBy(c => c.RaisedAt)
            .Select(c => new ConcernRow(c.Id, Names.Of(c.Severity), c.Summary,
                c.DinerId is { } dinerId ? $"/council/diners/{dinerId}" : $"/council/cooks/{c.CookId}",
                c.DinerId is { } diner ? diners[diner] : "cook " + cooks[c.CookId!.Value], c.RaisedAt,
                c.Status == ConcernStatus.Acknowledged,
                [.. c.Actions.Select(a => $"{UkCalendar.InUk(a.At):d MMM HH:mm}: {a.Description}")]))];

        var reviews = await (from b in db.Bookings.AsNoTracking()
                             join o in db.Offers.AsNoTracking() on b.OfferId equals o.Id
                             join d in db.Diners.AsNoTracking() on b.DinerId equals d.Id
                             where b.CouncilId == councilId && b.Status == BookingStatus.Confirmed && b.ReviewReason != null
                             orderby o.DeliveryDate
                             select new ReviewRow(d.Id, d.FirstName + " " + d.LastName, o.DeliveryDate, b.ReviewReason!)).ToListAsync(cancellationToken);
        Reviews = reviews;

        var council = await db.Councils.AsNoTracking().SingleAsync(c => c.Id == councilId, cancellationToken);
        var today = time.TodayInUk();
        var applied = await db.Cooks.AsNoTracking().Where(c => c.CouncilId == councilId && c.Status == CookStatus.Applied).ToListAsync(cancellationToken);
        Applications = [.. applied.OrderBy(c => c.AppliedAt)
            .Select(c => new PersonRow(c.Id, c.DisplayName, UkCalendar.DateOf(c.AppliedAt), c.MissingChecks(council.Policy, today).Count))];

        var referred = await db.Diners.AsNoTracking().Where(d => d.CouncilId == councilId && d.Status == DinerStatus.Referred).ToListAsync(cancellationToken);
        Referrals = [.. referred.OrderBy(d => d.ReferredAt).Select(d => new PersonRow(d.Id, $"{d.FirstName} {d.LastName}", UkCalendar.DateOf(d.ReferredAt)))];

        Proposals = await db.Proposals.CountAsync(p => p.CouncilId == councilId && p.Status == ProposalStatus.Proposed, cancellationToken);

        var pairings = await (from p in db.Pairings.AsNoTracking()
                              join d in db.Diners.AsNoTracking() on p.DinerId equals d.Id
                              where p.CouncilId == councilId && (p.Status == PairingStatus.Proposed || p.Status == PairingStatus.Introduced)
                              select new { d.Id, d.FirstName, d.LastName, p.Status, p.ProposedAt }).ToListAsync(cancellationToken);
        Pairings = [.. pairings.OrderBy(p => p.ProposedAt)
            .Select(p => new NewPairingRow(p.Id, $"{p.FirstName} {p.LastName}", Introduced: p.Status == PairingStatus.Introduced))];

        var failed = (await NotificationEndpoints.List(User, db, "failed", 50, cancellationToken)).Value ?? [];
        var toCall = (await NotificationEndpoints.List(User, db, "to-call", 50, cancellationToken)).Value ?? [];
        Messages = [.. failed.Concat(toCall)];
        Uncovered = (await RegularMealEndpoints.Uncovered(User, db, time, cancellationToken)).Value ?? [];
        LateCancellations = await Features.Bookings.LateCancellations.RepeatedAsync(db, councilId, time.GetUtcNow(), cancellationToken);
        return Page();
    }
}
