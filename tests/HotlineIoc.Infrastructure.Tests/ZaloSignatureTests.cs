using System.Text;
using HotlineIoc.Domain.Conversations;
using HotlineIoc.Infrastructure.Zalo;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The webhook MAC of FACTS.md and the reading of Zalo's events.</summary>
public class ZaloSignatureTests
{
    private const string AppId = "3482178216594085616";
    private const string Secret = "OA_SECRET_KEY_EXAMPLE";
    private const string Body = """{"app_id":"3482178216594085616","sender":{"id":"5510185758261927916"},"user_id_by_app":"3611371994410983884","recipient":{"id":"1646843870823903717"},"event_name":"user_send_text","message":{"text":"Helo","msg_id":"e2a641af6661713b2874"},"timestamp":"1717061839659"}""";
    private const string Mac = "a9c16a8500314bd2b85adcb319c03cd0311d4d01b716d2ffe873c83e9aa7de8c";

    [Fact]
    public void The_test_vector_of_the_facts_passes()
    {
        Assert.Equal(Mac, ZaloSignature.Compute(AppId, Encoding.UTF8.GetBytes(Body), "1717061839659", Secret));
        Assert.True(ZaloSignature.IsValid("mac=" + Mac, AppId, Encoding.UTF8.GetBytes(Body), "1717061839659", Secret));
    }

    [Theory]
    [InlineData(Mac)]
    [InlineData("mac=" + Mac)]
    [InlineData("MAC=" + Mac)]
    [InlineData(" mac=" + Mac + " ")]
    public void The_mac_prefix_is_optional(string header) =>
        Assert.True(ZaloSignature.IsValid(header, AppId, Encoding.UTF8.GetBytes(Body), "1717061839659", Secret));

    [Fact]
    public void Hex_in_upper_case_is_the_same_mac() =>
        Assert.True(ZaloSignature.IsValid("mac=" + Mac.ToUpperInvariant(), AppId, Encoding.UTF8.GetBytes(Body), "1717061839659", Secret));

    [Fact]
    public void A_change_of_one_byte_anywhere_in_the_body_fails_the_mac()
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.False(ZaloSignature.IsValid("mac=" + Mac, AppId, changed, "1717061839659", Secret), $"byte {i} changed");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mac=")]
    [InlineData("mac=zz")]
    [InlineData("mac=a9c16a85")]
    public void A_missing_or_malformed_mac_is_wrong(string? header) =>
        Assert.False(ZaloSignature.IsValid(header, AppId, Encoding.UTF8.GetBytes(Body), "1717061839659", Secret));

    [Fact]
    public void Another_secret_or_timestamp_is_another_mac()
    {
        Assert.False(ZaloSignature.IsValid(Mac, AppId, Encoding.UTF8.GetBytes(Body), "1717061839659", "OTHER"));
        Assert.False(ZaloSignature.IsValid(Mac, AppId, Encoding.UTF8.GetBytes(Body), "1717061839660", Secret));
    }

    [Fact]
    public void An_event_keeps_its_ids_as_text_and_its_instant()
    {
        Assert.True(ZaloEvent.TryParse(Encoding.UTF8.GetBytes(Body), out var e, out var error), error);

        Assert.Equal(("3482178216594085616", "5510185758261927916", "e2a641af6661713b2874", "Helo"), (e!.AppId, e.SenderId!, e.MessageId!, e.Text!));
        Assert.Equal(new DateTime(2024, 5, 30, 9, 37, 19, 659, DateTimeKind.Utc), e.At);
        Assert.True(e.IsCitizenMessage);
        Assert.Equal(MessageKind.Text, e.Kind);
    }

    [Fact]
    public void A_numeric_id_is_read_as_its_digits_not_through_a_double()
    {
        var body = """{"app_id":3482178216594085616,"sender":{"id":5510185758261927916},"event_name":"user_send_text","message":{"msg_id":"x1","text":"a"},"timestamp":1717061839659}""";

        Assert.True(ZaloEvent.TryParse(Encoding.UTF8.GetBytes(body), out var e, out _));

        Assert.Equal(("3482178216594085616", "5510185758261927916", "1717061839659"), (e!.AppId, e.SenderId!, e.Timestamp));
    }

    [Fact]
    public void A_location_and_an_image_are_read_from_their_attachments()
    {
        var location = """{"app_id":"1","sender":{"id":"2"},"event_name":"user_send_location","message":{"msg_id":"m","attachments":[{"type":"location","payload":{"coordinates":{"latitude":"12.72","longitude":"108.11"}}}]},"timestamp":"1"}""";
        var image = """{"app_id":"1","sender":{"id":"2"},"event_name":"user_send_image","message":{"msg_id":"n","attachments":[{"type":"image","payload":{"url":"https://z.vn/a.jpg"}},{"type":"file","payload":{"url":"javascript:alert(1)"}}]},"timestamp":"1"}""";

        Assert.True(ZaloEvent.TryParse(Encoding.UTF8.GetBytes(location), out var l, out _));
        Assert.True(ZaloEvent.TryParse(Encoding.UTF8.GetBytes(image), out var i, out _));

        Assert.Equal((12.72, 108.11), (l!.Attachments[0].Latitude!.Value, l.Attachments[0].Longitude!.Value));
        Assert.Equal(MessageKind.Location, l.Kind);
        Assert.Equal("https://z.vn/a.jpg", i!.Attachments[0].Url);
        // Only web links are kept.
        Assert.Null(i.Attachments[1].Url);
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"timestamp":"1","event_name":"user_send_text"}""", "app_id is missing")]
    [InlineData("""{"app_id":"1","event_name":"user_send_text"}""", "timestamp is missing")]
    [InlineData("""{"app_id":"1","timestamp":"soon","event_name":"user_send_text"}""", "timestamp 'soon' is not milliseconds")]
    [InlineData("""{"app_id":"1","timestamp":"1"}""", "event_name is missing")]
    [InlineData("""{"app_id":"1","timestamp":"1","event_name":"user_send_text","message":{"msg_id":"m"}}""", "user_send_text has no sender.id")]
    [InlineData("""{"app_id":"1","timestamp":"1","event_name":"user_send_text","sender":{"id":"2"}}""", "user_send_text has no message.msg_id")]
    public void An_unreadable_event_says_what_is_wrong(string body, string problem)
    {
        Assert.False(ZaloEvent.TryParse(Encoding.UTF8.GetBytes(body), out var e, out var error));

        Assert.Null(e);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oa_send_text", false)]
    [InlineData("user_received_message", false)]
    [InlineData("user_seen_message", false)]
    [InlineData("follow", false)]
    [InlineData("user_send_file", true)]
    public void Only_citizens_messages_are_kept(string eventName, bool kept)
    {
        var body = $$"""{"app_id":"1","sender":{"id":"2"},"event_name":"{{eventName}}","message":{"msg_id":"m"},"timestamp":"1"}""";

        Assert.True(ZaloEvent.TryParse(Encoding.UTF8.GetBytes(body), out var e, out _));

        Assert.Equal(kept, e!.IsCitizenMessage);
    }
}
