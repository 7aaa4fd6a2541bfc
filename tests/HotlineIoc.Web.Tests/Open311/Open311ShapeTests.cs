using System.Net;
using System.Text.Json;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>
/// Every Open311 resource in XML and JSON, held to the element names of the GeoReport v2 spec (listed here as the spec
/// lists them): the XML parsed with System.Xml.Linq, the JSON with System.Text.Json.
/// </summary>
[Collection(Open311Tests.Name)]
public sealed class Open311ShapeTests(Open311App app)
{
    private const string Discovery = "discovery/{changeset,contact,key_service,endpoints/endpoint/{specification,url,changeset,type,formats/format}}";
    private const string Services = "services/service/{service_code,service_name,description,metadata,type,keywords,group}";
    private const string Definition =
        "service_definition/{service_code,attributes/attribute/{variable,code,datatype,required,datatype_description,order,description,values/value/{key,name}}}";
    private const string Requests =
        "service_requests/request/{service_request_id,status,status_notes,service_name,service_code,description,agency_responsible,service_notice," +
        "requested_datetime,updated_datetime,expected_datetime,address,address_id,zipcode,lat,long,media_url}";
    private const string PostAnswer = "service_requests/request/{token,service_request_id,service_notice,account_id}";
    private const string Errors = "errors/error/{code,description}";

    // A request is created at once, so the answer carries its service_request_id and leaves the spec's token out.
    private static readonly string CreatedAnswer = PostAnswer.Replace("token,", "", StringComparison.Ordinal);

    public static TheoryData<string> Formats => [.. Open311Http.Formats];

    private static void AssertShape(Open311Answer answer, string format, string shape)
    {
        var expected = format == "xml" ? "text/xml" : "application/json";
        Assert.Equal(expected, answer.MediaType);
        if (format == "xml")
        {
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", answer.Body, StringComparison.OrdinalIgnoreCase);
            Open311Shape.Parse(shape).AssertXml(answer.Xml);
        }
        else
        {
            Open311Shape.Parse(shape).AssertJson(answer.Json);
        }
    }

    private Task<Open311Answer> PostAsync(string format) => app.PostAsync(format,
        ("api_key", HotlineApp.WriteKey), ("service_code", "MT"), ("lat", "12.72"), ("long", "108.11"),
        ("description", "Rác thải ùn ứ ở đầu hẻm."), ("media_url", "https://ioc.daklak.example/anh/1.jpg"));

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Discovery_names_the_v2_endpoint_and_both_formats(string format)
    {
        var answer = await app.GetAsync($"discovery.{format}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertShape(answer, format, Discovery);
        var body = answer.Body;
        Assert.Contains("http://wiki.open311.org/GeoReport_v2", body, StringComparison.Ordinal);
        Assert.Contains("/open311/v2", body, StringComparison.Ordinal);
        Assert.Contains("text/xml", body, StringComparison.Ordinal);
        Assert.Contains("application/json", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Services_are_the_15_fields_with_vietnamese_names_and_groups(string format)
    {
        var answer = await app.GetAsync($"services.{format}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertShape(answer, format, Services);
        var services = format == "xml"
            ? answer.Xml.Root!.Elements("service").Select(s => (Code: s.Element("service_code")!.Value, Name: s.Element("service_name")!.Value,
                Group: s.Element("group")!.Value, Type: s.Element("type")!.Value, Metadata: s.Element("metadata")!.Value)).ToList()
            : answer.Json.EnumerateArray().Select(s => (Code: s.GetProperty("service_code").GetString()!, Name: s.GetProperty("service_name").GetString()!,
                Group: s.GetProperty("group").GetString()!, Type: s.GetProperty("type").GetString()!,
                Metadata: s.GetProperty("metadata").GetBoolean() ? "true" : "false")).ToList();
        Assert.Equal(15, services.Count);
        Assert.Equal("ATGT", services[0].Code);
        Assert.Contains(services, s => s == ("ATGT", "An toàn giao thông", "Trật tự, an ninh", "realtime", "true"));
        Assert.Contains(services, s => s.Code == "MT" && s.Group == "Đô thị, môi trường");
        Assert.All(services, s => Assert.Equal(("realtime", "true"), (s.Type, s.Metadata)));
        Assert.All(services, s => Assert.False(string.IsNullOrEmpty(s.Group)));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_service_definition_offers_todays_wards_and_says_when_ward_is_needed(string format)
    {
        var answer = await app.GetAsync($"services/ATGT.{format}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertShape(answer, format, Definition);
        string Attribute(string name) => format == "xml"
            ? answer.Xml.Root!.Element("attributes")!.Element("attribute")!.Element(name)!.Value
            : answer.Json.GetProperty("attributes")[0].GetProperty(name).ToString();
        Assert.Equal("ward", Attribute("code"));
        Assert.Equal("singlevaluelist", Attribute("datatype"));
        Assert.Equal(format == "xml" ? "false" : "False", Attribute("required"));
        Assert.Contains("lat/long", Attribute("datatype_description"), StringComparison.Ordinal);
        Assert.Contains("address_string", Attribute("description"), StringComparison.Ordinal);
        var values = format == "xml"
            ? answer.Xml.Descendants("value").Select(v => (v.Element("key")!.Value, v.Element("name")!.Value)).ToList()
            : answer.Json.GetProperty("attributes")[0].GetProperty("values").EnumerateArray()
                .Select(v => (v.GetProperty("key").GetString()!, v.GetProperty("name").GetString()!)).ToList();
        Assert.Equal(
            [("p-buon-ma-thuot", "Phường Buôn Ma Thuột"), ("p-ea-kao", "Phường Ea Kao"), ("p-tan-an", "Phường Tân An"),
             ("p-tan-lap", "Phường Tân Lập"), ("p-thanh-nhat", "Phường Thành Nhất"), ("x-hoa-phu", "Xã Hòa Phú")],
            values);
        if (format == "json")
        {
            Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("service_code").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_post_answers_with_the_new_id_and_the_due_date(string format)
    {
        var answer = await PostAsync(format);

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        AssertShape(answer, format, CreatedAnswer);
        var id = answer.Ids(format).Single();
        Assert.Matches("^BMT-2026-[0-9]{6}$", id);
        Assert.Equal($"/open311/v2/requests/{id}.{format}", answer.Location?.OriginalString);
        if (format == "json")
        {
            var request = answer.Json[0];
            Assert.Equal(JsonValueKind.String, request.GetProperty("service_request_id").ValueKind);
            Assert.Equal(JsonValueKind.Null, request.GetProperty("account_id").ValueKind);
            Assert.Equal("Hạn xử lý: 23:59 ngày 11/12/2026", request.GetProperty("service_notice").GetString());
        }
        else
        {
            var request = answer.Xml.Root!.Element("request")!;
            Assert.Equal("", request.Element("account_id")!.Value);
            Assert.Equal("Hạn xử lý: 23:59 ngày 11/12/2026", request.Element("service_notice")!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Requests_list_every_spec_field_with_strings_for_ids_and_offsets_on_instants(string format)
    {
        var posted = (await PostAsync(format)).Ids(format).Single();

        var answer = await app.GetAsync($"requests.{format}?service_request_id={posted}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertShape(answer, format, Requests);
        Assert.Equal([posted], answer.Ids(format));
        if (format == "json")
        {
            var request = answer.Json[0];
            Assert.Equal(JsonValueKind.String, request.GetProperty("service_code").ValueKind);
            Assert.Equal("2026-12-02T09:00:00+07:00", request.GetProperty("requested_datetime").GetString());
            Assert.Equal("2026-12-11T23:59:59+07:00", request.GetProperty("expected_datetime").GetString());
            Assert.Equal(12.72, request.GetProperty("lat").GetDouble());
            Assert.Equal("https://ioc.daklak.example/anh/1.jpg", request.GetProperty("media_url").GetString());
            Assert.Equal("open", request.GetProperty("status").GetString());
        }
        else
        {
            var request = answer.Xml.Root!.Element("request")!;
            Assert.Equal("2026-12-02T09:00:00+07:00", request.Element("requested_datetime")!.Value);
            Assert.Equal("2026-12-11T23:59:59+07:00", request.Element("expected_datetime")!.Value);
            Assert.Equal("108.11", request.Element("long")!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task One_request_is_a_list_of_one(string format)
    {
        var posted = (await PostAsync(format)).Ids(format).Single();

        var answer = await app.GetAsync($"requests/{posted}.{format}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertShape(answer, format, Requests);
        Assert.Equal([posted], answer.Ids(format));
    }

    [Theory]
    [InlineData("xml", "requests/BMT-1999-000001", HttpStatusCode.NotFound)]
    [InlineData("json", "requests/BMT-1999-000001", HttpStatusCode.NotFound)]
    [InlineData("xml", "services/NOPE", HttpStatusCode.NotFound)]
    [InlineData("json", "tokens/abc123", HttpStatusCode.NotFound)]
    [InlineData("xml", "tokens/abc123", HttpStatusCode.NotFound)]
    [InlineData("json", "requests", HttpStatusCode.BadRequest, "?start_date=yesterday")]
    [InlineData("xml", "requests", HttpStatusCode.BadRequest, "?status=pending")]
    public async Task Errors_are_the_spec_list_of_code_and_description(string format, string resource, HttpStatusCode status, string query = "")
    {
        var answer = await app.GetAsync($"{resource}.{format}{query}");

        Assert.Equal(status, answer.Status);
        AssertShape(answer, format, Errors);
        var code = format == "xml" ? answer.Xml.Root!.Element("error")!.Element("code")!.Value : answer.Json[0].GetProperty("code").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), code);
        Assert.All(answer.Errors(format), d => Assert.False(string.IsNullOrWhiteSpace(d)));
    }
}
