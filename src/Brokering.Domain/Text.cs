namespace Brokering.Domain;

/// <summary>Validation of free text typed by people, applied once when it enters the domain.</summary>
public static class Text
{
    public static string Required(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException(field, "is required");
        }

        return Limit(trimmed, field, maxLength);
    }

    public static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Limit(trimmed, field, maxLength);
    }

    private static string Limit(string value, string field, int maxLength) =>
        value.Length <= maxLength ? value : throw new DomainValidationException(field, $"must be at most {maxLength} characters");
}
