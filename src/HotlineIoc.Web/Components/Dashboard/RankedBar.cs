namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>One bar of a ranking: what it counts, its display name, its figure and where a click goes.</summary>
public sealed record RankedBar(string Code, string Name, int Count, string Href);
