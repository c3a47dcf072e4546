using System.Globalization;

namespace Brokering.Domain.Diners;

/// <summary>A diner who had their first meal: where they live, what they need, and how many days it took from referral.</summary>
public sealed record PastWait(GeoPoint Location, Allergens Avoids, Diets Requires, DateOnly FirstMeal, int Days);

/// <summary>Days to a first meal, or null with the reason there is no estimate; <see cref="Basis"/> says what it rests on, in words a family can be told.</summary>
public sealed record WaitingEstimate(int? Days, int SimilarDiners, double? WithinKm, string Basis);

/// <summary>
/// How long a referred diner is likely to wait for a first meal, from what similar diners nearby
/// waited recently: the median wait of diners with the same allergens and diets who live within
/// 2 km (or, if too few, 5 km) and had their first meal in the last 90 days. Honest by design: with
/// no cook in range or too few similar diners it gives no number, and says why.
/// </summary>
public static class WaitingTime
{
    public const int HistoryDays = 90;
    public const int MinimumSimilar = 3;
    private static readonly double[] RadiiKm = [2, 5];

    public static WaitingEstimate Estimate(Diner diner, IEnumerable<PastWait> history, DateOnly today, bool cookInRange)
    {
        if (!cookInRange)
        {
            return new(null, 0, null, "No estimate: no cook within range");
        }

        var recent = history.Where(h => h.FirstMeal > today.AddDays(-HistoryDays) && h.FirstMeal <= today
            && h.Avoids == diner.Avoids && h.Requires == diner.Requires).ToList();
        var similar = 0;
        foreach (var km in RadiiKm)
        {
            var waits = recent.Where(h => h.Location.DistanceKmTo(diner.Location) <= km).Select(h => h.Days).Order().ToList();
            similar = waits.Count;
            if (similar >= MinimumSimilar)
            {
                var median = similar % 2 == 1 ? waits[similar / 2] : (int)Math.Round((waits[similar / 2 - 1] + waits[similar / 2]) / 2.0, MidpointRounding.AwayFromZero);
                return new(median, similar, km, $"Based on {similar} diners with the same needs within {Km(km)} km in the last {HistoryDays} days");
            }
        }

        return new(null, similar, null,
            $"No estimate yet: only {similar} diner{(similar == 1 ? "" : "s")} with the same needs within {Km(RadiiKm[^1])} km had a first meal in the last {HistoryDays} days");
    }

    private static string Km(double km) => km.ToString("0.#", CultureInfo.InvariantCulture);
}
