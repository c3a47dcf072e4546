using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Brokering.Data.Notifications;

/// <summary>Email through a council's own mail server (or maildev in docker-compose).</summary>
public sealed class SmtpSender(IOptions<NotificationOptions> options) : IMessageSender
{
    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        MailAddress to;
        try
        {
            to = new MailAddress(message.Destination);
        }
        catch (FormatException)
        {
            return SendResult.Permanent("SMTP: the email address is not valid");
        }

        using var mail = new MailMessage(new MailAddress(smtp.FromEmail, smtp.FromName), to)
        {
            Subject = message.Text.Subject,
            Body = message.Text.Body,
        };
        mail.Headers.Add("X-Brokering-Notification", message.Id.ToString());
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.EnableSsl,
            Timeout = (int)options.Value.SendTimeout.TotalMilliseconds,
        };
        if (smtp.UserName is { Length: > 0 })
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        try
        {
            await client.SendMailAsync(mail, cancellationToken);
            return SendResult.Sent(message.Id.ToString());
        }
        catch (SmtpException e) when (!cancellationToken.IsCancellationRequested)
        {
            // 4xx replies are the server asking us to come back later; 5xx ones refuse the message.
            var code = (int)e.StatusCode;
            var error = $"SMTP {code}";
            return code is >= 400 and < 500 or (int)SmtpStatusCode.GeneralFailure ? SendResult.Transient(error) : SendResult.Permanent(error);
        }
    }
}
