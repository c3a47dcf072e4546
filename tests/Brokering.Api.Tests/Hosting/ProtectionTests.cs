using System.Net;
using System.Net.Http.Json;
using Brokering.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Brokering.Api.Tests.Hosting;

/// <summary>An app whose sign-in limit is small enough to reach in a test.</summary>
public sealed class RateLimitedApp : SqliteApp
{
    public const int Limit = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Brokering:RateLimits:SignInPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ProtectionTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Guessing_passwords_from_one_address_is_slowed_to_the_limit_with_a_problem_saying_when_to_retry()
    {
        var client = app.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < RateLimitedApp.Limit + 2; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/accounts/login", new { email = $"guess{i}@example.org", password = "Wrong-Passw0rd!" }));
        }

        Assert.All(answers.Take(RateLimitedApp.Limit), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var refused = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Wait a minute", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Registration shares the limit; other calls do not.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/v1/accounts/register",
            new { email = "new@example.org", password = "New-Passw0rd!", displayName = "New" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_security_headers_and_a_policy_that_allows_only_the_sites_own_scripts()
    {
        var client = app.CreateClient();
        foreach (var path in new[] { "/", "/account/sign-in", "/api/v1/accounts/me", "/no-such-page" })
        {
            var response = await client.GetAsync(path);
            var policy = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
        }
    }
}
