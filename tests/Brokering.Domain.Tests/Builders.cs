using Brokering.Domain.Cooks;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;

namespace Brokering.Domain.Tests;

/// <summary>Small builders: a council, an approved cook in Westminster, a diner 550 m north, an offer for 3 days ahead.</summary>
internal static class A
{
    public static readonly DateOnly Today = new(2026, 11, 21);
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    public static readonly Guid Council = Guid.NewGuid();

    public static CouncilPolicy Policy(double maxKm = 5, params CheckKind[] required) =>
        new(required.Length > 0 ? required : [CheckKind.Identity, CheckKind.DbsBasic, CheckKind.FoodHygiene], maxKm, null);

    public static Cook AppliedCook(double radiusKm = 2, double latitude = 51.5) =>
        new(Council, "user-1", "Pat", new GeoPoint(latitude, -0.1), radiusKm, Now);

    public static Cook ApprovedCook(CouncilPolicy? policy = null, double radiusKm = 2, DateOnly? checksExpire = null)
    {
        policy ??= Policy();
        var cook = AppliedCook(radiusKm);
        foreach (var kind in policy.RequiredChecks)
        {
            cook.RecordCheck(Check(kind, expires: checksExpire ?? Today.AddYears(1)));
        }

        cook.Approve(policy, Today);
        return cook;
    }

    public static SafeguardingCheck Check(CheckKind kind, DateOnly? issued = null, DateOnly? expires = null) =>
        new(kind, "REF", issued ?? Today.AddMonths(-1), expires, "coordinator-1", Now);

    public static Diner Diner(double latitude = 51.505, Allergens avoids = Allergens.None, Diets requires = Diets.None, bool approved = true,
        Guid? council = null)
    {
        var diner = new Diner(council ?? Council, "Edna", "Smith", new GeoPoint(latitude, -0.1), avoids, requires, ContactChannel.Phone,
            new ContactDetails("01632 960001", null, null), new Consent(true, "referrer-1", Now), null, "referrer-1");
        if (approved)
        {
            diner.Approve();
        }

        return diner;
    }

    public static MealOffer Offer(Cook cook, int portions = 3, AllergenDeclaration? allergens = null, Diets diets = Diets.None, DateOnly? on = null) =>
        new(cook, "Shepherd's pie", "lamb, potato, milk", allergens ?? AllergenDeclaration.Complete(Allergens.Milk), diets, portions,
            on ?? Today.AddDays(3), new DeliveryWindow(new TimeOnly(12, 0), new TimeOnly(13, 30)), null, Today);
}
