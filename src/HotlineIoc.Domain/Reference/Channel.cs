namespace HotlineIoc.Domain.Reference;

/// <summary>A way reports arrive (kênh tiếp nhận), with its deadline in working days.</summary>
public sealed class Channel
{
    public const string Hotline = "hotline";
    public const string Zalo = "zalo";
    public const string Ioc = "ioc";

    public string Code { get; set; } = "";

    public string NameVi { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>Working days to handle the case and report back.</summary>
    public int WorkingDayLimit { get; set; }
}
