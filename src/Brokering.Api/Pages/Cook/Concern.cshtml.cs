using Brokering.Features.Bookings;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Brokering.Api.Pages.Cook;

public sealed class ConcernModel(BrokeringDbContext db, Outbox outbox, TimeProvider time) : BrokeringPage
{
    [BindProperty]
    public string? Severity { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Severity is null)
        {
            ModelState.AddModelError(nameof(Severity), "Select how urgent it is.");
            return Page();
        }

        var booking = await SendAsync<BookingResponse>(async () => await BookingEndpoints.RaiseConcern(
            id, new ConcernRequest(Severity, Description ?? ""), User, db, outbox, time, cancellationToken), nameof(Description));
        if (booking is null)
        {
            return Page();
        }

        Done = "Thank you. Your concern has been sent to the council.";
        return Redirect($"/cook/offers/{booking.OfferId}");
    }
}
