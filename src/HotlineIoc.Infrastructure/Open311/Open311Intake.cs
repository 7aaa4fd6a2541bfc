using System.Globalization;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Open311;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Open311;

/// <summary>The answer to <c>POST requests</c>: the new case's code and its due date, or what was wrong with the request.</summary>
public sealed record Open311PostResult(string? ServiceRequestId, string? ServiceNotice, IReadOnlyList<string> Errors)
{
    public bool Created => ServiceRequestId is not null;
}

/// <summary>
/// Turns the fields of an Open311 POST into a case through <see cref="CaseIntake"/>, so deadlines, checks and the live
/// dashboard work as for every channel. The channel comes from the API key; the ward from <c>attribute[ward]</c> or, failing
/// that, from lat/long by point-in-polygon. Errors name the Open311 parameter at fault.
/// </summary>
public sealed class Open311Intake(IDbContextFactory<HotlineDbContext> contexts, CaseIntake intake, UnitBoundaries boundaries, TimeProvider clock)
{
    public const string WardParameter = "attribute[" + ServiceCatalog.WardAttribute + "]";

    // CaseIntake names fields as the JSON API does; an Open311 client knows them by these names.
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["channel"] = "api_key",
        ["fieldCode"] = "service_code",
        ["unitCode"] = WardParameter,
        ["address"] = "address_string",
        ["description"] = "description",
        ["reporterName"] = "first_name/last_name",
        ["reporterPhone"] = "phone",
        ["reporterEmail"] = "email",
        ["attachments"] = "media_url",
        ["latitude"] = "lat",
        ["longitude"] = "long",
    };

    /// <param name="values">The form's parameters, each given once and not empty.</param>
    public async Task<Open311PostResult> ReceiveAsync(IReadOnlyDictionary<string, string> values, string channel, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? Value(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var errors = new List<string>();
        var today = VietnamTime.LocalDate(clock.GetUtcNow().UtcDateTime);

        ReferenceData reference;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            reference = await ReferenceData.LoadAsync(db, cancellationToken);
        }

        var serviceCode = Value("service_code");
        if (serviceCode is null)
        {
            errors.Add("service_code is required; see services.xml.");
        }
        else if (!reference.Fields.ContainsKey(serviceCode))
        {
            errors.Add($"service_code '{Shorten(serviceCode)}' is not a service; see services.xml.");
        }

        var before = errors.Count;
        var latitude = Coordinate(Value("lat"), "lat", 90, errors);
        var longitude = Coordinate(Value("long"), "long", 180, errors);
        var coordinatesRead = errors.Count == before;
        if (coordinatesRead && (latitude is null) != (longitude is null))
        {
            errors.Add(latitude is null ? "lat is missing: send both lat and long." : "long is missing: send both lat and long.");
            coordinatesRead = false;
        }

        string? unitCode = null;
        if (coordinatesRead)
        {
            var hasAddress = Value("address_string") is not null || Value("address_id") is not null;
            var location = RequestLocation.Resolve(Value(WardParameter)?.ToLowerInvariant(), latitude, longitude, hasAddress, today, reference.Timeline, boundaries.Locate);
            unitCode = location.UnitCode;
            if (location.Error is { } error)
            {
                errors.Add(error);
            }
        }

        var name = string.Join(' ', new[] { Value("first_name"), Value("last_name") }.Where(n => n is not null));
        CheckLength(Value("description"), "description", Case.DescriptionMaxLength, errors);
        CheckLength(Value("address_string"), "address_string", Case.AddressMaxLength, errors);
        CheckLength(name, "first_name + last_name", Reporters.NameMaxLength, errors);
        CheckLength(Value("phone"), "phone", Reporters.PhoneMaxLength, errors);
        CheckLength(Value("email"), "email", Reporters.EmailMaxLength, errors);
        CheckLength(Value("media_url"), "media_url", CaseAttachment.UrlMaxLength, errors);
        if (Value("description") is null)
        {
            errors.Add("description is required: say what is wrong and where.");
        }

        if (errors.Count > 0)
        {
            return new Open311PostResult(null, null, errors);
        }

        var submission = new CaseSubmission(
            channel, serviceCode, unitCode, Value("address_string"), Value("description"),
            name.Length == 0 ? null : name, Value("phone"), ReceivedAt: null, latitude, longitude,
            ReporterEmail: Value("email"),
            AttachmentUrls: Value("media_url") is { } media ? [media] : null);
        try
        {
            var item = await intake.ReceiveAsync(submission, actor, cancellationToken);
            return new Open311PostResult(item.Code, ServiceNotice.For(item.DueAt), []);
        }
        catch (CaseValidationException e)
        {
            return new Open311PostResult(null, null, [.. e.Errors.Select(p => $"{Parameters.GetValueOrDefault(p.Key, p.Key)}: {string.Join(" ", p.Value)}")]);
        }
    }

    private static double? Coordinate(string? text, string name, double limit, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add($"{name} '{Shorten(text)}' is not a number in decimal degrees, such as 12.72.");
            return null;
        }

        if (Math.Abs(value) > limit)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {value} is outside -{limit}..{limit}."));
            return null;
        }

        return value;
    }

    private static void CheckLength(string? text, string name, int max, List<string> errors)
    {
        if (text is { } t && t.Length > max)
        {
            errors.Add($"{name} is longer than {max} characters.");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
