using Brokering.Api.Bookings;
using Brokering.Api.Infrastructure;
using Brokering.Api.Offers;
using Brokering.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Cook;

public sealed class OfferModel(BrokeringDbContext db, BookingService bookings) : BrokeringPage
{
    public OfferResponse? Offer { get; private set; }

    public IReadOnlyList<CookBookingView> Bookings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostDeliveredAsync(Guid id, Guid bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await BookingEndpoints.Delivered(bookingId, User, db, bookings, cancellationToken), "Thank you. The meal is marked as delivered.", cancellationToken);

    public Task<IActionResult> OnPostNoAnswerAsync(Guid id, Guid bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await BookingEndpoints.NoAnswer(bookingId, User, db, bookings, cancellationToken),
            "The council has been told straight away and will check on them. Please keep the meal chilled.", cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<IResult>> action, string done, CancellationToken cancellationToken)
    {
        if (await SendAsync<BookingResponse>(action) is null)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return Saved(done, new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = User.Id();
        var offer = await db.Offers.AsNoTracking()
            .Where(o => o.Id == id && db.Cooks.Any(c => c.Id == o.CookId && c.UserId == userId))
            .SingleOrDefaultAsync(cancellationToken);
        if (offer is null)
        {
            return false;
        }

        Offer = OfferResponse.From(offer);
        Bookings = await OfferEndpoints.Bookings(id, User, db, cancellationToken) is { Result: Ok<List<CookBookingView>> ok } ? ok.Value! : [];
        return true;
    }
}
