using Brokering.Features.Bookings;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Bookings;

/// <summary>A meal's label, laid out to print on an A6 card for the cook to tape to the lid.</summary>
[Authorize]
public sealed class LabelModel(BrokeringDbContext db) : BrokeringPage
{
    public MealLabelResponse? Label { get; private set; }

    /// <summary>Why no label can be printed, when the meal is no longer safe for the diner.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        switch ((await BookingEndpoints.Label(id, User, db, cancellationToken)).Result)
        {
            case Ok<MealLabelResponse> ok:
                Label = ok.Value;
                return Page();
            case ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } conflict:
                Refusal = conflict.ProblemDetails.Detail;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }
}
