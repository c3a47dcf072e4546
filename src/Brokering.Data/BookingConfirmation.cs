using Brokering.Data.Notifications;
using Brokering.Domain.Bookings;
using Brokering.Domain.Contributions;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Data;

/// <summary>What confirming a booking brings with it, however the booking was made.</summary>
public static class BookingConfirmation
{
    /// <summary>
    /// Adds the booking to the unit of work with its messages to the diner and cook and, where the
    /// diner's council asks one, a contribution; the payment page is made later, outside the transaction.
    /// </summary>
    public static async Task AddAsync(BrokeringDbContext db, Outbox outbox, Booking booking, CancellationToken cancellationToken)
    {
        db.Bookings.Add(booking);
        await outbox.BookingConfirmedAsync(booking, cancellationToken);
        var amount = await db.Councils.Where(c => c.Id == booking.CouncilId).Select(c => c.ContributionAmount).SingleAsync(cancellationToken);
        if (amount is > 0)
        {
            db.Contributions.Add(new Contribution(booking.CouncilId, booking.Id, amount.Value, booking.BookedAt));
        }
    }
}
