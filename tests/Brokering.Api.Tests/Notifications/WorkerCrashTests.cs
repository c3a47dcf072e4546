using System.Diagnostics;
using Brokering.Api.Tests.Support;
using Brokering.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Request = WireMock.RequestBuilders.Request;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Brokering.Api.Tests.Notifications;

/// <summary>
/// Real worker processes on one PostgreSQL: one is killed with SIGKILL while sending, and the
/// other must finish the job with nothing lost and nothing sent as two different messages.
/// </summary>
public sealed class WorkerCrashTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private const int Messages = 2_000;
    private const int BatchSize = 20;

    [Fact]
    public async Task Two_workers_one_killed_mid_run_deliver_every_message_once_under_one_reference()
    {
        using var notify = WireMockServer.Start();
        notify.Given(Request.Create().WithPath("/v2/notifications/sms").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody($$$"""{"id":"{{{Guid.NewGuid()}}}","reference":"r","content":{"body":"sent","from_number":"GOVUK"},"uri":"u","template":{"id":"t","version":1,"uri":"u"} }""")
                .WithDelay(TimeSpan.FromMilliseconds(25)));
        var ids = await QueueAsync();

        using var first = StartWorker(notify.Url!);
        using var second = StartWorker(notify.Url!);
        await WaitUntilAsync(() => notify.LogEntries.Count >= Messages / 5, TimeSpan.FromSeconds(60));
        first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, its claimed rows stay claimed until their lease ends
        var sentWhenKilled = await SentAsync();
        Assert.True(sentWhenKilled < Messages, "the kill must come while messages are still going out");

        await WaitUntilAsync(async () => await SentAsync() == Messages, TimeSpan.FromSeconds(120));
        second.Kill(entireProcessTree: true);

        var requests = notify.LogEntries
            .Select(e => System.Text.Json.Nodes.JsonNode.Parse(e.RequestMessage!.Body!)!)
            .Select(b => (Phone: b["phone_number"]!.GetValue<string>(), Reference: b["reference"]!.GetValue<string>()))
            .ToList();
        Assert.Equal(ids.Order(), requests.Select(r => Guid.Parse(r.Reference)).Distinct().Order());
        Assert.All(requests.GroupBy(r => r.Phone), person => Assert.Single(person.Select(r => r.Reference).Distinct()));
        // Only what the killed worker had claimed and not yet recorded can have gone twice, under the same reference.
        Assert.InRange(requests.Count - Messages, 0, BatchSize);
    }

    private async Task<List<Guid>> QueueAsync()
    {
        var now = DateTimeOffset.UtcNow;
        return await app.WithDbAsync(async db =>
        {
            var council = Guid.NewGuid();
            var rows = Enumerable.Range(0, Messages).Select(i => new Notification(council, NotificationKind.CookApproved,
                new Recipient(RecipientRole.Cook, $"cook-{i}", NotificationChannel.Sms, $"07700 {i:D6}"),
                new Dictionary<string, string> { ["name"] = $"Cook {i}", ["council"] = "Test council" }, null, now)).ToList();
            db.Notifications.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });
    }

    private Task<int> SentAsync() =>
        app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status == NotificationStatus.Sent));

    private Process StartWorker(string notifyUrl)
    {
        var start = new ProcessStartInfo("dotnet", WorkerAssembly()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = app.ConnectionString,
            ["Brokering__Jobs__Matching__Enabled"] = "false",
            ["Brokering__Notifications__Sms"] = "Notify",
            ["Brokering__Notifications__Notify__ApiKey"] = FakeProviders.NotifyApiKey,
            ["Brokering__Notifications__Notify__BaseUrl"] = notifyUrl,
            ["Brokering__Notifications__Notify__SmsTemplateId"] = FakeProviders.SmsTemplateId,
            ["Brokering__Notifications__BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Brokering__Notifications__Parallelism"] = "4",
            // Long enough that no batch of a living worker outlasts its lease, even on a busy machine
            // (with 3 s, one run sent 25 twice); the killed worker's claims wait this long to be taken.
            ["Brokering__Notifications__Lease"] = "00:00:10",
            ["Brokering__Notifications__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The worker built beside these tests, in the same configuration.</summary>
    private static string WorkerAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Brokering.sln")))
        {
            root = root.Parent;
        }

        var configuration = here.Parent!.Name; // bin/<configuration>/<framework>
        var worker = Path.Combine(root!.FullName, "src", "Brokering.Worker", "bin", configuration, here.Name, "Brokering.Worker.dll");
        Assert.True(File.Exists(worker), $"The worker is built by the test project's build; not found at {worker}");
        return worker;
    }

    private static Task WaitUntilAsync(Func<bool> done, TimeSpan limit) => WaitUntilAsync(() => Task.FromResult(done()), limit);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(watch.Elapsed < limit, $"not done within {limit.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}
