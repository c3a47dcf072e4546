using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Features.Access;
using Brokering.Features.Audit;
using Brokering.Features.Postcodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages;

/// <summary>
/// A page that does its work through the API's own handlers, so a rule is enforced in one place
/// and a refusal reads the same on a page as in a problem document: each refusal becomes a form
/// error beside the field it names, listed in the error summary.
/// </summary>
public abstract class BrokeringPage : PageModel
{
    /// <summary>Text shown in a green banner on the next page, after a redirect.</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>Shows <paramref name="done"/> in the banner of this page, reloaded after the post (post, redirect, get).</summary>
    protected RedirectToPageResult Saved(string done, object? routeValues = null)
    {
        Done = done;
        return RedirectToPage(routeValues);
    }

    /// <summary>Runs an API handler; its value on success, or null with the refusal added to the form's errors.</summary>
    protected async Task<T?> SendAsync<T>(Func<Task<IResult>> handler, string field = "") where T : class
    {
        try
        {
            var result = await handler();
            switch (result is INestedHttpResult nested ? nested.Result : result)
            {
                case IValueHttpResult<T> { Value: { } value }:
                    return value;
                case ProblemHttpResult problem:
                    AddProblem(problem.ProblemDetails, field);
                    return null;
                case ValidationProblem validation:
                    AddProblem(validation.ProblemDetails, field);
                    return null;
                case var other:
                    throw new InvalidOperationException($"The handler answered {other.GetType().Name}, which the page does not expect.");
            }
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(FieldName(e.Field), Sentence(e.Reason, e.Field));
        }
        catch (ChecksOutstandingException e)
        {
            ModelState.AddModelError(field, e.Message);
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError(field, e.Message);
        }
        catch (RuleRefusedException e)
        {
            foreach (var reason in e.Reasons)
            {
                ModelState.AddModelError(field, reason);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(field, "Someone else changed this first. Reload the page and try again.");
        }

        return null;
    }

    /// <summary>
    /// A subject access export as a JSON file named <paramref name="fileName"/>, with the export
    /// recorded in the audit log; 404 when the caller may not see the person.
    /// </summary>
    protected async Task<IActionResult> ExportAsync<T>(Func<Task<IResult>> export, AuditLog audit, string subjectType, Guid id, string fileName,
        CancellationToken cancellationToken) where T : class
    {
        if (await SendAsync<T>(export) is not { } everything)
        {
            return NotFound();
        }

        await audit.RecordAsync(User.Id(), User.CouncilId(), AuditLog.Read, subjectType, id, "page: subject access export", cancellationToken);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(everything, ExportJson);
        return File(json, "application/json", fileName);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Runs a handler that answers with no value (204); true when it succeeded.</summary>
    protected async Task<bool> SendAsync(Func<Task<IResult>> handler, string field = "") =>
        await SendAsync<object>(async () => await handler() switch
        {
            INestedHttpResult { Result: NoContent } or NoContent => TypedResults.Ok(new object()),
            var other => other,
        }, field) is not null;

    /// <summary>Where a postcode is, or null with a form error that says what to do.</summary>
    protected async Task<GeoPoint?> LocateAsync(IGeocoder geocoder, string? postcode, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(postcode))
        {
            ModelState.AddModelError(field, "Enter a postcode.");
            return null;
        }

        if (UkPostcode.Normalise(postcode) is null)
        {
            ModelState.AddModelError(field, "Enter a full UK postcode, like LS1 4AP.");
            return null;
        }

        var found = await geocoder.LocateAsync(postcode, cancellationToken);
        if (found is null)
        {
            ModelState.AddModelError(field, "We could not find that postcode. Check it and try again.");
        }

        return found;
    }

    /// <summary>
    /// A date from a form's date field: what the browser's date picker sends (2026-11-22), or what
    /// someone types where there is no picker (22/11/2026); otherwise null with a form error.
    /// </summary>
    protected DateOnly? Date(string? text, string field, string what)
    {
        if (DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d M yyyy"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(field, $"Enter {what}.");
        return null;
    }

    /// <summary>A number typed into a form, or null with a form error naming <paramref name="what"/>.</summary>
    protected double? Number(string? text, string field, string what)
    {
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        ModelState.AddModelError(field, $"Enter {what} as a number, like 1.6.");
        return null;
    }

    private void AddProblem(Microsoft.AspNetCore.Mvc.ProblemDetails problem, string field)
    {
        if (problem is HttpValidationProblemDetails { Errors: var errors })
        {
            foreach (var (name, messages) in errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(FieldName(name), message);
                }
            }

            return;
        }

        if (problem.Extensions.TryGetValue("reasons", out var reasons) && reasons is IEnumerable<string> list)
        {
            // The API's reasons read as clauses ("type the diner's full name…"); a form shows sentences.
            foreach (var reason in list.Where(r => r.Length > 0))
            {
                ModelState.AddModelError(field, char.ToUpperInvariant(reason[0]) + reason[1..].TrimEnd('.') + ".");
            }

            return;
        }

        ModelState.AddModelError(field, problem.Detail ?? problem.Title ?? "That did not work.");
    }

    /// <summary>The API's field ("displayName") as the page's property ("DisplayName").</summary>
    private static string FieldName(string apiField) =>
        apiField.Length == 0 ? "" : char.ToUpperInvariant(apiField[0]) + apiField[1..];

    private static string Sentence(string reason, string field)
    {
        var words = Names.Kebab(FieldName(field)).Replace('-', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..] + " " + reason.TrimEnd('.') + ".";
    }
}
