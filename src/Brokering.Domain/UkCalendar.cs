namespace Brokering.Domain;

/// <summary>Dates as the councils live them: checks and deliveries are judged on the UK calendar day.</summary>
public static class UkCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>
    /// The first instant after <paramref name="after"/> when UK clocks show <paramref name="at"/>.
    /// A time skipped when the clocks go forward happens an hour later that day.
    /// </summary>
    public static DateTimeOffset Next(TimeOnly at, DateTimeOffset after)
    {
        var day = DateOf(after);
        for (var i = 0; i < 3; i++)
        {
            var local = day.AddDays(i).ToDateTime(at);
            if (London.IsInvalidTime(local))
            {
                local = local.AddHours(1);
            }

            var instant = new DateTimeOffset(local, London.GetUtcOffset(local));
            if (instant > after)
            {
                return instant;
            }
        }

        throw new InvalidOperationException("Unreachable: some day within three has the time.");
    }
}
