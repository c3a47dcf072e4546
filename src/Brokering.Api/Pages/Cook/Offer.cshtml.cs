using Brokering.Features.Access;
using Brokering.Features.Bookings;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Pages.Cook;

public sealed class OfferModel(BrokeringDbContext db, BookingService bookings, IGrainFactory grains, OpenOffers open) : BrokeringPage
{
    public OfferResponse? Offer { get; private set; }

    /// <summary>Why the cook can no longer cook the meal, in words every diner having it is sent.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Whether the cook may still withdraw the meal: it is offered and has not been delivered or closed.</summary>
    public bool MayWithdraw => Offer?.Status is "open" or "full";

    public IReadOnlyList<CookBookingView> Bookings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostDeliveredAsync(Guid id, Guid bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await BookingEndpoints.Delivered(bookingId, User, db, bookings, cancellationToken), "Thank you. The meal is marked as delivered.", cancellationToken);

    public Task<IActionResult> OnPostNoAnswerAsync(Guid id, Guid bookingId, CancellationToken cancellationToken) =>
        ActAsync(id, async () => await BookingEndpoints.NoAnswer(bookingId, User, db, bookings, cancellationToken),
            "The council has been told straight away and will check on them. Please keep the meal chilled.", cancellationToken);

    /// <summary>Withdraws the meal: everyone having it is told, with the cook's reason, and their meals are cancelled.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Reason is not { } reason || string.IsNullOrWhiteSpace(reason))
        {
            ModelState.AddModelError(nameof(Reason), "Say why you can no longer cook it.");
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var withdrawn = await SendAsync<WithdrawnResponse>(async () => await OfferEndpoints.Withdraw(
            id, new WithdrawRequest(reason), User, db, grains, open, cancellationToken), nameof(Reason));
        if (withdrawn is null)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return Saved(withdrawn.BookingsCancelled switch
        {
            0 => "Your meal is withdrawn. Nobody had booked it.",
            1 => "Your meal is withdrawn. We have told the person who was having it, and the council can find them another meal.",
            var n => $"Your meal is withdrawn. We have told the {n} people who were having it, and the council can find them other meals.",
        }, new { id });
    }

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
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offer is null || await User.ToOfferAsync(db, offer, cancellationToken) != Standing.Cook)
        {
            return false;
        }

        Offer = OfferResponse.From(offer);
        Bookings = await OfferEndpoints.Bookings(id, User, db, cancellationToken) is { Result: Ok<List<CookBookingView>> ok } ? ok.Value! : [];
        return true;
    }
}
