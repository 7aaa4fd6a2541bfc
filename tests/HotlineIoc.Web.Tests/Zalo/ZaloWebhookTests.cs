using System.Net;
using HotlineIoc.Domain.Conversations;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Zalo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests.Zalo;

/// <summary>The webhook with a real app, a real SQLite file and a fake Zalo on loopback: what is stored, what is answered, what goes back.</summary>
public sealed class ZaloWebhookTests(ZaloApp app) : IClassFixture<ZaloApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static string NewUser() => "55" + Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string NewMessage() => Guid.NewGuid().ToString("N")[..20];

    private HotlineDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext();

    private async Task<Conversation> ConversationOfAsync(string messageId)
    {
        Conversation? found = null;
        await ZaloApp.EventuallyAsync(async () =>
        {
            await using var db = Db();
            found = await db.Conversations.Include(c => c.Messages).SingleOrDefaultAsync(c => c.Messages.Any(m => m.MessageId == messageId), Ct);
            return found is not null;
        }, $"message {messageId} to reach a conversation");
        return found!;
    }

    [Fact]
    public async Task A_signed_text_is_stored_answered_200_and_opens_a_conversation_acknowledged_once()
    {
        var user = NewUser();
        var id = NewMessage();
        var sentBefore = app.Zalo.Sent.Count(m => m.UserId == user);

        using var response = await app.PostEventAsync(ZaloApp.Text(user, id, "Đèn đường hỏng ở hẻm 45 Y Wang", Now));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await ConversationOfAsync(id);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Equal(user, conversation.UserId);
        Assert.Equal("Đèn đường hỏng ở hẻm 45 Y Wang", Assert.Single(conversation.Messages).Text);
        Assert.Equal(Now.UtcDateTime, conversation.FirstMessageAt, TimeSpan.FromMilliseconds(1));
        await app.Zalo.WaitForSentAsync(sentBefore + 1);
        await Task.Delay(500, Ct);
        var ack = Assert.Single(app.Zalo.Sent, m => m.UserId == user);
        Assert.Equal(ZaloSettings.DefaultAcknowledgement, ack.Text);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_one_message()
    {
        var user = NewUser();
        var id = NewMessage();
        var body = ZaloApp.Text(user, id, "Rác tồn đọng", Now);

        using var first = await app.PostEventAsync(body);
        using var second = await app.PostEventAsync(body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var conversation = await ConversationOfAsync(id);
        await using var db = Db();
        Assert.Equal(1, await db.ZaloInbox.CountAsync(e => e.MessageId == id, Ct));
        Assert.Single(conversation.Messages);
    }

    [Fact]
    public async Task Images_and_locations_join_the_users_conversation_and_a_location_gets_its_ward()
    {
        var user = NewUser();
        var (text, image, location) = (NewMessage(), NewMessage(), NewMessage());

        await app.PostEventAsync(ZaloApp.Text(user, text, "Cây đổ chắn đường", Now.AddMinutes(-3)));
        await app.PostEventAsync(ZaloApp.Image(user, image, "https://photo.zdn.vn/abc.jpg", Now.AddMinutes(-2)));
        using var response = await app.PostEventAsync(ZaloApp.Location(user, location, 12.72, 108.11, Now.AddMinutes(-1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await ZaloApp.EventuallyAsync(async () => (await ConversationOfAsync(text)).Messages.Count == 3, "three messages in one conversation");
        var conversation = await ConversationOfAsync(location);
        var messages = conversation.Messages.OrderBy(m => m.At).ToList();
        Assert.Equal([MessageKind.Text, MessageKind.Image, MessageKind.Location], messages.Select(m => m.Kind));
        Assert.Equal("https://photo.zdn.vn/abc.jpg", messages[1].Url);
        Assert.Equal((12.72, 108.11), (messages[2].Latitude!.Value, messages[2].Longitude!.Value));
        Assert.Equal("p-tan-an", messages[2].SuggestedUnitCode);
    }

    [Theory]
    [InlineData("mac=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not hex at all")]
    public async Task A_wrong_mac_gets_401_and_nothing_is_stored(string mac)
    {
        var id = NewMessage();

        using var response = await app.PostEventAsync(ZaloApp.Text(NewUser(), id, "x", Now), mac);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = Db();
        Assert.False(await db.ZaloInbox.AnyAsync(e => e.MessageId == id, Ct));
    }

    [Fact]
    public async Task A_missing_mac_another_apps_event_and_an_unreadable_body_are_refused_and_nothing_is_stored()
    {
        var (unsigned, otherApp) = (NewMessage(), NewMessage());
        await using var db = Db();
        var before = await db.ZaloInbox.CountAsync(Ct);

        using var noMac = await app.PostEventAsync(ZaloApp.Text(NewUser(), unsigned, "x", Now), sign: false);
        // Signed with our secret but naming another app: not ours.
        var foreign = ZaloApp.Text(NewUser(), otherApp, "x", Now, appId: "1111111111111111111");
        using var other = await app.PostEventAsync(foreign, "mac=" + ZaloSignature.Compute("1111111111111111111", System.Text.Encoding.UTF8.GetBytes(foreign), ZaloApp.Ms(Now), ZaloApp.OaSecret));
        using var broken = await app.PostEventAsync("""{"app_id":"3482178216594085616","timestamp":"1717061839659","event_name":""", "mac=00");

        Assert.Equal(HttpStatusCode.Unauthorized, noMac.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("not JSON", await broken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await db.ZaloInbox.CountAsync(Ct));
    }

    [Theory]
    [InlineData("oa_send_text")]
    [InlineData("user_received_message")]
    [InlineData("user_seen_message")]
    [InlineData("follow")]
    public async Task Echoes_and_receipts_are_answered_but_not_stored(string eventName)
    {
        var id = NewMessage();
        var body = ZaloApp.Text(NewUser(), id, "echo", Now).Replace("user_send_text", eventName, StringComparison.Ordinal);

        using var response = await app.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Db();
        Assert.False(await db.ZaloInbox.AnyAsync(e => e.MessageId == id, Ct));
    }

    [Fact]
    public async Task While_the_database_is_locked_the_answer_is_503_and_Zalos_retry_lands()
    {
        var id = NewMessage();
        var body = ZaloApp.Text(NewUser(), id, "Ngập nước", Now);
        await using (var locker = new SqliteConnection(app.ConnectionString + ";Pooling=False"))
        {
            await locker.OpenAsync(Ct);
            await using (var exclusive = locker.CreateCommand())
            {
                exclusive.CommandText = "BEGIN EXCLUSIVE;";
                await exclusive.ExecuteNonQueryAsync(Ct);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var refused = await app.PostEventAsync(body, retry: false);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the 503 took {clock.Elapsed}");
            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Ct);
        }

        using var retried = await app.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await ConversationOfAsync(id);
    }
}
