using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Diners;
using Brokering.Domain.Offers;
using Brokering.Features.Access;
using Brokering.Features.Http;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Diners;

public sealed record ConsentRequest(bool Given);

public sealed record NominatedContactRequest(string Name, string? Phone = null, string? Relationship = null);

public sealed record ReferDinerRequest(
    string FirstName, string LastName, double Latitude, double Longitude, string[] Allergens, string[] Diets,
    string ContactChannel, ConsentRequest Consent, string? Phone = null, string? Email = null, string? Address = null,
    NominatedContactRequest? NominatedContact = null);

public sealed record DinerResponse(
    Guid Id, Guid CouncilId, string FirstName, string LastName, string Status, double Latitude, double Longitude,
    IReadOnlyList<string> Allergens, IReadOnlyList<string> Diets, string ContactChannel, string? Phone, string? Email, string? Address,
    string ConsentRecordedBy, DateTimeOffset ConsentRecordedAt, NominatedContactRequest? NominatedContact)
{
    public static DinerResponse From(Diner d) => new(
        d.Id, d.CouncilId, d.FirstName, d.LastName, Names.Of(d.Status), d.Location.Latitude, d.Location.Longitude,
        Words.List(d.Avoids), Words.List(d.Requires), Names.Of(d.ContactChannel), d.Contact.Phone, d.Contact.Email, d.Contact.Address,
        d.Consent.RecordedBy, d.Consent.RecordedAt,
        d.NominatedContact is { } n ? new NominatedContactRequest(n.Name, n.Phone, n.Relationship) : null);
}

public sealed record NeedsRequest(string[] Allergens, string[] Diets);

/// <summary>Where cooks are most needed around a diner no cook can reach: the centre and size of the cluster of such diners.</summary>
public sealed record RecruitHere(double Latitude, double Longitude, int Diners, double RadiusKm);

public sealed record WaitingEstimateResponse(Guid DinerId, int? EstimatedDays, string Basis, int SimilarDiners, double? WithinKm, bool CookInRange, RecruitHere? RecruitHere);

public static class DinerEndpoints
{
    public static void MapDinerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/diners").WithTags("Diners").RequireAuthorization(Policies.Referrer)
            .AddEndpointFilter(new Audit.PersonalRecordAudit("diner"));
        group.MapPost("/", Refer).WithName("ReferDiner").WithSummary("Refer a diner, with their consent.");
        group.MapGet("/{id:guid}", Get).WithName("GetDiner").WithSummary("A diner's record, for the referrer or the council's coordinators.");
        group.MapPut("/{id:guid}/needs", ChangeNeeds).WithName("ChangeDinerNeeds")
            .WithSummary("Record the diner's allergens and diets as they now are; coming meals that no longer suit them are flagged for a coordinator's review.");
        group.MapGet("/{id:guid}/waiting-estimate", EstimateWait).WithName("DinerWaitingEstimate")
            .WithSummary("How many days to a first meal, from the recent waits of similar diners nearby, with its basis; or why there is no estimate.");
        var staff = group.MapGroup("/{id:guid}").RequireAuthorization(Policies.Coordinator);
        staff.MapPost("/approve", Approve).WithName("ApproveDiner").WithSummary("Approve a referred diner so they can be offered meals.");
        staff.MapPost("/pause", Pause).WithName("PauseDiner").WithSummary("Stop offering meals for now (a hospital stay, a holiday).");
        staff.MapGet("/export", SubjectRights.Export).WithName("ExportDiner")
            .WithSummary("Everything held about the diner, as JSON, for a subject access request.");
        staff.MapPost("/erase", SubjectRights.Erase).WithName("EraseDiner")
            .WithSummary("Erase the diner's personal details, keeping anonymised records; confirm by typing their full name.");
        staff.MapPost("/close", Close).WithName("CloseDiner").WithSummary("The diner has left the scheme.");
    }

    public static async Task<Created<DinerResponse>> Refer(
        ReferDinerRequest request, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var referrer = user.Id();
        var diner = new Diner(
            user.CouncilId(), request.FirstName, request.LastName, new GeoPoint(request.Latitude, request.Longitude),
            Words.Flags<Allergens>(request.Allergens, "allergens"), Words.Flags<Diets>(request.Diets, "diets"),
            Words.One<ContactChannel>(request.ContactChannel, "contactChannel"),
            new ContactDetails(request.Phone, request.Email, request.Address),
            new Consent(request.Consent.Given, referrer, time.GetUtcNow()),
            request.NominatedContact is { } n ? new NominatedContact(n.Name, n.Phone, n.Relationship) : null,
            referrer);
        db.Diners.Add(diner);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/diners/{diner.Id}", DinerResponse.From(diner));
    }

    public static async Task<Results<Ok<DinerResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BrokeringDbContext db, CancellationToken cancellationToken)
    {
        var diner = await db.FindVisibleAsync<Diner>(id, user, cancellationToken);
        return diner is null || user.ToDiner(diner) == Standing.None
            ? Problems.NotFound("diner")
            : TypedResults.Ok(DinerResponse.From(diner));
    }

    public static async Task<Results<Ok<WaitingEstimateResponse>, ProblemHttpResult>> EstimateWait(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var diner = await db.FindVisibleAsync<Diner>(id, user, cancellationToken);
        if (diner is null || user.ToDiner(diner) == Standing.None)
        {
            return Problems.NotFound("diner");
        }

        var today = time.TodayInUk();
        var maxKm = await db.Councils.Where(c => c.Id == diner.CouncilId).Select(c => c.MaxTravelKm).SingleAsync(cancellationToken);
        var cooks = await db.Cooks.AsNoTracking().Where(c => c.CouncilId == diner.CouncilId && c.Status == Domain.Cooks.CookStatus.Approved)
            .Select(c => new { c.Location, c.TravelRadiusKm }).ToListAsync(cancellationToken);
        bool Reachable(GeoPoint at) => cooks.Any(c => c.Location.DistanceKmTo(at) <= Eligibility.ReachKm(c.TravelRadiusKm, maxKm));

        var since = today.AddDays(-WaitingTime.HistoryDays);
        var firstMeals = await (from b in db.Bookings.AsNoTracking()
                                join o in db.Offers.AsNoTracking() on b.OfferId equals o.Id
                                where b.CouncilId == diner.CouncilId && b.Status == Domain.Bookings.BookingStatus.Delivered
                                group o.DeliveryDate by b.DinerId into meals
                                select new { DinerId = meals.Key, First = meals.Min() }).ToListAsync(cancellationToken);
        var recent = firstMeals.Where(m => m.First > since).ToDictionary(m => m.DinerId, m => m.First);
        var ids = recent.Keys.ToList();
        var history = (await db.Diners.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken))
            .Select(d => new PastWait(d.Location, d.Avoids, d.Requires, recent[d.Id], recent[d.Id].DayNumber - UkCalendar.DateOf(d.ReferredAt).DayNumber));
        var cookInRange = Reachable(diner.Location);
        var estimate = WaitingTime.Estimate(diner, history, today, cookInRange);

        RecruitHere? recruit = null;
        if (!cookInRange)
        {
            var waiting = await db.Diners.AsNoTracking()
                .Where(d => d.CouncilId == diner.CouncilId && (d.Status == DinerStatus.Referred || d.Status == DinerStatus.Approved))
                .Select(d => d.Location).ToListAsync(cancellationToken);
            var unreached = waiting.Where(at => !Reachable(at)).ToList();
            recruit = Brokering.Matching.Coverage.Clusters(unreached, Brokering.Matching.MatchingOptions.Default.ClusterCellKm)
                .OrderBy(c => c.Centre.DistanceKmTo(diner.Location) - c.RadiusKm)
                .Select(c => new RecruitHere(Math.Round(c.Centre.Latitude, 3), Math.Round(c.Centre.Longitude, 3), c.Diners, Math.Round(c.RadiusKm, 1)))
                .FirstOrDefault();
        }

        return TypedResults.Ok(new WaitingEstimateResponse(diner.Id, estimate.Days, estimate.Basis, estimate.SimilarDiners, estimate.WithinKm, cookInRange, recruit));
    }

    /// <summary>Records the diner's needs as they now are; coming meals that no longer suit them are flagged for a coordinator's review.</summary>
    public static Task<Results<Ok<DinerResponse>, ProblemHttpResult>> ChangeNeeds(
        Guid id, NeedsRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (avoids, requires) = (Words.Flags<Allergens>(request.Allergens, "allergens"), Words.Flags<Diets>(request.Diets, "diets"));
        return ChangeAsync(id, user, db, grains, diner => diner.ChangeNeeds(avoids, requires), cancellationToken, referrerToo: true);
    }

    public static Task<Results<Ok<DinerResponse>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, grains, diner => diner.Approve(), cancellationToken);

    /// <summary>Pauses the diner and cancels their coming meals, telling each cook and giving the portions back, in one transaction.</summary>
    public static Task<Results<Ok<DinerResponse>, ProblemHttpResult>> Pause(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, grains, diner => diner.Pause(user.Id()), cancellationToken);

    public static Task<Results<Ok<DinerResponse>, ProblemHttpResult>> Close(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, grains, diner => diner.Close(user.Id()), cancellationToken);

    /// <summary>
    /// Asks the diner's grain, their one writer, for the change, and answers the diner as changed.
    /// Staff of the diner's council may change a diner (the staff routes' policy asks for a
    /// coordinator); with <paramref name="referrerToo"/>, also the diner's referrer.
    /// </summary>
    public static async Task<Results<Ok<DinerResponse>, ProblemHttpResult>> ChangeAsync(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, Func<IDinerGrain, Task<GrainFailure?>> change,
        CancellationToken cancellationToken, bool referrerToo = false)
    {
        var diner = await db.ReadVisibleAsync<Diner>(id, user, cancellationToken);
        if (diner is null || (referrerToo && user.ToDiner(diner) == Standing.None))
        {
            return Problems.NotFound("diner");
        }

        await change(grains.GetGrain<IDinerGrain>(id)).ThrowIfFailedAsync();

        return TypedResults.Ok(DinerResponse.From(await db.Diners.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken)));
    }
}
