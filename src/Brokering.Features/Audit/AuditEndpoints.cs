using System.Globalization;
using System.Security.Claims;
using System.Text;
using Brokering.Features.Access;
using Brokering.Features.Cooks;
using Brokering.Features.Diners;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Features.Audit;

public sealed record AuditEntryResponse(DateTimeOffset At, string UserId, Guid CouncilId, string Action, string SubjectType, Guid SubjectId, string Why)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.At, e.UserId, e.CouncilId, e.Action, e.SubjectType, e.SubjectId, e.Why);
}

/// <summary>
/// Records every successful read or change of a diner's or cook's record made through an endpoint
/// it guards. The purpose is the caller's <c>X-Access-Reason</c> header when given, else the operation.
/// </summary>
public sealed class PersonalRecordAudit(string subjectType) : IEndpointFilter
{
    public const string ReasonHeader = "X-Access-Reason";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var outcome = result is INestedHttpResult nested ? nested.Result : result as IResult;
        if (outcome is IStatusCodeHttpResult { StatusCode: < 400 } && Subject(http, outcome) is { } subjectId)
        {
            var given = http.Request.Headers[ReasonHeader].ToString();
            var why = string.Concat(given.Where(c => !char.IsControl(c))).Trim();
            var operation = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path;
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(
                http.User.Id(), http.User.CouncilId(), HttpMethods.IsGet(http.Request.Method) ? AuditLog.Read : AuditLog.Changed,
                subjectType, subjectId, why.Length > 0 ? why : operation, http.RequestAborted);
        }

        return result;
    }

    private static Guid? Subject(HttpContext http, IResult? outcome) =>
        http.Request.RouteValues.TryGetValue("id", out var id) && Guid.TryParse(id?.ToString(), out var routeId) ? routeId
        : outcome switch
        {
            IValueHttpResult { Value: DinerResponse diner } => diner.Id,
            IValueHttpResult { Value: CookResponse cook } => cook.Id,
            _ => null,
        };
}

public static class AuditEndpoints
{
    public const int MaxListed = 5000;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", List).WithTags("Audit").RequireAuthorization(Policies.Admin).WithName("ListAudit")
            .WithSummary("Who read or changed a person's record, newest first; format=csv for a spreadsheet.");
    }

    public static async Task<IResult> List(
        ClaimsPrincipal user, AuditLog log, Guid? subjectId, string? userId, string? format, int? limit, CancellationToken cancellationToken)
    {
        var query = log.Query();
        if (subjectId is { } subject)
        {
            query = query.Where(e => e.SubjectId == subject);
        }

        if (!string.IsNullOrEmpty(userId))
        {
            query = query.Where(e => e.UserId == userId);
        }

        // Ids are version 7, so ordering by id is ordering by time on both databases.
        var entries = await query.OrderByDescending(e => e.Id).Take(Math.Clamp(limit ?? 500, 1, MaxListed)).ToListAsync(cancellationToken);
        if (format is not "csv")
        {
            return TypedResults.Ok(entries.Select(AuditEntryResponse.From).ToList());
        }

        var csv = new StringBuilder("at,user_id,council_id,action,subject_type,subject_id,why\n");
        foreach (var e in entries)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{e.At:O},{Cell(e.UserId)},{e.CouncilId},{e.Action},{e.SubjectType},{e.SubjectId},{Cell(e.Why)}\n");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "audit.csv");
    }

    /// <summary>Quotes a CSV cell, and defuses text a spreadsheet would run as a formula.</summary>
    private static string Cell(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
