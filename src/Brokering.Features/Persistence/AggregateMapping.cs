using Brokering.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Persistence;

/// <summary>
/// How one aggregate is stored. Every aggregate is keyed by its own id, made by the domain, and
/// carries <see cref="Aggregate.Version"/> as its concurrency token (<see cref="BrokeringDbContext"/>
/// moves it on with every saved change).
/// </summary>
internal abstract class AggregateMapping<T> : IEntityTypeConfiguration<T> where T : Aggregate
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Version).IsConcurrencyToken();
        Map(builder);
    }

    protected abstract void Map(EntityTypeBuilder<T> builder);
}
