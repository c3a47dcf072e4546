using Brokering.Domain;
using Brokering.Features.Access;
using Brokering.Features.Audit;
using Brokering.Features.Diners;
using Brokering.Features.Pairings;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Council;

public sealed record PairingView(PairingResponse Pairing, string CookName);

public sealed class DinerModel(BrokeringDbContext db, IGrainFactory grains, AuditLog audit, TimeProvider time) : BrokeringPage
{
    public DinerResponse? Diner { get; private set; }

    public IReadOnlyList<PairingView> Pairings { get; private set; } = [];

    /// <summary>How long the diner is likely to wait for a first meal, shown while they have not had one.</summary>
    public WaitingEstimateResponse? Wait { get; private set; }

    [BindProperty] public string? IntroducedOn { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var errors = ModelState.ErrorCount;
        Diner = await SendAsync<DinerResponse>(async () => await DinerEndpoints.Get(id, User, db, cancellationToken));
        if (Diner is null && ModelState.ErrorCount > errors)
        {
            return NotFound();
        }

        if (Diner is not null && HttpMethods.IsGet(Request.Method))
        {
            await audit.RecordAsync(User.Id(), User.CouncilId(), AuditLog.Read, "diner", id, "page: diner record", cancellationToken);
        }

        IntroducedOn ??= time.TodayInUk().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var pairings = await (from p in db.Pairings.AsNoTracking()
                              join c in db.Cooks.AsNoTracking() on p.CookId equals c.Id
                              where p.DinerId == id
                              select new { Pairing = p, c.DisplayName }).ToListAsync(cancellationToken);
        Pairings = [.. pairings.Select(p => new PairingView(PairingResponse.From(p.Pairing), p.DisplayName))];
        if (Diner is { Status: "referred" or "approved" } && Pairings.Count == 0)
        {
            Wait = (await DinerEndpoints.EstimateWait(id, User, db, time, cancellationToken)).Result is Microsoft.AspNetCore.Http.HttpResults.Ok<WaitingEstimateResponse> ok ? ok.Value : null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostIntroducedAsync(Guid id, Guid pairingId, CancellationToken cancellationToken)
    {
        var on = Date(IntroducedOn, nameof(IntroducedOn), "the day of the introduction visit");
        if (on is not null && await SendAsync<PairingResponse>(async () => await PairingEndpoints.Introduced(
            pairingId, new IntroductionRequest(on.Value), User, db, grains, cancellationToken), nameof(IntroducedOn)) is not null)
        {
            return Saved("Introduction recorded. Approve the pairing when you are happy for them to carry on.", new { id });
        }

        return await OnGetAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostApprovePairingAsync(Guid id, Guid pairingId, CancellationToken cancellationToken)
    {
        if (await SendAsync<PairingResponse>(async () => await PairingEndpoints.Approve(pairingId, User, db, grains, cancellationToken)) is not null)
        {
            return Saved("Pairing approved. Their next meals need no approval.", new { id });
        }

        return await OnGetAsync(id, cancellationToken);
    }

    [BindProperty] public string? ConfirmName { get; set; }

    public Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken cancellationToken) =>
        ExportAsync<DinerExport>(async () => await SubjectRights.Export(id, User, db, audit, cancellationToken), audit, "diner", id, $"diner-{id}.json", cancellationToken);

    public async Task<IActionResult> OnPostEraseAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await SendAsync<DinerResponse>(async () => await SubjectRights.Erase(
            id, new EraseRequest(ConfirmName ?? ""), User, db, grains, cancellationToken), nameof(ConfirmName)) is null)
        {
            return await OnGetAsync(id, cancellationToken);
        }

        return Saved("The diner's personal details are erased. Their coming meals are cancelled and the cooks told.", new { id });
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () => await DinerEndpoints.Approve(id, User, db, grains, cancellationToken), "is approved for meals", cancellationToken);

    public Task<IActionResult> OnPostPauseAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () => await DinerEndpoints.Pause(id, User, db, grains, cancellationToken),
            "will not be offered meals until you approve them again; any coming meals are cancelled and the cooks told", cancellationToken);

    private async Task<IActionResult> ChangeAsync(
        Guid id, Func<Task<IResult>> change, string done, CancellationToken cancellationToken)
    {
        if (await SendAsync<DinerResponse>(change) is { } diner)
        {
            return Saved($"{diner.FirstName} {done}.", new { id });
        }

        return await OnGetAsync(id, cancellationToken);
    }
}
