using Microsoft.AspNetCore.Http.HttpResults;

namespace Brokering.Features.Http;

/// <summary>Problem results handlers return directly, with the reason in words a caller can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no {what} with that id that you can see.");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult Conflict(string title, IReadOnlyList<string> reasons) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: string.Join("; ", reasons),
            extensions: new Dictionary<string, object?> { ["reasons"] = reasons });

    public static ProblemHttpResult Unprocessable(string title, IReadOnlyList<string> reasons) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: string.Join("; ", reasons),
            extensions: new Dictionary<string, object?> { ["reasons"] = reasons });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail);
}
