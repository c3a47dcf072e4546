using Brokering.Domain;

namespace Brokering.Features.Http;

/// <summary>Reads the API's words for enum values ("dbs-enhanced", "tree-nuts"), refusing unknown ones by name.</summary>
public static class Words
{
    public static T One<T>(string? word, string field) where T : struct, Enum =>
        Names.TryParse<T>(word, out var value)
            ? value
            : throw new DomainValidationException(field, $"'{word}' is not one of: {string.Join(", ", Enum.GetValues<T>().Select(Names.Of))}");

    /// <summary>A list of flag words combined into one set; "none" and an empty list both mean no flags.</summary>
    public static T Flags<T>(IEnumerable<string>? words, string field) where T : struct, Enum
    {
        long bits = 0;
        foreach (var word in words ?? [])
        {
            bits |= Convert.ToInt64(One<T>(word, field), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (T)Enum.ToObject(typeof(T), bits);
    }

    public static string[] List<T>(T flags) where T : struct, Enum => [.. FlagNames.Split(flags).Select(Names.Of)];
}
