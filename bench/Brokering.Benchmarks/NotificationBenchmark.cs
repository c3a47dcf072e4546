using System.Diagnostics;
using Brokering.Domain.Notifications;
using Brokering.Features;
using Brokering.Features.Notifications;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Brokering.Benchmarks;

/// <summary>
/// Issue #4's figure: how many messages a second the dispatch sends through GOV.UK Notify's client
/// to a local fake of Notify, with PostgreSQL on the same machine, two dispatchers at once as two
/// workers would run. The baseline, measured in the same run, is the fake alone: the same number
/// of requests at the same concurrency with no database, which is as fast as dispatch could go.
/// </summary>
internal static class NotificationBenchmark
{
    private const int Parallelism = 32;

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Contains("--quick") ? 2_000 : 20_000;
        Console.WriteLine($"notification benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {messages:N0} SMS messages");

        await using var fake = await FakeNotifyAsync();
        var url = fake.Urls.First();
        var baseline = await FakeAloneAsync(url, messages);

        var (database, created) = await BenchDatabase.CreateAsync("brokering_bench");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(created) { MaxPoolSize = 50 }.ToString();
            await using var services = Services(connection, url);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BrokeringDbContext>().MigrateAsync(CancellationToken.None);
            }

            await QueueAsync(services, messages);
            var workers = new[] { services.GetRequiredService<NotificationDispatcher>(), ActivatorUtilities.CreateInstance<NotificationDispatcher>(services) };
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(workers.Select(async worker =>
            {
                while (await worker.DispatchOnceAsync(CancellationToken.None) > 0)
                {
                }
            }));
            watch.Stop();
            var sent = await SentAsync(services);
            var rate = sent / watch.Elapsed.TotalSeconds;

            Console.WriteLine();
            Console.WriteLine($"   fake Notify alone (baseline): {baseline:N0} requests/s at {Parallelism} in flight");
            Console.WriteLine($"   dispatch, 2 dispatchers on PostgreSQL: {sent:N0} sent in {watch.Elapsed.TotalSeconds:F2} s = {rate:N0} messages/s (target at least 1,000/s)");
            Console.WriteLine($"   dispatch / baseline: {rate / baseline:P0}");
            return sent == messages && rate >= 1_000 ? 0 : 1;
        }
        finally
        {
            await BenchDatabase.DropAsync(database);
        }
    }

    private static ServiceProvider Services(string connection, string notifyUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connection,
            ["Brokering:Notifications:Enabled"] = "false",
            ["Brokering:Notifications:Sms"] = "Notify",
            ["Brokering:Notifications:Parallelism"] = Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Brokering:Notifications:Notify:ApiKey"] = $"bench-{Guid.NewGuid()}-{Guid.NewGuid()}",
            ["Brokering:Notifications:Notify:BaseUrl"] = notifyUrl,
            ["Brokering:Notifications:Notify:SmsTemplateId"] = Guid.NewGuid().ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddBrokeringFeatures(configuration);
        services.AddNotificationDispatch(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task QueueAsync(IServiceProvider services, int messages)
    {
        var now = DateTimeOffset.UtcNow;
        var council = Guid.NewGuid();
        for (var start = 0; start < messages; start += 2_000)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BrokeringDbContext>();
            db.Notifications.AddRange(Enumerable.Range(start, Math.Min(2_000, messages - start)).Select(i => new Notification(council, NotificationKind.CookApproved,
                new Recipient(RecipientRole.Cook, $"cook-{i}", NotificationChannel.Sms, $"07700 {i:D6}"),
                new Dictionary<string, string> { ["name"] = $"Cook {i}", ["council"] = "Bench council" }, null, now)));
            await db.SaveChangesAsync();
        }
    }

    private static async Task<int> SentAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BrokeringDbContext>().Notifications.CountAsync(n => n.Status == NotificationStatus.Sent);
    }

    /// <summary>Answers Notify's send-SMS call as Notify does (201 with the new id and the caller's reference).</summary>
    private static async Task<WebApplication> FakeNotifyAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var fake = builder.Build();
        fake.MapPost("/v2/notifications/sms", async (HttpContext context) =>
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            var reference = body.RootElement.TryGetProperty("reference", out var r) ? r.GetString() : null;
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $$"""{"id":"{{Guid.NewGuid()}}","reference":"{{reference}}","content":{"body":"sent","from_number":"GOVUK"},"uri":"u","template":{"id":"t","version":1,"uri":"u"} }""");
        });
        await fake.StartAsync();
        return fake;
    }

    private static async Task<double> FakeAloneAsync(string url, int requests)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var payload = """{"phone_number":"07700 900000","template_id":"t","personalisation":{"body":"hello"},"reference":"r"}""";
        async Task Send()
        {
            using var content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/v2/notifications/sms", content);
            response.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 500; i++)
        {
            await Send();
        }

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (_, _) => await Send());
        return requests / watch.Elapsed.TotalSeconds;
    }
}
