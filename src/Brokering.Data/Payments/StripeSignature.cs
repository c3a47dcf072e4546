using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Brokering.Data.Payments;

/// <summary>
/// Checks a <c>Stripe-Signature</c> header as Stripe documents it: <c>t=&lt;unix time&gt;,v1=&lt;hex&gt;[,v1=…]</c>,
/// where each <c>v1</c> is HMAC-SHA256 of <c>"{t}.{raw body}"</c> keyed with the endpoint's signing
/// secret. Any one matching <c>v1</c> will do (Stripe sends several while a secret is being rolled);
/// other schemes are ignored; a timestamp further than the tolerance from now is refused, so a
/// captured delivery cannot be replayed later.
/// </summary>
public static class StripeSignature
{
    /// <returns>Null when the payload is signed with <paramref name="secret"/>; otherwise why not.</returns>
    public static string? Problem(string? header, ReadOnlySpan<byte> payload, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return "the request has no Stripe-Signature header";
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1" && pair[1].Length == 64 && IsHex(pair[1]))
            {
                signatures.Add(Convert.FromHexString(pair[1]));
            }
        }

        if (timestamp is not { } seconds || seconds > 253402300799)
        {
            return "the Stripe-Signature header has no timestamp";
        }

        if (signatures.Count == 0)
        {
            return "the Stripe-Signature header has no v1 signature";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return "the signature's timestamp is outside the tolerance";
        }

        var prefix = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)) ? null : "no signature matches the payload";
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
