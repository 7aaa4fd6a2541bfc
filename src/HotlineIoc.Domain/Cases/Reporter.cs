namespace HotlineIoc.Domain.Cases;

/// <summary>The person who reported a case. Personal data: confidential, shown only to authorised staff.</summary>
public sealed record Reporter(string? Name, string? Phone, string? ZaloId)
{
    public static Reporter Anonymous { get; } = new(null, null, null);

    public override string ToString() => "Reporter { *** }";
}
