using Brokering.Domain;

namespace Brokering.Matching.Tests;

/// <summary>Every proposal says why it was made; every diner left unmatched says why, in words a coordinator can act on.</summary>
public class ExplanationTests
{
    [Fact]
    public void A_proposal_gives_its_distance_continuity_wait_and_the_rules_it_passed()
    {
        var round = new Round().MaxTravel(5);
        var offer = round.Offer(radiusKm: 2, diets: Diets.Vegetarian | Diets.Halal);
        var diner = round.Diner(north: 1.2, waitedDays: 12, avoids: Allergens.Milk, requires: Diets.Vegetarian);
        round.Paired(offer, diner);

        var proposal = Assert.Single(round.Run().Proposals);

        Assert.True(proposal.ContinuesPairing);
        Assert.Equal(
        [
            "1.2 km away, within the cook's 2.0 km radius and the council's 5.0 km maximum",
            "continues an existing pairing with this cook",
            "diner has waited 12 days since their last meal (or referral)",
            "cook approved, with every required check valid on 2026-11-23",
            "offer declares all 14 allergens and contains none of milk",
            "offer meets vegetarian",
        ], proposal.Reasons);
    }

    [Fact]
    public void Each_proposal_of_a_round_gives_its_own_diners_distance()
    {
        var round = new Round();
        round.Offer(portions: 3);
        var near = round.Diner(north: 0.4);
        var further = round.Diner(north: 0.9);
        var furthest = round.Diner(north: -1.2);

        var distances = round.Run().Proposals.ToDictionary(p => p.DinerId, p => p.Reasons[0]);

        Assert.Equal("0.4 km away, within the cook's 2.0 km radius and the council's 5.0 km maximum", distances[near.DinerId]);
        Assert.Equal("0.9 km away, within the cook's 2.0 km radius and the council's 5.0 km maximum", distances[further.DinerId]);
        Assert.Equal("1.2 km away, within the cook's 2.0 km radius and the council's 5.0 km maximum", distances[furthest.DinerId]);
    }

    [Fact]
    public void A_first_meal_together_says_an_introduction_comes_first()
    {
        var round = new Round();
        round.Offer();
        round.Diner(north: 0.4);

        var proposal = Assert.Single(round.Run().Proposals);

        Assert.False(proposal.ContinuesPairing);
        Assert.Contains("first meal with this cook: an introduction visit comes first", proposal.Reasons);
    }

    [Fact]
    public void A_diner_out_of_reach_is_told_the_nearest_suitable_offer_and_the_cooks_radius()
    {
        var round = new Round().MaxTravel(5);
        round.Offer(north: 3.4, radiusKm: 2);
        round.Offer(north: 1.0, radiusKm: 2, allergens: AllergenDeclaration.Complete(Allergens.Fish));
        var diner = round.Diner(avoids: Allergens.Fish);

        var reasons = round.Run().WhyNot(diner);

        Assert.Equal(["1 offer in range contains fish, which the diner avoids", "nearest suitable offer is 3.4 km away; cook's radius 2.0 km"], reasons);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void An_offer_a_millimetre_inside_the_cooks_radius_is_in_range_and_one_a_millimetre_outside_is_not(int dinersAlike)
    {
        var round = new Round();
        var inside = round.Offer(north: 2 - 1e-6, radiusKm: 2, allergens: AllergenDeclaration.Complete(Allergens.Milk));
        var outside = round.Offer(north: -(2 + 1e-6), radiusKm: 2, allergens: AllergenDeclaration.Complete(Allergens.Milk));
        var diners = Enumerable.Range(0, dinersAlike).Select(_ => round.Diner(avoids: Allergens.Milk)).ToList();
        Assert.True(inside.Location.DistanceKmTo(diners[0].Location) <= 2);
        Assert.True(outside.Location.DistanceKmTo(diners[0].Location) > 2);

        var result = round.Run();

        Assert.All(diners, d => Assert.Equal("1 offer in range contains milk, which the diner avoids", result.WhyNot(d)[0]));
    }

    [Fact]
    public void A_diner_beyond_the_council_maximum_is_told_that_limit()
    {
        var round = new Round().MaxTravel(3);
        round.Offer(north: 4.0, radiusKm: 6);
        var diner = round.Diner();

        Assert.Equal(["nearest suitable offer is 4.0 km away; council maximum 3.0 km"], round.Run().WhyNot(diner));
    }

    [Fact]
    public void Offers_in_range_that_fail_the_same_way_are_counted_together()
    {
        var round = new Round();
        round.Offer(north: 0.5, allergens: AllergenDeclaration.Complete(Allergens.Milk));
        round.Offer(north: -0.5, allergens: AllergenDeclaration.Complete(Allergens.Milk | Allergens.Gluten));
        round.Offer(north: 0.2, allergens: AllergenDeclaration.Complete(Allergens.Celery));
        var diner = round.Diner(avoids: Allergens.Milk | Allergens.Celery);

        Assert.Equal(
        [
            "2 of 3 offers in range contain milk, which the diner avoids",
            "1 of 3 offers in range contains celery, which the diner avoids",
            "no suitable offer within 50.0 km on 2026-11-23",
        ], round.Run().WhyNot(diner));
    }

    [Fact]
    public void Two_offers_in_range_that_both_contain_milk_are_said_so_in_one_line()
    {
        var round = new Round();
        round.Offer(north: 0.5, allergens: AllergenDeclaration.Complete(Allergens.Milk | Allergens.Gluten));
        round.Offer(north: -0.5, allergens: AllergenDeclaration.Complete(Allergens.Milk));
        var diner = round.Diner(avoids: Allergens.Milk);

        Assert.Equal("2 offers in range, both contain milk, which the diner avoids", round.Run().WhyNot(diner)[0]);
    }

    [Fact]
    public void Each_unmatched_diner_of_a_round_is_told_their_own_count_of_offers_in_range()
    {
        var round = new Round();
        foreach (var north in new[] { 0.0, 1.0, 2.5 })
        {
            round.Offer(north: north, allergens: AllergenDeclaration.Complete(Allergens.Milk));
        }

        var southern = round.Diner(north: 0.0, avoids: Allergens.Milk);
        var between = round.Diner(north: 1.5, avoids: Allergens.Milk);
        var alsoSouthern = round.Diner(north: 0.1, avoids: Allergens.Milk);

        var result = round.Run();

        Assert.Equal("2 offers in range, both contain milk, which the diner avoids", result.WhyNot(southern)[0]);
        Assert.Equal("3 offers in range, all contain milk, which the diner avoids", result.WhyNot(between)[0]);
        Assert.Equal("2 offers in range, both contain milk, which the diner avoids", result.WhyNot(alsoSouthern)[0]);
    }

    [Fact]
    public void Each_failing_rule_in_range_is_named()
    {
        var round = new Round();
        round.Offer(north: 0.1, notMatchable: "cook's checks not valid on 2026-11-23: dbs-basic");
        round.Offer(north: 0.2, allergens: AllergenDeclaration.NotDeclared);
        round.Offer(north: 0.3, diets: Diets.Vegetarian);
        round.Offer(north: 0.4, portions: 0, diets: Diets.Halal);
        var excluded = round.Offer(north: 0.5, diets: Diets.Halal);
        var diner = round.Diner(avoids: Allergens.Soya, requires: Diets.Halal);
        round.Excluded(excluded, diner);

        var reasons = round.Run().WhyNot(diner);

        Assert.Equal(
        [
            "1 of 5 offers in range has no complete allergen declaration, and the diner avoids allergens",
            "1 of 5 offers in range has no portions left",
            "1 of 5 offers in range is from a cook recorded as excluded for this diner",
            "1 of 5 offers in range is from a cook who cannot be matched (cook's checks not valid on 2026-11-23: dbs-basic)",
            "1 of 5 offers in range is not halal",
            "no suitable offer within 50.0 km on 2026-11-23",
        ], reasons);
    }

    [Fact]
    public void Offers_failing_in_different_ways_are_each_named_by_their_own_rule_for_every_diner_alike()
    {
        var round = new Round();
        const Diets both = Diets.Vegetarian | Diets.Halal;
        round.Offer(north: 0.1, diets: Diets.Vegetarian);
        round.Offer(north: 0.2, diets: Diets.Halal);
        round.Offer(north: 0.3, diets: both, allergens: AllergenDeclaration.NotDeclared);
        round.Offer(north: 0.4, diets: both, allergens: AllergenDeclaration.Complete(Allergens.Sesame));
        round.Offer(north: 0.5, diets: both, allergens: AllergenDeclaration.Complete(Allergens.Sesame | Allergens.Milk));
        round.Offer(north: 0.6, diets: both, portions: 0);
        round.Offer(north: 0.7, diets: both);
        var fed = round.Diner(requires: both, avoids: Allergens.Sesame, waitedDays: 30);
        var others = Enumerable.Range(0, 3).Select(_ => round.Diner(requires: both, avoids: Allergens.Sesame)).ToList();

        var result = round.Run();

        Assert.Equal(fed.DinerId, Assert.Single(result.Proposals).DinerId);
        Assert.All(others, d => Assert.Equal(
        [
            "2 of 7 offers in range contain sesame, which the diner avoids",
            "1 of 7 offers in range has no complete allergen declaration, and the diner avoids allergens",
            "1 of 7 offers in range has no portions left",
            "1 of 7 offers in range is not halal",
            "1 of 7 offers in range is not vegetarian",
            "1 of 7 offers in range is suitable, but every portion was needed for diners continuing a pairing, waiting longer, or with no other offer",
        ], result.WhyNot(d)));
    }

    [Fact]
    public void A_diner_whose_suitable_offers_went_to_others_is_told_so()
    {
        var round = new Round();
        round.Offer(portions: 1);
        round.Diner(north: 0.5, waitedDays: 30);
        var later = round.Diner(north: 0.2, waitedDays: 3);

        Assert.Equal(["1 offer in range is suitable, but every portion was needed for diners continuing a pairing, waiting longer, or with no other offer"],
            round.Run().WhyNot(later));
    }
}
