using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Brokering.Api.Pages.Account;

[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class RegisterModel(UserManager<BrokeringUser> users, SignInManager<BrokeringUser> signIn, BrokeringDbContext db, IConfiguration configuration)
    : BrokeringPage
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await SendAsync<AccountResponse>(async () => await AccountEndpoints.Register(
            new RegisterRequest(Email ?? "", Password ?? "", DisplayName ?? ""), users, db, configuration, cancellationToken), nameof(Email));
        if (account is null)
        {
            return Page();
        }

        await signIn.SignInAsync((await users.FindByIdAsync(account.Id))!, isPersistent: false);
        return Redirect("/cook/apply");
    }
}
