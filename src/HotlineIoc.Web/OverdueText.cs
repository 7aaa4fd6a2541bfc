namespace HotlineIoc.Web;

/// <summary>Marker for the overdue board's texts in <c>Resources/OverdueText.resx</c> (Vietnamese) and <c>OverdueText.en.resx</c> (English).</summary>
public sealed class OverdueText;
