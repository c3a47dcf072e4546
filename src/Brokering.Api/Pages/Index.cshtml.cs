using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Brokering.Api.Pages;

public sealed class IndexModel : PageModel
{
    /// <summary>Signed-in people go straight to their own starting page.</summary>
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated != true ? Page()
        : User.IsCoordinator() ? Redirect("/council/work")
        : User.IsInRole(Roles.Referrer) ? Redirect("/referrals")
        : Redirect("/cook");
}
