using MailKit.Security;

namespace Brokering.Features.Notifications;

/// <summary>Where each channel's messages go. <c>File</c> needs no keys: it is the embedded default.</summary>
public enum MessageProvider
{
    File,
    Notify,
    SendGrid,
    Smtp,
}

/// <summary><c>Brokering:Notifications</c>: which provider serves each channel, and how the workers dispatch.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Brokering:Notifications";

    public bool Enabled { get; set; } = true;
    public MessageProvider Email { get; set; } = MessageProvider.File;
    public MessageProvider Sms { get; set; } = MessageProvider.File;
    public MessageProvider Letter { get; set; } = MessageProvider.File;

    /// <summary>Rows claimed at a time by one worker.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Messages in flight at once per worker.</summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>How long a claim lasts: a worker that dies holding rows releases them when it ends.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one provider call may take before it counts as a transient failure.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public RetryOptions Retry { get; set; } = new();
    public FileSinkOptions File { get; set; } = new();
    public NotifyOptions Notify { get; set; } = new();
    public SendGridOptions SendGrid { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class FileSinkOptions
{
    /// <summary>Messages are appended here, one JSON line each, one file a day.</summary>
    public string Folder { get; set; } = "./data/outbox";
}

/// <summary>GOV.UK Notify. Each template needs <c>((subject))</c> (email and letter) and <c>((body))</c>.</summary>
public sealed class NotifyOptions
{
    public string ApiKey { get; set; } = "";
    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk";
    public string SmsTemplateId { get; set; } = "";
    public string LetterTemplateId { get; set; } = "";
    public string EmailTemplateId { get; set; } = "";
}

public sealed class SendGridOptions
{
    public string ApiKey { get; set; } = "";
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";
    public string FromEmail { get; set; } = "";
    public string FromName { get; set; } = "Community meals";
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;

    /// <summary>
    /// How the connection is secured: <c>Auto</c> (TLS from the start on port 465, otherwise STARTTLS
    /// where the server offers it), <c>StartTls</c> (refuse a server that does not offer it),
    /// <c>SslOnConnect</c>, or <c>None</c> (a relay on the same host only).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromEmail { get; set; } = "";
    public string FromName { get; set; } = "Community meals";
}

/// <summary>
/// Retries are written to the row (its next due time), not held in memory, so they survive a
/// worker's restart and any worker may make the next attempt.
/// </summary>
public sealed class RetryOptions
{
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Exponential backoff with jitter: after the n-th failed attempt, a random wait between half and
    /// all of <c>BaseDelay × 2^(n-1)</c>, capped at <see cref="MaxDelay"/>, so workers that failed
    /// together do not retry together. A provider's Retry-After is honoured when it asks for longer.
    /// </summary>
    public TimeSpan DelayAfter(int attempts, TimeSpan? retryAfter, Random random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var wait = TimeSpan.FromMilliseconds(ceiling * (0.5 + (random.NextDouble() / 2)));
        return retryAfter is { } asked && asked > wait ? asked : wait;
    }
}
