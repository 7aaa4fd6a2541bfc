namespace HotlineIoc.Web;

/// <summary>Marker for the dashboard's and case list's texts in <c>Resources/DashboardText.resx</c> (Vietnamese) and <c>DashboardText.en.resx</c> (English).</summary>
public sealed class DashboardText;
