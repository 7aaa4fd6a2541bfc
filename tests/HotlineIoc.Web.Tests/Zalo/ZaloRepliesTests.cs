using HotlineIoc.Domain;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Conversations;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Zalo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests.Zalo;

/// <summary>From a conversation to a case and back to the citizen, through the outbox and the fake Zalo.</summary>
public sealed class ZaloRepliesTests(ZaloApp app) : IClassFixture<ZaloApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewUser() => "66" + Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string NewMessage() => Guid.NewGuid().ToString("N")[..20];

    private HotlineDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext();

    private ConversationDesk Desk => app.Services.GetRequiredService<ConversationDesk>();

    private async Task<long> ConversationAsync(string user, DateTimeOffset firstAt, params string[] texts)
    {
        var first = NewMessage();
        for (var i = 0; i < texts.Length; i++)
        {
            using var response = await app.PostEventAsync(ZaloApp.Text(user, i == 0 ? first : NewMessage(), texts[i], firstAt.AddMinutes(i)));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        long id = 0;
        await ZaloApp.EventuallyAsync(async () =>
        {
            await using var db = Db();
            var found = await db.Conversations.Include(c => c.Messages).SingleOrDefaultAsync(c => c.Messages.Any(m => m.MessageId == first), Ct);
            id = found?.Id ?? 0;
            return found?.Messages.Count == texts.Length;
        }, "the conversation");
        return id;
    }

    private async Task<IReadOnlyList<OutboxView>> RepliesAsync(string code, Func<IReadOnlyList<OutboxView>, bool> until)
    {
        IReadOnlyList<OutboxView> replies = [];
        await ZaloApp.EventuallyAsync(async () => until(replies = await app.Services.GetRequiredService<ZaloOutbox>().OfCaseAsync(code, Ct)), $"the replies of {code}");
        return replies;
    }

    [Fact]
    public async Task A_case_made_from_a_conversation_is_received_at_the_first_message_and_the_citizen_gets_its_code_once()
    {
        var user = NewUser();
        var firstAt = DateTimeOffset.UtcNow.AddHours(-5);
        var id = await ConversationAsync(user, firstAt, "Nắp cống bị vỡ trước số 12 Phan Chu Trinh", "Rất nguy hiểm cho xe máy");

        var item = await Desk.MakeCaseAsync(ZaloApp.Operator, id, new ConversationCase("HTDT", "p-buon-ma-thuot", "Nắp cống bị vỡ trước số 12 Phan Chu Trinh", "12 Phan Chu Trinh"), Ct);

        Assert.Equal("zalo", item.ChannelCode);
        Assert.Equal(firstAt.UtcDateTime, item.ReceivedAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(user, item.Reporter.ZaloId);
        var sent = await app.Zalo.WaitForSentAsync(app.Zalo.Sent.Count(m => m.UserId == user) + 1);
        await ZaloApp.EventuallyAsync(() => Task.FromResult(app.Zalo.Sent.Count(m => m.UserId == user) == 2), "the acknowledgement and the code");
        await Task.Delay(500, Ct);
        var toUser = app.Zalo.Sent.Where(m => m.UserId == user).ToList();
        Assert.Equal(2, toUser.Count);
        Assert.Equal(ZaloSettings.DefaultAcknowledgement, toUser[0].Text);
        Assert.Contains(item.Code, toUser[1].Text, StringComparison.Ordinal);
        Assert.Contains(Domain.Calendar.VietnamTime.ToLocal(item.DueAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), toUser[1].Text, StringComparison.Ordinal);
        await using var db = Db();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == id, Ct);
        Assert.Equal((ConversationStatus.Handled, item.Code), (conversation.Status, conversation.CaseCode));
        var replies = await RepliesAsync(item.Code, r => r.All(x => x.Status == OutboxStatus.Sent));
        Assert.Equal(OutboxPurpose.CaseReceived, Assert.Single(replies).Purpose);
        // A second try is refused: the conversation is already a case.
        await Assert.ThrowsAsync<DomainException>(() => Desk.MakeCaseAsync(ZaloApp.Operator, id, new ConversationCase("HTDT", "p-buon-ma-thuot", "x", null), Ct));
        _ = sent;
    }

    [Fact]
    public async Task A_conversation_about_an_open_case_links_the_citizen_to_it_and_tells_them_its_code()
    {
        var first = await ConversationAsync(NewUser(), DateTimeOffset.UtcNow.AddHours(-2), "Chó thả rông cắn người ở chợ");
        var item = await Desk.MakeCaseAsync(ZaloApp.Operator, first, new ConversationCase("ANTT", "p-tan-lap", "Chó thả rông cắn người ở chợ", null), Ct);
        var neighbour = NewUser();
        var second = await ConversationAsync(neighbour, DateTimeOffset.UtcNow.AddMinutes(-30), "Chó dữ ở chợ Tân Lập vẫn chưa ai xử lý");

        var linked = await Desk.LinkToCaseAsync(ZaloApp.Operator, second, item.Code.ToLowerInvariant(), Ct);

        Assert.Equal(item.Code, linked.Code);
        await using var db = Db();
        var stored = await db.Cases.Include(c => c.LinkedReporters).SingleAsync(c => c.Code == item.Code, Ct);
        Assert.Equal(neighbour, Assert.Single(stored.LinkedReporters).ZaloId);
        await ZaloApp.EventuallyAsync(() => Task.FromResult(app.Zalo.Sent.Any(m => m.UserId == neighbour && m.Text.Contains(item.Code, StringComparison.Ordinal))), "the code sent to the second citizen");
    }

    [Fact]
    public async Task A_greeting_is_closed_with_a_reason_and_only_an_operator_or_the_secretary_may_triage()
    {
        var id = await ConversationAsync(NewUser(), DateTimeOffset.UtcNow.AddMinutes(-1), "Xin chào");
        var leader = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "lanhdao"), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "Leader")], "test"));

        await Assert.ThrowsAsync<CaseActionRefusedException>(() => Desk.CloseAsync(leader, id, "chào hỏi", Ct));
        await Assert.ThrowsAsync<DomainException>(() => Desk.CloseAsync(ZaloApp.Operator, id, "  ", Ct));
        await Desk.CloseAsync(ZaloApp.Operator, id, "Chào hỏi, không phải phản ánh", Ct);

        await using var db = Db();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == id, Ct);
        Assert.Equal((ConversationStatus.Closed, "Chào hỏi, không phải phản ánh"), (conversation.Status, conversation.ClosedReason));
        Assert.DoesNotContain(await Desk.OpenAsync(ZaloApp.Operator, Ct), c => c.Id == id);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_once_the_new_pair_is_stored_encrypted_and_the_message_goes_out()
    {
        var user = NewUser();
        var id = await ConversationAsync(user, DateTimeOffset.UtcNow.AddMinutes(-10), "Đường tối không có đèn");
        await app.Zalo.WaitForSentAsync(app.Zalo.Sent.Count);
        await ZaloApp.EventuallyAsync(() => Task.FromResult(app.Zalo.Sent.Any(m => m.UserId == user)), "the acknowledgement");
        var refreshesBefore = app.Zalo.Refreshes.Count;
        app.Zalo.ExpireToken();

        var item = await Desk.MakeCaseAsync(ZaloApp.Operator, id, new ConversationCase("HTDT", "p-tan-an", "Đường tối không có đèn", null), Ct);

        var replies = await RepliesAsync(item.Code, r => r.Count == 1 && r[0].Status is not (OutboxStatus.Pending or OutboxStatus.Sending));
        Assert.Equal(OutboxStatus.Sent, replies[0].Status);
        Assert.Equal(refreshesBefore + 1, app.Zalo.Refreshes.Count);
        Assert.Contains(app.Zalo.Sent, m => m.UserId == user && m.Text.Contains(item.Code, StringComparison.Ordinal) && m.AccessToken == app.Zalo.CurrentAccessToken);
        await using var db = Db();
        var stored = await db.ZaloTokens.SingleAsync(Ct);
        Assert.Equal((app.Zalo.CurrentAccessToken, app.Zalo.CurrentRefreshToken), (stored.AccessToken, stored.RefreshToken));
        Assert.DoesNotContain(app.Zalo.CurrentRefreshToken, await RawTokenColumnsAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-230, OutboxStatus.CannotSend, "gọi điện lại")]
    [InlineData(-232, OutboxStatus.CannotSend, "gọi điện lại")]
    [InlineData(-201, OutboxStatus.Failed, "Zalo -201")]
    public async Task A_refusal_that_no_retry_mends_is_recorded_with_its_reason(int error, OutboxStatus status, string reason)
    {
        var user = NewUser();
        var id = await ConversationAsync(user, DateTimeOffset.UtcNow.AddDays(-8), "Hàng quán lấn chiếm vỉa hè");
        await ZaloApp.EventuallyAsync(() => Task.FromResult(app.Zalo.Sent.Any(m => m.UserId == user)), "the acknowledgement");
        var refusedBefore = app.Zalo.Refused.Count;
        app.Zalo.AnswerNext(error);

        var item = await Desk.MakeCaseAsync(ZaloApp.Operator, id, new ConversationCase("TTDT", "p-thanh-nhat", "Hàng quán lấn chiếm vỉa hè", null), Ct);

        var reply = Assert.Single(await RepliesAsync(item.Code, r => r.Count == 1 && r[0].Status is not (OutboxStatus.Pending or OutboxStatus.Sending)));
        Assert.Equal(status, reply.Status);
        Assert.Equal(error, reply.ErrorCode);
        Assert.Contains(reason, reply.LastError, StringComparison.Ordinal);
        Assert.Equal(1, reply.Attempts);
        await Task.Delay(500, Ct);
        Assert.Equal(refusedBefore + 1, app.Zalo.Refused.Count);
    }

    [Fact]
    public async Task The_result_goes_out_over_Zalo_and_closes_the_case_with_the_citizen_response()
    {
        var user = NewUser();
        var id = await ConversationAsync(user, DateTimeOffset.UtcNow.AddDays(-1), "Cống thoát nước bị tắc");
        var item = await Desk.MakeCaseAsync(ZaloApp.Operator, id, new ConversationCase("HTDT", "p-ea-kao", "Cống thoát nước bị tắc", null), Ct);
        var handling = app.Services.GetRequiredService<CaseHandling>();
        await handling.ApplyAsync(item.Code, (c, now) => c.Forward("QLDT", "HTDT", now, "dieuhanh"), Ct);
        await handling.ApplyAsync(item.Code, (c, now) => c.ReportResult("Đã nạo vét cống.", null, now, "agency:QLDT"), Ct);

        var closed = await Desk.SendResultAsync(ZaloApp.Operator, item.Code, "Phản ánh " + item.Code + ": cống đã được nạo vét. Cảm ơn bạn.", Ct);

        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(CitizenContact.Zalo, closed.CitizenContact);
        Assert.Null(closed.CitizenSatisfied);
        await ZaloApp.EventuallyAsync(() => Task.FromResult(app.Zalo.Sent.Any(m => m.UserId == user && m.Text.Contains("nạo vét", StringComparison.Ordinal))), "the result");
        var replies = await RepliesAsync(item.Code, r => r.All(x => x.Status == OutboxStatus.Sent) && r.Count == 2);
        Assert.Equal([OutboxPurpose.CaseReceived, OutboxPurpose.Result], replies.Select(r => r.Purpose));
    }

    private async Task<string> RawTokenColumnsAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT AccessToken || RefreshToken FROM ZaloTokens";
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
