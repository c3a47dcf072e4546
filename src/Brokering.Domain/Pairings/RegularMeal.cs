using Brokering.Domain.Offers;

namespace Brokering.Domain.Pairings;

public enum RegularMealStatus
{
    Active,
    Paused,
    Ended,
}

/// <summary>Who asked for a change to a regular meal: the other side is told.</summary>
public enum RegularMealSide
{
    Cook,
    Diner,
}

public enum OccurrenceStatus
{
    /// <summary>A meal is booked for the date, by the regular cook, the backup or another cook.</summary>
    Booked,

    /// <summary>The diner does not want a meal that day.</summary>
    Skipped,

    /// <summary>The regular cook cannot come; the backup cook has been asked.</summary>
    AwaitingBackup,

    /// <summary>Neither the regular nor the backup cook can come: any cook the matcher finds may take it.</summary>
    NeedsCook,
}

/// <summary>What the cook usually brings: copied onto each occurrence's offer, and changed when the menu changes.</summary>
public sealed record StandingMeal
{
    private StandingMeal() { Dish = ""; Ingredients = ""; }

    public StandingMeal(string dish, string? ingredients, AllergenDeclaration allergens, Diets diets, string? reheatingAdvice)
    {
        Dish = Text.Required(dish, nameof(dish), MealOffer.MaxDishLength);
        Ingredients = Text.Optional(ingredients, nameof(ingredients), MealOffer.MaxIngredientsLength) ?? "";
        Allergens = allergens;
        Diets = diets;
        ReheatingAdvice = Text.Optional(reheatingAdvice, nameof(reheatingAdvice), MealOffer.MaxReheatingAdviceLength);
    }

    public string Dish { get; private init; }
    public string Ingredients { get; private init; }
    public AllergenDeclaration Allergens { get; private init; }
    public Diets Diets { get; private init; }
    public string? ReheatingAdvice { get; private init; }
}

/// <summary>One date of a regular meal and how it is covered.</summary>
public sealed class MealOccurrence
{
    /// <summary>Notes are written by the service ("Pat skipped: " and the skip's reason), never longer than this.</summary>
    public const int MaxNoteLength = 500;

    private MealOccurrence() { }

    internal MealOccurrence(DateOnly date, OccurrenceStatus status, string? note)
    {
        Date = date;
        Status = status;
        Note = note;
    }

    public DateOnly Date { get; private set; }
    public OccurrenceStatus Status { get; private set; }
    public Guid? BookingId { get; private set; }
    public Guid? CookId { get; private set; }

    /// <summary>Why the date is not with the regular cook, for the coordinator: "Pat skipped: away".</summary>
    public string? Note { get; private set; }

    /// <summary>When coordinators were told the date had no cook yet; they are told once.</summary>
    public DateTimeOffset? UncoveredAlertAt { get; private set; }

    public bool IsUncovered => Status is OccurrenceStatus.AwaitingBackup or OccurrenceStatus.NeedsCook;

    internal void Book(Guid bookingId, Guid cookId)
    {
        Status = OccurrenceStatus.Booked;
        BookingId = bookingId;
        CookId = cookId;
    }

    internal void Move(OccurrenceStatus status, string? note)
    {
        Status = status;
        Note = note ?? Note;
        BookingId = null;
        CookId = null;
    }

    internal void AlertedUncovered(DateTimeOffset at) => UncoveredAlertAt = at;
}

/// <summary>A date one side will miss: the diner needs no meal, or the regular cook cannot bring it.</summary>
public sealed record RegularMealSkip(DateOnly Date, RegularMealSide By, string? Reason)
{
    public const int MaxReasonLength = 200;
}

/// <summary>
/// A pair's regular meal: every week, or every other week, on one weekday. Occurrences are created
/// a few days ahead, each as an offer and a booking with the regular cook. When the regular cook
/// skips a date, pauses or cannot be matched that day, the date goes to the backup cook (already
/// introduced to the diner) first, then to any cook the matcher finds; a date left with no cook is
/// shown to coordinators before it is missed. When the diner skips or pauses, no meal is made.
/// Dates are UK calendar days, so clock changes never move a meal to another day.
/// </summary>
public sealed class RegularMeal : Aggregate, ICouncilOwned
{
    public const int MaxEveryWeeks = 2;
    private readonly List<RegularMealSkip> _skips = [];
    private readonly List<MealOccurrence> _occurrences = [];

    private RegularMeal() { Meal = null!; }

    public RegularMeal(Pairing pairing, DayOfWeek day, int everyWeeks, DateOnly startsOn, DeliveryWindow window, StandingMeal meal, DateOnly today)
    {
        if (!pairing.IsApproved)
        {
            throw new RuleRefusedException("a regular meal needs an approved pairing: the pair's introduction comes first");
        }

        if (everyWeeks is < 1 or > MaxEveryWeeks)
        {
            throw new DomainValidationException(nameof(everyWeeks), "must be 1 (every week) or 2 (every other week)");
        }

        if (startsOn < today)
        {
            throw new DomainValidationException(nameof(startsOn), "must not be in the past");
        }

        if (startsOn.DayOfWeek != day)
        {
            throw new DomainValidationException(nameof(startsOn), $"must be a {day}, the day the meals come");
        }

        CouncilId = pairing.CouncilId;
        PairingId = pairing.Id;
        CookId = pairing.CookId;
        DinerId = pairing.DinerId;
        Day = day;
        EveryWeeks = everyWeeks;
        StartsOn = startsOn;
        Window = window;
        Meal = meal;
        Status = RegularMealStatus.Active;
    }

    public Guid CouncilId { get; private set; }
    public Guid PairingId { get; private set; }
    public Guid CookId { get; private set; }
    public Guid DinerId { get; private set; }
    public Guid? BackupCookId { get; private set; }
    public DayOfWeek Day { get; private set; }
    public int EveryWeeks { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DeliveryWindow Window { get; private set; }
    public StandingMeal Meal { get; private set; }
    public RegularMealStatus Status { get; private set; }

    /// <summary>While paused: who paused, and the last day of the pause (null: until resumed).</summary>
    public RegularMealSide? PausedBy { get; private set; }

    public DateOnly? PausedUntil { get; private set; }

    public IReadOnlyList<RegularMealSkip> Skips => _skips;
    public IReadOnlyList<MealOccurrence> Occurrences => _occurrences;

    /// <summary>The regular meal's dates from <paramref name="from"/> to <paramref name="to"/>, both included, whatever is skipped.</summary>
    public IEnumerable<DateOnly> DatesBetween(DateOnly from, DateOnly to)
    {
        var first = from < StartsOn ? StartsOn : from;
        var offset = first.DayNumber - StartsOn.DayNumber;
        var period = 7 * EveryWeeks;
        var next = first.AddDays((period - offset % period) % period);
        for (var date = next; date <= to; date = date.AddDays(period))
        {
            yield return date;
        }
    }

    public bool IsOnRegularMeal(DateOnly date) => DatesBetween(date, date).Any();

    /// <summary>Whether the diner wants no meal that day: they skipped it, or paused.</summary>
    public bool DinerAway(DateOnly date) =>
        _skips.Any(s => s.Date == date && s.By == RegularMealSide.Diner) || PausedOn(date, RegularMealSide.Diner);

    /// <summary>Why the regular cook will not bring the meal that day, or null.</summary>
    public string? CookAway(DateOnly date) =>
        _skips.FirstOrDefault(s => s.Date == date && s.By == RegularMealSide.Cook) is { } skip ? $"the cook skipped this date{(skip.Reason is { } r ? $": {r}" : "")}"
        : PausedOn(date, RegularMealSide.Cook) ? "the cook has paused their regular meals"
        : null;

    public MealOccurrence? OccurrenceOn(DateOnly date) => _occurrences.FirstOrDefault(o => o.Date == date);

    /// <summary>Records that the date was planned; each date is planned once.</summary>
    public MealOccurrence Plan(DateOnly date, OccurrenceStatus status, string? note = null)
    {
        if (OccurrenceOn(date) is not null)
        {
            throw new InvalidTransitionException("regular meal date", "already planned", "planned again");
        }

        var occurrence = new MealOccurrence(date, status, note);
        _occurrences.Add(occurrence);
        return occurrence;
    }

    public void Booked(DateOnly date, Guid bookingId, Guid cookId) => Require(date).Book(bookingId, cookId);

    /// <summary>The date goes to the backup cook if there is one, otherwise to the matcher.</summary>
    public OccurrenceStatus HandOver(DateOnly date, string why)
    {
        var status = BackupCookId is null ? OccurrenceStatus.NeedsCook : OccurrenceStatus.AwaitingBackup;
        Require(date).Move(status, why);
        return status;
    }

    /// <summary>The backup cook cannot come, or did not answer in time: the matcher may find another cook.</summary>
    public void BackupDeclined(DateOnly date)
    {
        var occurrence = Require(date);
        if (occurrence.Status != OccurrenceStatus.AwaitingBackup)
        {
            throw new InvalidTransitionException("regular meal date", Names.Of(occurrence.Status), "declined by the backup cook");
        }

        occurrence.Move(OccurrenceStatus.NeedsCook, $"{occurrence.Note}; the backup cook cannot come");
    }

    public void DinerSkipped(DateOnly date) => Require(date).Move(OccurrenceStatus.Skipped, "the diner does not need a meal this day");

    public void AlertedUncovered(DateOnly date, DateTimeOffset at) => Require(date).AlertedUncovered(at);

    /// <summary>One side will miss one date; the caller tells the other side and, if it is already planned, re-plans it.</summary>
    public void Skip(DateOnly date, RegularMealSide by, string? reason, DateOnly today)
    {
        RequireLive("skipped");
        if (date < today || !IsOnRegularMeal(date))
        {
            throw new DomainValidationException(nameof(date), $"must be a coming {Day} of this regular meal");
        }

        if (_skips.Any(s => s.Date == date && s.By == by))
        {
            throw new InvalidTransitionException("regular meal date", "already skipped", "skipped again");
        }

        _skips.Add(new RegularMealSkip(date, by, Text.Optional(reason, nameof(reason), RegularMealSkip.MaxReasonLength)));
    }

    /// <summary>Pauses from today, until <paramref name="until"/> (included) or until resumed.</summary>
    public void Pause(RegularMealSide by, DateOnly? until, DateOnly today)
    {
        RequireLive("paused");
        if (until < today)
        {
            throw new DomainValidationException(nameof(until), "must not be in the past");
        }

        Status = RegularMealStatus.Paused;
        PausedBy = by;
        PausedUntil = until;
    }

    public void Resume()
    {
        if (Status != RegularMealStatus.Paused)
        {
            throw new InvalidTransitionException("regular meal", Names.Of(Status), "resumed");
        }

        Status = RegularMealStatus.Active;
        PausedBy = null;
        PausedUntil = null;
    }

    /// <summary>A second cook, already introduced to the diner, who takes the dates the regular cook cannot.</summary>
    public void SetBackup(Pairing backupPairing)
    {
        RequireLive("given a backup cook");
        if (backupPairing.DinerId != DinerId || !backupPairing.IsApproved)
        {
            throw new RuleRefusedException("the backup cook must already be introduced to the diner, with an approved pairing");
        }

        if (backupPairing.CookId == CookId)
        {
            throw new RuleRefusedException("the backup cook must be someone other than the regular cook");
        }

        BackupCookId = backupPairing.CookId;
    }

    public void ChangeMeal(StandingMeal meal)
    {
        RequireLive("given a new meal");
        Meal = meal;
    }

    public void End()
    {
        RequireLive("ended");
        Status = RegularMealStatus.Ended;
    }

    private bool PausedOn(DateOnly date, RegularMealSide side) =>
        Status == RegularMealStatus.Paused && PausedBy == side && (PausedUntil is null || date <= PausedUntil);

    private MealOccurrence Require(DateOnly date) =>
        OccurrenceOn(date) ?? throw new InvalidTransitionException("regular meal date", "not planned yet", "changed");

    private void RequireLive(string action)
    {
        if (Status == RegularMealStatus.Ended)
        {
            throw new InvalidTransitionException("regular meal", "ended", action);
        }
    }
}
