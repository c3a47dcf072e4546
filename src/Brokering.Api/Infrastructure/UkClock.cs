namespace Brokering.Api.Infrastructure;

public static class UkClock
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Today's date where the councils are, which is the date checks and deliveries are judged on.</summary>
    public static DateOnly TodayInUk(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), London).DateTime);
}
