using Brokering.Domain.Offers;
using Brokering.Domain.Pairings;

namespace Brokering.Domain.Tests;

public sealed class MealRhythmTests
{
    private static readonly DeliveryWindow Noon = new(new TimeOnly(12, 0), new TimeOnly(13, 0));
    private static readonly StandingMeal Casserole = new("Chicken casserole", "chicken, carrot", AllergenDeclaration.Complete(Allergens.Celery), Diets.None, null);

    private static MealRhythm Rhythm(DateOnly startsOn, int everyWeeks = 1, Pairing? pairing = null) =>
        new(pairing ?? Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), Guid.NewGuid(), "coordinator", A.Now),
            startsOn.DayOfWeek, everyWeeks, startsOn, Noon, Casserole, A.Today);

    [Fact]
    public void Weekly_dates_fall_on_the_weekday_through_both_clock_changes()
    {
        var rhythm = Rhythm(new DateOnly(2027, 3, 21));

        Assert.Equal(
            [new DateOnly(2027, 3, 21), new DateOnly(2027, 3, 28), new DateOnly(2027, 4, 4)],
            rhythm.DatesBetween(new DateOnly(2027, 3, 1), new DateOnly(2027, 4, 10)));
        Assert.Equal(
            [new DateOnly(2027, 10, 24), new DateOnly(2027, 10, 31), new DateOnly(2027, 11, 7)],
            rhythm.DatesBetween(new DateOnly(2027, 10, 20), new DateOnly(2027, 11, 7)));
    }

    [Fact]
    public void Fortnightly_dates_keep_the_fortnight_of_the_first_date_whatever_day_the_search_starts()
    {
        var rhythm = Rhythm(new DateOnly(2026, 11, 23), everyWeeks: 2);

        Assert.Equal([new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 21)], rhythm.DatesBetween(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 27)));
        Assert.True(rhythm.IsOnRhythm(new DateOnly(2027, 1, 4)));
        Assert.False(rhythm.IsOnRhythm(new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_cooks_skip_or_pause_sends_the_date_to_the_backup_and_a_diners_means_no_meal()
    {
        var diner = Guid.NewGuid();
        var rhythm = Rhythm(new DateOnly(2026, 11, 23), pairing: Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), diner, "c", A.Now));
        var first = new DateOnly(2026, 11, 23);

        rhythm.Skip(first, RhythmSide.Cook, "away", A.Today);
        rhythm.Skip(first.AddDays(7), RhythmSide.Diner, null, A.Today);

        Assert.Equal("the cook skipped this date: away", rhythm.CookAway(first));
        Assert.False(rhythm.DinerAway(first));
        Assert.True(rhythm.DinerAway(first.AddDays(7)));
        rhythm.Plan(first, OccurrenceStatus.NeedsCook);
        Assert.Equal(OccurrenceStatus.NeedsCook, rhythm.HandOver(first, "away"));

        rhythm.SetBackup(Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), diner, "c", A.Now));
        rhythm.Pause(RhythmSide.Cook, until: first.AddDays(14), A.Today);
        rhythm.Plan(first.AddDays(14), OccurrenceStatus.NeedsCook);
        Assert.Equal("the cook has paused their regular meals", rhythm.CookAway(first.AddDays(14)));
        Assert.Null(rhythm.CookAway(first.AddDays(21)));
        Assert.Equal(OccurrenceStatus.AwaitingBackup, rhythm.HandOver(first.AddDays(14), "paused"));
        rhythm.BackupDeclined(first.AddDays(14));
        Assert.Equal(OccurrenceStatus.NeedsCook, rhythm.OccurrenceOn(first.AddDays(14))!.Status);
    }

    [Fact]
    public void A_rhythm_refuses_an_unapproved_pairing_a_wrong_weekday_a_past_or_off_rhythm_skip_and_a_backup_not_introduced()
    {
        var proposed = new Pairing(A.Council, Guid.NewGuid(), Guid.NewGuid(), "c", A.Now);
        Assert.Throws<RuleRefusedException>(() => Rhythm(new DateOnly(2026, 11, 23), pairing: proposed));
        var pairing = Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), Guid.NewGuid(), "c", A.Now);
        Assert.Equal("startsOn", Assert.Throws<DomainValidationException>(() =>
            new MealRhythm(pairing, DayOfWeek.Tuesday, 1, new DateOnly(2026, 11, 23), Noon, Casserole, A.Today)).Field);
        Assert.Equal("everyWeeks", Assert.Throws<DomainValidationException>(() => Rhythm(new DateOnly(2026, 11, 23), everyWeeks: 3)).Field);

        var rhythm = Rhythm(new DateOnly(2026, 11, 23), pairing: pairing);
        Assert.Throws<DomainValidationException>(() => rhythm.Skip(new DateOnly(2026, 11, 24), RhythmSide.Cook, null, A.Today));
        Assert.Throws<DomainValidationException>(() => rhythm.Skip(new DateOnly(2026, 11, 16), RhythmSide.Cook, null, A.Today));
        Assert.Throws<RuleRefusedException>(() => rhythm.SetBackup(new Pairing(A.Council, Guid.NewGuid(), pairing.DinerId, "c", A.Now)));
        Assert.Throws<RuleRefusedException>(() => rhythm.SetBackup(Pairing.ApprovedByCoordinator(A.Council, pairing.CookId, pairing.DinerId, "c", A.Now)));
        Assert.Throws<RuleRefusedException>(() => rhythm.SetBackup(Pairing.ApprovedByCoordinator(A.Council, Guid.NewGuid(), Guid.NewGuid(), "c", A.Now)));
    }
}
