using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Infrastructure.Demo;

/// <summary>
/// Deterministic demo history from August 2022 up to a given instant. Each day has its own random stream, so the past
/// does not change when the history is extended. It reproduces the published figures: about 2,500 cases from
/// August 2022 to January 2025 with more than 95% resolved, and for 2024 exactly 194 reminders, minutes or commitments
/// and 16 sanctions whose fines total 38,500,000 VND. Every step goes through the domain's own workflow.
/// Each case is put in a unit that exists on the day it is received, and its location, when it has one, lies inside
/// the polygon of the unit's area today.
/// </summary>
public sealed class DemoHistoryGenerator(ReferenceData reference, UnitBoundaries? boundaries = null, int seed = DemoHistoryGenerator.DefaultSeed)
{
    public const int DefaultSeed = 20220801;

    public static readonly DateOnly FirstDay = new(2022, 8, 1);

    /// <summary>Enforcement per year, counted by the day the result was reported: (reminder, minutes, commitment, sanction fines in thousands of VND).</summary>
    private static readonly Dictionary<int, (int Reminder, int Minutes, int Commitment, int[] FinesThousands)> EnforcementByYear = new()
    {
        [2022] = (28, 12, 8, [1500, 2000, 3000, 2500]),
        [2023] = (92, 46, 30, [1000, 1500, 2000, 2500, 3000, 3000, 3500, 4000, 5000, 2000, 1500, 2500]),
        // The published 2024 figures: 194 follow-ups without a fine and 16 sanction decisions totalling 38,500,000 VND.
        [2024] = (108, 52, 34, [750, 1000, 1500, 1500, 2000, 2000, 2000, 2500, 2500, 3000, 3000, 3500, 3500, 4000, 1750, 4000]),
        [2025] = (104, 55, 38, [1000, 1500, 2000, 2000, 2500, 3000, 3500, 4000, 5000, 2500, 1500, 2000, 3000, 2500]),
        [2026] = (96, 47, 33, [1500, 2000, 2500, 3000, 3500, 4000, 2000, 1500, 2500, 3000, 5000]),
    };

    private static readonly (string Code, int Weight)[] FieldWeights =
    [
        ("ANTT", 16), ("ATGT", 15), ("TTDT", 15), ("MT", 14), ("HTDT", 10), ("DDXD", 7), ("HC", 4), ("ATTP", 4),
        ("HHDV", 3), ("CVCC", 2), ("DN", 2), ("BAO", 2), ("HKTM", 1), ("TE", 1), ("KHAC", 4),
    ];

    private static readonly HashSet<string> EnforceableFields = ["ANTT", "ATGT", "TTDT", "MT", "ATTP", "DDXD", "HHDV", "HTDT"];

    private static readonly HashSet<string> LocalFields = ["TTDT", "MT", "HTDT", "DDXD"];

    private static readonly Dictionary<string, int> CentralUnits = new(StringComparer.Ordinal)
    {
        ["thang-loi"] = 9, ["thong-nhat"] = 8, ["thanh-cong"] = 8, ["tan-loi"] = 7, ["tan-thanh"] = 7, ["tan-tien"] = 7, ["tu-an"] = 7,
        ["tan-lap"] = 6, ["tan-hoa"] = 5, ["tan-an"] = 6, ["ea-tam"] = 6, ["khanh-xuan"] = 5, ["thanh-nhat"] = 5,
    };

    private enum Fate
    {
        Normal,
        Rejected,
        Duplicate,
        // A hard case (a land dispute, a repeat offender): resolved, but weeks after its deadline.
        Protracted,
    }

    public IReadOnlyList<Case> Generate(DateTime nowUtc)
    {
        var today = VietnamTime.LocalDate(nowUtc);
        var plans = new List<Plan>();
        for (var day = FirstDay; day <= today; day = day.AddDays(1))
        {
            PlanDay(day, plans);
        }

        plans.RemoveAll(p => p.Received > nowUtc);
        plans.Sort((a, b) => a.Received.CompareTo(b.Received));
        AssignCodes(plans);
        AssignDuplicates(plans);
        AssignEnforcement(plans, nowUtc);
        return plans.Select(p => Build(p, nowUtc)).ToList();
    }

    private void PlanDay(DateOnly day, List<Plan> plans)
    {
        var random = new Random(Mix(seed, day.DayNumber));
        var count = Poisson(random, DailyRate(day));
        var units = count == 0 ? [] : UnitsOn(day);
        for (var i = 0; i < count; i++)
        {
            plans.Add(PlanCase(day, units, random));
        }
    }

    /// <summary>The units in force on the day, weighted by how many reports they bring.</summary>
    private (string Code, int Weight)[] UnitsOn(DateOnly day) =>
        reference.Units.Values.Where(u => u.IsValidOn(day)).Select(u => (u.Code, Weight(u.Code, day))).ToArray();

    /// <summary>
    /// A unit's own weight (busier in the centre), plus the weights of the units merged into it by then: a merged
    /// area goes on reporting as much as its parts did. A unit formed only by merging has no weight of its own.
    /// </summary>
    private int Weight(string code, DateOnly day)
    {
        var merged = reference.Timeline.PredecessorsOf(code);
        var own = CentralUnits.TryGetValue(code, out var weight) ? weight : merged.Count > 0 ? 0 : 3;
        return own + merged.Where(p => p.ValidTo < day).Sum(p => Weight(p.Code, p.ValidTo!.Value));
    }

    /// <summary>Reports per day: growing as the hotline became known, fewer at weekends and during Tết.</summary>
    private double DailyRate(DateOnly day)
    {
        var months = (day.Year - 2022) * 12 + day.Month - 8;
        var rate = Math.Min(2.35 + months * 0.03, 3.2);
        rate *= day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.12;
        if (!reference.Calendar.IsWorkingDay(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            rate *= 0.5;
        }

        return rate;
    }

    private Plan PlanCase(DateOnly day, (string Code, int Weight)[] units, Random random)
    {
        // The hotline runs 24/7, but most calls come in the day.
        var hour = random.NextDouble() < 0.88 ? 6.5 + random.NextDouble() * 15 : random.NextDouble() * 24;
        var received = VietnamTime.FromLocal(day, TimeOnly.MinValue).AddHours(hour).AddSeconds(random.Next(60));

        var zaloShare = Math.Min(0.2 + (day.Year - 2022) * 0.06, 0.4);
        var roll = random.NextDouble();
        var channel = roll < 0.15 ? "ioc" : roll < 0.15 + zaloShare ? "zalo" : "hotline";
        var field = Pick(random, FieldWeights);
        var unit = Pick(random, units);
        var defaultAgency = reference.Fields[field].DefaultAgencyCode;
        var localAgency = "UBND-" + unit;
        var agency = LocalFields.Contains(field) && random.NextDouble() < 0.25 && reference.Agencies.ContainsKey(localAgency)
            ? localAgency
            : defaultAgency;

        var fateRoll = random.NextDouble();
        var fate = fateRoll < 0.02 ? Fate.Rejected : fateRoll < 0.035 ? Fate.Duplicate : fateRoll < 0.047 ? Fate.Protracted : Fate.Normal;

        var plan = new Plan
        {
            Received = received,
            Channel = channel,
            Field = field,
            Unit = unit,
            Agency = agency,
            Fate = fate,
            Description = DemoText.Reports[field][random.Next(DemoText.Reports[field].Length)],
            Address = $"Số {random.Next(1, 300)} {DemoText.Streets[random.Next(DemoText.Streets.Length)]}, {reference.Units[unit].Name}",
            ReporterName = $"{DemoText.FamilyNames[random.Next(DemoText.FamilyNames.Length)]} {DemoText.MiddleNames[random.Next(DemoText.MiddleNames.Length)]} {DemoText.GivenNames[random.Next(DemoText.GivenNames.Length)]}",
            ReporterPhone = (random.NextDouble() < 0.6 ? "09" : "03") + random.Next(10_000_000, 99_999_999),
            ReporterZaloId = channel == "zalo" ? random.NextInt64(1_000_000_000_000_000, 9_000_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            Result = DemoText.Results[random.Next(DemoText.Results.Length)],
            Operator = $"op{random.Next(1, 7):D2}",
        };

        if (channel == "ioc" || random.NextDouble() < 0.3)
        {
            (plan.Latitude, plan.Longitude) = Location(unit, random.NextDouble(), random.NextDouble());
        }

        PlanTimeline(plan, day, random);
        return plan;
    }

    /// <summary>
    /// A point inside the polygon of the unit's area today (an old unit's successor's), drawn from the day's two numbers
    /// so the day's stream stays the same length; near the unit's schematic tile when no polygon is known.
    /// </summary>
    private (double Latitude, double Longitude) Location(string unit, double first, double second)
    {
        var today = reference.Timeline.SuccessorOn(unit, DateOnly.MaxValue);
        if (today is not null && boundaries?.RandomPointIn(today.Code, new Random(Mix((int)(first * int.MaxValue), (int)(second * int.MaxValue)))) is { } point)
        {
            return point;
        }

        var tile = reference.Units[unit];
        return (Math.Round(12.67 - (tile.TileRow - 2.5) * 0.025 + (first - 0.5) * 0.02, 6), Math.Round(108.04 + (tile.TileColumn - 3) * 0.025 + (second - 0.5) * 0.02, 6));
    }

    private void PlanTimeline(Plan plan, DateOnly day, Random random)
    {
        plan.Forwarded = plan.Received.AddMinutes(20 + random.Next(160));
        if (plan.Fate is Fate.Rejected or Fate.Duplicate)
        {
            plan.Forwarded = plan.Received.AddMinutes(10 + random.Next(120));
            return;
        }

        if (random.NextDouble() < 0.04)
        {
            plan.WrongAgency = plan.Agency == "VP" ? "UBND-" + plan.Unit : "VP";
            plan.ReturnedAt = plan.Forwarded.AddHours(2 + random.Next(20));
            plan.Reforwarded = plan.ReturnedAt.Value.AddMinutes(30 + random.Next(300));
        }

        var lastForward = plan.Reforwarded ?? plan.Forwarded;
        plan.Started = lastForward.AddMinutes(30 + random.Next(60 * 20));

        // Most cases are resolved within the channel's limit; the team got faster over the years.
        var limit = reference.Channels[plan.Channel].WorkingDayLimit;
        var onTime = day.Year switch { 2022 => 0.86, 2023 => 0.9, _ => 0.93 };
        var offset = random.NextDouble() < onTime ? 1 + random.Next(limit) : limit + 1 + random.Next(6);
        if (plan.Fate == Fate.Protracted)
        {
            offset = limit + 10 + random.Next(50);
        }

        var resolvedDay = reference.Calendar.AddWorkingDays(day, offset);
        var resolved = VietnamTime.FromLocal(resolvedDay, new TimeOnly(7, 30)).AddMinutes(random.Next(9 * 60));
        plan.Resolved = resolved > plan.Started ? resolved : plan.Started.AddMinutes(30 + random.Next(240));
        plan.Closed = DuringCallHours(plan.Resolved.AddMinutes(60 + random.Next(30 * 60)), random);
    }

    /// <summary>The team calls citizens back between 07:00 and 21:00; a later moment moves to the next morning.</summary>
    private static DateTime DuringCallHours(DateTime utc, Random random)
    {
        var local = VietnamTime.ToLocal(utc);
        if (local.Hour is >= 7 and < 21)
        {
            return utc;
        }

        var day = DateOnly.FromDateTime(local.Hour >= 21 ? local.AddDays(1) : local);
        return VietnamTime.FromLocal(day, new TimeOnly(7, 0)).AddMinutes(random.Next(120));
    }

    private static void AssignCodes(List<Plan> plans)
    {
        var sequence = new Dictionary<int, int>();
        foreach (var plan in plans)
        {
            var year = VietnamTime.LocalDate(plan.Received).Year;
            var next = sequence.GetValueOrDefault(year) + 1;
            sequence[year] = next;
            plan.Code = CaseCode.Format(year, next);
        }
    }

    /// <summary>A duplicate points to an earlier open report of the same unit and field; without one it is rejected instead.</summary>
    private static void AssignDuplicates(List<Plan> plans)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (plan.Fate != Fate.Duplicate)
            {
                continue;
            }

            for (var j = i - 1; j >= 0 && plans[j].Received > plan.Received.AddDays(-14); j--)
            {
                if (plans[j].Unit == plan.Unit && plans[j].Fate is Fate.Normal or Fate.Protracted)
                {
                    plan.DuplicateOf = plans[j].Code;
                    plan.Field = plans[j].Field;
                    plan.Description = plans[j].Description;
                    break;
                }
            }

            if (plan.DuplicateOf is null)
            {
                plan.Fate = Fate.Rejected;
            }
        }
    }

    private void AssignEnforcement(List<Plan> plans, DateTime nowUtc)
    {
        foreach (var (year, quota) in EnforcementByYear)
        {
            var candidates = plans
                .Where(p => p.Fate == Fate.Normal && p.Resolved <= nowUtc && VietnamTime.LocalDate(p.Resolved).Year == year && EnforceableFields.Contains(p.Field))
                .ToList();
            var random = new Random(Mix(seed, -year));
            Shuffle(candidates, random);
            var kinds = Enumerable.Repeat(EnforcementKind.Reminder, quota.Reminder)
                .Concat(Enumerable.Repeat(EnforcementKind.Minutes, quota.Minutes))
                .Concat(Enumerable.Repeat(EnforcementKind.Commitment, quota.Commitment))
                .ToList();
            var index = 0;
            foreach (var fine in quota.FinesThousands)
            {
                if (index >= candidates.Count)
                {
                    return;
                }

                var decision = $"{random.Next(10, 999)}/QĐ-XPVPHC";
                candidates[index++].Enforcement = new Enforcement(EnforcementKind.Sanction, fine * 1000L, decision);
            }

            foreach (var kind in kinds)
            {
                if (index >= candidates.Count)
                {
                    return;
                }

                candidates[index++].Enforcement = new Enforcement(kind);
            }
        }
    }

    private Case Build(Plan plan, DateTime nowUtc)
    {
        var channel = reference.Channels[plan.Channel];
        var item = Case.Receive(new NewCase
        {
            Code = plan.Code,
            ChannelCode = plan.Channel,
            ReceivedAt = plan.Received,
            FieldCode = plan.Field,
            UnitCode = plan.Unit,
            Address = plan.Address,
            Latitude = plan.Latitude,
            Longitude = plan.Longitude,
            Description = plan.Description,
            Reporter = new Reporter(plan.ReporterName, plan.ReporterPhone, plan.ReporterZaloId),
        }, channel, reference.Calendar, plan.Operator);

        bool Due(DateTime at) => at <= nowUtc;
        switch (plan.Fate)
        {
            case Fate.Rejected when Due(plan.Forwarded):
                item.Reject("Nội dung không đủ thông tin để xác minh hoặc không thuộc phạm vi tiếp nhận.", plan.Forwarded, plan.Operator);
                return item;
            case Fate.Duplicate when Due(plan.Forwarded):
                item.MarkDuplicateOf(plan.DuplicateOf!, plan.Forwarded, plan.Operator);
                return item;
            case Fate.Rejected or Fate.Duplicate:
                return item;
        }

        if (!Due(plan.Forwarded))
        {
            return item;
        }

        if (plan.ReturnedAt is { } returnedAt)
        {
            item.Forward(plan.WrongAgency!, plan.Field, plan.Forwarded, plan.Operator);
            if (!Due(returnedAt))
            {
                return item;
            }

            item.Return("Nội dung không thuộc thẩm quyền của đơn vị.", returnedAt, "agency:" + plan.WrongAgency);
            if (!Due(plan.Reforwarded!.Value))
            {
                return item;
            }

            item.Forward(plan.Agency, plan.Field, plan.Reforwarded.Value, plan.Operator);
        }
        else
        {
            item.Forward(plan.Agency, plan.Field, plan.Forwarded, plan.Operator);
        }

        var agencyActor = "agency:" + plan.Agency;
        if (!Due(plan.Started))
        {
            return item;
        }

        item.StartWork(plan.Started, agencyActor);
        if (!Due(plan.Resolved))
        {
            return item;
        }

        item.ReportResult(plan.Result, plan.Enforcement, plan.Resolved, agencyActor);
        if (Due(plan.Closed))
        {
            item.Close("Đã gọi điện thông báo kết quả cho người phản ánh.", plan.Closed, plan.Operator);
        }

        return item;
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] weighted)
    {
        var total = weighted.Sum(w => w.Weight);
        var roll = random.Next(total);
        foreach (var (value, weight) in weighted)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return weighted[^1].Value;
    }

    /// <summary>A fixed mix of two numbers (HashCode is randomised per process, so it cannot seed a repeatable stream).</summary>
    private static int Mix(int a, int b)
    {
        unchecked
        {
            var x = ((ulong)(uint)a << 32) | (uint)b;
            x ^= x >> 33;
            x *= 0xff51afd7ed558ccdUL;
            x ^= x >> 33;
            x *= 0xc4ceb9fe1a85ec53UL;
            x ^= x >> 33;
            return (int)(x & 0x7fffffff);
        }
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private sealed class Plan
    {
        public string Code { get; set; } = "";
        public DateTime Received { get; init; }
        public string Channel { get; init; } = "";
        public string Field { get; set; } = "";
        public string Unit { get; init; } = "";
        public string Agency { get; init; } = "";
        public string? WrongAgency { get; set; }
        public Fate Fate { get; set; }
        public string Description { get; set; } = "";
        public string Address { get; init; } = "";
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public string ReporterName { get; init; } = "";
        public string ReporterPhone { get; init; } = "";
        public string? ReporterZaloId { get; init; }
        public string Result { get; init; } = "";
        public string Operator { get; init; } = "";
        public string? DuplicateOf { get; set; }
        public DateTime Forwarded { get; set; }
        public DateTime? ReturnedAt { get; set; }
        public DateTime? Reforwarded { get; set; }
        public DateTime Started { get; set; }
        public DateTime Resolved { get; set; }
        public DateTime Closed { get; set; }
        public Enforcement? Enforcement { get; set; }
    }
}
