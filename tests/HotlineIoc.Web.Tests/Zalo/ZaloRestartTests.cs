using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Zalo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests.Zalo;

/// <summary>Replies waiting in the outbox when the app stops are sent once after it starts again; none twice, none lost.</summary>
public sealed class ZaloRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replies_waiting_when_the_app_stops_are_sent_exactly_once_after_it_starts_again()
    {
        await using var zalo = await FakeZalo.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "hotline-zalo-restart-" + Guid.NewGuid().ToString("N"));
        var users = new[] { "7711111111111111111", "7722222222222222222", "7733333333333333333" };

        // First run: Zalo cannot be reached (nothing listens on port 9), so the acknowledgements wait in the outbox.
        await using (var first = ZaloApp.On(folder, zalo, ownsFolder: false))
        {
            first.Settings["Zalo:ApiBaseUrl"] = "http://127.0.0.1:9";
            await first.InitializeAsync();
            for (var i = 0; i < users.Length; i++)
            {
                using var response = await first.PostEventAsync(ZaloApp.Text(users[i], $"restart{i}", "Mất điện cả khu phố", DateTimeOffset.UtcNow));
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            }

            await ZaloApp.EventuallyAsync(async () =>
            {
                await using var db = first.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext();
                return await db.ZaloOutbox.CountAsync(m => m.Status == OutboxStatus.Pending && m.Attempts >= 1, Ct) == users.Length;
            }, "three acknowledgements tried once and waiting");
        }

        Assert.Empty(zalo.Sent);

        // Second run, on the same database: Zalo answers now.
        await using var second = ZaloApp.On(folder, zalo, ownsFolder: true);
        await second.InitializeAsync();
        await ZaloApp.EventuallyAsync(() => Task.FromResult(zalo.Sent.Count >= users.Length), "the waiting replies to go out");
        await Task.Delay(1000, Ct);

        Assert.Equal(users.Order(StringComparer.Ordinal), zalo.Sent.Select(m => m.UserId).Order(StringComparer.Ordinal));
        await using var check = second.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext();
        Assert.Equal(users.Length, await check.ZaloOutbox.CountAsync(m => m.Status == OutboxStatus.Sent, Ct));
    }

    [Fact]
    public async Task A_reply_caught_mid_send_by_a_stop_is_marked_uncertain_and_never_sent_again()
    {
        await using var app = new ZaloApp();
        await app.InitializeAsync();
        var sender = app.Services.GetRequiredService<ZaloSender>();
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext())
        {
            db.ZaloOutbox.Add(new ZaloOutboxMessage
            {
                IdempotencyKey = "interrupted",
                Purpose = OutboxPurpose.Acknowledgement,
                RecipientId = "7744444444444444444",
                Text = "x",
                Status = OutboxStatus.Sending,
                Attempts = 1,
                CreatedAt = DateTime.UtcNow,
                NextAttemptAt = DateTime.UtcNow,
                RequestedBy = "zalo",
            });
            await db.SaveChangesAsync(Ct);
        }

        var marked = await sender.RecoverAsync(Ct);
        await sender.SendDueAsync(Ct);

        Assert.Equal(1, marked);
        await using var read = app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext();
        var message = await read.ZaloOutbox.SingleAsync(m => m.IdempotencyKey == "interrupted", Ct);
        Assert.Equal(OutboxStatus.Uncertain, message.Status);
        Assert.Contains("không gửi lại", message.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Zalo.Sent, m => m.UserId == "7744444444444444444");
    }
}
