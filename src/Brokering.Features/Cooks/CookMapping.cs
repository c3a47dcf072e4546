using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Cooks;

internal sealed class CookMapping : AggregateMapping<Cook>
{
    protected override void Map(EntityTypeBuilder<Cook> c)
    {
        c.Property(x => x.UserId).HasMaxLength(AccountId.MaxLength);
        c.HasIndex(x => x.UserId).IsUnique();
        c.HasIndex(x => x.CouncilId);
        c.Property(x => x.DisplayName).HasMaxLength(Cook.MaxDisplayNameLength);
        c.Property(x => x.SuspensionReason).HasMaxLength(Cook.MaxSuspensionReasonLength);
        c.ComplexProperty(x => x.Location);
        c.OwnsMany(x => x.Checks, check =>
        {
            check.ToTable("CookChecks");
            check.WithOwner().HasForeignKey("CookId");
            check.Property<int>("Id");
            check.HasKey("Id");
            check.Property(x => x.Reference).HasMaxLength(SafeguardingCheck.MaxReferenceLength);
            check.Property(x => x.VerifiedBy).HasMaxLength(AccountId.MaxLength);
        });
        c.Navigation(x => x.Checks).HasField("_checks");
    }
}
