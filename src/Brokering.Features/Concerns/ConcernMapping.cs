using Brokering.Domain;
using Brokering.Domain.Concerns;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Concerns;

internal sealed class ConcernMapping : AggregateMapping<Concern>
{
    protected override void Map(EntityTypeBuilder<Concern> c)
    {
        c.HasIndex(x => new { x.CouncilId, x.Status });
        c.HasIndex(x => x.DinerId);
        c.HasIndex(x => x.CookId);
        c.Property(x => x.Summary).HasMaxLength(Concern.MaxSummaryLength);
        c.Property(x => x.RaisedBy).HasMaxLength(AccountId.MaxLength);
        c.Property(x => x.Resolution).HasMaxLength(Concern.MaxSummaryLength);
        c.Property(x => x.AcknowledgedBy).HasMaxLength(AccountId.MaxLength);
        c.Property(x => x.ResolvedBy).HasMaxLength(AccountId.MaxLength);
        c.HasIndex(x => new { x.Severity, x.Status, x.EscalatedAt });
        c.OwnsMany(x => x.Actions, action =>
        {
            action.ToTable("ConcernActions");
            action.WithOwner().HasForeignKey("ConcernId");
            action.Property<int>("Id");
            action.HasKey("Id");
            action.Property(x => x.By).HasMaxLength(AccountId.MaxLength);
            action.Property(x => x.Description).HasMaxLength(ConcernAction.MaxDescriptionLength);
        });
        c.Navigation(x => x.Actions).HasField("_actions");
    }
}
