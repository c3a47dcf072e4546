using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Councils;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Council;

public sealed class StaffModel(BrokeringDbContext db, UserManager<BrokeringUser> users) : BrokeringPage
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Role { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Role is null)
        {
            ModelState.AddModelError(nameof(Role), "Select a role.");
            return Page();
        }

        if (!await SendAsync(async () => await CouncilEndpoints.AddStaff(
            User.CouncilId(), new AddStaffRequest(Email ?? "", Role), User, db, users, cancellationToken), nameof(Email)))
        {
            return Page();
        }

        Done = $"{Email} is now a {Role}. They need to sign out and in again to see their new pages.";
        return Redirect("/council/work");
    }
}
