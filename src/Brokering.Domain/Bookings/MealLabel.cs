using Brokering.Domain.Cooks;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;

namespace Brokering.Domain.Bookings;

/// <summary>One of the 14 allergens and what the cook declared about it.</summary>
public sealed record AllergenLine(Allergens Allergen, bool Contains);

/// <summary>
/// The label that goes on a meal: what it is, what is in it, every one of the 14 allergens answered,
/// when it was cooked, how to keep and reheat it, and who cooked it. It is made only for a live
/// booking whose offer is still safe for the diner as their profile stands today: a label that
/// could not truthfully say "safe for you" is never printed.
/// </summary>
public sealed record MealLabel(
    string Dish, string Ingredients, bool AllergensDeclared, IReadOnlyList<AllergenLine> Allergens, Diets SuitableFor,
    DateOnly CookedOn, DateOnly DeliveryDate, string Storage, string Reheating, string CookFirstName, string DinerFirstName)
{
    /// <summary>Said when the cook gave no advice of their own: the food safety rule, in the diner's words.</summary>
    public const string DefaultReheating = "Reheat once only, until piping hot all the way through (75 °C in the middle).";

    /// <summary>Why this booking can have no label, or null when it can.</summary>
    public static string? WhyNot(Booking booking, MealOffer offer, Diner diner)
    {
        if (booking.Status is BookingStatus.Cancelled)
        {
            return "A cancelled meal has no label.";
        }

        var unsuitable = Eligibility.WhyNotSuitable(offer, diner);
        return unsuitable.Count == 0
            ? null
            : $"No label can be made: {string.Join("; ", unsuitable)}. Do not deliver it; a coordinator must review this booking.";
    }

    /// <exception cref="RuleRefusedException">The booking can have no label (see <see cref="WhyNot"/>).</exception>
    public static MealLabel For(Booking booking, MealOffer offer, Cook cook, Diner diner)
    {
        if (WhyNot(booking, offer, diner) is { } why)
        {
            throw new RuleRefusedException(why);
        }

        var lines = Enum.GetValues<Allergens>().Where(a => a != Domain.Allergens.None)
            .Select(a => new AllergenLine(a, offer.Allergens.Contains.HasFlag(a))).ToList();
        return new MealLabel(
            offer.Dish, offer.Ingredients, offer.Allergens.IsComplete, lines, offer.Diets, offer.CookedOn, offer.DeliveryDate,
            offer.SafetyGuidance, offer.ReheatingAdvice ?? DefaultReheating, Text.FirstName(cook.DisplayName), diner.FirstName);
    }
}
