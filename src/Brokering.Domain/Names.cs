using System.Text;

namespace Brokering.Domain;

/// <summary>
/// The words the API and explanations use for enum values: lower-case and hyphenated
/// (<c>DbsEnhancedBarred</c> is "dbs-enhanced-barred"), one spelling everywhere.
/// </summary>
public static class Names
{
    public static string Of<T>(T value) where T : struct, Enum => Kebab(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }
}
