using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Open311;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The filters of Open311's <c>GET requests</c> and the spec's defaults.</summary>
public sealed class ServiceRequestFilterTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 2, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Codes = ["ATGT", "MT"];

    private static (ServiceRequestFilter? Filter, IReadOnlyList<string> Errors) Parse(params (string Name, string Value)[] query) =>
        ServiceRequestFilter.Parse(name => query.Where(q => q.Name == name).Select(q => q.Value).FirstOrDefault(), Now, Codes);

    [Fact]
    public void Nothing_asked_is_the_last_90_days_of_every_service_and_status()
    {
        var filter = Parse().Filter!;

        Assert.Equal((Now.AddDays(-90), Now), (filter.FromUtc, filter.ToUtc));
        Assert.Equal((null, null, null), (filter.Ids, filter.ServiceCodes, filter.Statuses));
        Assert.Equal(1000, ServiceRequestFilter.MaxResults);
    }

    [Fact]
    public void An_end_alone_reaches_90_days_back_and_a_start_alone_runs_to_now()
    {
        var end = Parse(("end_date", "2026-06-30T23:59:59+07:00")).Filter!;
        var start = Parse(("start_date", "2025-01-01T00:00:00Z")).Filter!;

        Assert.Equal(new DateTime(2026, 6, 30, 16, 59, 59, DateTimeKind.Utc), end.ToUtc);
        Assert.Equal(end.ToUtc.AddDays(-90), end.FromUtc);
        Assert.Equal((new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), Now), (start.FromUtc, start.ToUtc));
    }

    [Fact]
    public void A_date_without_an_offset_is_vietnam_s_wall_clock()
    {
        var filter = Parse(("start_date", "2026-11-01"), ("end_date", "2026-11-30T18:00")).Filter!;

        Assert.Equal(VietnamTime.StartOfDayUtc(new DateOnly(2026, 11, 1)), filter.FromUtc);
        Assert.Equal(VietnamTime.FromLocal(new DateOnly(2026, 11, 30), new TimeOnly(18, 0)), filter.ToUtc);
    }

    [Fact]
    public void Lists_are_comma_separated_trimmed_and_empty_means_absent()
    {
        var filter = Parse(("service_request_id", " bmt-2026-000001, ,BMT-2026-000002,"), ("service_code", "MT,"), ("status", "open,closed"), ("start_date", "")).Filter!;

        Assert.Equal(["BMT-2026-000001", "BMT-2026-000002"], filter.Ids);
        Assert.Equal(["MT"], filter.ServiceCodes);
        Assert.Equal(Enum.GetValues<CaseStatus>().Order(), filter.Statuses!.Order());
        Assert.Equal(Now.AddDays(-90), filter.FromUtc);
        Assert.Equal((null, null), (Parse(("status", "")).Filter!.Statuses, Parse(("service_code", " , ")).Filter!.ServiceCodes));
    }

    [Fact]
    public void Every_wrong_parameter_is_named()
    {
        var (filter, errors) = Parse(("service_code", "XYZ"), ("status", "pending"), ("start_date", "0001-01-01T00:00:00+14:00"), ("end_date", "soon"),
            ("service_request_id", string.Join(',', Enumerable.Range(0, 1001).Select(i => $"X{i}"))));

        Assert.Null(filter);
        Assert.Equal(
            ["service_request_id lists 1001 ids; at most 1000 are answered at once.",
             "service_code 'XYZ' is not a service; see services.xml.",
             "status 'pending' is neither 'open' nor 'closed'.",
             "start_date '0001-01-01T00:00:00+14:00' is not an ISO 8601 date-time such as 2026-12-01T00:00:00+07:00.",
             "end_date 'soon' is not an ISO 8601 date-time such as 2026-12-01T00:00:00+07:00."],
            errors);
    }
}
