namespace HotlineIoc.Web.Components.Pages.Cases.Handling;

/// <summary>Addresses of the case handling pages, in one place.</summary>
public static class CaseLinks
{
    public const string Intake = "/intake";
    public const string Triage = "/triage";
    public const string AccessLog = "/admin/access-log";

    public static string Detail(string code) => "/cases/" + Uri.EscapeDataString(code);
}
