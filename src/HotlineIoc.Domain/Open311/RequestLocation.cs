using System.Globalization;
using HotlineIoc.Domain.Reference;

namespace HotlineIoc.Domain.Open311;

/// <summary>The ward or commune an Open311 request is recorded in, or why none can be chosen.</summary>
public sealed record RequestLocation(string? UnitCode, string? Error)
{
    /// <summary>
    /// An explicit <c>attribute[ward]</c> wins, provided it is in force on the local day of receipt; otherwise the point
    /// (<paramref name="latitude"/>, <paramref name="longitude"/>) is placed in a polygon by <paramref name="locate"/>. An
    /// address alone cannot be placed: this server does not geocode. Coordinates stay on the case either way.
    /// </summary>
    public static RequestLocation Resolve(
        string? ward,
        double? latitude,
        double? longitude,
        bool hasAddressOnly,
        DateOnly receivedOn,
        UnitTimeline timeline,
        Func<double, double, string?> locate)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(locate);
        var day = receivedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(ward))
        {
            var check = timeline.Check(ward, receivedOn);
            if (check.IsValid)
            {
                return new RequestLocation(check.Code, null);
            }

            return Fail(check.Outcome == UnitCheckOutcome.Unknown
                ? $"attribute[ward] '{ward}' is not a ward or commune; use one of {Codes(timeline, receivedOn)}."
                : $"attribute[ward] '{ward}' is not in force on {day}: {check.Message(CultureInfo.GetCultureInfo("en"))} Use one of {Codes(timeline, receivedOn)}.");
        }

        if (latitude is { } lat && longitude is { } lon)
        {
            var code = locate(lat, lon);
            if (code is not null && timeline.Check(code, receivedOn).IsValid)
            {
                return new RequestLocation(code, null);
            }

            return Fail(string.Create(CultureInfo.InvariantCulture,
                $"lat {lat}, long {lon} lies outside the area of the wards and communes in force on {day}; send a point inside it, or attribute[ward]."));
        }

        return Fail(hasAddressOnly
            ? "address_string or address_id alone cannot be placed (this server does not geocode); send lat and long, or attribute[ward]."
            : "one of lat+long, address_string or attribute[ward] is required; send lat and long, or attribute[ward].");
    }

    private static RequestLocation Fail(string error) => new(null, error);

    private static string Codes(UnitTimeline timeline, DateOnly day) => string.Join(", ", timeline.InForceOn(day).Select(u => u.Code));
}
