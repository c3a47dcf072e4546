using Brokering.Domain;
using Brokering.Domain.Contributions;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Payments;

internal sealed class ContributionMapping : AggregateMapping<Contribution>
{
    protected override void Map(EntityTypeBuilder<Contribution> c)
    {
        // One contribution per meal, however many times a booking is saved or retried.
        c.HasIndex(x => x.BookingId).IsUnique();
        c.HasIndex(x => new { x.CouncilId, x.Status });
        c.HasIndex(x => x.CheckoutSessionId);
        c.HasIndex(x => x.PaymentIntentId);
        c.Property(x => x.CheckoutSessionId).HasMaxLength(Contribution.MaxStripeIdLength);
        c.Property(x => x.CheckoutUrl).HasMaxLength(Contribution.MaxCheckoutUrlLength);
        c.Property(x => x.PaymentIntentId).HasMaxLength(Contribution.MaxStripeIdLength);
        c.Property(x => x.RefundId).HasMaxLength(Contribution.MaxStripeIdLength);
        c.Property(x => x.WaivedBy).HasMaxLength(AccountId.MaxLength);
        c.Property(x => x.WaiverReason).HasMaxLength(Contribution.MaxWaiverReasonLength);
        c.Property(x => x.LastError).HasMaxLength(Contribution.MaxErrorLength);
        c.Ignore(x => x.IsOutstanding);
    }
}

internal sealed class StripeEventMapping : IEntityTypeConfiguration<StripeEvent>
{
    public void Configure(EntityTypeBuilder<StripeEvent> e)
    {
        e.ToTable("StripeEvents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(StripeEvent.MaxIdLength);
        e.Property(x => x.Type).HasMaxLength(StripeEvent.MaxTypeLength);
    }
}
