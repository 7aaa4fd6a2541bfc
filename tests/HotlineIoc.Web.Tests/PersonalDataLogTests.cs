using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using HotlineIoc.Infrastructure.Cases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Web.Tests;

/// <summary>The app with every log category at Trace, written to memory, to show that reporter data never reaches a log.</summary>
public sealed class TracingHotlineApp : HotlineApp
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new MemoryLoggerProvider(Lines)));
    }
}

public sealed class PersonalDataLogTests(TracingHotlineApp app) : IClassFixture<TracingHotlineApp>
{
    private const string Name = "Đoàn Thị Riêng Tư";
    private const string Phone = "0977 123 987";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reporter_names_and_phones_never_appear_in_the_logs_even_at_trace_level()
    {
        using var api = app.Client(HotlineApp.WriteKey);
        using var created = await api.PostAsJsonAsync("/api/cases", new
        {
            channel = "zalo",
            fieldCode = "MT",
            unitCode = "p-tan-an",
            description = "Nước thải chảy ra đường.",
            reporterName = Name,
            reporterPhone = Phone,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var refused = await api.PostAsJsonAsync("/api/cases", new { channel = "zalo", fieldCode = "MT", unitCode = "nowhere", description = "x", reporterName = Name, reporterPhone = "09-bad-" + Phone }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("code").GetString()!;

        // A person reads it (the clear view is logged in the access log, not in the app's log) and the case moves on.
        using var secretary = await app.SignInAsync("thuky");
        using var page = await secretary.GetAsync("/cases/" + code, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var intake = app.Services.GetRequiredService<CaseIntake>();
        await intake.LinkToExistingAsync(new CaseSubmission("hotline", "MT", "p-tan-an", null, "Nước thải", Name + " (lần 2)", Phone, null), code, "dieuhanh", Ct);

        var log = string.Join('\n', app.Lines);
        // The log is really captured, down to the SQL that wrote the reporter columns (with their values left out).
        Assert.Contains("INSERT INTO \"Cases\"", log, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"LinkedReporters\"", log, StringComparison.Ordinal);
        foreach (var secret in new[] { Name, "Riêng Tư", Phone, Phone.Replace(" ", "", StringComparison.Ordinal), "0977" })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
