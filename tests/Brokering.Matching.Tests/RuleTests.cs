using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;

namespace Brokering.Matching.Tests;

/// <summary>Each hard rule, on its own: the pair is proposed when the rule holds and refused when it does not.</summary>
public class RuleTests
{
    [Fact]
    public void A_diner_within_reach_of_a_suitable_offer_is_proposed_it()
    {
        var round = new Round();
        var offer = round.Offer();
        var diner = round.Diner(north: 1);

        var proposal = Assert.Single(round.Run().Proposals);

        Assert.Equal((offer.OfferId, diner.DinerId, offer.CookId), (proposal.OfferId, proposal.DinerId, proposal.CookId));
        Assert.Equal(1.0, proposal.DistanceKm, precision: 2);
    }

    [Fact]
    public void A_diner_of_another_council_is_not_offered_the_meal_nor_told_about_it()
    {
        var other = Guid.NewGuid();
        var round = new Round().Council(other, 5);
        round.Offer(council: other);
        var diner = round.Diner(north: 0.5);

        var result = round.Run();

        Assert.Empty(result.Proposals);
        Assert.Equal(["no suitable offer within 50.0 km on 2026-11-23"], result.WhyNot(diner));
    }

    [Fact]
    public void Councils_that_share_may_feed_each_others_diners_but_others_may_not()
    {
        var neighbour = Guid.NewGuid();
        var stranger = Guid.NewGuid();
        var round = new Round().Council(neighbour, 5).Council(stranger, 5).Sharing(Round.Home, neighbour);
        var sharedOffer = round.Offer(council: neighbour);
        var strangerOffer = round.Offer(north: 0.1, council: stranger, portions: 3);
        var diner = round.Diner(north: 0.5, waitedDays: 20);
        var unfed = round.Diner(north: 0.6, waitedDays: 10);
        var strangerDiner = round.Diner(north: 0.7, council: stranger);

        var result = round.Run();

        Assert.Equal(sharedOffer.OfferId, result.OfferFor(diner));
        Assert.Null(result.OfferFor(unfed));
        Assert.Equal(strangerOffer.OfferId, result.OfferFor(strangerDiner));
        Assert.Contains("cook's council shares with the diner's council", result.Proposals.Single(p => p.DinerId == diner.DinerId).Reasons);
    }

    [Fact]
    public void A_cook_whose_check_expires_before_the_delivery_date_is_not_matched()
    {
        var policy = new CouncilPolicy([CheckKind.Identity, CheckKind.DbsBasic], 5, null);
        var today = Round.Date.AddDays(-2);
        var cook = new Cook(Round.Home, "u", "Pat", Round.At(0, 0), 2, Round.Now);
        cook.RecordCheck(new SafeguardingCheck(CheckKind.Identity, "ID", today.AddYears(-1), null, "coordinator", Round.Now));
        cook.RecordCheck(new SafeguardingCheck(CheckKind.DbsBasic, "DBS", today.AddYears(-1), Round.Date, "coordinator", Round.Now));
        cook.Approve(policy, today);
        var offer = new MealOffer(cook, "Stew", "beef", AllergenDeclaration.Complete(Allergens.None), Diets.None, 2, Round.Date,
            new DeliveryWindow(new TimeOnly(12, 0), new TimeOnly(13, 0)), null, today);
        var round = new Round();
        round.Add(OfferToMatch.From(offer, cook, policy));
        var diner = round.Diner(north: 0.5);

        var result = round.Run();

        Assert.Empty(result.Proposals);
        Assert.Contains(result.WhyNot(diner), r => r.Contains("dbs-basic", StringComparison.Ordinal) && r.Contains("cannot be matched", StringComparison.Ordinal));
    }

    [Fact]
    public void A_suspended_cook_is_not_matched()
    {
        var round = new Round();
        round.Offer(notMatchable: "cook is suspended, not approved");
        var diner = round.Diner(north: 0.5);

        Assert.Null(round.Run().OfferFor(diner));
    }

    [Theory]
    [InlineData(DinerStatus.Referred)]
    [InlineData(DinerStatus.Paused)]
    [InlineData(DinerStatus.Closed)]
    public void Only_an_approved_active_diner_is_matched(DinerStatus status)
    {
        var round = new Round();
        round.Offer();
        var diner = round.Diner(north: 0.5, status: status);

        var result = round.Run();

        Assert.Empty(result.Proposals);
        Assert.Equal([$"diner is {Names.Of(status)}, not approved and active"], result.WhyNot(diner));
    }

    [Fact]
    public void A_diner_beyond_the_cooks_radius_is_not_matched_even_within_the_council_maximum()
    {
        var round = new Round().MaxTravel(10);
        round.Offer(radiusKm: 2);
        var near = round.Diner(north: 1.9);
        var far = round.Diner(east: 2.1);

        var result = round.Run();

        Assert.NotNull(result.OfferFor(near));
        Assert.Null(result.OfferFor(far));
    }

    [Fact]
    public void A_diner_beyond_the_council_maximum_is_not_matched_even_within_the_cooks_radius()
    {
        var round = new Round().MaxTravel(3);
        round.Offer(radiusKm: 8, portions: 2);
        var near = round.Diner(north: 2.9);
        var far = round.Diner(north: -3.2);

        var result = round.Run();

        Assert.NotNull(result.OfferFor(near));
        Assert.Null(result.OfferFor(far));
    }

    [Fact]
    public void Distance_is_great_circle_kilometres_not_degrees()
    {
        // At 52° north a degree of longitude is about 68.7 km; 0.03° east is about 2.06 km.
        var round = new Round();
        round.Offer(radiusKm: 2);
        var diner = round.Diner();
        var shifted = diner with { Location = new GeoPoint(diner.Location.Latitude, diner.Location.Longitude + 0.03) };
        var request = round.Request() with { Diners = [shifted] };

        Assert.Empty(Matcher.Run(request).Proposals);
    }

    [Fact]
    public void An_offer_containing_an_allergen_the_diner_avoids_is_never_proposed()
    {
        var round = new Round();
        round.Offer(allergens: AllergenDeclaration.Complete(Allergens.Milk | Allergens.Eggs), portions: 2);
        var avoidsMilk = round.Diner(north: 0.2, avoids: Allergens.Milk);
        var avoidsFish = round.Diner(north: 0.3, avoids: Allergens.Fish);

        var result = round.Run();

        Assert.Null(result.OfferFor(avoidsMilk));
        Assert.NotNull(result.OfferFor(avoidsFish));
    }

    [Fact]
    public void An_offer_without_a_complete_declaration_goes_only_to_diners_who_avoid_nothing()
    {
        var round = new Round();
        round.Offer(allergens: AllergenDeclaration.NotDeclared, portions: 2);
        var avoidsSesame = round.Diner(north: 0.2, avoids: Allergens.Sesame);
        var avoidsNothing = round.Diner(north: 0.3);

        var result = round.Run();

        Assert.Null(result.OfferFor(avoidsSesame));
        Assert.NotNull(result.OfferFor(avoidsNothing));
    }

    [Fact]
    public void Every_diet_the_diner_requires_must_be_met()
    {
        var round = new Round();
        round.Offer(diets: Diets.Vegetarian, portions: 2);
        var vegetarian = round.Diner(north: 0.2, requires: Diets.Vegetarian);
        var vegetarianHalal = round.Diner(north: 0.3, requires: Diets.Vegetarian | Diets.Halal);

        var result = round.Run();

        Assert.NotNull(result.OfferFor(vegetarian));
        Assert.Null(result.OfferFor(vegetarianHalal));
    }

    [Fact]
    public void A_recorded_exclusion_keeps_that_cook_and_diner_apart()
    {
        var round = new Round();
        var offer = round.Offer(portions: 2);
        var excluded = round.Diner(north: 0.2);
        var other = round.Diner(north: 0.3);
        round.Excluded(offer, excluded);

        var result = round.Run();

        Assert.Null(result.OfferFor(excluded));
        Assert.NotNull(result.OfferFor(other));
    }

    [Fact]
    public void An_exclusion_covers_every_offer_of_that_cook_and_no_other_diner()
    {
        var round = new Round();
        var cook = Guid.NewGuid();
        var near = round.Offer(portions: 100, cook: cook);
        var alsoNear = round.Offer(north: 0.1, portions: 100, cook: cook);
        var farther = round.Offer(north: 1.5, portions: 200);
        var random = new Random(7);
        var diners = Enumerable.Range(0, 200).Select(_ => round.Diner(north: random.NextDouble() * 0.3, east: random.NextDouble() * 0.3)).ToList();
        var excluding = diners.Where((_, i) => i % 2 == 0).ToHashSet();
        foreach (var diner in excluding)
        {
            round.Excluded(near, diner);
        }

        var result = round.Run();

        foreach (var diner in diners)
        {
            var expected = excluding.Contains(diner) ? [farther.OfferId] : new[] { near.OfferId, alsoNear.OfferId };
            Assert.Contains(result.OfferFor(diner) ?? Guid.Empty, expected);
        }
    }

    [Fact]
    public void No_offer_gives_more_portions_than_it_has_left()
    {
        var round = new Round();
        var offer = round.Offer(portions: 2);
        var empty = round.Offer(east: 0.1, portions: 0);
        for (var i = 0; i < 5; i++)
        {
            round.Diner(north: 0.1 * i);
        }

        var result = round.Run();

        Assert.Equal(2, result.Proposals.Count(p => p.OfferId == offer.OfferId));
        Assert.DoesNotContain(result.Proposals, p => p.OfferId == empty.OfferId);
        Assert.Equal(3, result.Unmatched.Count);
    }

    [Fact]
    public void What_a_diner_can_have_lists_a_known_cook_first_then_nearest()
    {
        var round = new Round();
        var near = round.Offer(north: 0.2);
        var known = round.Offer(north: 1.5);
        var middle = round.Offer(north: 0.8);
        round.Offer(north: 0.1, allergens: AllergenDeclaration.Complete(Allergens.Peanuts));
        var diner = round.Diner(avoids: Allergens.Peanuts);
        round.Paired(known, diner);

        var offers = new OfferIndex(round.Request()).WhatCanThisDinerHave(diner);

        Assert.Equal([known.OfferId, near.OfferId, middle.OfferId], offers.Select(o => o.Offer.OfferId));
        Assert.True(offers[0].ContinuesPairing);
    }
}
