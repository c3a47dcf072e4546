using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Domain.Notifications;
using Brokering.Features.Accounts;
using Brokering.Features.Notifications;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Cooks;

/// <summary>
/// The one writer of a cook: checks, approval, rejection, suspension, travel distance and erasure
/// pass through it one at a time. Its answers are failures carried as data, as the offer grain's are.
/// </summary>
[Alias("Brokering.ICookGrain")]
public interface ICookGrain : IGrainWithGuidKey
{
    [Alias("RecordCheck")]
    Task<GrainFailure?> RecordCheck(CheckKind kind, string? reference, DateOnly issuedOn, DateOnly? expiresOn, string verifiedBy);

    /// <summary>Approves the cook if every check the council requires is valid today, and tells them.</summary>
    [Alias("Approve")]
    Task<GrainFailure?> Approve();

    [Alias("Reject")]
    Task<GrainFailure?> Reject();

    /// <summary>Suspends the cook, withdraws their coming offers and cancels those meals, telling each diner, in one transaction.</summary>
    [Alias("Suspend")]
    Task<GrainFailure?> Suspend(string reason, string by);

    [Alias("ChangeTravelRadius")]
    Task<GrainFailure?> ChangeTravelRadius(double km);

    /// <summary>
    /// Erases the cook: coming offers withdrawn and their diners told, every offer's location
    /// coarsened, messages to the cook withdrawn or stripped, the record anonymised and the sign-in
    /// account deleted, in one transaction.
    /// </summary>
    [Alias("Erase")]
    Task<GrainFailure?> EraseRecord(string by);
}

/// <summary>
/// Reads the cook afresh for every command rather than keeping a copy: the offers' grains, which
/// decide bookings, read the cook with its version, and a cook changes rarely. What the grain buys
/// is one change to a cook at a time in the whole cluster. A change it makes to the cook's offers
/// (a suspension's withdrawals, an erasure's coarsened locations) is announced to each offer's
/// grain when it commits, as every change made beside an offer's grain is, so each reads its offer again.
/// </summary>
public sealed class CookGrain(IServiceScopeFactory scopes, TimeProvider time) : Grain, ICookGrain
{
    private Guid CookId => this.GetPrimaryKey();

    public Task<GrainFailure?> RecordCheck(CheckKind kind, string? reference, DateOnly issuedOn, DateOnly? expiresOn, string verifiedBy) =>
        WriteAsync((cook, _, _) =>
        {
            cook.RecordCheck(new SafeguardingCheck(kind, reference, issuedOn, expiresOn, verifiedBy, time.GetUtcNow()));
            return Task.CompletedTask;
        });

    public Task<GrainFailure?> Approve() => WriteAsync(async (cook, db, services) =>
    {
        var policy = await db.Councils.AsNoTracking().Where(c => c.Id == cook.CouncilId).Select(c => c.Policy).SingleAsync();
        cook.Approve(policy, time.TodayInUk());
        await services.GetRequiredService<Outbox>().CookApprovedAsync(cook, default);
    });

    public Task<GrainFailure?> Reject() => WriteAsync((cook, _, _) =>
    {
        cook.Reject();
        return Task.CompletedTask;
    });

    public Task<GrainFailure?> Suspend(string reason, string by) => WriteAsync(async (cook, _, services) =>
    {
        cook.Suspend(reason);
        await services.GetRequiredService<MealWithdrawal>().ForCookAsync(cook, by, default);
    });

    public Task<GrainFailure?> ChangeTravelRadius(double km) => WriteAsync((cook, _, _) =>
    {
        cook.ChangeTravelRadius(km);
        return Task.CompletedTask;
    });

    public Task<GrainFailure?> EraseRecord(string by) => WriteAsync(async (cook, db, services) =>
    {
        if (cook.IsErased)
        {
            throw new InvalidTransitionException("cook", "erased", "erased");
        }

        await services.GetRequiredService<MealWithdrawal>().ForCookAsync(cook, by, default);
        foreach (var offer in await db.Offers.Where(o => o.CookId == cook.Id).ToListAsync())
        {
            offer.CoarsenLocation();
        }

        cook.Erase();
        await db.SaveChangesAsync();
        await PersonalMessages.EraseAsync(PersonalMessages.To(db, cook.Id, RecipientRole.Cook), time.GetUtcNow(), default);
        var users = services.GetRequiredService<UserManager<BrokeringUser>>();
        if (await users.FindByIdAsync(cook.UserId) is { } account && !(await users.DeleteAsync(account)).Succeeded)
        {
            throw new InvalidOperationException("The cook's account could not be deleted; nothing was erased.");
        }
    });

    /// <summary>
    /// Reads the cook, tracked, and makes the change in one transaction with whatever it writes
    /// beside the cook (withdrawn offers, cancelled meals, messages), all or nothing.
    /// </summary>
    private Task<GrainFailure?> WriteAsync(Func<Cook, BrokeringDbContext, IServiceProvider, Task> change) =>
        GrainWrites.InScopeAsync(scopes, async (db, services) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var cook = await db.Cooks.SingleOrDefaultAsync(c => c.Id == CookId)
                ?? throw new InvalidTransitionException("cook", "not applied", "changed");
            await change(cook, db, services);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
}
