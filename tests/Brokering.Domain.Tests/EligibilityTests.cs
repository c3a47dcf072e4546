using Brokering.Domain.Cooks;
using Brokering.Domain.Offers;

namespace Brokering.Domain.Tests;

public class EligibilityTests
{
    [Fact]
    public void A_nearby_approved_diner_with_no_needs_is_eligible_and_the_distance_is_given()
    {
        var cook = A.ApprovedCook();
        var result = Eligibility.Check(A.Offer(cook), cook, A.Diner(), A.Policy());
        Assert.True(result.IsEligible);
        Assert.Equal(0.556, result.DistanceKm, 3);
    }

    [Fact]
    public void An_offer_containing_an_allergen_the_diner_avoids_is_refused_naming_it()
    {
        var cook = A.ApprovedCook();
        var offer = A.Offer(cook, allergens: AllergenDeclaration.Complete(Allergens.Milk | Allergens.Peanuts | Allergens.Celery));
        var result = Eligibility.Check(offer, cook, A.Diner(avoids: Allergens.Peanuts | Allergens.Celery | Allergens.Fish), A.Policy());
        Assert.Equal(["offer contains celery, peanuts, which the diner avoids"], result.Reasons);
    }

    [Fact]
    public void An_offer_without_a_complete_declaration_never_goes_to_a_diner_with_allergens()
    {
        var cook = A.ApprovedCook();
        var offer = A.Offer(cook, allergens: AllergenDeclaration.NotDeclared);
        Assert.Equal(["offer has no complete allergen declaration and the diner avoids allergens"],
            Eligibility.Check(offer, cook, A.Diner(avoids: Allergens.Sesame), A.Policy()).Reasons);
        Assert.True(Eligibility.Check(offer, cook, A.Diner(), A.Policy()).IsEligible);
    }

    [Fact]
    public void Every_required_diet_must_be_met()
    {
        var cook = A.ApprovedCook();
        var offer = A.Offer(cook, diets: Diets.Vegetarian | Diets.LowSalt);
        Assert.True(Eligibility.Check(offer, cook, A.Diner(requires: Diets.Vegetarian), A.Policy()).IsEligible);
        Assert.Equal(["offer is not halal, texture-modified"],
            Eligibility.Check(offer, cook, A.Diner(requires: Diets.Vegetarian | Diets.Halal | Diets.TextureModified), A.Policy()).Reasons);
    }

    [Fact]
    public void A_diner_beyond_the_cooks_radius_is_refused_with_both_distances()
    {
        var cook = A.ApprovedCook(radiusKm: 2);
        var result = Eligibility.Check(A.Offer(cook), cook, A.Diner(latitude: 51.53), A.Policy());
        Assert.Equal(["diner is 3.3 km away; cook's radius is 2.0 km"], result.Reasons);
    }

    [Fact]
    public void The_council_maximum_applies_even_to_a_cook_willing_to_go_further()
    {
        var policy = A.Policy(maxKm: 1);
        var cook = A.ApprovedCook(policy, radiusKm: 5);
        var result = Eligibility.Check(A.Offer(cook), cook, A.Diner(latitude: 51.515), policy);
        Assert.Equal(["diner is 1.7 km away; council maximum is 1.0 km"], result.Reasons);
    }

    [Fact]
    public void A_diner_not_yet_approved_or_from_another_council_is_refused()
    {
        var cook = A.ApprovedCook();
        var offer = A.Offer(cook);
        Assert.Equal(["diner is referred, not approved and active"], Eligibility.Check(offer, cook, A.Diner(approved: false), A.Policy()).Reasons);
        Assert.Equal(["diner belongs to another council, and the two councils have no sharing agreement"],
            Eligibility.Check(offer, cook, A.Diner(council: Guid.NewGuid()), A.Policy()).Reasons);
        Assert.Empty(Eligibility.Check(offer, cook, A.Diner(council: Guid.NewGuid()), A.Policy(), councilsShare: true).Reasons);
    }

    [Fact]
    public void A_suspended_cook_or_one_whose_checks_expire_by_the_delivery_day_is_refused()
    {
        var expiring = A.ApprovedCook(checksExpire: A.Today.AddDays(3));
        Assert.Equal(["cook's checks not valid on 2026-11-24: identity, dbs-basic, food-hygiene"],
            Eligibility.Check(A.Offer(expiring), expiring, A.Diner(), A.Policy()).Reasons);

        var suspended = A.ApprovedCook();
        var offer = A.Offer(suspended);
        suspended.Suspend("under review");
        Assert.Equal(["cook is suspended, not approved"], Eligibility.Check(offer, suspended, A.Diner(), A.Policy()).Reasons);
    }

    [Fact]
    public void Every_failing_rule_is_reported_not_just_the_first()
    {
        var cook = A.ApprovedCook();
        var offer = A.Offer(cook, allergens: AllergenDeclaration.Complete(Allergens.Eggs));
        var result = Eligibility.Check(offer, cook, A.Diner(latitude: 51.6, avoids: Allergens.Eggs, requires: Diets.Kosher, approved: false),
            A.Policy(required: [CheckKind.Identity, CheckKind.DbsEnhanced]));
        Assert.Equal(6, result.Reasons.Count);
    }
}
