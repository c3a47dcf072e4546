using Brokering.Api.Bookings;
using Brokering.Api.Infrastructure;
using Brokering.Api.Offers;
using Brokering.Data;
using Brokering.Data.Notifications;
using Brokering.Domain;
using Brokering.Domain.Pairings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Cook;

/// <summary>
/// What a cook may know about a diner: first name, rounded distance and dietary needs; the
/// address only once a coordinator has approved the pairing.
/// </summary>
public sealed record CookBookingView(Guid Id, string FirstName, double DistanceKm, string Status, string[] Diets, string[] Avoids, string? Address);

public sealed class OfferModel(BrokeringDbContext db, Outbox outbox, TimeProvider time) : BrokeringPage
{
    public OfferResponse? Offer { get; private set; }

    public IReadOnlyList<CookBookingView> Bookings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostDeliveredAsync(Guid id, Guid bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await BookingEndpoints.Delivered(bookingId, User, db, outbox, time, cancellationToken), "Thank you. The meal is marked as delivered.", cancellationToken);

    public Task<IActionResult> OnPostNoAnswerAsync(Guid id, Guid bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await BookingEndpoints.NoAnswer(bookingId, User, db, outbox, time, cancellationToken),
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
        var rows = await (from b in db.Bookings.AsNoTracking()
                          join d in db.Diners.AsNoTracking() on b.DinerId equals d.Id
                          where b.OfferId == id
                          select new { Booking = b, Diner = d }).ToListAsync(cancellationToken);
        var dinerIds = rows.Select(r => r.Diner.Id).ToList();
        var approved = await db.Pairings.AsNoTracking()
            .Where(p => p.CookId == offer.CookId && dinerIds.Contains(p.DinerId) && p.Status == PairingStatus.Approved)
            .Select(p => p.DinerId).ToListAsync(cancellationToken);
        Bookings = [.. rows.OrderBy(r => r.Booking.BookedAt).Select(r => new CookBookingView(
            r.Booking.Id, r.Diner.FirstName, Math.Round(r.Booking.DistanceKm, 1), Names.Of(r.Booking.Status),
            Words.List(r.Diner.Requires), Words.List(r.Diner.Avoids),
            approved.Contains(r.Diner.Id) ? r.Diner.Contact.Address : null))];
        return true;
    }
}
