using Brokering.Features.Notifications;

namespace Brokering.Api.Tests.Notifications;

public sealed class RetryBackoffTests
{
    private static readonly RetryOptions Retry = new() { BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromHours(1) };

    [Theory]
    [InlineData(1, 15, 30)]
    [InlineData(2, 30, 60)]
    [InlineData(4, 120, 240)]
    [InlineData(12, 1800, 3600)]
    public void Each_failure_doubles_the_wait_within_a_jittered_band_up_to_the_cap(int attempts, double fromSeconds, double toSeconds)
    {
        var random = new Random(attempts);
        var waits = Enumerable.Range(0, 200).Select(_ => Retry.DelayAfter(attempts, null, random).TotalSeconds).ToList();
        Assert.All(waits, w => Assert.InRange(w, fromSeconds, toSeconds));
        Assert.True(waits.Distinct().Count() > 150, "workers that failed together must not all come back at the same moment");
    }

    [Fact]
    public void A_provider_asking_for_a_longer_wait_gets_it_and_a_shorter_ask_does_not_shorten_the_backoff()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), Retry.DelayAfter(1, TimeSpan.FromMinutes(10), new Random(1)));
        Assert.InRange(Retry.DelayAfter(3, TimeSpan.FromSeconds(1), new Random(1)).TotalSeconds, 60, 120);
    }
}
