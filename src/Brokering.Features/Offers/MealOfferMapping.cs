using Brokering.Domain;
using Brokering.Domain.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Brokering.Features.Offers;

internal sealed class MealOfferMapping : AggregateMapping<MealOffer>
{
    protected override void Map(EntityTypeBuilder<MealOffer> o)
    {
        o.ToTable("Offers");
        o.HasIndex(x => new { x.CouncilId, x.DeliveryDate });
        o.Property(x => x.Dish).HasMaxLength(MealOffer.MaxDishLength);
        o.Property(x => x.Ingredients).HasMaxLength(MealOffer.MaxIngredientsLength);
        o.Property(x => x.ReheatingAdvice).HasMaxLength(MealOffer.MaxReheatingAdviceLength);
        o.Property(x => x.SafetyGuidance).HasMaxLength(FoodSafetyGuidance.MaxLength);
        o.ComplexProperty(x => x.Location);
        o.ComplexProperty(x => x.Allergens);
        o.ComplexProperty(x => x.Window);
    }
}
