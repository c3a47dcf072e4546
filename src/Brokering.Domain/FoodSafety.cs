namespace Brokering.Domain;

/// <summary>The 14 allergens UK food law requires to be declared.</summary>
[Flags]
public enum Allergens
{
    None = 0,
    Celery = 1 << 0,
    Gluten = 1 << 1,
    Crustaceans = 1 << 2,
    Eggs = 1 << 3,
    Fish = 1 << 4,
    Lupin = 1 << 5,
    Milk = 1 << 6,
    Molluscs = 1 << 7,
    Mustard = 1 << 8,
    TreeNuts = 1 << 9,
    Peanuts = 1 << 10,
    Sesame = 1 << 11,
    Soya = 1 << 12,
    Sulphites = 1 << 13,
}

/// <summary>Diets a diner may require; an offer must meet every one the diner requires.</summary>
[Flags]
public enum Diets
{
    None = 0,
    Vegetarian = 1 << 0,
    Vegan = 1 << 1,
    Halal = 1 << 2,
    Kosher = 1 << 3,
    DiabeticFriendly = 1 << 4,
    LowSalt = 1 << 5,
    TextureModified = 1 << 6,
}

/// <summary>
/// What an offer says about the 14 allergens. A declaration is complete when the cook answered
/// every one (contains or does not contain); an incomplete one is treated as "may contain anything".
/// </summary>
public readonly record struct AllergenDeclaration(bool IsComplete, Allergens Contains)
{
    public static AllergenDeclaration Complete(Allergens contains) => new(true, contains);
    public static AllergenDeclaration NotDeclared => new(false, Allergens.None);

    /// <summary>The allergens in this offer that a diner avoiding <paramref name="avoided"/> must not eat.</summary>
    public Allergens ConflictsWith(Allergens avoided) => avoided & Contains;

    /// <summary>True when the offer is safe for a diner avoiding <paramref name="avoided"/>.</summary>
    public bool IsSafeFor(Allergens avoided) =>
        avoided == Allergens.None || (IsComplete && ConflictsWith(avoided) == Allergens.None);
}

/// <summary>Safe-handling guidance shown to cooks and stored with every offer.</summary>
public static class FoodSafetyGuidance
{
    /// <summary>Room each offer keeps for the guidance, should its wording grow.</summary>
    public const int MaxLength = 500;

    public const string Text =
        "Chill at or below 8 °C (5 °C recommended). Reheat once only, to 75 °C at the core. " +
        "Keep hot food at 63 °C or above for no more than two hours.";
}

public static class FlagNames
{
    /// <summary>Each set flag of <paramref name="value"/> as its own enum value, in declaration order.</summary>
    public static IEnumerable<T> Split<T>(T value) where T : struct, Enum
    {
        var bits = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var flag in Enum.GetValues<T>())
        {
            var f = Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture);
            if (f != 0 && (bits & f) == f)
            {
                yield return flag;
            }
        }
    }
}
