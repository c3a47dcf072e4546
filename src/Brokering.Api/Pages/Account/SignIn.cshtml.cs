using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Brokering.Api.Pages.Account;

[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class SignInModel(SignInManager<BrokeringUser> signIn) : BrokeringPage
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || Email.Any(char.IsControl))
        {
            ModelState.AddModelError(nameof(Email), "Enter your email address.");
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Enter your password.");
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email!, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(nameof(Email), "Too many attempts. Wait 5 minutes and try again.");
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), "The email address or password is not right.");
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
