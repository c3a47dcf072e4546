using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Councils;

internal sealed class CouncilMapping : AggregateMapping<Council>
{
    /// <summary>The required checks' names, comma-separated: every kind there is fits many times over.</summary>
    private const int RequiredChecksColumnLength = 300;

    protected override void Map(EntityTypeBuilder<Council> c)
    {
        c.Property(x => x.Name).HasMaxLength(Council.MaxNameLength);
        c.Property(x => x.ContributionAmount).HasPrecision(8, 2);
        c.Property<List<CheckKind>>("_requiredChecks").HasColumnName("RequiredChecks").HasMaxLength(RequiredChecksColumnLength)
            .HasConversion(
                list => string.Join(',', list.Select(Names.Of)),
                text => ParseChecks(text),
                new ValueComparer<List<CheckKind>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, k) => HashCode.Combine(h, k)), l => l.ToList()));
        c.Ignore(x => x.RequiredChecks);
        c.Ignore(x => x.Policy);
    }

    private static List<CheckKind> ParseChecks(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => Names.TryParse<CheckKind>(name, out var kind)
            ? kind
            : throw new InvalidOperationException($"Unknown check kind '{name}' stored for a council."))];
}

internal sealed class DutyShiftMapping : AggregateMapping<DutyShift>
{
    protected override void Map(EntityTypeBuilder<DutyShift> d)
    {
        d.HasIndex(x => x.CouncilId);
        d.Property(x => x.CoordinatorId).HasMaxLength(AccountId.MaxLength);
        d.Property(x => x.RecordedBy).HasMaxLength(AccountId.MaxLength);
    }
}

internal sealed class SharingAgreementMapping : AggregateMapping<SharingAgreement>
{
    protected override void Map(EntityTypeBuilder<SharingAgreement> a)
    {
        // One live agreement per pair of councils; ended ones stay as the record of what was shared when.
        a.HasIndex(x => new { x.CouncilA, x.CouncilB }).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("IX_SharingAgreements_Live");
        a.HasIndex(x => x.CouncilB);
        a.Property(x => x.Reference).HasMaxLength(SharingAgreement.MaxReferenceLength);
        a.Property(x => x.RecordedBy).HasMaxLength(AccountId.MaxLength);
        a.Property(x => x.EndedBy).HasMaxLength(AccountId.MaxLength);
        a.Ignore(x => x.IsActive);
    }
}
