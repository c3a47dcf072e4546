using Brokering.Domain;
using Brokering.Features.Access;
using Brokering.Features.Bookings;
using Brokering.Features.Matching;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Council;

public sealed class MatchingModel(BrokeringDbContext db, IGrainFactory grains, BookingService bookings, TimeProvider time) : BrokeringPage
{
    private Dictionary<Guid, string> _names = [];

    [BindProperty] public string? DeliveryDate { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public RunResponse? Run { get; private set; }

    /// <summary>A diner's full name or a cook's display name, for the coordinator.</summary>
    public string Name(Guid id) => _names.GetValueOrDefault(id, "Someone");

    public async Task<IActionResult> OnGetAsync(Guid? runId, CancellationToken cancellationToken)
    {
        // A date typed into a refused form is kept; otherwise the shown round's day, or today.
        var typed = DeliveryDate;
        DeliveryDate = time.TodayInUk().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var councilId = User.CouncilId();
        // Ids are version 7 GUIDs, so the newest round has the greatest id (SQLite cannot order by DateTimeOffset).
        runId ??= await db.MatchingRuns.AsNoTracking().Where(r => r.CouncilId == councilId)
            .OrderByDescending(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (runId is { } id)
        {
            Run = await SendAsync<RunResponse>(async () => await MatchingEndpoints.GetRun(id, User, db, cancellationToken));
            if (Run is not null)
            {
                DeliveryDate = Run.DeliveryDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                await NameAsync([.. Run.Proposals.SelectMany(p => new[] { p.DinerId, p.CookId }), .. Run.Unmatched.Select(u => u.DinerId)], cancellationToken);
            }
        }

        DeliveryDate = string.IsNullOrEmpty(typed) ? DeliveryDate : typed;
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var day = Date(DeliveryDate, nameof(DeliveryDate), "the day the meals will be delivered");
        if (day is null)
        {
            return await OnGetAsync(null, cancellationToken);
        }

        var run = await SendAsync<RunResponse>(async () => await MatchingEndpoints.StartRun(new RunRequest(day), User, grains, db, time, cancellationToken), nameof(DeliveryDate));
        if (run is null)
        {
            return await OnGetAsync(null, cancellationToken);
        }

        return Saved($"{Count(run.Proposals.Count, "meal", "meals")} proposed; {Count(run.Unmatched.Count, "person", "people")} not matched.", new { runId = run.Id });
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid proposalId, Guid runId, CancellationToken cancellationToken)
    {
        var approval = await SendAsync<ApprovalResponse>(async () => await MatchingEndpoints.Approve(proposalId, User, db, bookings, cancellationToken));
        if (approval is null)
        {
            return await OnGetAsync(runId, cancellationToken);
        }

        Done = approval.IntroductionNeeded
            ? "Booked. This is their first meal together: arrange the introduction visit."
            : "Booked. Both of them have been told.";
        return RedirectToPage(new { runId });
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid proposalId, Guid runId, CancellationToken cancellationToken)
    {
        if (await SendAsync<ProposalResponse>(async () => await MatchingEndpoints.Reject(
            proposalId, new RejectRequest(Reason ?? ""), User, db, grains, cancellationToken), nameof(Reason)) is null)
        {
            return await OnGetAsync(runId, cancellationToken);
        }

        return Saved("Proposal turned down.", new { runId });
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private async Task NameAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var diners = await db.Diners.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, Name = d.FirstName + " " + d.LastName }).ToListAsync(cancellationToken);
        var cooks = await db.Cooks.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Name = c.DisplayName }).ToListAsync(cancellationToken);
        _names = diners.Concat(cooks).ToDictionary(x => x.Id, x => x.Name);
    }
}
