using System.Globalization;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Infrastructure.CaseCsv;

/// <summary>A row that was not imported, with where and why.</summary>
public sealed record RejectedRow(int Line, string Column, string Reason, string? Code);

/// <summary>Turns one CSV row into a case, or says which column is wrong. Nothing here touches the database.</summary>
public sealed class CaseCsvRowReader(ReferenceData reference, string actor, DateTime importedAtUtc)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private readonly string[] _values = new string[CaseCsvFormat.Columns.Count];

    /// <summary>The values of the current row, in <see cref="CaseCsvFormat.Columns"/> order.</summary>
    public string[] Values => _values;

    public Case? TryRead(int line, out RejectedRow? rejected)
    {
        rejected = null;
        var code = _values[0].Trim();
        try
        {
            return Read(line, code);
        }
        catch (RowException e)
        {
            rejected = new RejectedRow(line, e.Column, e.Message, code.Length == 0 ? null : code);
            return null;
        }
        catch (DomainException e)
        {
            rejected = new RejectedRow(line, "row", e.Message, code.Length == 0 ? null : code);
            return null;
        }
    }

    private Case Read(int line, string code)
    {
        _ = line;
        if (!CaseCode.IsWellFormed(code))
        {
            throw new RowException("code", code.Length == 0 ? "is empty" : $"'{code}' is not a case code (upper-case letters, digits and dashes, at most {CaseCode.MaxLength} characters)");
        }

        var channelCode = Required("channel", 1);
        if (!reference.Channels.TryGetValue(channelCode, out var channel))
        {
            throw new RowException("channel", $"'{channelCode}' is not a channel; use {string.Join(", ", reference.Channels.Keys)}");
        }

        var receivedAt = Instant("received_at", 2) ?? throw new RowException("received_at", "is empty");
        var fieldCode = Required("field_code", 3);
        if (!reference.Fields.ContainsKey(fieldCode))
        {
            throw new RowException("field_code", $"'{fieldCode}' is not one of the 15 fields");
        }

        var unitCode = Required("unit_code", 4);
        if (reference.Timeline.Check(unitCode, VietnamTime.LocalDate(receivedAt)) is { IsValid: false } refused)
        {
            // The unit must exist on the local day of receipt; the reason names what a former unit became, in both languages.
            throw new RowException("unit_code", $"{refused.Message(Vietnamese).TrimEnd('.')} ({refused.Message(English).TrimEnd('.')})");
        }

        var latitude = Number("latitude", 6);
        var longitude = Number("longitude", 7);
        var statusText = Required("status", 11);
        if (!CaseStatusNames.TryParse(statusText, out var status))
        {
            throw new RowException("status", $"'{statusText}' is not a status; use {string.Join(", ", CaseStatusNames.All)}");
        }

        var agencyCode = Optional(12);
        if (agencyCode is not null && !reference.Agencies.ContainsKey(agencyCode))
        {
            throw new RowException("agency_code", $"'{agencyCode}' is not an agency");
        }

        // The one phone rule of every way in (PhoneNumbers); an empty phone is an anonymous reporter.
        var phone = Optional(10);
        if (phone is not null && PhoneNumbers.Check(phone) is { IsValid: false } refusedPhone)
        {
            throw new RowException("reporter_phone", $"'{phone}' is not a Vietnamese phone number: {refusedPhone.Problem}");
        }

        var resolvedAt = Instant("resolved_at", 13);
        var closedAt = Instant("closed_at", 14);
        var enforcement = ReadEnforcement();

        var data = new NewCase
        {
            Code = code,
            ChannelCode = channelCode,
            ReceivedAt = receivedAt,
            FieldCode = fieldCode,
            UnitCode = unitCode,
            Address = Optional(5),
            Latitude = latitude,
            Longitude = longitude,
            Description = _values[8],
            Reporter = new Reporter(Optional(9), phone, null),
        };
        var state = new ImportedState(status, agencyCode, resolvedAt, closedAt, enforcement);
        return Case.Import(data, channel, reference.Calendar, state, actor, importedAtUtc);
    }

    private Enforcement? ReadEnforcement()
    {
        var kindText = Optional(15);
        var fineText = Optional(16);
        if (kindText is null)
        {
            return fineText is null ? null : throw new RowException("fine_vnd", "a fine is set but enforcement is empty; a fine goes only with 'sanction'");
        }

        if (!EnforcementNames.TryParse(kindText, out var kind))
        {
            throw new RowException("enforcement", $"'{kindText}' is not reminder, minutes, commitment or sanction");
        }

        long? fine = null;
        if (fineText is not null)
        {
            if (kind != EnforcementKind.Sanction)
            {
                throw new RowException("fine_vnd", $"a fine goes only with 'sanction', not with '{kindText}'");
            }

            if (!long.TryParse(fineText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                throw new RowException("fine_vnd", $"'{fineText}' is not a positive whole number of VND");
            }

            fine = amount;
        }

        return new Enforcement(kind, fine);
    }

    private string Required(string column, int index) =>
        Optional(index) ?? throw new RowException(column, "is empty");

    private string? Optional(int index)
    {
        var text = _values[index].Trim();
        return text.Length == 0 ? null : text;
    }

    private DateTime? Instant(string column, int index)
    {
        var text = Optional(index);
        if (text is null)
        {
            return null;
        }

        return CaseCsvFormat.TryParseInstant(text, out var utc)
            ? utc
            : throw new RowException(column, $"'{text}' is not an ISO 8601 instant with an offset, e.g. 2024-03-05T09:12:00+07:00");
    }

    private double? Number(string column, int index)
    {
        var text = Optional(index);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new RowException(column, $"'{text}' is not a number");
    }

    private sealed class RowException(string column, string message) : Exception(message)
    {
        public string Column { get; } = column;
    }
}
