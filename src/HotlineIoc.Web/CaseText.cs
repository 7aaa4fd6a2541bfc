namespace HotlineIoc.Web;

/// <summary>Marker for the case handling pages' texts in <c>Resources/CaseText.resx</c> (Vietnamese) and <c>CaseText.en.resx</c> (English).</summary>
public sealed class CaseText;
