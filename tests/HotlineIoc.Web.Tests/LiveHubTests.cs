using System.Net;
using System.Text;
using System.Text.Json;
using HotlineIoc.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace HotlineIoc.Web.Tests;

/// <summary><c>/hubs/live</c>: machines connect with their API key and receive <c>CaseChanged</c> for every new or changed case.</summary>
public sealed class LiveHubTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HubConnection Connect(string? key) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, LiveHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (key is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(key);
                }
            })
            .Build();

    [Fact]
    public async Task A_posted_case_is_pushed_as_CaseChanged_with_the_case_json_and_no_personal_data()
    {
        _ = app.Server;
        await using var hub = Connect(HotlineApp.ReadKey);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>(LiveHub.CaseChangedMethod, json => received.TrySetResult(json));
        await hub.StartAsync(Ct);

        using var client = app.Client(HotlineApp.WriteKey);
        using var response = await client.PostAsync("/api/cases", new StringContent(
            """{"channel":"ioc","fieldCode":"ATGT","unitCode":"p-ea-kao","address":"Ngã tư Ea Kao","description":"Đèn tín hiệu hỏng","reporterName":"Phạm Thị Lan","reporterPhone":"0987654321"}""",
            Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        var pushed = await received.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(created.GetProperty("code").GetString(), pushed.GetProperty("code").GetString());
        Assert.Equal(
            ["agencyCode", "channel", "closedAt", "code", "dueAt", "fieldCode", "overdue", "receivedAt", "resolvedAt", "status", "unitCode"],
            pushed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Phạm Thị Lan", pushed.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("0987654321", pushed.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task The_hub_refuses_a_missing_or_unknown_key(string? key)
    {
        _ = app.Server;
        await using var hub = Connect(key);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
