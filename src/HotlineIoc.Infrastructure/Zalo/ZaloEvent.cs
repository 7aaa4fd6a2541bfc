using System.Globalization;
using System.Text.Json;
using HotlineIoc.Domain.Conversations;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>Something a message carried: a link to an image, a file or a video, or a location.</summary>
public sealed record ZaloAttachment(string Type, string? Url, string? Name, double? Latitude, double? Longitude);

/// <summary>
/// One webhook event, read from the raw body. Ids stay text (up to 19 digits do not fit a double); <c>sender.id</c> is the
/// citizen for the <c>user_*</c> events we keep.
/// </summary>
public sealed record ZaloEvent(
    string AppId,
    string Timestamp,
    string EventName,
    string? SenderId,
    string? MessageId,
    string? Text,
    IReadOnlyList<ZaloAttachment> Attachments)
{
    /// <summary>Zalo's timestamp (milliseconds since 1970, sent as text) as a UTC instant.</summary>
    public DateTime At => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Timestamp, NumberStyles.None, CultureInfo.InvariantCulture)).UtcDateTime;

    /// <summary>
    /// A citizen's message (<c>user_send_*</c>). The echo and receipt events (<c>oa_send_*</c>, <c>user_received_message</c>,
    /// <c>user_seen_message</c>) reverse the roles and would start a reply loop; follow and unfollow carry no report.
    /// </summary>
    public bool IsCitizenMessage => EventName.StartsWith("user_send_", StringComparison.Ordinal);

    public MessageKind Kind => KindOf(EventName);

    /// <summary>The kind of message an event name carries.</summary>
    public static MessageKind KindOf(string eventName) => eventName switch
    {
        "user_send_text" => MessageKind.Text,
        "user_send_image" or "user_send_gif" => MessageKind.Image,
        "user_send_file" => MessageKind.File,
        "user_send_video" => MessageKind.Video,
        "user_send_location" => MessageKind.Location,
        "user_send_sticker" => MessageKind.Sticker,
        "user_send_audio" => MessageKind.Audio,
        "user_send_link" => MessageKind.Link,
        _ => MessageKind.Other,
    };

    /// <summary>Reads a webhook body; on failure says what is wrong with it, in one line.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out ZaloEvent? zaloEvent, out string? error)
    {
        zaloEvent = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body is not a JSON object";
                return false;
            }

            var appId = Id(root, "app_id");
            var timestamp = Id(root, "timestamp");
            var eventName = root.TryGetProperty("event_name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            error = appId is null ? "app_id is missing"
                : timestamp is null ? "timestamp is missing"
                : !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > 253402300799999 ? $"timestamp '{timestamp}' is not milliseconds since 1970"
                : string.IsNullOrWhiteSpace(eventName) ? "event_name is missing"
                : null;
            if (error is not null)
            {
                return false;
            }

            var sender = root.TryGetProperty("sender", out var s) && s.ValueKind == JsonValueKind.Object ? Id(s, "id") : null;
            string? messageId = null, text = null;
            var attachments = new List<ZaloAttachment>();
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                messageId = Id(message, "msg_id");
                text = message.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (message.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    attachments.AddRange(list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(Attachment));
                }
            }

            zaloEvent = new ZaloEvent(appId!, timestamp!, eventName!, sender, messageId, text, attachments);
            if (zaloEvent.IsCitizenMessage && (sender is null || messageId is null))
            {
                error = sender is null ? $"{eventName} has no sender.id" : $"{eventName} has no message.msg_id";
                zaloEvent = null;
                return false;
            }

            return true;
        }
        catch (JsonException e)
        {
            error = $"the body is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
            return false;
        }
    }

    private static ZaloAttachment Attachment(JsonElement item)
    {
        var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
        if (!item.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            return new ZaloAttachment(type, null, null, null, null);
        }

        double? lat = null, lon = null;
        if (payload.TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            (lat, lon) = (Number(c, "latitude"), Number(c, "longitude"));
        }

        var url = payload.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var fileName = payload.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        // Only web links are kept: a link is shown to operators, so no other scheme may slip in.
        var safeUrl = Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme is "https" or "http" ? link.ToString() : null;
        return new ZaloAttachment(type, safeUrl, fileName, lat, lon);
    }

    /// <summary>A position Zalo sends as text ("12.68") or as a number; anything else, or out of range, is no position.</summary>
    private static double? Number(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        double number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            number = value.GetDouble();
        }
        else if (value.ValueKind != JsonValueKind.String || !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return null;
        }

        return double.IsFinite(number) && Math.Abs(number) <= 180 ? number : null;
    }

    /// <summary>An id or number as its text: never through a double, which would change a 19-digit id.</summary>
    private static string? Id(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
