namespace HotlineIoc.Web;

/// <summary>Marker for the reports page's texts in <c>Resources/ReportsText.resx</c> (Vietnamese) and <c>ReportsText.en.resx</c>.</summary>
public sealed class ReportsText;
