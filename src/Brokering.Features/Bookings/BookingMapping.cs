using Brokering.Domain;
using Brokering.Domain.Bookings;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Bookings;

internal sealed class BookingMapping : AggregateMapping<Booking>
{
    protected override void Map(EntityTypeBuilder<Booking> b)
    {
        b.HasIndex(x => x.OfferId);
        // One live booking per diner per offer, enforced by the database so racing requests cannot double-book.
        b.HasIndex(x => new { x.OfferId, x.DinerId }).IsUnique().HasFilter("\"Status\" <> 'Cancelled'").HasDatabaseName("IX_Bookings_OfferId_DinerId_Live");
        b.HasIndex(x => x.DinerId);
        b.HasIndex(x => new { x.BookedBy, x.IdempotencyKey }).IsUnique();
        b.Property(x => x.BookedBy).HasMaxLength(AccountId.MaxLength);
        b.Property(x => x.CancelledBy).HasMaxLength(AccountId.MaxLength);
        b.Property(x => x.IdempotencyKey).HasMaxLength(Booking.MaxIdempotencyKeyLength);
        b.Property(x => x.CancellationReason).HasMaxLength(Booking.MaxReasonLength);
        b.Property(x => x.ReviewReason).HasMaxLength(Booking.MaxReviewReasonLength);
        b.OwnsOne(x => x.Feedback, f =>
        {
            f.Property(x => x.Comment).HasMaxLength(Feedback.MaxCommentLength);
            f.Property(x => x.GivenBy).HasMaxLength(AccountId.MaxLength);
        });
    }
}
