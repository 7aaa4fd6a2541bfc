using System.Globalization;
using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Domain.Reference;

/// <summary>
/// Every ward and commune with its life span and successor: which units exist on a day, what a unit became, and
/// which former units make up a unit today. The crosswalk between old and new units goes only through
/// <see cref="AdministrativeUnit.SuccessorCode"/>, never through statistics codes or names, which are reused.
/// </summary>
public sealed class UnitTimeline
{
    private readonly Dictionary<string, AdministrativeUnit> _units;
    private readonly Dictionary<string, List<AdministrativeUnit>> _predecessors;

    /// <summary>Checks the units as one history; throws <see cref="UnitTimelineException"/> naming the unit at fault.</summary>
    public UnitTimeline(IEnumerable<AdministrativeUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _units = new Dictionary<string, AdministrativeUnit>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!_units.TryAdd(unit.Code, unit))
            {
                throw new UnitTimelineException(unit.Code, $"the unit '{unit.Code}' appears more than once");
            }
        }

        foreach (var unit in _units.Values)
        {
            Check(unit);
        }

        _predecessors = _units.Values
            .Where(u => u.SuccessorCode is not null)
            .GroupBy(u => u.SuccessorCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Code, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        Units = [.. _units.Values.OrderBy(u => u.Code, StringComparer.Ordinal)];
    }

    public static UnitTimeline Empty { get; } = new([]);

    /// <summary>Every unit, in code order.</summary>
    public IReadOnlyList<AdministrativeUnit> Units { get; }

    public AdministrativeUnit? Find(string? code) => code is not null && _units.TryGetValue(code, out var unit) ? unit : null;

    /// <summary>The units in force on a local day, in code order.</summary>
    public IReadOnlyList<AdministrativeUnit> InForceOn(DateOnly day) => [.. Units.Where(u => u.IsValidOn(day))];

    /// <summary>The units that were merged straight into <paramref name="code"/>.</summary>
    public IReadOnlyList<AdministrativeUnit> PredecessorsOf(string code) =>
        _predecessors.TryGetValue(code, out var list) ? list : [];

    /// <summary>The unit and every unit that was merged into it, directly or through others: the cases that belong to its area.</summary>
    public IReadOnlySet<string> AreaOf(string code)
    {
        var area = new HashSet<string>(StringComparer.Ordinal) { code };
        var queue = new Queue<string>([code]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var before in PredecessorsOf(next))
            {
                if (area.Add(before.Code))
                {
                    queue.Enqueue(before.Code);
                }
            }
        }

        return area;
    }

    /// <summary>
    /// The unit whose area holds <paramref name="code"/>'s on <paramref name="day"/>: the unit itself while it exists, then
    /// its successor, and so on (thang-loi → thanh-cong → p-buon-ma-thuot). Null for an unknown code, a unit that had not
    /// begun by then, or one that ended without a successor.
    /// </summary>
    public AdministrativeUnit? SuccessorOn(string code, DateOnly day)
    {
        var unit = Find(code);
        while (unit is not null)
        {
            if (unit.ValidFrom > day)
            {
                return null;
            }

            if (unit.ValidTo is null || day <= unit.ValidTo)
            {
                return unit;
            }

            unit = Find(unit.SuccessorCode);
        }

        return null;
    }

    /// <summary>
    /// The code to count <paramref name="code"/> under on <paramref name="day"/> (see <see cref="SuccessorOn"/>); a code the
    /// timeline cannot follow stays itself, so no case drops out of a total.
    /// </summary>
    public string RollUp(string code, DateOnly day) => SuccessorOn(code, day)?.Code ?? code;

    /// <summary>Whether a case received on <paramref name="receivedOn"/> (local day) may be recorded in <paramref name="code"/>.</summary>
    public UnitCheck Check(string? code, DateOnly receivedOn)
    {
        var unit = Find(code);
        if (unit is null)
        {
            return new UnitCheck(UnitCheckOutcome.Unknown, code ?? "", receivedOn, null, null, null);
        }

        if (unit.ValidFrom > receivedOn)
        {
            return new UnitCheck(UnitCheckOutcome.NotYetInForce, unit.Code, receivedOn, unit, null, null);
        }

        if (unit.ValidTo < receivedOn)
        {
            return new UnitCheck(UnitCheckOutcome.Ended, unit.Code, receivedOn, unit, Find(unit.SuccessorCode), SuccessorOn(unit.Code, receivedOn));
        }

        return new UnitCheck(UnitCheckOutcome.Valid, unit.Code, receivedOn, unit, null, null);
    }

    /// <summary>
    /// Type-ahead over the units in force on <paramref name="day"/>, without diacritics ("tan an" finds Tân An). A former
    /// unit's name finds the unit it became ("thang loi" finds Phường Buôn Ma Thuột, through Thành Công).
    /// </summary>
    public IReadOnlyList<UnitMatch> Search(string? text, DateOnly day)
    {
        var today = InForceOn(day);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [.. today.Select(u => new UnitMatch(u, null))];
        }

        var wanted = TextSimilarity.Fold(text.Trim());
        bool Matches(AdministrativeUnit u) =>
            TextSimilarity.Fold(u.Name).Contains(wanted, StringComparison.Ordinal) || TextSimilarity.Fold(u.FullName).Contains(wanted, StringComparison.Ordinal)
            || u.Code.Contains(wanted, StringComparison.OrdinalIgnoreCase);
        int Rank(AdministrativeUnit u) => TextSimilarity.Fold(u.Name).StartsWith(wanted, StringComparison.Ordinal) ? 0 : 1;

        var direct = today.Where(Matches).OrderBy(Rank).Select(u => new UnitMatch(u, null)).ToList();
        var found = direct.Select(m => m.Unit.Code).ToHashSet(StringComparer.Ordinal);
        var former = Units
            .Where(u => u.ValidTo < day && Matches(u))
            .OrderBy(Rank).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => (Former: u, Now: SuccessorOn(u.Code, day)))
            .Where(p => p.Now is not null && found.Add(p.Now.Code))
            .Select(p => new UnitMatch(p.Now!, p.Former));
        return [.. direct, .. former];
    }

    private void Check(AdministrativeUnit unit)
    {
        if (unit.ValidFrom is { } from && unit.ValidTo is { } to && to < from)
        {
            throw new UnitTimelineException(unit.Code, $"'{unit.Code}' ends ({to:yyyy-MM-dd}) before it begins ({from:yyyy-MM-dd})");
        }

        if (unit.SuccessorCode is not { } successorCode)
        {
            return;
        }

        if (unit.ValidTo is not { } end)
        {
            throw new UnitTimelineException(unit.Code, $"'{unit.Code}' names the successor '{successorCode}' but has no end date (valid_to)");
        }

        if (!_units.TryGetValue(successorCode, out var successor))
        {
            throw new UnitTimelineException(unit.Code, $"'{unit.Code}' names the successor '{successorCode}', which is not a unit");
        }

        if (!successor.IsValidOn(end.AddDays(1)))
        {
            throw new UnitTimelineException(unit.Code,
                $"'{unit.Code}' ends on {end:yyyy-MM-dd}, but its successor '{successorCode}' is not in force on the next day, {end.AddDays(1):yyyy-MM-dd}");
        }
    }
}

/// <summary>A unit that matched a search, and the former unit whose name found it (null when its own name did).</summary>
public sealed record UnitMatch(AdministrativeUnit Unit, AdministrativeUnit? FormerUnit);

public enum UnitCheckOutcome
{
    Valid,

    /// <summary>No unit has the code.</summary>
    Unknown,

    /// <summary>The unit had ended by the day of receipt.</summary>
    Ended,

    /// <summary>The unit had not begun by the day of receipt.</summary>
    NotYetInForce,
}

/// <summary>The answer of <see cref="UnitTimeline.Check"/>, with a refusal worded for people in Vietnamese or English.</summary>
/// <param name="Successor">For an ended unit, the unit it was merged into.</param>
/// <param name="InForce">For an ended unit, the unit its area belonged to on the day (the end of the successor chain).</param>
public sealed record UnitCheck(UnitCheckOutcome Outcome, string Code, DateOnly Day, AdministrativeUnit? Unit, AdministrativeUnit? Successor, AdministrativeUnit? InForce)
{
    public bool IsValid => Outcome == UnitCheckOutcome.Valid;

    /// <summary>«Phường Thắng Lợi đã sáp nhập vào Phường Thành Công từ 01/11/2024», or the same in English when <paramref name="culture"/> is English.</summary>
    public string Message(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var en = culture.TwoLetterISOLanguageName == "en";
        var day = Date(Day);
        switch (Outcome)
        {
            case UnitCheckOutcome.Valid:
                return "";
            case UnitCheckOutcome.Unknown:
                return en ? $"'{Code}' is not a ward or commune." : $"'{Code}' không phải mã phường, xã.";
            case UnitCheckOutcome.NotYetInForce:
                return en
                    ? $"{Unit!.FullNameEn} exists only from {Date(Unit.ValidFrom!.Value)}; the case was received on {day}."
                    : $"{Unit!.FullName} chỉ có từ {Date(Unit.ValidFrom!.Value)}; phản ánh được tiếp nhận ngày {day}.";
        }

        var since = Date(Unit!.ValidTo!.Value.AddDays(1));
        if (Successor is null)
        {
            return en ? $"{Unit.FullNameEn} ceased to exist on {since}." : $"{Unit.FullName} không còn từ {since}.";
        }

        // Old Tân An went into a new Tân An: say which is which.
        var same = Successor.Name == Unit.Name;
        var text = en
            ? $"{Unit.FullNameEn} was merged into {(same ? "the new " : "")}{Successor.FullNameEn} on {since}"
            : $"{Unit.FullName} đã sáp nhập vào {Successor.FullName}{(same ? " (mới)" : "")} từ {since}";
        if (InForce is not null && InForce.Code != Successor.Code)
        {
            text += en ? $"; on {day} its area belongs to {InForce.FullNameEn}" : $"; ngày {day} địa bàn này thuộc {InForce.FullName}";
        }

        return text + ".";
    }

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

/// <summary>The units do not form one history; the message names the unit and what is wrong.</summary>
public sealed class UnitTimelineException(string code, string message) : DomainException(message)
{
    /// <summary>The unit at fault.</summary>
    public string Code { get; } = code;
}
