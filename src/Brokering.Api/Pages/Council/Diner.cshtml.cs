using Brokering.Api.Diners;
using Brokering.Data;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Council;

public sealed class DinerModel(BrokeringDbContext db) : BrokeringPage
{
    public DinerResponse? Diner { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Diner = await SendAsync<DinerResponse>(async () => await DinerEndpoints.Get(id, User, db, cancellationToken));
        return Diner is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, d => d.Approve(), "is approved for meals", cancellationToken);

    public Task<IActionResult> OnPostPauseAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, d => d.Pause(), "will not be offered meals until you approve them again", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, Action<Domain.Diners.Diner> change, string done, CancellationToken cancellationToken)
    {
        if (await SendAsync<DinerResponse>(async () => await db.ChangeVisibleDinerAsync(id, User, change, cancellationToken)) is { } diner)
        {
            Done = $"{diner.FirstName} {done}.";
            return RedirectToPage(new { id });
        }

        return await OnGetAsync(id, cancellationToken);
    }
}
