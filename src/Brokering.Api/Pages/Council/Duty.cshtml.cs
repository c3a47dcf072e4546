using System.Globalization;
using Brokering.Domain;
using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Councils;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Brokering.Api.Pages.Council;

/// <summary>The duty rota: who receives urgent alerts when. Times are UK times.</summary>
public sealed class DutyModel(BrokeringDbContext db, IGrainFactory grains, UserManager<BrokeringUser> users, TimeProvider time) : BrokeringPage
{
    [BindProperty] public string? Coordinator { get; set; }
    [BindProperty] public string? StartDate { get; set; }
    [BindProperty] public string? StartTime { get; set; }
    [BindProperty] public string? EndDate { get; set; }
    [BindProperty] public string? EndTime { get; set; }

    public IReadOnlyList<DutyShiftResponse> Shifts { get; private set; } = [];
    public IReadOnlyList<Components.Govuk.Choice> Coordinators { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = time.TodayInUk().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (StartDate, StartTime, EndDate, EndTime) = (today, "09:00", today, "17:00");
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var starts = At(StartDate, StartTime, nameof(StartDate), "the start");
        var ends = At(EndDate, EndTime, nameof(EndDate), "the end");
        if (Coordinator is null)
        {
            ModelState.AddModelError(nameof(Coordinator), "Select who is on duty.");
        }

        if (starts is null || ends is null || Coordinator is null
            || await SendAsync<DutyShiftResponse>(async () => await DutyEndpoints.Add(
                new DutyShiftRequest(Coordinator, starts.Value, ends.Value), User, db, grains, users, time, cancellationToken), nameof(EndDate)) is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Saved("The shift is on the rota.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken) =>
        await SendAsync(async () => await DutyEndpoints.Remove(id, User, db, grains, cancellationToken))
            ? Saved("The shift is off the rota.")
            : await ReloadAsync(cancellationToken);

    private async Task<PageResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Shifts = (await DutyEndpoints.List(User, db, time, cancellationToken)).Value!;
        var councilId = User.CouncilId();
        var coordinators = await users.GetUsersInRoleAsync(Roles.Coordinator);
        Coordinators = [.. coordinators.Where(u => u.CouncilId == councilId && u.Email is not null).OrderBy(u => u.DisplayName)
            .Select(u => new Components.Govuk.Choice(u.Email!, $"{u.DisplayName} ({u.Email})"))];
    }

    /// <summary>A UK date and time typed into the form, or null with a form error.</summary>
    private DateTimeOffset? At(string? date, string? clock, string field, string what)
    {
        var day = Date(date, field, $"the date of {what}");
        if (!TimeOnly.TryParse(clock, CultureInfo.InvariantCulture, out var at))
        {
            ModelState.AddModelError(field.Replace("Date", "Time", StringComparison.Ordinal), $"Enter the time of {what}, for example 09:00.");
            return null;
        }

        return day is { } d ? UkCalendar.At(d, at) : null;
    }
}
