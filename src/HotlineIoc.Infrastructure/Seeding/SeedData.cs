using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Reference;

namespace HotlineIoc.Infrastructure.Seeding;

/// <summary>The reference data of <c>seed-data/</c>, read and checked.</summary>
public sealed class SeedData
{
    public required IReadOnlyList<Channel> Channels { get; init; }

    public required IReadOnlyList<Agency> Agencies { get; init; }

    public required IReadOnlyList<Field> Fields { get; init; }

    public required IReadOnlyList<AdministrativeUnit> Units { get; init; }

    public required IReadOnlyList<CalendarDay> CalendarDays { get; init; }

    /// <summary>The folder shipped beside the app, or the one named by <c>Seed:Path</c>.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "seed-data");

    public static SeedData Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SeedDataException($"The seed-data folder {folder} does not exist.");
        }

        var channels = SeedCsv.Read(Path.Combine(folder, "channels.csv"), ["code", "name_vi", "name_en", "working_day_limit"], r =>
        {
            var limit = r.Int("working_day_limit");
            if (limit < 1)
            {
                throw r.Error("working_day_limit", "must be at least 1");
            }

            return new Channel { Code = r.Text("code"), NameVi = r.Text("name_vi"), NameEn = r.Text("name_en"), WorkingDayLimit = limit };
        });
        var agencies = SeedCsv.Read(Path.Combine(folder, "agencies.csv"), ["code", "name", "unit_code"], r =>
            new Agency { Code = r.Text("code"), Name = r.Text("name"), UnitCode = r.Optional("unit_code") });
        var order = 0;
        var fields = SeedCsv.Read(Path.Combine(folder, "fields.csv"), ["code", "name_vi", "name_en", "default_agency"], r =>
        {
            var agency = r.Text("default_agency");
            if (!agencies.Any(a => a.Code == agency))
            {
                throw r.Error("default_agency", $"'{agency}' is not in agencies.csv");
            }

            return new Field
            {
                Code = r.Text("code"),
                NameVi = r.Text("name_vi"),
                NameEn = r.Text("name_en"),
                DefaultAgencyCode = agency,
                GroupVi = r.Optional("group_vi"),
                SortOrder = ++order,
            };
        }, optionalColumns: ["group_vi"]);
        var unitLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var units = SeedCsv.Read(Path.Combine(folder, "units.csv"),
            ["code", "name", "kind", "statistics_code", "valid_from", "valid_to", "successor", "tile_column", "tile_row"], r =>
            {
                var kindText = r.Text("kind");
                var kind = kindText switch
                {
                    "ward" => UnitKind.Ward,
                    "commune" => UnitKind.Commune,
                    _ => throw r.Error("kind", $"'{kindText}' is neither 'ward' nor 'commune'"),
                };
                var unit = new AdministrativeUnit
                {
                    Code = r.Text("code"),
                    Name = r.Text("name"),
                    Kind = kind,
                    StatisticsCode = r.Optional("statistics_code"),
                    ValidFrom = r.Date("valid_from"),
                    ValidTo = r.Date("valid_to"),
                    SuccessorCode = r.Optional("successor"),
                    TileColumn = r.Int("tile_column"),
                    TileRow = r.Int("tile_row"),
                };
                unitLines.TryAdd(unit.Code, r.Line);
                return unit;
            });
        var days = SeedCsv.Read(Path.Combine(folder, "holidays.csv"), ["date", "kind", "name", "note"], r =>
        {
            var kindText = r.Text("kind");
            var kind = kindText switch
            {
                "day_off" => CalendarDayKind.DayOff,
                "make_up_working_day" => CalendarDayKind.MakeUpWorkingDay,
                _ => throw r.Error("kind", $"'{kindText}' is neither 'day_off' nor 'make_up_working_day'"),
            };
            var date = r.Date("date") ?? throw r.Error("date", "is empty");
            if (kind == CalendarDayKind.MakeUpWorkingDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw r.Error("date", $"{date:yyyy-MM-dd} is a {date.DayOfWeek}, which is a working day already");
            }

            return new CalendarDay { Date = date, Kind = kind, Name = r.Text("name"), Note = r.Optional("note") };
        });

        CheckUnique(channels.Select(c => c.Code), "channels.csv");
        CheckUnique(agencies.Select(c => c.Code), "agencies.csv");
        CheckUnique(fields.Select(c => c.Code), "fields.csv");
        CheckUnique(units.Select(c => c.Code), "units.csv");
        CheckTimeline(units, unitLines);
        CheckAgencyUnits(agencies, units);
        CheckUnique(days.Select(c => c.Date.ToString("yyyy-MM-dd")), "holidays.csv");
        _ = new WorkingCalendar(days);

        return new SeedData { Channels = channels, Agencies = agencies, Fields = fields, Units = units, CalendarDays = days };
    }

    /// <summary>The units must form one history: every successor exists and takes over on the day after its predecessor ends.</summary>
    private static void CheckTimeline(List<AdministrativeUnit> units, Dictionary<string, int> lines)
    {
        try
        {
            _ = new UnitTimeline(units);
        }
        catch (UnitTimelineException e)
        {
            throw new SeedDataException($"units.csv line {lines.GetValueOrDefault(e.Code)}: {e.Message}.");
        }
    }

    private static void CheckAgencyUnits(List<Agency> agencies, List<AdministrativeUnit> units)
    {
        var codes = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        if (agencies.FirstOrDefault(a => a.UnitCode is not null && !codes.Contains(a.UnitCode)) is { } orphan)
        {
            throw new SeedDataException($"agencies.csv: '{orphan.Code}' answers for the unit '{orphan.UnitCode}', which is not in units.csv.");
        }
    }

    private static void CheckUnique(IEnumerable<string> keys, string file)
    {
        var twice = keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new SeedDataException($"{file}: '{twice.Key}' appears more than once.");
        }
    }
}
