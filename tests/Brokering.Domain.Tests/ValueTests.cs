namespace Brokering.Domain.Tests;

public class ValueTests
{
    [Fact]
    public void Distances_are_great_circle_kilometres()
    {
        var london = new GeoPoint(51.5074, -0.1278);
        var paris = new GeoPoint(48.8566, 2.3522);
        Assert.Equal(343.5, london.DistanceKmTo(paris), 0);
        Assert.Equal(0, london.DistanceKmTo(london));
    }

    [Theory]
    [InlineData(90.0001, 0)]
    [InlineData(-91, 0)]
    [InlineData(0, 180.5)]
    [InlineData(double.NaN, 0)]
    public void A_point_off_the_globe_is_refused(double latitude, double longitude)
    {
        Assert.Throws<DomainValidationException>(() => new GeoPoint(latitude, longitude));
    }

    [Fact]
    public void The_bounding_box_contains_every_point_within_the_radius()
    {
        var centre = new GeoPoint(55.95, -3.19);
        var (minLat, maxLat, minLon, maxLon) = centre.BoundingBox(10);
        foreach (var bearing in Enumerable.Range(0, 36).Select(i => i * 10 * Math.PI / 180))
        {
            var lat = centre.Latitude + 9.99 / 111.19 * Math.Cos(bearing);
            var lon = centre.Longitude + 9.99 / (111.19 * Math.Cos(lat * Math.PI / 180)) * Math.Sin(bearing);
            var point = new GeoPoint(lat, lon);
            if (centre.DistanceKmTo(point) <= 10)
            {
                Assert.InRange(point.Latitude, minLat, maxLat);
                Assert.InRange(point.Longitude, minLon, maxLon);
            }
        }
    }

    [Fact]
    public void Enum_values_have_one_hyphenated_name_each_way()
    {
        Assert.Equal("dbs-enhanced-barred", Names.Of(Cooks.CheckKind.DbsEnhancedBarred));
        Assert.True(Names.TryParse<Allergens>("Tree-Nuts", out var nuts));
        Assert.Equal(Allergens.TreeNuts, nuts);
        Assert.False(Names.TryParse<Allergens>("kryptonite", out _));
    }

    [Fact]
    public void Free_text_is_trimmed_required_and_bounded()
    {
        Assert.Equal("Stew", Text.Required("  Stew ", "dish", 10));
        Assert.Throws<DomainValidationException>(() => Text.Required(" ", "dish", 10));
        Assert.Throws<DomainValidationException>(() => Text.Required(new string('a', 11), "dish", 10));
        Assert.Null(Text.Optional("", "note", 10));
    }

    [Fact]
    public void The_day_is_the_uk_calendar_day_so_just_after_midnight_in_summer_is_already_tomorrow()
    {
        Assert.Equal(new DateOnly(2026, 7, 2), UkCalendar.DateOf(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 12, 1), UkCalendar.DateOf(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("Edna\u0000")]
    [InlineData("\u0007bell")]
    [InlineData("esc\u001b[31m")]
    public void Text_with_invisible_control_characters_is_refused(string typed) =>
        Assert.Throws<DomainValidationException>(() => Text.Required(typed, "firstName", 100));

    [Fact]
    public void Text_keeps_line_breaks_and_tabs_that_people_type() =>
        Assert.Equal("Line one\nLine two\tend", Text.Required("Line one\nLine two\tend", "description", 100));
}
