using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Benchmarks;

/// <summary>
/// N cases received over the three years up to <c>now</c>, as the overdue board meets them, from a fixed seed.
/// The volume grows linearly (twice the average at the end), so recent weeks are busy; most recent cases are still
/// open and a thin tail of older ones was never resolved: about 2 % open, several thousand overdue at 1,000,000.
/// Agencies follow the field's default, a ward's People's Committee or another agency; a fifth of the late cases
/// carry a pending reminder. Cases are made by <see cref="Case.Import"/>, so due instants follow the deadline rule.
/// </summary>
public sealed class OverdueCaseGenerator(SeedData seed, DateTime nowUtc)
{
    /// <summary>Bump when the output changes, so a database filled by an older generator is not reused.</summary>
    public const int Version = 1;

    private const int Seed = 20_250_618;

    private static readonly TimeSpan Span = TimeSpan.FromDays(3 * 365);

    private static readonly (string Channel, int Weight)[] Channels = [(Channel.Hotline, 55), (Channel.Zalo, 30), (Channel.Ioc, 15)];

    private static readonly (CaseStatus Status, int Weight)[] OpenStatuses =
        [(CaseStatus.Received, 15), (CaseStatus.Forwarded, 35), (CaseStatus.InProgress, 40), (CaseStatus.Returned, 10)];

    private static readonly (CaseStatus Status, int Weight)[] DoneStatuses =
        [(CaseStatus.Closed, 70), (CaseStatus.Resolved, 25), (CaseStatus.Rejected, 3), (CaseStatus.Duplicate, 2)];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "H'", "Y"];

    private static readonly string[] GivenNames = ["Văn An", "Thị Bình", "Minh Cường", "Hữu Dũng", "Thu Hà", "Ngọc Lan", "Quốc Nam", "Xuân Mai", "Thanh Sơn", "Kim Yến"];

    private static readonly string[] Descriptions =
    [
        "Rác thải tồn đọng nhiều ngày chưa được thu gom, bốc mùi hôi.",
        "Hàng quán lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường.",
        "Mặt đường bị sụt lún, ổ gà lớn gây nguy hiểm.",
        "Tụ tập gây ồn ào vào ban đêm, đề nghị kiểm tra, xử lý.",
        "Đèn chiếu sáng công cộng không hoạt động cả tuyến đường.",
    ];

    private readonly Random _random = new(Seed);

    public DateTime FirstReceivedUtc => nowUtc - Span;

    public IEnumerable<Case> Generate(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var calendar = new WorkingCalendar(seed.CalendarDays);
        var channels = seed.Channels.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var fields = seed.Fields.ToArray();
        // Only the units in force on the day of receipt, as the import and the app demand.
        var timeline = new UnitTimeline(seed.Units);
        var unitsOn = new Dictionary<DateOnly, IReadOnlyList<AdministrativeUnit>>();
        var unitAgencies = seed.Agencies.Where(a => a.UnitCode is not null).ToDictionary(a => a.UnitCode!, a => a.Code, StringComparer.Ordinal);
        var otherAgencies = seed.Agencies.Where(a => a.UnitCode is null).Select(a => a.Code).ToArray();
        var start = FirstReceivedUtc;
        var year = 0;
        var sequence = 0;
        for (var i = 0; i < rows; i++)
        {
            // sqrt of an even spread: a density that grows linearly, still in received order.
            var share = Math.Sqrt((i + _random.NextDouble()) / rows);
            var ticks = start.Ticks + (long)(share * Span.Ticks);
            var receivedAt = new DateTime(ticks - (ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            var localYear = VietnamTime.ToLocal(receivedAt).Year;
            if (localYear != year)
            {
                (year, sequence) = (localYear, 0);
            }

            var field = fields[_random.Next(fields.Length)];
            var day = VietnamTime.LocalDate(receivedAt);
            if (!unitsOn.TryGetValue(day, out var units))
            {
                units = unitsOn[day] = timeline.InForceOn(day);
            }

            var unit = units[_random.Next(units.Count)];
            var channel = channels[Pick(Channels)];
            var age = nowUtc - receivedAt;
            var open = age < TimeSpan.FromHours(3) || _random.NextDouble() < age.TotalDays switch
            {
                < 3 => 0.85,
                < 8 => 0.6,
                < 14 => 0.3,
                _ => 0.008,
            };
            var status = open ? Pick(OpenStatuses) : Pick(DoneStatuses);
            var agency = status is CaseStatus.Forwarded or CaseStatus.InProgress or CaseStatus.Resolved or CaseStatus.Closed
                ? _random.Next(10) switch
                {
                    < 7 => field.DefaultAgencyCode,
                    < 9 => unitAgencies.GetValueOrDefault(unit.Code, field.DefaultAgencyCode),
                    _ => otherAgencies[_random.Next(otherAgencies.Length)],
                }
                : null;
            DateTime? resolvedAt = status.HasResult()
                ? receivedAt.AddSeconds(_random.Next(3600, (int)Math.Min(12 * 86400, age.TotalSeconds)))
                : null;
            DateTime? closedAt = status == CaseStatus.Closed
                ? new DateTime(Math.Min(resolvedAt!.Value.AddSeconds(_random.Next(3600, 3 * 86400)).Ticks, nowUtc.Ticks), DateTimeKind.Utc)
                : null;

            var item = Case.Import(
                new NewCase
                {
                    Code = CaseCode.Format(year, ++sequence),
                    ChannelCode = channel.Code,
                    ReceivedAt = receivedAt,
                    FieldCode = field.Code,
                    UnitCode = unit.Code,
                    Address = $"{_random.Next(1, 400)} Lê Duẩn, {unit.Name}",
                    Description = Descriptions[_random.Next(Descriptions.Length)],
                    Reporter = new Reporter(
                        _random.Next(100) < 90 ? $"{FamilyNames[_random.Next(FamilyNames.Length)]} {GivenNames[_random.Next(GivenNames.Length)]}" : null,
                        _random.Next(100) < 88 ? $"09{_random.Next(10_000_000, 100_000_000)}" : null,
                        null),
                },
                channel,
                calendar,
                new ImportedState(status, agency, resolvedAt, closedAt, null, status.HasResult() ? "Đã xử lý." : null),
                "benchmark",
                nowUtc);
            if (agency is not null && status is CaseStatus.Forwarded or CaseStatus.InProgress && item.DueAt < nowUtc && _random.Next(5) == 0)
            {
                var at = item.DueAt.AddHours(_random.Next(1, 72));
                item.SendReminder(null, at < nowUtc ? at : nowUtc, "lanhdao");
            }

            yield return item;
        }
    }

    private T Pick<T>((T Value, int Weight)[] choices) => Weighted.Pick(_random, choices);
}
