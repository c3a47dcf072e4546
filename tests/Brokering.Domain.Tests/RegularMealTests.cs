using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;

namespace Brokering.Domain.Tests;

public sealed class RegularMealTests
{
    private static readonly DeliveryWindow Noon = new(new TimeOnly(12, 0), new TimeOnly(13, 0));
    private static readonly StandingMeal Casserole = new("Chicken casserole", "chicken, carrot", AllergenDeclaration.Complete(Allergens.Celery), Diets.None, null);

    private static RegularMeal RegularMeal(DateOnly startsOn, int everyWeeks = 1, Pairing? pairing = null) =>
        new(pairing ?? Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), Guid.NewGuid(), "coordinator", A.Now),
            startsOn.DayOfWeek, everyWeeks, startsOn, Noon, Casserole, A.Today);

    [Fact]
    public void Weekly_dates_fall_on_the_weekday_through_both_clock_changes()
    {
        var regularMeal = RegularMeal(new DateOnly(2027, 3, 21));

        Assert.Equal(
            [new DateOnly(2027, 3, 21), new DateOnly(2027, 3, 28), new DateOnly(2027, 4, 4)],
            regularMeal.DatesBetween(new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 10)));
        Assert.Equal(
            [new DateOnly(2027, 10, 24), new DateOnly(2027, 10, 31), new DateOnly(2027, 11, 7)],
            regularMeal.DatesBetween(new DateOnly(2027, 10, 20), new DateOnly(2027, 11, 7)));
    }

    [Fact]
    public void Fortnightly_dates_keep_the_fortnight_of_the_first_date_whatever_day_the_search_starts()
    {
        var regularMeal = RegularMeal(new DateOnly(2026, 11, 23), everyWeeks: 2);

        Assert.Equal([new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 21)], regularMeal.DatesBetween(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 27)));
        Assert.True(regularMeal.IsOnRegularMeal(new DateOnly(2027, 1, 4)));
        Assert.False(regularMeal.IsOnRegularMeal(new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_cooks_skip_or_pause_sends_the_date_to_the_backup_and_a_diners_means_no_meal()
    {
        var diner = Guid.NewGuid();
        var regularMeal = RegularMeal(new DateOnly(2026, 11, 23), pairing: Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), diner, "c", A.Now));
        var first = new DateOnly(2026, 11, 23);

        regularMeal.Skip(first, RegularMealSide.Cook, "away", A.Today);
        regularMeal.Skip(first.AddDays(7), RegularMealSide.Diner, null, A.Today);

        Assert.Equal("the cook skipped this date: away", regularMeal.CookAway(first));
        Assert.False(regularMeal.DinerAway(first));
        Assert.True(regularMeal.DinerAway(first.AddDays(7)));
        regularMeal.Plan(first, OccurrenceStatus.NeedsCook);
        Assert.Equal(OccurrenceStatus.NeedsCook, regularMeal.HandOver(first, "away"));

        regularMeal.SetBackup(Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), diner, "c", A.Now));
        regularMeal.Pause(RegularMealSide.Cook, until: first.AddDays(14), A.Today);
        regularMeal.Plan(first.AddDays(14), OccurrenceStatus.NeedsCook);
        Assert.Equal("the cook has paused their regular meals", regularMeal.CookAway(first.AddDays(14)));
        Assert.Null(regularMeal.CookAway(first.AddDays(21)));
        Assert.Equal(OccurrenceStatus.AwaitingBackup, regularMeal.HandOver(first.AddDays(14), "paused"));
        regularMeal.BackupDeclined(first.AddDays(14));
        Assert.Equal(OccurrenceStatus.NeedsCook, regularMeal.OccurrenceOn(first.AddDays(14))!.Status);
    }

    [Fact]
    public void A_regularMeal_refuses_an_unapproved_pairing_a_wrong_weekday_a_past_or_off_regularMeal_skip_and_a_backup_not_introduced()
    {
        var proposed = new Pairing(A.Council, Guid.NewGuid(), Guid.NewGuid(), "c", A.Now);
        Assert.Throws<RuleRefusedException>(() => RegularMeal(new DateOnly(2026, 11, 23), pairing: proposed));
        var pairing = Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), Guid.NewGuid(), "c", A.Now);
        Assert.Equal("startsOn", Assert.Throws<DomainValidationException>(() =>
            new RegularMeal(pairing, DayOfWeek.Tuesday, 1, new DateOnly(2026, 11, 23), Noon, Casserole, A.Today)).Field);
        Assert.Equal("everyWeeks", Assert.Throws<DomainValidationException>(() => RegularMeal(new DateOnly(2026, 11, 23), everyWeeks: 3)).Field);

        var regularMeal = RegularMeal(new DateOnly(2026, 11, 23), pairing: pairing);
        Assert.Throws<DomainValidationException>(() => regularMeal.Skip(new DateOnly(2026, 11, 24), RegularMealSide.Cook, null, A.Today));
        Assert.Throws<DomainValidationException>(() => regularMeal.Skip(new DateOnly(2026, 11, 16), RegularMealSide.Cook, null, A.Today));
        Assert.Throws<RuleRefusedException>(() => regularMeal.SetBackup(new Pairing(A.Council, Guid.NewGuid(), pairing.DinerId, "c", A.Now)));
        Assert.Throws<RuleRefusedException>(() => regularMeal.SetBackup(Pairing.ApprovedByCoordinator(A.Council, pairing.CookId, pairing.DinerId, "c", A.Now)));
        Assert.Throws<RuleRefusedException>(() => regularMeal.SetBackup(Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), Guid.NewGuid(), "c", A.Now)));
    }
}
