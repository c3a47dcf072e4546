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

    /// <summary>
    /// Refuses invisible control characters other than line breaks and tabs: nobody types them,
    /// and PostgreSQL cannot store a NUL in text.
    /// </summary>
    public static string? Printable(string? value, string field) =>
        value is not null && value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? throw new DomainValidationException(field, "must not contain control characters")
            : value;

    /// <summary>The first word of a full name, which is all that messages and labels use of it.</summary>
    public static string FirstName(string fullName) => fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : fullName;

    private static string Limit(string value, string field, int maxLength) =>
        value.Length <= maxLength ? Printable(value, field)! : throw new DomainValidationException(field, $"must be at most {maxLength} characters");
}
