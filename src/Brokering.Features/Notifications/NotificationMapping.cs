using Brokering.Domain;
using Brokering.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Notifications;

internal sealed class NotificationMapping : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> n)
    {
        n.ToTable("Notifications");
        n.HasKey(x => x.Id);
        n.Property(x => x.Id).ValueGeneratedNever();
        // What a worker claims next: due, unclaimed, urgent first. The index is in the claim's own order
        // (urgent first, then by due time), so a claim reads about as many entries as it takes instead of
        // every pending message, most of which are reminders due days ahead.
        n.HasIndex(x => new { x.Status, x.Urgent, x.DueAt }).IsDescending(false, true, false).HasDatabaseName("IX_Notifications_Due");
        n.HasIndex(x => new { x.CouncilId, x.Status });
        n.HasIndex(x => x.SubjectId);
        n.Property(x => x.RecipientId).HasMaxLength(AccountId.MaxLength);
        n.Property(x => x.Destination).HasMaxLength(Notification.MaxDestinationLength);
        n.Property(x => x.Fields).HasMaxLength(Notification.MaxFieldsLength);
        n.Property(x => x.ProviderReference).HasMaxLength(Notification.MaxProviderReferenceLength);
        n.Property(x => x.LastError).HasMaxLength(Notification.MaxErrorLength);
    }
}
