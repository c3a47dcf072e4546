using Brokering.Api.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Brokering.Api.Tests.Hosting;

/// <summary>
/// What a client is told when another silo of the cluster does not answer: a 503 with Retry-After
/// that says a repeat is safe, never a 500; a caller who has gone away gets nothing written.
/// </summary>
public sealed class UnavailableTests
{
    public static TheoryData<Exception> ClusterFailures() =>
    [
        new TimeoutException("Response did not arrive on time"),
        new Orleans.Runtime.SiloUnavailableException("The target silo became unavailable"),
        new OperationCanceledException("Message expired before placement"),
    ];

    [Theory]
    [MemberData(nameof(ClusterFailures))]
    public async Task A_silo_that_does_not_answer_is_a_503_with_Retry_After_and_a_problem_document(Exception failure)
    {
        var (handled, context) = await HandleAsync(failure, aborted: false);

        Assert.True(handled);
        Assert.Equal((503, "1"), (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString()));
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
    }

    [Fact]
    public async Task A_request_its_caller_abandoned_is_not_passed_off_as_the_service_being_unavailable()
    {
        var (handled, context) = await HandleAsync(new OperationCanceledException(), aborted: true);

        Assert.False(handled);
        Assert.NotEqual(503, context.Response.StatusCode);
    }

    private static async Task<(bool Handled, HttpContext Context)> HandleAsync(Exception failure, bool aborted)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        using var abort = new CancellationTokenSource();
        if (aborted)
        {
            await abort.CancelAsync();
        }

        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = abort.Token };
        context.Response.Body = new MemoryStream();
        var handler = new DomainProblemHandler(services.GetRequiredService<IProblemDetailsService>());
        return (await handler.TryHandleAsync(context, failure, CancellationToken.None), context);
    }
}
