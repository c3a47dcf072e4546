using Brokering.Domain;
using Brokering.Domain.Proposals;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Brokering.Features.Matching;

internal sealed class MatchingRunMapping : AggregateMapping<MatchingRun>
{
    protected override void Map(EntityTypeBuilder<MatchingRun> r)
    {
        r.HasIndex(x => new { x.CouncilId, x.DeliveryDate });
        // One scheduled round per council and day, however many workers wake for it.
        r.HasIndex(x => new { x.CouncilId, x.DeliveryDate, x.Scheduled }).IsUnique().HasFilter("\"Scheduled\" = TRUE")
            .HasDatabaseName("IX_MatchingRuns_Scheduled_Once");
        r.Property(x => x.StartedBy).HasMaxLength(AccountId.MaxLength);
        r.OwnsMany(x => x.Unmatched, u =>
        {
            u.ToTable("MatchingRunUnmatched");
            u.WithOwner().HasForeignKey("RunId");
            u.Property<int>("Id");
            u.HasKey("Id");
            u.Property(x => x.Reasons).HasMaxLength(MatchProposal.MaxReasonsLength).HasConversion(ReasonsColumn.Converter, ReasonsColumn.Comparer);
        });
        r.Navigation(x => x.Unmatched).HasField("_unmatched");
        r.OwnsMany(x => x.Coverage, c =>
        {
            c.ToTable("MatchingRunCoverage");
            c.WithOwner().HasForeignKey("RunId");
            c.Property<int>("Id");
            c.HasKey("Id");
        });
        r.Navigation(x => x.Coverage).HasField("_coverage");
    }
}

internal sealed class MatchProposalMapping : AggregateMapping<MatchProposal>
{
    protected override void Map(EntityTypeBuilder<MatchProposal> p)
    {
        p.ToTable("MatchProposals");
        p.HasIndex(x => x.RunId);
        p.HasIndex(x => new { x.CouncilId, x.Status });
        p.Property(x => x.Reasons).HasMaxLength(MatchProposal.MaxReasonsLength).HasConversion(ReasonsColumn.Converter, ReasonsColumn.Comparer);
        p.Property(x => x.DecidedBy).HasMaxLength(AccountId.MaxLength);
        p.Property(x => x.RejectionReason).HasMaxLength(MatchProposal.MaxReasonLength);
    }
}

/// <summary>
/// The matcher's reasons in one column. Reasons are generated sentences without line breaks, so
/// one per line is a faithful, portable encoding.
/// </summary>
internal static class ReasonsColumn
{
    public static readonly ValueConverter<IReadOnlyList<string>, string> Converter =
        new(reasons => string.Join('\n', reasons), text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    public static readonly ValueComparer<IReadOnlyList<string>> Comparer =
        new((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, r) => HashCode.Combine(h, r)), l => l.ToList());
}
