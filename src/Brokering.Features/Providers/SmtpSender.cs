using System.Collections.Concurrent;
using System.Net.Sockets;
using Brokering.Features.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Brokering.Features.Providers;

/// <summary>
/// Email through a council's own mail server (or maildev in docker-compose), with MailKit. A
/// dispatcher batch reuses its connections: each message in flight takes an open connection or
/// opens one, hands it back when the server accepted the message, and the batch's end closes them
/// all (<see cref="EndBatchAsync"/>). A connection the server refused a message on is closed at once.
/// </summary>
public sealed class SmtpSender(IOptions<NotificationOptions> options) : IMessageSender, IAsyncDisposable
{
    private readonly ConcurrentBag<SmtpClient> _open = [];

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (!MailboxAddress.TryParse(message.Destination, out var to))
        {
            return SendResult.Permanent("SMTP: the email address is not valid");
        }

        using var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(smtp.FromName, smtp.FromEmail));
        mail.To.Add(to);
        mail.Subject = message.Text.Subject;
        mail.Body = new TextPart("plain") { Text = message.Text.Body };
        mail.Headers.Add("X-Brokering-Notification", message.Id.ToString());

        SmtpClient? client = null;
        try
        {
            client = await OpenAsync(cancellationToken);
            await client.SendAsync(mail, cancellationToken);
            _open.Add(client);
            return SendResult.Sent(message.Id.ToString());
        }
        catch (SmtpCommandException e)
        {
            await CloseAsync(client);
            // 4xx replies are the server asking us to come back later; 5xx ones refuse the message.
            var code = (int)e.StatusCode;
            var error = $"SMTP {code}";
            return code is >= 400 and < 500 ? SendResult.Transient(error) : SendResult.Permanent(error);
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException
            or SslHandshakeException or AuthenticationException && !cancellationToken.IsCancellationRequested)
        {
            await CloseAsync(client);
            return SendResult.Transient($"SMTP unreachable: {e.GetType().Name}");
        }
        catch (OperationCanceledException)
        {
            await CloseAsync(client);
            throw;
        }
    }

    /// <summary>Closes the connections this batch opened; the next batch opens its own.</summary>
    public async Task EndBatchAsync()
    {
        while (_open.TryTake(out var client))
        {
            await CloseAsync(client);
        }
    }

    public async ValueTask DisposeAsync() => await EndBatchAsync();

    private async Task<SmtpClient> OpenAsync(CancellationToken cancellationToken)
    {
        while (_open.TryTake(out var open))
        {
            if (open.IsConnected)
            {
                return open;
            }

            open.Dispose();
        }

        var settings = options.Value;
        var client = new SmtpClient { Timeout = (int)settings.SendTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
            if (settings.Smtp.UserName is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, settings.Smtp.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task CloseAsync(SmtpClient? client)
    {
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or OperationCanceledException)
        {
            // The server has gone already; nothing is left to close politely.
        }
        finally
        {
            client.Dispose();
        }
    }
}
