using System.Net;
using System.Net.Sockets;
using System.Text;
using Brokering.Domain.Notifications;
using Brokering.Features.Notifications;
using Brokering.Features.Providers;
using Microsoft.Extensions.Options;

namespace Brokering.Api.Tests.Notifications;

/// <summary>Email through SMTP, against a small SMTP server on loopback that answers RCPT as it is told.</summary>
public sealed class SmtpSenderTests
{
    private static readonly OutgoingMessage Message = new(Guid.NewGuid(), NotificationKind.CookApproved, NotificationChannel.Email, "pat@people.test",
        new RenderedMessage("You are approved to cook", "Hello Pat."), new Dictionary<string, string>());

    [Fact]
    public async Task A_message_is_handed_to_the_mail_server_with_its_reference()
    {
        var (results, conversation) = await SendAsync("250 OK", Message);
        Assert.Equal(SendOutcome.Sent, Assert.Single(results).Outcome);
        Assert.Contains("RCPT TO:<pat@people.test>", conversation);
        Assert.Contains("Subject: You are approved to cook", conversation);
        Assert.Contains($"X-Brokering-Notification: {Message.Id}", conversation);
        Assert.Contains("Hello Pat.", conversation);
    }

    [Fact]
    public async Task Messages_of_one_batch_go_over_one_connection_that_the_batch_end_closes()
    {
        var second = Message with { Id = Guid.NewGuid(), Destination = "sam@people.test" };
        var (results, conversation) = await SendAsync("250 OK", Message, second);

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        var lines = conversation.Split(Environment.NewLine);
        Assert.Single(lines, l => l.StartsWith("EHLO", StringComparison.Ordinal));
        Assert.Equal(["RCPT TO:<pat@people.test>", "RCPT TO:<sam@people.test>"], lines.Where(l => l.StartsWith("RCPT", StringComparison.Ordinal)));
        Assert.Equal("QUIT", lines.Last(l => l.Length > 0));
    }

    [Theory]
    [InlineData("451 4.3.0 Try again later", SendOutcome.Transient)]
    [InlineData("550 5.1.1 No such mailbox", SendOutcome.Permanent)]
    public async Task A_refusal_is_transient_or_permanent_by_its_reply_code(string reply, SendOutcome expected)
    {
        var (results, _) = await SendAsync(reply, Message);
        Assert.Equal(expected, Assert.Single(results).Outcome);
        Assert.StartsWith("SMTP ", results[0].Error);
    }

    [Fact]
    public async Task A_mail_server_that_is_not_there_is_a_transient_failure_retried_later()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var sender = new SmtpSender(Options.Create(new NotificationOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, FromEmail = "meals@council.test" },
            SendTimeout = TimeSpan.FromSeconds(10),
        }));

        var result = await sender.SendAsync(Message, CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.StartsWith("SMTP unreachable", result.Error);
    }

    /// <summary>Sends the messages as one dispatcher batch to a server that takes a single connection.</summary>
    private static async Task<(SendResult[] Results, string Conversation)> SendAsync(string rcptReply, params OutgoingMessage[] messages)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = ServeOneAsync(listener, rcptReply);
        var options = Options.Create(new NotificationOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, FromEmail = "meals@council.test" },
            SendTimeout = TimeSpan.FromSeconds(10),
        });
        var sender = new SmtpSender(options);
        var results = new List<SendResult>();
        foreach (var message in messages)
        {
            results.Add(await sender.SendAsync(message, CancellationToken.None));
        }

        await sender.EndBatchAsync();
        var conversation = await server;
        listener.Stop();
        return ([.. results], conversation);
    }

    private static async Task<string> ServeOneAsync(TcpListener listener, string rcptReply)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var heard = new StringBuilder();
        await writer.WriteLineAsync("220 localhost ESMTP");
        var inData = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            heard.AppendLine(line);
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    await writer.WriteLineAsync("250 Queued");
                }

                continue;
            }

            var verb = line.Split(' ')[0].ToUpperInvariant();
            await writer.WriteLineAsync(verb switch
            {
                "EHLO" or "HELO" => "250 localhost",
                "RCPT" => rcptReply,
                "DATA" => "354 End with <CRLF>.<CRLF>",
                "QUIT" => "221 Bye",
                _ => "250 OK",
            });
            inData = verb == "DATA";
            if (verb == "QUIT")
            {
                break;
            }
        }

        return heard.ToString();
    }
}
