using System.Globalization;
using System.Text.Json;
using Brokering.Features.Notifications;
using Microsoft.Extensions.Options;

namespace Brokering.Features.Providers;

/// <summary>
/// The embedded default: appends each message as a JSON line to a dated file under the data
/// folder, so the service runs with no provider keys and a developer can read what would have gone.
/// </summary>
public sealed class FileSender(IOptions<NotificationOptions> options, TimeProvider time) : IMessageSender, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var folder = options.Value.File.Folder;
        var line = JsonSerializer.Serialize(new
        {
            id = message.Id,
            sentAt = now,
            channel = Domain.Names.Of(message.Channel),
            to = message.Destination,
            subject = message.Text.Subject,
            body = message.Text.Body,
        });
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"notifications-{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.jsonl");
            await File.AppendAllTextAsync(file, line + "\n", cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        return SendResult.Sent(message.Id.ToString());
    }

    public void Dispose() => _gate.Dispose();
}
