
namespace Brokering.Domain;

public static class UkClock
{
    /// <summary>Today's date where the councils are, which is the date checks and deliveries are judged on.</summary>
    public static DateOnly TodayInUk(this TimeProvider time) => UkCalendar.DateOf(time.GetUtcNow());
}
