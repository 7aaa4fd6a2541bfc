using System.Globalization;
using HotlineIoc.Domain.Calendar;

namespace HotlineIoc.Domain.Open311;

/// <summary>The <c>service_notice</c> of a request: when the city promises an answer, in the citizen's words.</summary>
public static class ServiceNotice
{
    /// <summary>"Hạn xử lý: 23:59 ngày 15/12/2026" for a case due at 23:59:59 local time on 15 Dec 2026.</summary>
    public static string For(DateTime dueAtUtc)
    {
        var local = VietnamTime.ToLocal(dueAtUtc);
        return string.Create(CultureInfo.InvariantCulture, $"Hạn xử lý: {local:HH:mm} ngày {local:dd/MM/yyyy}");
    }
}
