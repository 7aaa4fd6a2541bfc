namespace HotlineIoc.Web;

/// <summary>Marker for the shell's texts in <c>Resources/Ui.resx</c> (Vietnamese) and <c>Ui.en.resx</c> (English).</summary>
public sealed class Ui;
