using Brokering.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Audit;

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> a)
    {
        a.ToTable("AuditEntries");
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).ValueGeneratedNever();
        a.Property(x => x.UserId).HasMaxLength(AccountId.MaxLength);
        a.Property(x => x.Action).HasMaxLength(AuditEntry.MaxNameLength);
        a.Property(x => x.SubjectType).HasMaxLength(AuditEntry.MaxNameLength);
        a.Property(x => x.Why).HasMaxLength(AuditEntry.MaxWhyLength);
        a.HasIndex(x => x.SubjectId);
        a.HasIndex(x => x.UserId);
    }
}
