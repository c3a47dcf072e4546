using Brokering.Data.Persistence;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Data.Rhythms;

internal sealed class MealRhythmMapping : AggregateMapping<MealRhythm>
{
    protected override void Map(EntityTypeBuilder<MealRhythm> r)
    {
        r.ToTable("Rhythms");
        r.HasIndex(x => new { x.CouncilId, x.Status });
        r.HasIndex(x => x.CookId);
        r.HasIndex(x => x.BackupCookId);
        r.HasIndex(x => x.DinerId);
        r.ComplexProperty(x => x.Window);
        r.ComplexProperty(x => x.Meal, meal =>
        {
            meal.Property(x => x.Dish).HasMaxLength(MealOffer.MaxDishLength);
            meal.Property(x => x.Ingredients).HasMaxLength(MealOffer.MaxIngredientsLength);
            meal.Property(x => x.ReheatingAdvice).HasMaxLength(MealOffer.MaxReheatingAdviceLength);
            meal.ComplexProperty(x => x.Allergens);
        });
        r.OwnsMany(x => x.Skips, skip =>
        {
            skip.ToTable("RhythmSkips");
            skip.WithOwner().HasForeignKey("RhythmId");
            skip.Property<int>("Id");
            skip.HasKey("Id");
            skip.Property(x => x.Reason).HasMaxLength(RhythmSkip.MaxReasonLength);
        });
        r.Navigation(x => x.Skips).HasField("_skips");
        r.OwnsMany(x => x.Occurrences, occurrence =>
        {
            occurrence.ToTable("RhythmOccurrences");
            occurrence.WithOwner().HasForeignKey("RhythmId");
            occurrence.Property<int>("Id");
            occurrence.HasKey("Id");
            // Each date is planned once, even by two workers at the same moment.
            occurrence.HasIndex("RhythmId", nameof(MealOccurrence.Date)).IsUnique();
            occurrence.Property(x => x.Note).HasMaxLength(MealOccurrence.MaxNoteLength);
            occurrence.Ignore(x => x.IsUncovered);
        });
        r.Navigation(x => x.Occurrences).HasField("_occurrences");
    }
}
