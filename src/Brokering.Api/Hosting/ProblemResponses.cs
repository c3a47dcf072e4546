using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Brokering.Api.Hosting;

/// <summary>
/// Adds to every API operation in the OpenAPI document the problem responses (RFC 9457) that the
/// pipeline can answer it with, besides those its handler declares: the ones
/// <see cref="DomainProblemHandler"/> turns exceptions into, authorization's refusals, and 404
/// for a route naming a record. An integrator sees every status an endpoint can give.
/// </summary>
public static class ProblemResponses
{
    public const string SchemaId = "Problem";
    private const string MediaType = "application/problem+json";

    private static readonly string[] Changing = ["POST", "PUT", "PATCH", "DELETE"];

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (description.RelativePath is not { } path || !path.StartsWith("api/", StringComparison.Ordinal) || context.Document is not { } document)
        {
            return Task.CompletedTask;
        }

        RegisterSchema(document);
        var problem = new OpenApiSchemaReference(SchemaId, document);
        operation.Responses ??= [];
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var authorized = metadata.OfType<IAuthorizeData>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();

        if (description.ParameterDescriptions.Count > 0)
        {
            Add(operation, "400", "A value is missing, malformed or out of range; `errors` names each field and what is wrong.", problem);
        }

        if (authorized.Count > 0 && !anonymous)
        {
            Add(operation, "401", "Not signed in, or the bearer token has expired.", problem);
            if (authorized.Any(a => a.Policy is not null || a.Roles is not null))
            {
                Add(operation, "403", "Signed in without the role this needs.", problem);
            }
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(operation, "404", "No such record, or not one the caller's council may see.", problem);
        }

        if (Changing.Contains(description.HttpMethod, StringComparer.OrdinalIgnoreCase))
        {
            Add(operation, "409", "Not allowed in the record's current state (`missingChecks` lists a cook's outstanding checks), "
                + "or someone changed it first: read it again and retry.", problem);
            Add(operation, "422", "Well-formed, but a rule of the scheme refuses it; `reasons` says which.", problem);
        }

        var unavailable = Add(operation, "503", "The database did not answer. Nothing was changed: send the same request again "
            + "(with the same Idempotency-Key) after Retry-After seconds.", problem);
        unavailable?.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
        };
        return Task.CompletedTask;
    }

    /// <returns>The response added, or null where the handler already declares that status.</returns>
    private static OpenApiResponse? Add(OpenApiOperation operation, string status, string description, IOpenApiSchema schema)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [MediaType] = new() { Schema = schema } },
        };
        return operation.Responses!.TryAdd(status, response) ? response : null;
    }

    /// <summary>The problem document every refusal is, with the extensions this service adds.</summary>
    private static void RegisterSchema(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (document.Components.Schemas.ContainsKey(SchemaId))
        {
            return;
        }

        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        static OpenApiSchema Texts(string description) => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = description };
        document.Components.Schemas[SchemaId] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem document.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI naming the kind of problem."),
                ["title"] = Text("A short summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
                ["detail"] = Text("What went wrong with this request, in words a person can act on."),
                ["instance"] = Text("The request's path."),
                ["traceId"] = Text("Quote it when asking the council's support about this request."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "400: each invalid field and what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["reasons"] = Texts("422: every rule that refused the request."),
                ["missingChecks"] = Texts("409: the safeguarding checks a cook still needs."),
            },
        };
    }
}
