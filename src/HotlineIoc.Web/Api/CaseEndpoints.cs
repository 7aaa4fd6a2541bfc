using System.Text.Json;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Api;

/// <summary><c>GET /api/cases/{code}</c> and <c>POST /api/cases</c>.</summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Cases");

        group.MapGet("/{code}", async (string code, IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var item = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct);
            return item is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No case has the code '{code}'.")
                : Results.Ok(CaseView.From(item, clock.GetUtcNow().UtcDateTime));
        }).RequireAuthorization(ApiScopes.Read);

        group.MapPost("/", async (HttpContext http, CaseIntake intake, TimeProvider clock, CancellationToken ct) =>
        {
            var (submission, problem) = await ReadSubmissionAsync(http, ct);
            if (submission is null)
            {
                return problem!;
            }

            try
            {
                var actor = "api:" + (http.User.Identity?.Name ?? "unknown");
                var item = await intake.ReceiveAsync(submission, actor, ct);
                var view = CaseView.From(item, clock.GetUtcNow().UtcDateTime);
                return Results.Created($"/api/cases/{item.Code}", view);
            }
            catch (CaseValidationException e)
            {
                return Results.ValidationProblem(e.Errors.ToDictionary(p => p.Key, p => p.Value));
            }
        }).RequireAuthorization(ApiScopes.Write)
            .Accepts<CaseSubmission>("application/json")
            .Produces<CaseView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
    }

    /// <summary>Reads the body ourselves so malformed JSON gets a problem that names the field, not a stack trace.</summary>
    private static async Task<(CaseSubmission? Submission, IResult? Problem)> ReadSubmissionAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the case as application/json."));
        }

        try
        {
            var submission = await http.Request.ReadFromJsonAsync<CaseSubmission>(JsonOptions, ct);
            return submission is null
                ? (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON case object is required."] }))
                : (submission, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            var message = e is InstantJsonException ? e.Message : $"The JSON is not valid here{where}; check the value's type and the brackets.";
            return (null, Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }));
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new InstantJsonConverter() } };
}
