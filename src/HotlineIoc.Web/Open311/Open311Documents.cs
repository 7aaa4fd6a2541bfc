using HotlineIoc.Infrastructure.Open311;
using static HotlineIoc.Web.Open311.Open311Value;

namespace HotlineIoc.Web.Open311;

/// <summary>The GeoReport v2 documents, with the spec's element names in the spec's order.</summary>
public static class Open311Documents
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    public static Open311Document Discovery(DateTimeOffset changeset, string contact, string keyService, string endpointUrl) =>
        new("discovery", Open311Object.Of(
            ("changeset", Instant(changeset)),
            ("contact", Text(contact)),
            ("key_service", Text(keyService)),
            ("endpoints", new Open311List("endpoint", [Open311Object.Of(
                ("specification", Text(Specification)),
                ("url", Text(endpointUrl)),
                ("changeset", Instant(changeset)),
                ("type", Text("production")),
                ("formats", new Open311List("format", [Text("text/xml"), Text("application/json")])))]))));

    public static Open311Document Services(IReadOnlyList<Open311Service> services) =>
        new("services", new Open311List("service", [.. services.Select(s => Open311Object.Of(
            ("service_code", Text(s.Code)),
            ("service_name", Text(s.Name)),
            ("description", Text(s.Description)),
            ("metadata", Bool(true)),
            ("type", Text("realtime")),
            ("keywords", Text(s.Keywords)),
            ("group", Text(s.Group))))]));

    /// <summary>
    /// The one attribute, <c>ward</c>: today's units. It is not required, because a point inside the area places the
    /// request by itself; the descriptions say when it is needed, and that an address alone cannot be placed.
    /// </summary>
    public static Open311Document Definition(Open311Service service, IReadOnlyList<WardChoice> wards) =>
        new("service_definition", Open311Object.Of(
            ("service_code", Text(service.Code)),
            ("attributes", new Open311List("attribute", [Open311Object.Of(
                ("variable", Bool(true)),
                ("code", Text(ServiceCatalog.WardAttribute)),
                ("datatype", Text("singlevaluelist")),
                ("required", Bool(false)),
                ("datatype_description", Text(
                    "Bắt buộc khi yêu cầu không có lat/long nằm trong địa bàn thành phố. Required when the request has no lat/long inside the area; " +
                    "address_string alone cannot be placed (no geocoding).")),
                ("order", Number(1)),
                ("description", Text(
                    "Phường, xã nơi xảy ra sự việc (mã đơn vị). Nếu gửi cả lat/long, phường/xã này được dùng và tọa độ vẫn được lưu. " +
                    "Chỉ có address_string thì không xác định được phường/xã: hãy gửi lat/long hoặc attribute[ward].")),
                ("values", new Open311List("value", [.. wards.Select(w => Open311Object.Of(
                    ("key", Text(w.Code)),
                    ("name", Text(w.Name))))])))]))));

    public static Open311Document Requests(IReadOnlyList<PublicServiceRequest> requests) =>
        new("service_requests", new Open311List("request", [.. requests.Select(r => Open311Object.Of(
            ("service_request_id", Text(r.ServiceRequestId)),
            ("status", Text(r.Status)),
            ("status_notes", Text(r.StatusNotes)),
            ("service_name", Text(r.ServiceName)),
            ("service_code", Text(r.ServiceCode)),
            ("description", Text(r.Description)),
            ("agency_responsible", Text(r.AgencyResponsible)),
            ("service_notice", Text(r.ServiceNotice)),
            ("requested_datetime", Instant(r.RequestedDatetime)),
            ("updated_datetime", Instant(r.UpdatedDatetime)),
            ("expected_datetime", Instant(r.ExpectedDatetime)),
            ("address", Text(r.Address)),
            ("address_id", Text(r.AddressId)),
            ("zipcode", Text(r.Zipcode)),
            ("lat", Number(r.Latitude)),
            ("long", Number(r.Longitude)),
            ("media_url", Text(r.MediaUrl))))]));

    /// <summary>The answer to a POST: created at once, so a <c>service_request_id</c> and no <c>token</c>.</summary>
    public static Open311Document Created(string serviceRequestId, string serviceNotice) =>
        new("service_requests", new Open311List("request", [Open311Object.Of(
            ("service_request_id", Text(serviceRequestId)),
            ("service_notice", Text(serviceNotice)),
            ("account_id", Null))]));

    public static Open311Document Errors(int status, IEnumerable<string> descriptions) =>
        new("errors", new Open311List("error", [.. descriptions.Select(d => Open311Object.Of(
            ("code", Number(status)),
            ("description", Text(d))))]));
}
