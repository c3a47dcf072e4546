using Brokering.Domain.Cooks;

namespace Brokering.Domain.Offers;

public enum OfferStatus
{
    Open,
    Full,
    Closed,
    Withdrawn,
}

/// <summary>When a meal arrives: a window that includes its start and excludes its end, on one day.</summary>
public readonly record struct DeliveryWindow
{
    public DeliveryWindow(TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new DomainValidationException("windowEnd", "must be after windowStart");
        }

        Start = start;
        End = end;
    }

    public TimeOnly Start { get; private init; }
    public TimeOnly End { get; private init; }
}

/// <summary>
/// A cook's meal on one day. Open while portions are left, full when none are, closed after
/// delivery, or withdrawn. <see cref="PortionsLeft"/> never goes below zero or above <see cref="Portions"/>.
/// </summary>
public sealed class MealOffer : Aggregate
{
    public const int MaxPortions = 12;
    public const int MaxDishLength = 200;
    public const int MaxIngredientsLength = 2000;
    public const int MaxReheatingAdviceLength = 500;

    /// <summary>A meal may be cooked the day before it is delivered and kept chilled, never earlier.</summary>
    public const int MaxDaysCookedAhead = 1;

    private MealOffer() { Dish = ""; Ingredients = ""; SafetyGuidance = ""; }

    public MealOffer(Cook cook, string dish, string ingredients, AllergenDeclaration allergens, Diets diets,
        int portions, DateOnly deliveryDate, DeliveryWindow window, string? reheatingAdvice, DateOnly today, DateOnly? cookedOn = null)
    {
        if (portions is < 1 or > MaxPortions)
        {
            throw new DomainValidationException(nameof(portions), $"must be between 1 and {MaxPortions}");
        }

        if (deliveryDate < today)
        {
            throw new DomainValidationException(nameof(deliveryDate), "must not be in the past");
        }

        if (cookedOn is { } cooked && (cooked > deliveryDate || cooked < deliveryDate.AddDays(-MaxDaysCookedAhead)))
        {
            throw new DomainValidationException(nameof(cookedOn), $"must be the delivery day or at most {MaxDaysCookedAhead} day before it");
        }

        if (cook.Status != CookStatus.Approved)
        {
            throw new RuleRefusedException($"only an approved cook can offer meals; this cook is {Names.Of(cook.Status)}");
        }

        CouncilId = cook.CouncilId;
        CookId = cook.Id;
        Location = cook.Location;
        Dish = Text.Required(dish, nameof(dish), MaxDishLength);
        Ingredients = Text.Optional(ingredients, nameof(ingredients), MaxIngredientsLength) ?? "";
        Allergens = allergens;
        Diets = diets;
        Portions = portions;
        PortionsLeft = portions;
        DeliveryDate = deliveryDate;
        CookedOn = cookedOn ?? deliveryDate;
        Window = window;
        ReheatingAdvice = Text.Optional(reheatingAdvice, nameof(reheatingAdvice), MaxReheatingAdviceLength);
        SafetyGuidance = FoodSafetyGuidance.Text;
        Status = OfferStatus.Open;
    }

    public Guid CouncilId { get; private set; }
    public Guid CookId { get; private set; }

    /// <summary>Where the cook cooks, copied at publication so "offers near me" needs no join.</summary>
    public GeoPoint Location { get; private set; }

    /// <summary>The offer's copy of its cook's home, coarsened when the cook is erased.</summary>
    public void CoarsenLocation() => Location = Location.Coarsened();

    public string Dish { get; private set; }
    public string Ingredients { get; private set; }
    public AllergenDeclaration Allergens { get; private set; }
    public Diets Diets { get; private set; }
    public int Portions { get; private set; }
    public int PortionsLeft { get; private set; }
    public DateOnly DeliveryDate { get; private set; }

    /// <summary>The day the meal is cooked, which its label shows: the delivery day unless the cook says otherwise.</summary>
    public DateOnly CookedOn { get; private set; }
    public DeliveryWindow Window { get; private set; }
    public string? ReheatingAdvice { get; private set; }
    public string SafetyGuidance { get; private set; }
    public OfferStatus Status { get; private set; }

    /// <summary>
    /// Takes one portion. Bookings of one offer are taken one at a time by its single writer, and
    /// the save carries the version this copy was read at, so a stale copy cannot oversell.
    /// </summary>
    public void TakePortion()
    {
        if (Status != OfferStatus.Open || PortionsLeft == 0)
        {
            throw new InvalidTransitionException("meal offer", Names.Of(Status), "booked");
        }

        PortionsLeft--;
        if (PortionsLeft == 0)
        {
            Status = OfferStatus.Full;
        }
    }

    /// <summary>Gives back a portion after a cancellation; a full offer opens again.</summary>
    public void ReleasePortion()
    {
        if (Status is not (OfferStatus.Open or OfferStatus.Full) || PortionsLeft == Portions)
        {
            throw new InvalidTransitionException("meal offer", Names.Of(Status), "given a portion back");
        }

        PortionsLeft++;
        Status = OfferStatus.Open;
    }

    public void Close()
    {
        if (Status is not (OfferStatus.Open or OfferStatus.Full))
        {
            throw new InvalidTransitionException("meal offer", Names.Of(Status), "closed");
        }

        Status = OfferStatus.Closed;
    }

    public void Withdraw()
    {
        if (Status is not (OfferStatus.Open or OfferStatus.Full))
        {
            throw new InvalidTransitionException("meal offer", Names.Of(Status), "withdrawn");
        }

        Status = OfferStatus.Withdrawn;
    }
}
