using System.Text.Json;
using System.Text.Json.Serialization;
using HotlineIoc.Infrastructure.CaseCsv;

namespace HotlineIoc.Web.Api;

/// <summary>
/// Reads an instant only with an explicit offset (<c>Z</c> or <c>±hh:mm</c>), as the case CSV does. Without one,
/// System.Text.Json takes the server's own time zone, so "10:00" would be a different moment, and possibly a different
/// day and deadline, on every server.
/// </summary>
public sealed class InstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || !CaseCsvFormat.TryParseInstant(text, out var utc))
        {
            throw new InstantJsonException();
        }

        return new DateTimeOffset(utc, TimeSpan.Zero);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>An instant that is not ISO 8601 with an offset; its message is fit to show the client.</summary>
public sealed class InstantJsonException : JsonException
{
    public InstantJsonException()
        : base("Give an ISO 8601 instant with an offset, e.g. 2024-03-05T09:12:00+07:00.")
    {
    }
}
