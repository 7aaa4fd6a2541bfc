using System.Net;
using System.Text;
using HotlineIoc.Domain.Calendar;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>
/// <c>POST requests</c>: the key decides the channel, the point or <c>attribute[ward]</c> the ward, the channel the due
/// date; every refusal says what was wrong and stores nothing.
/// </summary>
[Collection(Open311Tests.Name)]
public sealed class Open311PostTests(Open311App app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A report inside Phường Tân An, plus whatever a test adds or overrides.</summary>
    private static (string, string)[] Report(string key, params (string, string)[] more)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["api_key"] = key,
            ["service_code"] = "HTDT",
            ["lat"] = "12.72",
            ["long"] = "108.11",
            ["address_string"] = "Hẻm 58 Nguyễn Văn Cừ",
            ["description"] = "Nắp cống bị vỡ, nguy hiểm cho xe máy.",
        };
        foreach (var (name, value) in more)
        {
            form[name] = value;
        }

        return [.. form.Select(p => (p.Key, p.Value))];
    }

    private async Task<HotlineIoc.Domain.Cases.Case> StoredAsync(string code)
    {
        await using var db = await app.Contexts.CreateDbContextAsync(Ct);
        return await db.Cases.Include(c => c.Attachments).Include(c => c.History).SingleAsync(c => c.Code == code, Ct);
    }

    private async Task<Open311Answer> RefusedAsync(string format, HttpStatusCode status, params (string, string)[] form)
    {
        var before = await app.CaseCountAsync();
        var answer = await app.PostAsync(format, form);
        Assert.Equal(status, answer.Status);
        Assert.Equal(before, await app.CaseCountAsync());
        return answer;
    }

    [Theory]
    [MemberData(nameof(Open311ShapeTests.Formats), MemberType = typeof(Open311ShapeTests))]
    public async Task An_ioc_report_lands_as_an_ioc_case_in_the_ward_of_its_point_due_in_seven_working_days(string format)
    {
        var answer = await app.PostAsync(format, Report(HotlineApp.WriteKey, ("media_url", "https://ioc.daklak.example/anh/42.jpg")));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var item = await StoredAsync(answer.Ids(format).Single());
        Assert.Equal(("ioc", "p-tan-an", "HTDT"), (item.ChannelCode, item.UnitCode, item.FieldCode));
        Assert.Equal((12.72, 108.11), (item.Latitude!.Value, item.Longitude!.Value));
        Assert.Equal("Hẻm 58 Nguyễn Văn Cừ", item.Address);
        Assert.Equal("Nắp cống bị vỡ, nguy hiểm cho xe máy.", item.Description);
        Assert.Equal(["https://ioc.daklak.example/anh/42.jpg"], item.Attachments.Select(a => a.Url));
        Assert.Equal(Open311App.Now.UtcDateTime, item.ReceivedAt);
        // Wed 2 Dec 2026: Thu 3, Fri 4, Mon 7, Tue 8, Wed 9, Thu 10, Fri 11 Dec.
        Assert.Equal(VietnamTime.FromLocal(new DateOnly(2026, 12, 11), new TimeOnly(23, 59, 59)), item.DueAt);
        Assert.Equal("open311:test-writer", item.History.Single().Actor);
    }

    [Fact]
    public async Task A_key_whose_channel_is_zalo_lands_as_a_zalo_case_due_in_three_working_days()
    {
        var answer = await app.PostAsync("json", Report(Open311App.ZaloKey));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("Hạn xử lý: 23:59 ngày 07/12/2026", answer.Json[0].GetProperty("service_notice").GetString());
        var item = await StoredAsync(answer.Ids("json").Single());
        Assert.Equal("zalo", item.ChannelCode);
        Assert.Equal(VietnamTime.FromLocal(new DateOnly(2026, 12, 7), new TimeOnly(23, 59, 59)), item.DueAt);
    }

    [Fact]
    public async Task An_explicit_ward_wins_over_a_point_elsewhere_and_the_point_is_kept()
    {
        var answer = await app.PostAsync("xml", Report(HotlineApp.WriteKey, ("attribute[ward]", "x-hoa-phu")));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var item = await StoredAsync(answer.Ids("xml").Single());
        Assert.Equal("x-hoa-phu", item.UnitCode);
        Assert.Equal((12.72, 108.11), (item.Latitude!.Value, item.Longitude!.Value));
    }

    [Fact]
    public async Task A_ward_alone_places_a_report_without_coordinates()
    {
        var answer = await app.PostAsync("json",
            ("api_key", HotlineApp.WriteKey), ("service_code", "TTDT"), ("attribute[ward]", "p-ea-kao"), ("description", "Lấn chiếm vỉa hè."),
            ("lat", ""), ("long", ""));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var item = await StoredAsync(answer.Ids("json").Single());
        Assert.Equal(("p-ea-kao", null, null), (item.UnitCode, item.Latitude, item.Longitude));
    }

    [Fact]
    public async Task The_reporter_is_stored_encrypted_with_the_email()
    {
        const string email = "hoa.tran.open311@example.vn";
        var answer = await app.PostAsync("xml", Report(HotlineApp.WriteKey,
            ("first_name", "Trần Thị"), ("last_name", "Hoà Mười Một"), ("phone", "0905 311 311"), ("email", email)));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var item = await StoredAsync(answer.Ids("xml").Single());
        Assert.Equal(("Trần Thị Hoà Mười Một", "0905 311 311", email), (item.ReporterName, item.ReporterPhone, item.ReporterEmail));
        Assert.NotNull(item.ReporterPhoneKey);

        SqliteConnection.ClearAllPools();
        var bytes = await DatabaseBytesAsync();
        foreach (var secret in new[] { email, "hoa.tran.open311", "Hoà Mười Một", "0905 311 311" })
        {
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"'{secret}' is readable in the database file.");
        }

        // The scan reads the real file: the description is stored as written.
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes("Nắp cống bị vỡ")));
    }

    [Theory]
    [InlineData("xml", null, "api_key is required")]
    [InlineData("json", "not-a-key-of-this-city", "not known")]
    [InlineData("xml", HotlineApp.ReadKey, "may only read")]
    public async Task A_missing_unknown_or_read_only_key_gets_403(string format, string? key, string says)
    {
        var form = Report(key ?? "").Where(p => key is not null || p.Item1 != "api_key").ToArray();

        var answer = await RefusedAsync(format, HttpStatusCode.Forbidden, form);

        Assert.Contains(says, Assert.Single(answer.Errors(format)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("service_code", "XYZ", "service_code 'XYZ' is not a service")]
    [InlineData("attribute[ward]", "tan-an", "attribute[ward] 'tan-an' is not in force on 02/12/2026")]
    [InlineData("attribute[ward]", "p-nowhere", "attribute[ward] 'p-nowhere' is not a ward or commune")]
    [InlineData("lat", "twelve", "lat 'twelve' is not a number")]
    [InlineData("long", "NaN", "long 'NaN' is not a number")]
    [InlineData("lat", "95", "lat 95 is outside -90..90")]
    [InlineData("email", "not an address", "email: The e-mail address is not valid")]
    [InlineData("phone", "call me", "phone: The phone number must be a Vietnamese mobile")]
    [InlineData("media_url", "file:///etc/passwd", "media_url: 'file:///etc/passwd' is not an http or https link")]
    public async Task A_wrong_parameter_gets_400_naming_it(string name, string value, string says)
    {
        var answer = await RefusedAsync("json", HttpStatusCode.BadRequest, Report(HotlineApp.WriteKey, (name, value)));

        Assert.Contains(answer.Errors("json"), e => e.Contains(says, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_point_outside_the_area_gets_400_asking_for_a_point_inside_or_a_ward()
    {
        // Hồ Chí Minh City.
        var answer = await RefusedAsync("xml", HttpStatusCode.BadRequest, Report(HotlineApp.WriteKey, ("lat", "10.78"), ("long", "106.70")));

        var error = Assert.Single(answer.Errors("xml"));
        Assert.Contains("lat 10.78, long 106.7 lies outside the area", error, StringComparison.Ordinal);
        Assert.Contains("attribute[ward]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_alone_cannot_be_placed_and_no_location_at_all_is_named()
    {
        var addressOnly = Report(HotlineApp.WriteKey).Where(p => p.Item1 is not ("lat" or "long")).ToArray();
        var nothing = addressOnly.Where(p => p.Item1 != "address_string").ToArray();

        var placed = await RefusedAsync("json", HttpStatusCode.BadRequest, addressOnly);
        var missing = await RefusedAsync("xml", HttpStatusCode.BadRequest, nothing);

        Assert.Contains("does not geocode", Assert.Single(placed.Errors("json")), StringComparison.Ordinal);
        Assert.Contains("one of lat+long, address_string or attribute[ward] is required", Assert.Single(missing.Errors("xml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_one_of_lat_and_long_is_refused()
    {
        var answer = await RefusedAsync("xml", HttpStatusCode.BadRequest,
            [.. Report(HotlineApp.WriteKey).Where(p => p.Item1 != "long")]);

        Assert.Contains("long is missing", Assert.Single(answer.Errors("xml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_longer_than_the_case_allows_get_400_not_500()
    {
        var answer = await RefusedAsync("json", HttpStatusCode.BadRequest, Report(HotlineApp.WriteKey,
            ("description", new string('a', 4001)), ("address_string", new string('b', 301)), ("first_name", new string('c', 201)), ("email", new string('d', 250) + "@x.vn")));

        Assert.Equal(
            ["description is longer than 4000 characters.", "address_string is longer than 300 characters.",
             "first_name + last_name is longer than 200 characters.", "email is longer than 254 characters."],
            answer.Errors("json"));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_gets_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Open311Http.Base + "requests.json")
        {
            Content = new StringContent("""{"service_code":"MT"}""", Encoding.UTF8, "application/json"),
        };
        var before = await app.CaseCountAsync();

        var answer = await app.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("application/x-www-form-urlencoded", Assert.Single(answer.Errors("json")), StringComparison.Ordinal);
        Assert.Equal(before, await app.CaseCountAsync());
    }

    [Fact]
    public async Task A_parameter_given_twice_is_refused()
    {
        var answer = await RefusedAsync("xml", HttpStatusCode.BadRequest, [.. Report(HotlineApp.WriteKey), ("service_code", "MT")]);

        Assert.Contains("service_code is given 2 times", Assert.Single(answer.Errors("xml")), StringComparison.Ordinal);
    }

    private async Task<byte[]> DatabaseBytesAsync()
    {
        var path = app.ConnectionString["Data Source=".Length..];
        using var all = new MemoryStream();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all, Ct);
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
