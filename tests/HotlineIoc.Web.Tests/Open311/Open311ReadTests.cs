using System.Net;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>
/// <c>GET requests</c> and <c>GET requests/{id}</c>: the spec's filters and defaults, the statuses, and no personal data in
/// any read. Cases of these tests carry codes of their own (<c>T311-…</c>) and dates no other test uses.
/// </summary>
[Collection(Open311Tests.Name)]
public sealed class Open311ReadTests(Open311App app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Case> ImportAsync(string code, DateTime receivedLocal, string field = "MT", CaseStatus status = CaseStatus.Received, string? agency = null) =>
        TestCases.ImportAsync(app.Contexts, code, "hotline", field, "p-tan-lap", receivedLocal, status, agency,
            status.HasResult() ? receivedLocal.AddDays(1) : null);

    [Fact]
    public async Task Without_dates_the_last_90_days_are_answered()
    {
        await ImportAsync("T311-D10", new DateTime(2026, 11, 22, 9, 0, 0));
        await ImportAsync("T311-D89", new DateTime(2026, 9, 4, 9, 0, 0));
        await ImportAsync("T311-D91", new DateTime(2026, 9, 2, 8, 0, 0));

        foreach (var format in Open311Http.Formats)
        {
            var ids = (await app.GetAsync($"requests.{format}")).Ids(format);

            Assert.Contains("T311-D10", ids);
            Assert.Contains("T311-D89", ids);
            Assert.DoesNotContain("T311-D91", ids);
        }
    }

    [Fact]
    public async Task Dates_filters_statuses_and_codes_combine_and_empty_parameters_mean_absent()
    {
        await ImportAsync("T311-F1", new DateTime(2026, 10, 5, 9, 0, 0), "ATTP");
        await ImportAsync("T311-F2", new DateTime(2026, 10, 6, 9, 0, 0), "ATTP", CaseStatus.Resolved, "YT");
        await ImportAsync("T311-F3", new DateTime(2026, 10, 7, 9, 0, 0), "DN");
        await ImportAsync("T311-F4", new DateTime(2026, 10, 8, 9, 0, 0), "DN", CaseStatus.Rejected);
        const string window = "start_date=2026-10-05T00:00:00%2B07:00&end_date=2026-10-08T23:59:59%2B07:00";

        async Task<IReadOnlyList<string>> Ids(string query) => (await app.GetAsync($"requests.json?{query}")).Ids("json");

        Assert.Equal(["T311-F4", "T311-F3", "T311-F2", "T311-F1"], await Ids(window));
        Assert.Equal(["T311-F3", "T311-F1"], await Ids(window + "&status=open"));
        Assert.Equal(["T311-F4", "T311-F2"], await Ids(window + "&status=closed"));
        Assert.Equal(["T311-F2", "T311-F1"], await Ids(window + "&service_code=ATTP"));
        Assert.Equal(["T311-F3"], await Ids(window + "&service_code=DN&status=open"));
        Assert.Equal(["T311-F3", "T311-F2"], await Ids("start_date=2026-10-06T00:00:00Z&end_date=2026-10-07T12:00:00Z"));
        Assert.Equal(await Ids(window), await Ids(window + "&status=&service_code=&service_request_id="));
        Assert.Equal(await Ids(""), await Ids("start_date=&end_date=&status=&service_code=&service_request_id="));
    }

    [Fact]
    public async Task A_comma_list_of_ids_overrides_the_other_filters()
    {
        await ImportAsync("T311-OLD", new DateTime(2023, 3, 1, 9, 0, 0), "ATGT");
        await ImportAsync("T311-NEW", new DateTime(2026, 11, 30, 9, 0, 0), "MT", CaseStatus.Closed, "TNMT");

        var answer = await app.GetAsync("requests.xml?service_request_id=T311-OLD,%20t311-new,NOT-THERE&status=open&service_code=HC");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["T311-NEW", "T311-OLD"], answer.Ids("xml"));
    }

    [Fact]
    public async Task Results_stop_at_1000_newest_first()
    {
        await using (var db = await app.Contexts.CreateDbContextAsync(Ct))
        {
            var reference = await ReferenceData.LoadAsync(db, Ct);
            for (var i = 0; i < 1005; i++)
            {
                var received = VietnamTime.FromLocal(new DateOnly(2025, 8, 1), new TimeOnly(7, 0)).AddMinutes(i);
                db.Cases.Add(Case.Import(
                    new NewCase { Code = $"T311-BULK-{i:D4}", ChannelCode = "ioc", ReceivedAt = received, FieldCode = "HKTM", UnitCode = "p-tan-an", Description = "Đề xuất." },
                    reference.Channels["ioc"], reference.Calendar, new ImportedState(CaseStatus.Received, null, null, null, null), "test", received));
            }

            await db.SaveChangesAsync(Ct);
        }

        var answer = await app.GetAsync("requests.json?start_date=2025-08-01&end_date=2025-08-02");

        var ids = answer.Ids("json");
        Assert.Equal(1000, ids.Count);
        Assert.Equal("T311-BULK-1004", ids[0]);
        Assert.Equal("T311-BULK-0005", ids[^1]);
    }

    [Fact]
    public async Task Statuses_map_to_open_and_closed_and_notes_carry_only_the_result()
    {
        await ImportAsync("T311-S-RECEIVED", new DateTime(2026, 11, 2, 9, 0, 0));
        await ImportAsync("T311-S-FORWARDED", new DateTime(2026, 11, 2, 9, 0, 0), status: CaseStatus.Forwarded, agency: "TNMT");
        await ImportAsync("T311-S-RESOLVED", new DateTime(2026, 11, 2, 9, 0, 0), status: CaseStatus.Resolved, agency: "TNMT");
        await ImportAsync("T311-S-DUPLICATE", new DateTime(2026, 11, 2, 9, 0, 0), status: CaseStatus.Duplicate);

        var answer = await app.GetAsync("requests.xml?service_request_id=T311-S-RECEIVED,T311-S-FORWARDED,T311-S-RESOLVED,T311-S-DUPLICATE");

        var requests = answer.Xml.Root!.Elements("request").ToDictionary(r => r.Element("service_request_id")!.Value);
        string Field(string id, string name) => requests[id].Element(name)!.Value;
        Assert.Equal(("open", "open", "closed", "closed"),
            (Field("T311-S-RECEIVED", "status"), Field("T311-S-FORWARDED", "status"), Field("T311-S-RESOLVED", "status"), Field("T311-S-DUPLICATE", "status")));
        Assert.Equal("Đã xử lý.", Field("T311-S-RESOLVED", "status_notes"));
        Assert.Equal("", Field("T311-S-FORWARDED", "status_notes"));
        Assert.Equal("Phòng Tài nguyên và Môi trường", Field("T311-S-FORWARDED", "agency_responsible"));
        Assert.Equal("", Field("T311-S-RECEIVED", "agency_responsible"));
        Assert.Equal("Môi trường", Field("T311-S-RECEIVED", "service_name"));
    }

    [Theory]
    [InlineData("requests.json?start_date=2026-13-01", "start_date '2026-13-01' is not an ISO 8601 date-time")]
    [InlineData("requests.json?end_date=tomorrow", "end_date 'tomorrow' is not an ISO 8601 date-time")]
    [InlineData("requests.json?start_date=2026-11-02&end_date=2026-11-01", "start_date is after end_date")]
    [InlineData("requests.json?status=pending", "status 'pending' is neither 'open' nor 'closed'")]
    [InlineData("requests.json?service_code=ATGT,XYZ", "service_code 'XYZ' is not a service")]
    public async Task A_wrong_filter_gets_400_naming_it(string url, string says)
    {
        var answer = await app.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(answer.Errors("json"), e => e.Contains(says, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("requests/BMT-2026-999999.json", "json", "No service request has the id 'BMT-2026-999999'")]
    [InlineData("requests/BMT-2026-999999.xml", "xml", "No service request has the id 'BMT-2026-999999'")]
    [InlineData("services/XYZ.json", "json", "service_code 'XYZ' is not a service")]
    [InlineData("services.html", "xml", "The format 'html' is not served")]
    [InlineData("requests/BMT-2026-000001.csv", "xml", "The format 'csv' is not served")]
    [InlineData("requests", "xml", "No such resource")]
    [InlineData("tokens/5e1a.json", "json", "Tokens are not used here")]
    public async Task Unknown_ids_services_formats_and_tokens_get_404(string path, string format, string says)
    {
        var answer = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Contains(says, Assert.Single(answer.Errors(format)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_read_shows_the_reporter_in_any_field_or_format()
    {
        string[] secrets = ["Quỳnh Nga", "Lưu Bảo Thoa", "0936 411 522", "0936411522", "bao.thoa.secret@example.vn", "bao.thoa.secret"];
        var posted = await app.PostAsync("xml",
            ("api_key", HotlineApp.WriteKey), ("service_code", "ANTT"), ("attribute[ward]", "p-tan-lap"),
            ("description", "Tụ tập gây ồn ào sau 23 giờ."), ("first_name", "Lưu Bảo Thoa"), ("last_name", "Quỳnh Nga"),
            ("phone", "0936 411 522"), ("email", "bao.thoa.secret@example.vn"));
        Assert.Equal(HttpStatusCode.Created, posted.Status);
        var id = posted.Ids("xml").Single();

        foreach (var format in Open311Http.Formats)
        {
            foreach (var path in new[]
            {
                $"discovery.{format}", $"services.{format}", $"services/ANTT.{format}", $"requests.{format}",
                $"requests.{format}?service_request_id={id}", $"requests.{format}?service_code=ANTT&status=open", $"requests/{id}.{format}",
            })
            {
                var answer = await app.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, answer.Status);
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, answer.Body, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        Assert.Contains(id, (await app.GetAsync("requests.json")).Ids("json"));
    }

    [Fact]
    public async Task Phone_numbers_and_emails_written_into_free_text_are_hidden_from_reads()
    {
        var posted = await app.PostAsync("json",
            ("api_key", HotlineApp.WriteKey), ("service_code", "KHAC"), ("attribute[ward]", "p-tan-lap"),
            ("description", "Gọi lại cho tôi số 0912.345.678 hoặc +84 987 654 321, thư nguyen.a@example.vn; nhà số 123."));
        var id = posted.Ids("json").Single();

        var answer = await app.GetAsync($"requests/{id}.json");

        Assert.Equal("Gọi lại cho tôi số [đã ẩn] hoặc [đã ẩn], thư [đã ẩn]; nhà số 123.", answer.Json[0].GetProperty("description").GetString());
    }
}
