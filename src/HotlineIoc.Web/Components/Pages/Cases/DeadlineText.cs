using Microsoft.Extensions.Localization;

namespace HotlineIoc.Web.Components.Pages.Cases;

/// <summary>A case's standing against its deadline in words: "Còn 2 ngày làm việc", "Quá hạn 3 ngày làm việc"…</summary>
public static class DeadlineText
{
    public static string Describe(DeadlineStanding standing, int workingDays, IStringLocalizer<DashboardText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return standing switch
        {
            DeadlineStanding.Open when workingDays <= 0 => text["Deadline_Today"],
            DeadlineStanding.Open when workingDays == 1 => text["Deadline_LeftOne"],
            DeadlineStanding.Open => text["Deadline_Left", workingDays],
            DeadlineStanding.Overdue when workingDays <= 0 => text["Deadline_OverdueNow"],
            DeadlineStanding.Overdue when workingDays == 1 => text["Deadline_OverdueOne"],
            DeadlineStanding.Overdue => text["Deadline_Overdue", workingDays],
            DeadlineStanding.ResolvedOnTime => text["Deadline_OnTime"],
            DeadlineStanding.ResolvedLate when workingDays > 0 => text["Deadline_Late", workingDays],
            DeadlineStanding.ResolvedLate => text["Deadline_LateNow"],
            _ => text["Deadline_NotCounted"],
        };
    }
}
