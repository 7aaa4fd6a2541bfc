namespace HotlineIoc.Web.Components;

/// <summary>
/// Marks a page whose head (its title) never changes while it is open: the head is rendered with the page and is not
/// kept as a second interactive root in every circuit (HeadOutlet, its section outlets and the page's PageTitle, about
/// 15 KB per open wall).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StaticHeadAttribute : Attribute;
