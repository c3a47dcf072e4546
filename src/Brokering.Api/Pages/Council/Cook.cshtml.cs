using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Audit;
using Brokering.Features.Cooks;
using Brokering.Features.Diners;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Council;

public sealed class CookModel(BrokeringDbContext db, IGrainFactory grains, AuditLog audit, TimeProvider time) : BrokeringPage
{
    public CookResponse? Cook { get; private set; }

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? IssuedOn { get; set; }
    [BindProperty] public string? ExpiresOn { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Kind is null)
        {
            ModelState.AddModelError(nameof(Kind), "Select which check you verified.");
        }

        var issued = Date(IssuedOn, nameof(IssuedOn), "the day the check was issued");
        DateOnly? expires = string.IsNullOrWhiteSpace(ExpiresOn) ? null : Date(ExpiresOn, nameof(ExpiresOn), "the day the check expires");
        if (ModelState.ErrorCount == 0
            && await SendAsync<CookResponse>(async () => await CookEndpoints.RecordCheck(
                id, new CheckRequest(Kind!, Reference, issued!.Value, expires), User, db, grains, time, cancellationToken), nameof(Kind)) is { } cook)
        {
            return Saved($"Check recorded for {cook.DisplayName}.", new { id });
        }

        return await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<CookResponse>(async () => await CookEndpoints.Approve(id, User, db, grains, time, cancellationToken)) is { } cook
            ? Saved($"{cook.DisplayName} is approved and has been told.", new { id })
            : await ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<CookResponse>(async () => await CookEndpoints.Suspend(id, new ReasonRequest(Reason ?? ""), User, db, grains, time, cancellationToken), nameof(Reason)) is { } cook
            ? Saved($"{cook.DisplayName} is suspended and will not be matched. Their coming meals are withdrawn and the diners told.", new { id })
            : await ShowAsync(id, cancellationToken);

    [BindProperty] public string? ConfirmName { get; set; }

    public Task<IActionResult> OnGetExportAsync(Guid id, [FromServices] UserManager<BrokeringUser> users, CancellationToken cancellationToken) =>
        ExportAsync<CookExport>(async () => await CookSubjectRights.Export(id, User, db, users, audit, time, cancellationToken), audit, "cook", id,
            $"cook-{id}.json", cancellationToken);

    public async Task<IActionResult> OnPostEraseAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync<CookResponse>(async () => await CookSubjectRights.Erase(
            id, new EraseRequest(ConfirmName ?? ""), User, db, grains, time, cancellationToken), nameof(ConfirmName)) is not null
            ? Saved("The cook's personal details and account are erased. Their coming meals are withdrawn and the diners told.", new { id })
            : await ShowAsync(id, cancellationToken);

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        // A failed action leaves its errors in ModelState; showing the cook must not add another.
        var errors = ModelState.ErrorCount;
        Cook = await SendAsync<CookResponse>(async () => await CookEndpoints.Get(id, User, db, time, cancellationToken));
        if (Cook is not null && HttpMethods.IsGet(Request.Method))
        {
            await audit.RecordAsync(User.Id(), User.CouncilId(), AuditLog.Read, "cook", id, "page: cook record", cancellationToken);
        }

        return Cook is null && ModelState.ErrorCount > errors ? NotFound() : Page();
    }
}
