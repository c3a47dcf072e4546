using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Brokering.Api.Pages;

/// <summary>
/// What a person sees instead of a bare status code. Re-executed for the original request, which
/// may be a form post whose token was refused, so this page asks for no token itself.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Advice { get; private set; } = "";

    public void OnGet(int? code)
    {
        (Heading, Advice) = code switch
        {
            StatusCodes.Status400BadRequest => ("Sorry, that form could not be sent",
                "This can happen when a page has been open for a long time. Go back, reload the page and try again."),
            StatusCodes.Status403Forbidden => ("You cannot see this page", "Your account does not give you access to it."),
            StatusCodes.Status404NotFound => ("Page not found", "If you typed the web address, check it is correct. The record may also belong to another council."),
            _ => ("Sorry, there is a problem with the service", "Try again later. Nothing you entered has been saved."),
        };
    }

    public void OnPost(int? code) => OnGet(code);
}
