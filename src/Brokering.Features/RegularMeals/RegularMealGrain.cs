using Brokering.Domain.Pairings;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace Brokering.Features.RegularMeals;

/// <summary>
/// The single writer of one regular meal: its reminder wakes it to plan the coming dates, and every
/// change either side or a coordinator makes passes through it, one at a time. Its answers are
/// failures carried as data, as the offer grain's are.
/// </summary>
[Alias("Brokering.IRegularMealGrain")]
public interface IRegularMealGrain : IGrainWithGuidKey
{
    /// <summary>Registers the reminder that plans this regular meal, unless it has one; the first planning follows shortly.</summary>
    [Alias("KeepPlanning")]
    Task KeepPlanning();

    /// <summary>Plans the coming dates now, as the reminder does.</summary>
    [Alias("Plan")]
    Task<GrainFailure?> Plan();

    [Alias("Skip")]
    Task<GrainFailure?> Skip(DateOnly day, RegularMealSide side, string? reason, string by);

    [Alias("Pause")]
    Task<GrainFailure?> Pause(RegularMealSide side, DateOnly? until, string by);

    [Alias("Resume")]
    Task<GrainFailure?> ResumeMeals();

    [Alias("SetBackup")]
    Task<GrainFailure?> SetBackup(Guid cookId);

    [Alias("Cover")]
    Task<GrainFailure?> Cover(DateOnly day, MealRequest meal);

    [Alias("Decline")]
    Task<GrainFailure?> Decline(DateOnly day);
}

/// <summary>
/// Reads its regular meal afresh for every command rather than keeping a copy: a regular meal
/// changes a few times a week, so what the grain buys is one writer at a time (a reminder's
/// planning never races a skip) and a wake-up that survives the loss of the process that held it.
/// The reminder lives in Orleans' table in the <c>orleans</c> schema on PostgreSQL; on the embedded
/// default in memory, and <see cref="RegularMealReminders"/> registers it again at every start.
/// Placed in the process that first calls it: the API process a coordinator's change came through.
/// </summary>
[PreferLocalPlacement]
public sealed partial class RegularMealGrain(IServiceScopeFactory scopes, IOptions<RegularMealOptions> options, ILogger<RegularMealGrain> logger)
    : Grain, IRegularMealGrain, IRemindable
{
    public const string ReminderName = "plan";

    /// <summary>The regular meal is not in the database: its agreement was never saved.</summary>
    private static readonly GrainFailure NotAgreed = new(FailureKind.Transition, ["regular meal", "not agreed", "changed"]);

    private Guid RegularMealId => this.GetPrimaryKey();

    public async Task KeepPlanning()
    {
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, options.Value.FirstPlanAfter, options.Value.Interval);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var ended = false;
        var failure = await WriteAsync((regularMeal, planner) =>
        {
            ended = regularMeal.Status == RegularMealStatus.Ended;
            return ended ? Task.CompletedTask : planner.PlanAsync(regularMeal, default);
        });
        if (ended || ReferenceEquals(failure, NotAgreed))
        {
            // Agreed but never saved, or ended: nothing more to plan.
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        else if (failure is not null)
        {
            LogNotPlanned(logger, failure.Kind);
        }
    }

    public Task<GrainFailure?> Plan() => WriteAsync((regularMeal, planner) => planner.PlanAsync(regularMeal, default));

    public Task<GrainFailure?> Skip(DateOnly day, RegularMealSide side, string? reason, string by) =>
        WriteAsync((regularMeal, planner) => planner.SkipAsync(regularMeal, day, side, reason, by, default));

    public Task<GrainFailure?> Pause(RegularMealSide side, DateOnly? until, string by) =>
        WriteAsync((regularMeal, planner) => planner.PauseAsync(regularMeal, side, until, by, default));

    public Task<GrainFailure?> ResumeMeals() => WriteAsync((regularMeal, _) =>
    {
        regularMeal.Resume();
        return Task.CompletedTask;
    });

    public Task<GrainFailure?> SetBackup(Guid cookId) => WriteAsync((regularMeal, planner) => planner.SetBackupAsync(regularMeal, cookId, default));

    public Task<GrainFailure?> Cover(DateOnly day, MealRequest meal) =>
        WriteAsync((regularMeal, planner) => planner.CoverAsync(regularMeal, day, meal.ToMeal(), default));

    public Task<GrainFailure?> Decline(DateOnly day) => WriteAsync((regularMeal, _) =>
    {
        regularMeal.BackupDeclined(day);
        return Task.CompletedTask;
    });

    /// <summary>Reads the regular meal afresh, tracked, makes the change and saves it (see <see cref="GrainWrites"/>).</summary>
    /// <returns>Null once saved; the refusal, or why nothing could be saved.</returns>
    private async Task<GrainFailure?> WriteAsync(Func<RegularMeal, RegularMealPlanner, Task> change)
    {
        var missing = false;
        var failure = await GrainWrites.InScopeAsync(scopes, async (db, services) =>
        {
            if (await db.RegularMeals.SingleOrDefaultAsync(r => r.Id == RegularMealId) is not { } regularMeal)
            {
                missing = true;
                return;
            }

            await change(regularMeal, services.GetRequiredService<RegularMealPlanner>());
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync();
            }
        });
        return missing ? NotAgreed : failure;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A regular meal could not be planned ({Failure}); its reminder tries again")]
    private static partial void LogNotPlanned(ILogger logger, FailureKind failure);
}
