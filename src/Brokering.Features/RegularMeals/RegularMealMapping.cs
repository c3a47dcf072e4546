using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.RegularMeals;

internal sealed class RegularMealMapping : AggregateMapping<RegularMeal>
{
    protected override void Map(EntityTypeBuilder<RegularMeal> r)
    {
        r.ToTable("RegularMeals");
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
            skip.ToTable("RegularMealSkips");
            skip.WithOwner().HasForeignKey("RegularMealId");
            skip.Property<int>("Id");
            skip.HasKey("Id");
            skip.Property(x => x.Reason).HasMaxLength(RegularMealSkip.MaxReasonLength);
        });
        r.Navigation(x => x.Skips).HasField("_skips");
        r.OwnsMany(x => x.Occurrences, occurrence =>
        {
            occurrence.ToTable("RegularMealOccurrences");
            occurrence.WithOwner().HasForeignKey("RegularMealId");
            occurrence.Property<int>("Id");
            occurrence.HasKey("Id");
            // Each date is planned once, even by two workers at the same moment.
            occurrence.HasIndex("RegularMealId", nameof(MealOccurrence.Date)).IsUnique();
            occurrence.Property(x => x.Note).HasMaxLength(MealOccurrence.MaxNoteLength);
            occurrence.Ignore(x => x.IsUncovered);
        });
        r.Navigation(x => x.Occurrences).HasField("_occurrences");
    }
}
