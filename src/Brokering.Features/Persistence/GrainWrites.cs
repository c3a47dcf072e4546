using Brokering.Features.Offers;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Persistence;

/// <summary>How a grain that is the one writer of an aggregate makes one change to it.</summary>
public static class GrainWrites
{
    /// <summary>
    /// Runs <paramref name="change"/> (which reads what it needs and saves) in a unit of work of its
    /// own. Another writer of the same rows (a duplicate activation while the cluster changes, a
    /// booking holding the same row) makes the save fail on a version or a unique index: the change
    /// then runs once more on what the database holds by then.
    /// </summary>
    /// <returns>Null once saved; otherwise the refusal, or why nothing could be saved, as data that travels between silos.</returns>
    public static async Task<GrainFailure?> InScopeAsync(IServiceScopeFactory scopes, Func<BrokeringDbContext, IServiceProvider, Task> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await change(scope.ServiceProvider.GetRequiredService<BrokeringDbContext>(), scope.ServiceProvider);
                return null;
            }
            catch (DbUpdateException e) when (attempt == 1 && (e is DbUpdateConcurrencyException || Database.IsUniqueViolation(e)))
            {
            }
            catch (Exception e) when (GrainFailure.Of(e) is { } failure)
            {
                return failure;
            }
        }
    }

    /// <summary>Waits for a grain's answer and raises its failure, if any, in the API, where the problem handler answers it.</summary>
    public static async Task ThrowIfFailedAsync(this Task<GrainFailure?> answer)
    {
        if (await answer is { } failure)
        {
            throw failure.Rethrow();
        }
    }
}
