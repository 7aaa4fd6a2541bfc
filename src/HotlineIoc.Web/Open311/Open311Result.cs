namespace HotlineIoc.Web.Open311;

/// <summary>An Open311 document as the HTTP answer, in the format the resource's extension asked for.</summary>
public sealed class Open311Result(int statusCode, Open311Document document, Open311Format format) : IResult
{
    public int StatusCode => statusCode;

    public Open311Document Document => document;

    public static Open311Result Ok(Open311Document document, Open311Format format) => new(StatusCodes.Status200OK, document, format);

    /// <summary>The spec's error list: each description names what was wrong.</summary>
    public static Open311Result Error(int statusCode, Open311Format format, params IEnumerable<string> descriptions) =>
        new(statusCode, Open311Documents.Errors(statusCode, descriptions), format);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // At most 1,000 requests: small enough to build in memory, and the XML writer needs no async plumbing.
        using var buffer = new MemoryStream();
        Open311Writers.Write(buffer, document, format);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = format.ContentType();
        httpContext.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
    }
}
