using System.Globalization;
using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.RegularMeals;

/// <summary>A meal as the cook describes it; leaving out <c>allergens</c> means no declaration, which no diner who avoids an allergen may have.</summary>
[GenerateSerializer, Immutable, Alias("Brokering.MealRequest")]
public sealed record MealRequest(string Dish, string? Ingredients = null, string[]? Allergens = null, string[]? Diets = null, string? ReheatingAdvice = null)
{
    public StandingMeal ToMeal() => new(Dish, Ingredients,
        Allergens is null ? AllergenDeclaration.NotDeclared : AllergenDeclaration.Complete(Words.Flags<Allergens>(Allergens, "allergens")),
        Words.Flags<Diets>(Diets, "diets"), ReheatingAdvice);
}

public sealed record AgreeRegularMealRequest(Guid PairingId, string Weekday, int EveryWeeks, DateOnly StartsOn, string WindowStart, string WindowEnd, MealRequest Meal);

/// <summary>A date one side will miss; a coordinator says for which side (<c>cook</c> or <c>diner</c>), the cook and referrer speak for their own.</summary>
public sealed record SkipRequest(DateOnly Date, string? Reason = null, string? Side = null);

public sealed record PauseRequest(DateOnly? Until = null, string? Side = null);

public sealed record BackupRequest(Guid CookId);

public sealed record CoverRequest(DateOnly Date, MealRequest Meal);

public sealed record DeclineRequest(DateOnly Date);

public sealed record OccurrenceResponse(DateOnly Date, string Status, Guid? BookingId, Guid? CookId, string? Note);

public sealed record RegularMealResponse(
    Guid Id, Guid PairingId, Guid CookId, Guid DinerId, Guid? BackupCookId, string Weekday, int EveryWeeks, DateOnly StartsOn,
    string WindowStart, string WindowEnd, string Dish, string Status, string? PausedBy, DateOnly? PausedUntil,
    IReadOnlyList<DateOnly> SkippedByCook, IReadOnlyList<DateOnly> SkippedByDiner, IReadOnlyList<OccurrenceResponse> Occurrences)
{
    public static RegularMealResponse From(RegularMeal r) => new(
        r.Id, r.PairingId, r.CookId, r.DinerId, r.BackupCookId, Names.Of(r.Day), r.EveryWeeks, r.StartsOn,
        r.Window.Start.ToString("HH:mm", CultureInfo.InvariantCulture), r.Window.End.ToString("HH:mm", CultureInfo.InvariantCulture),
        r.Meal.Dish, Names.Of(r.Status), r.PausedBy is { } by ? Names.Of(by) : null, r.PausedUntil,
        [.. r.Skips.Where(s => s.By == RegularMealSide.Cook).Select(s => s.Date).Order()],
        [.. r.Skips.Where(s => s.By == RegularMealSide.Diner).Select(s => s.Date).Order()],
        [.. r.Occurrences.OrderBy(o => o.Date).Select(o => new OccurrenceResponse(o.Date, Names.Of(o.Status), o.BookingId, o.CookId, o.Note))]);
}

/// <summary>A date of a regular meal with no cook yet, for the coordinators' work queue.</summary>
public sealed record UncoveredMealResponse(Guid RegularMealId, Guid DinerId, string DinerFirstName, DateOnly Date, string Status, string? Note, bool CoordinatorsTold);

/// <summary>
/// Regular meals: a pair agrees a weekday and how often; its grain books each date ahead; either
/// side skips a date or pauses, telling the other; a backup cook takes dates the regular cook cannot.
/// </summary>
public static class RegularMealEndpoints
{
    public static void MapRegularMealEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regular-meals").WithTags("Regular meals").RequireAuthorization();
        group.MapPost("/", Agree).WithName("AgreeRegularMeal")
            .WithSummary("The cook and diner of an approved pairing agree a regular meal: every week or every other week on one weekday.");
        group.MapGet("/uncovered", Uncovered).RequireAuthorization(Policies.Coordinator).WithName("UncoveredMeals")
            .WithSummary("Coming dates of regular meals that have no cook yet, soonest first.");
        group.MapGet("/{id:guid}", Get).WithName("GetRegularMeal").WithSummary("A regular meal, its skipped dates and how each planned date is covered.");
        group.MapPost("/{id:guid}/skip", Skip).WithName("SkipRegularMeal")
            .WithSummary("One side will miss one date; the other side is told. A date the cook misses goes to the backup cook, then to any cook.");
        group.MapPost("/{id:guid}/pause", Pause).WithName("PauseRegularMeals").WithSummary("One side pauses from today, until a date or until resumed; the other side is told.");
        group.MapPost("/{id:guid}/resume", Resume).WithName("ResumeRegularMeals").WithSummary("The regular meals start again.");
        group.MapPut("/{id:guid}/backup", SetBackup).RequireAuthorization(Policies.Coordinator).WithName("SetBackupCook")
            .WithSummary("A second cook, already introduced to the diner, who takes the dates the regular cook cannot.");
        group.MapPost("/{id:guid}/cover", Cover).WithName("CoverRegularMeal").WithSummary("The backup cook takes a date the regular cook cannot, with the meal they will bring.");
        group.MapPost("/{id:guid}/decline", Decline).WithName("DeclineRegularMeal").WithSummary("The backup cook cannot take the date; it is left to the matcher and the coordinators.");
    }

    public static async Task<Results<Created<RegularMealResponse>, ProblemHttpResult>> Agree(
        AgreeRegularMealRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.FindAsync([request.PairingId], cancellationToken);
        if (pairing is null || await user.ToPairingAsync(db, pairing, cancellationToken) == Standing.None)
        {
            return Problems.NotFound("pairing");
        }

        if (await db.RegularMeals.AnyAsync(r => r.PairingId == pairing.Id && r.Status != RegularMealStatus.Ended, cancellationToken))
        {
            return Problems.Conflict("Already agreed.", "This pair already has a regular meal; change or end that one.");
        }

        var regularMeal = new RegularMeal(pairing, Words.One<DayOfWeek>(request.Weekday, "weekday"), request.EveryWeeks, request.StartsOn,
            new DeliveryWindow(Offers.OfferEndpoints.Time(request.WindowStart, "windowStart"), Offers.OfferEndpoints.Time(request.WindowEnd, "windowEnd")), request.Meal.ToMeal(), time.TodayInUk());
        db.RegularMeals.Add(regularMeal);
        // The reminder first: should the save then fail, the reminder finds no regular meal and ends itself.
        await grains.GetGrain<IRegularMealGrain>(regularMeal.Id).KeepPlanning();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/regular-meals/{regularMeal.Id}", RegularMealResponse.From(regularMeal));
    }

    public static async Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, id, user, cancellationToken) is ({ } regularMeal, not Standing.None)
            ? TypedResults.Ok(RegularMealResponse.From(regularMeal))
            : Problems.NotFound("regular meal");

    public static async Task<Ok<List<UncoveredMealResponse>>> Uncovered(ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.TodayInUk();
        var council = user.CouncilId();
        var regularMeals = await db.RegularMeals.AsNoTracking()
            .Where(r => (user.IsAdmin() || r.CouncilId == council) && r.Status != RegularMealStatus.Ended)
            .Where(r => r.Occurrences.Any(o => o.Date >= today && (o.Status == OccurrenceStatus.AwaitingBackup || o.Status == OccurrenceStatus.NeedsCook)))
            .ToListAsync(cancellationToken);
        var dinerIds = regularMeals.Select(r => r.DinerId).ToList();
        var names = await db.Diners.Where(d => dinerIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.FirstName, cancellationToken);
        return TypedResults.Ok(regularMeals
            .SelectMany(r => r.Occurrences.Where(o => o.Date >= today && o.IsUncovered).Select(o =>
                new UncoveredMealResponse(r.Id, r.DinerId, names[r.DinerId], o.Date, Names.Of(o.Status), o.Note, o.UncoveredAlertAt is not null)))
            .OrderBy(u => u.Date).ToList());
    }

    public static Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> Skip(
        Guid id, SkipRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(db, grains, id, user, [Standing.Cook, Standing.Referrer, Standing.Coordinator],
            (regularMeal, caller) => regularMeal.Skip(request.Date, SideOf(caller, request.Side), request.Reason, user.Id()), cancellationToken);

    public static Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> Pause(
        Guid id, PauseRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(db, grains, id, user, [Standing.Cook, Standing.Referrer, Standing.Coordinator],
            (regularMeal, caller) => regularMeal.Pause(SideOf(caller, request.Side), request.Until, user.Id()), cancellationToken);

    public static Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> Resume(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(db, grains, id, user, [Standing.Cook, Standing.Referrer, Standing.Coordinator], (regularMeal, _) => regularMeal.ResumeMeals(), cancellationToken);

    public static Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> SetBackup(
        Guid id, BackupRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(db, grains, id, user, [Standing.Coordinator], (regularMeal, _) => regularMeal.SetBackup(request.CookId), cancellationToken);

    public static Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> Cover(
        Guid id, CoverRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        request.Meal.ToMeal(); // a meal that does not read is a bad request, before the grain is asked
        return ChangeAsync(db, grains, id, user, [Standing.BackupCook, Standing.Coordinator], (regularMeal, _) => regularMeal.Cover(request.Date, request.Meal), cancellationToken);
    }

    public static Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> Decline(
        Guid id, DeclineRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(db, grains, id, user, [Standing.BackupCook, Standing.Coordinator], (regularMeal, _) => regularMeal.Decline(request.Date), cancellationToken);

    private static RegularMealSide SideOf(Standing caller, string? side) => caller switch
    {
        Standing.Cook => RegularMealSide.Cook,
        Standing.Referrer => RegularMealSide.Diner,
        _ => Words.One<RegularMealSide>(side, "side"),
    };

    /// <summary>Asks the regular meal's grain, its one writer, for the change, and answers the regular meal as changed.</summary>
    private static async Task<Results<Ok<RegularMealResponse>, ProblemHttpResult>> ChangeAsync(
        BrokeringDbContext db, IGrainFactory grains, Guid id, ClaimsPrincipal user, Standing[] allowed, Func<IRegularMealGrain, Standing, Task<GrainFailure?>> change,
        CancellationToken cancellationToken)
    {
        var (regularMeal, caller) = await FindAsync(db, id, user, cancellationToken);
        if (regularMeal is null || !allowed.Contains(caller))
        {
            return Problems.NotFound("regular meal");
        }

        await change(grains.GetGrain<IRegularMealGrain>(id), caller).ThrowIfFailedAsync();

        return TypedResults.Ok(RegularMealResponse.From(await db.RegularMeals.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken)));
    }

    /// <summary>The regular meal as it stands and how the caller stands to it; a regular meal the caller has no part in is as good as missing.</summary>
    private static async Task<(RegularMeal? RegularMeal, Standing Caller)> FindAsync(BrokeringDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var regularMeal = await db.RegularMeals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return regularMeal is null ? (null, Standing.None) : (regularMeal, await user.ToRegularMealAsync(db, regularMeal, cancellationToken));
    }
}
