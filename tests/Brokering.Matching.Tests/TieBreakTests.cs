namespace Brokering.Matching.Tests;

/// <summary>
/// The order of preference: feed the most diners; then continue existing pairings; then the diners
/// who have waited longest; then the shortest total distance.
/// </summary>
public class TieBreakTests
{
    [Fact]
    public void The_number_of_diners_fed_comes_before_every_preference()
    {
        // Handing the only nearby portion to the long-waiting paired diner first, as a greedy pass
        // would, leaves the other diner with nothing; moving the paired diner to the far offer feeds both.
        var round = new Round();
        var near = round.Offer(north: 0, radiusKm: 2);
        var far = round.Offer(north: 2.5, radiusKm: 2);
        var paired = round.Diner(north: 1.0, waitedDays: 90);
        var onlyNear = round.Diner(north: -1.0, waitedDays: 1);
        round.Paired(near, paired);

        var result = round.Run();

        Assert.Equal(2, result.Proposals.Count);
        Assert.Equal(far.OfferId, result.OfferFor(paired));
        Assert.Equal(near.OfferId, result.OfferFor(onlyNear));
    }

    [Fact]
    public void An_existing_pairing_comes_before_a_longer_wait()
    {
        var round = new Round();
        var offer = round.Offer();
        var paired = round.Diner(north: 1.5, waitedDays: 2);
        var waitedLonger = round.Diner(north: 0.1, waitedDays: 60);
        round.Paired(offer, paired);

        var result = round.Run();

        Assert.Equal(offer.OfferId, result.OfferFor(paired));
        Assert.Null(result.OfferFor(waitedLonger));
    }

    [Fact]
    public void A_longer_wait_comes_before_a_shorter_distance()
    {
        var round = new Round();
        var offer = round.Offer();
        var waitedLonger = round.Diner(north: 1.9, waitedDays: 21);
        var nearer = round.Diner(north: 0.1, waitedDays: 20);

        var result = round.Run();

        Assert.Equal(offer.OfferId, result.OfferFor(waitedLonger));
        Assert.Null(result.OfferFor(nearer));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")]
    [InlineData("000000ff-0000-0000-0000-000000000000", "00000100-0000-0000-0000-000000000000")]
    [InlineData("00000000-0000-00ff-0000-000000000000", "00000000-0000-0100-0000-000000000000")]
    [InlineData("00000000-0000-0000-00ff-000000000000", "00000000-0000-0000-0100-000000000000")]
    public void Between_equal_waits_the_lower_id_comes_first_whatever_the_order_of_the_request(string lower, string higher)
    {
        var round = new Round();
        var offer = round.Offer();
        var second = round.Diner(north: 0.1, waitedDays: 30, id: Guid.Parse(higher));
        var first = round.Diner(north: 1.9, waitedDays: 30, id: Guid.Parse(lower));

        var result = round.Run();

        Assert.Equal(offer.OfferId, result.OfferFor(first));
        Assert.Null(result.OfferFor(second));
    }

    [Fact]
    public void A_diner_goes_to_the_cook_they_know_rather_than_a_nearer_one()
    {
        var round = new Round();
        var nearer = round.Offer(north: 0.2);
        var known = round.Offer(north: 1.5);
        var diner = round.Diner();
        round.Paired(known, diner);

        var proposal = Assert.Single(round.Run().Proposals);

        Assert.Equal(known.OfferId, proposal.OfferId);
        Assert.True(proposal.ContinuesPairing);
        Assert.NotEqual(nearer.OfferId, proposal.OfferId);
    }

    [Fact]
    public void Among_equally_good_assignments_the_total_distance_is_least()
    {
        // Each diner's own nearest offer is not the best plan: A→west and B→east totals 2.5 km,
        // where A→east (0.5) forces B→west (3.0) for 3.5 km.
        var round = new Round();
        var west = round.Offer(east: -1.0, radiusKm: 4);
        var east = round.Offer(east: 0.5, radiusKm: 4);
        var a = round.Diner(east: 0.0, waitedDays: 5);
        var b = round.Diner(east: 2.0, waitedDays: 5);

        var result = round.Run();

        Assert.Equal(west.OfferId, result.OfferFor(a));
        Assert.Equal(east.OfferId, result.OfferFor(b));
        Assert.Equal(2.5, result.Proposals.Sum(p => p.DistanceKm), precision: 2);
    }

    [Fact]
    public void The_same_request_gives_the_same_proposals()
    {
        var round = new Round();
        for (var i = 0; i < 6; i++)
        {
            round.Offer(north: i * 0.3, portions: 2);
            round.Diner(east: i * 0.2, waitedDays: 4);
            round.Diner(east: -i * 0.2, waitedDays: 4);
        }

        var first = round.Run().Proposals.Select(p => (p.OfferId, p.DinerId));
        var second = round.Run().Proposals.Select(p => (p.OfferId, p.DinerId));

        Assert.Equal(first, second);
    }
}
