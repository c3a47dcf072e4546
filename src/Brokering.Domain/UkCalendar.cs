namespace Brokering.Domain;

/// <summary>Dates as the councils live them: checks and deliveries are judged on the UK calendar day.</summary>
public static class UkCalendar
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The instant as a UK wall-clock time, for people to read.</summary>
    public static DateTimeOffset InUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    /// <summary>The Monday of the week <paramref name="day"/> falls in: councils report weeks Monday to Sunday.</summary>
    public static DateOnly WeekBeginning(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>
    /// The instant UK clocks show <paramref name="at"/> on <paramref name="day"/>; a skipped time is an hour later.
    /// Given in UTC, because PostgreSQL stores instants only as UTC and refuses a summer-time offset.
    /// </summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly at)
    {
        var local = day.ToDateTime(at);
        if (London.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The first instant after <paramref name="after"/> when UK clocks show <paramref name="at"/>.
    /// A time skipped when the clocks go forward happens an hour later that day.
    /// </summary>
    public static DateTimeOffset Next(TimeOnly at, DateTimeOffset after)
    {
        var day = DateOf(after);
        for (var i = 0; i < 3; i++)
        {
            var instant = At(day.AddDays(i), at);
            if (instant > after)
            {
                return instant;
            }
        }

        throw new InvalidOperationException("Unreachable: some day within three has the time.");
    }
}
