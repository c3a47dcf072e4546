namespace Brokering.Matching.Tests;

public class CoverageTests
{
    [Fact]
    public void Unmatched_diners_are_grouped_where_cooks_are_needed_with_centre_and_count()
    {
        var round = new Round();
        round.Offer(north: 0, portions: 1);
        round.Diner(north: 0.3, waitedDays: 50);
        for (var i = 0; i < 4; i++)
        {
            round.Diner(north: 20 + i * 0.5, east: 0.2 * i);
        }

        for (var i = 0; i < 2; i++)
        {
            round.Diner(north: -15, east: 30 + i);
        }

        var coverage = round.Run().Coverage;

        Assert.Equal([4, 2], coverage.Select(c => c.Diners));
        var north = Round.At(20.75, 0.3);
        Assert.True(coverage[0].Centre.DistanceKmTo(north) < 1.0, $"centre {coverage[0].Centre} should be near {north}");
        Assert.InRange(coverage[0].RadiusKm, 0.8, 2.5);
    }

    [Fact]
    public void A_round_that_feeds_everyone_needs_no_recruiting()
    {
        var round = new Round();
        round.Offer(portions: 2);
        round.Diner(north: 0.5);
        round.Diner(north: -0.5);

        Assert.Empty(round.Run().Coverage);
    }

    [Fact]
    public void A_long_line_of_unmatched_diners_splits_around_its_crowded_spots()
    {
        var round = new Round();
        for (var km = 0; km < 40; km++)
        {
            round.Diner(east: km + 0.5);
            var crowd = km is 5 or 30 ? 8 : 0;
            for (var i = 0; i < crowd; i++)
            {
                round.Diner(north: 0.1, east: km + 0.5);
            }
        }

        var coverage = round.Run().Coverage;

        Assert.True(coverage.Count >= 2, $"expected separate clusters around the two crowds, got {coverage.Count}");
        Assert.Equal(56, coverage.Sum(c => c.Diners));
        Assert.All(coverage, c => Assert.True(c.RadiusKm < 25, $"cluster of radius {c.RadiusKm} km is too wide to recruit in"));
    }
}
