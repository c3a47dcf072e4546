using Brokering.Domain.Bookings;
using static Brokering.Domain.Tests.A;

namespace Brokering.Domain.Tests;

public sealed class MealLabelTests
{
    [Fact]
    public void A_label_answers_all_fourteen_allergens_and_names_the_cook_by_first_name_only()
    {
        var cook = ApprovedCook();
        var offer = Offer(cook, allergens: AllergenDeclaration.Complete(Allergens.Eggs | Allergens.Mustard));
        var diner = Diner(avoids: Allergens.Peanuts);
        var booking = new Booking(offer, diner.Id, diner.CouncilId, 0.4, "referrer", Now, null);

        var label = MealLabel.For(booking, offer, cook, diner);

        Assert.Equal(14, label.Allergens.Count);
        Assert.Equal([Allergens.Eggs, Allergens.Mustard], label.Allergens.Where(a => a.Contains).Select(a => a.Allergen));
        Assert.Equal(cook.DisplayName.Split(' ')[0], label.CookFirstName);
        Assert.Equal(offer.DeliveryDate, label.CookedOn);
        Assert.Equal(MealLabel.DefaultReheating, label.Reheating);
    }

    [Fact]
    public void No_label_is_made_for_a_cancelled_meal_or_one_without_an_allergen_declaration_for_a_diner_who_avoids_allergens()
    {
        var cook = ApprovedCook();
        var undeclared = Offer(cook, allergens: AllergenDeclaration.NotDeclared);
        var avoidsMilk = Diner(avoids: Allergens.Milk);
        var booking = new Booking(undeclared, avoidsMilk.Id, avoidsMilk.CouncilId, 0.4, "referrer", Now, null);

        Assert.Contains("no complete allergen declaration", MealLabel.WhyNot(booking, undeclared, avoidsMilk), StringComparison.Ordinal);
        Assert.Throws<RuleRefusedException>(() => MealLabel.For(booking, undeclared, cook, avoidsMilk));

        var anyone = Diner();
        var cancelled = new Booking(undeclared, anyone.Id, anyone.CouncilId, 0.4, "referrer", Now, null);
        Assert.Null(MealLabel.WhyNot(cancelled, undeclared, anyone));
        cancelled.Cancel("diner in hospital", "referrer", Now);
        Assert.Equal("A cancelled meal has no label.", MealLabel.WhyNot(cancelled, undeclared, anyone));
    }
}
