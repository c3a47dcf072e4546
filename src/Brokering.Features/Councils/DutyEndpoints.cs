using System.Security.Claims;
using Brokering.Domain;
using Brokering.Domain.Councils;
using Brokering.Domain.Diners;
using Brokering.Features.Access;
using Brokering.Features.Accounts;
using Brokering.Features.Http;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Councils;

/// <summary>A coordinator of the caller's council on duty from <c>starts</c> to <c>ends</c> (ISO 8601 with offset).</summary>
public sealed record DutyShiftRequest(string CoordinatorEmail, DateTimeOffset Starts, DateTimeOffset Ends);

public sealed record DutyShiftResponse(Guid Id, string CoordinatorId, string Coordinator, DateTimeOffset Starts, DateTimeOffset Ends, bool OnDutyNow);

/// <summary>
/// The council's duty rota: who receives urgent alerts (no answer at the door, urgent concerns)
/// when. With nobody on duty, alerts go to every coordinator of the council.
/// </summary>
public static class DutyEndpoints
{
    public static void MapDutyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/duty").WithTags("Duty rota").RequireAuthorization(Policies.Coordinator);
        group.MapPost("/", Add).WithName("AddDutyShift").WithSummary("Put a coordinator on duty for urgent alerts for a period of up to 14 days.");
        group.MapGet("/", List).WithName("ListDutyShifts").WithSummary("The shifts not yet over, soonest first, and who is on duty now.");
        group.MapDelete("/{id:guid}", Remove).WithName("RemoveDutyShift").WithSummary("Take a shift off the rota.");
    }

    public static async Task<Results<Created<DutyShiftResponse>, ProblemHttpResult>> Add(
        DutyShiftRequest request, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, UserManager<BrokeringUser> users, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var councilId = user.CouncilId();
        var account = await users.FindByEmailAsync(Text.Required(request.CoordinatorEmail, "coordinatorEmail", ContactDetails.MaxEmailLength));
        if (account is null || account.CouncilId != councilId || !await users.IsInRoleAsync(account, Roles.Coordinator))
        {
            return Problems.Unprocessable("Not a coordinator here.", ["coordinatorEmail must be the email of a coordinator of this council"]);
        }

        var result = await grains.GetGrain<ICouncilGrain>(councilId).AddDutyShift(account.Id, request.Starts, request.Ends, user.Id());
        var id = result.ShiftId ?? throw result.Failure!.Rethrow();
        var shift = await db.DutyShifts.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
        return TypedResults.Created($"/api/v1/duty/{shift.Id}", Respond(shift, account.DisplayName, time.GetUtcNow()));
    }

    public static async Task<Ok<List<DutyShiftResponse>>> List(ClaimsPrincipal user, BrokeringDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var councilId = user.CouncilId();
        var now = time.GetUtcNow();
        var shifts = await (from s in db.DutyShifts.AsNoTracking()
                            join u in db.Users on s.CoordinatorId equals u.Id
                            where s.CouncilId == councilId
                            select new { Shift = s, u.DisplayName }).ToListAsync(cancellationToken);
        return TypedResults.Ok(shifts.Where(s => s.Shift.Ends > now).OrderBy(s => s.Shift.Starts).Select(s => Respond(s.Shift, s.DisplayName, now)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid id, ClaimsPrincipal user, BrokeringDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var shift = await db.ReadVisibleAsync<DutyShift>(id, user, cancellationToken);
        if (shift is null)
        {
            return Problems.NotFound("duty shift");
        }

        await grains.GetGrain<ICouncilGrain>(shift.CouncilId).RemoveDutyShift(id).ThrowIfFailedAsync();
        return TypedResults.NoContent();
    }

    private static DutyShiftResponse Respond(DutyShift shift, string coordinator, DateTimeOffset now) =>
        new(shift.Id, shift.CoordinatorId, coordinator, shift.Starts, shift.Ends, shift.Covers(now));
}
