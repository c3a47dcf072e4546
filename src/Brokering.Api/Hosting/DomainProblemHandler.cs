using Brokering.Domain;
using Brokering.Domain.Cooks;
using Brokering.Features.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Brokering.Api.Hosting;

/// <summary>
/// Turns the domain's refusals into RFC 9457 problems: bad values 400, forbidden transitions and
/// lost races 409, rules that refuse well-formed input 422, a database or another silo that is not
/// answering 503 with Retry-After. Anything else stays a 500 and is logged.
/// </summary>
public sealed class DomainProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainValidationException e => new ValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.Reason] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are not valid.",
                Detail = e.Message,
            },
            BadHttpRequestException e => new ProblemDetails
            {
                Status = e.StatusCode,
                Title = "The request could not be read.",
                Detail = e.InnerException is System.Text.Json.JsonException json ? $"{e.Message} {json.Message}" : e.Message,
            },
            ChecksOutstandingException e => WithExtension(Problem(409, "Checks are outstanding.", e.Message),
                "missingChecks", e.Missing.Select(Names.Of).ToArray()),
            InvalidTransitionException e => Problem(409, "That change is not allowed now.", e.Message),
            DbUpdateConcurrencyException => Problem(409, "Someone else changed this first.", "Reload it and try again."),
            RuleRefusedException e => WithExtension(Problem(422, "The request breaks a rule.", e.Message), "reasons", e.Reasons),
            _ when Database.IsTransientFailure(exception) => Problem(503, "The service is briefly unavailable.",
                "The database did not answer. Nothing was changed unless a repeat of this request says so: send it again (with the same Idempotency-Key)."),
            _ when IsClusterBriefly(exception, httpContext) => Problem(503, "The service is briefly unavailable.",
                "Another server of this service did not answer in time. Nothing was changed unless a repeat of this request says so: send it again (with the same Idempotency-Key)."),
            _ => null,
        };

        if (problem?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? 400;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// A call between silos that timed out, reached a silo that has just died, or was turned away
    /// while the cluster settles: the same request succeeds in a moment. A cancellation is one only
    /// when the caller has not gone away.
    /// </summary>
    private static bool IsClusterBriefly(Exception exception, HttpContext httpContext) => exception switch
    {
        TimeoutException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException => true,
        OperationCanceledException => !httpContext.RequestAborted.IsCancellationRequested,
        _ => false,
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails WithExtension(ProblemDetails problem, string name, object value)
    {
        problem.Extensions[name] = value;
        return problem;
    }
}
