using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Live;

/// <summary>
/// <c>Demo:LiveFeed</c>: a believable stream for a demo wall. New reports arrive every few seconds to a minute,
/// and open cases move along the workflow, through the same intake and handling paths as real work.
/// </summary>
public sealed class DemoLiveFeed(
    DemoMode demo,
    CaseIntake intake,
    CaseHandling handling,
    IDbContextFactory<HotlineDbContext> contexts,
    UnitBoundaries boundaries,
    TimeProvider clock,
    ILogger<DemoLiveFeed> logger) : BackgroundService
{
    private static readonly string[] Streets = ["Lê Duẩn", "Nguyễn Tất Thành", "Phan Bội Châu", "Y Jút", "Hùng Vương", "Ngô Quyền", "Trần Phú", "Mai Hắc Đế"];

    private static readonly Dictionary<string, string> Reports = new(StringComparer.Ordinal)
    {
        ["ANTT"] = "Tụ tập gây ồn ào vào ban đêm.",
        ["ATGT"] = "Đèn tín hiệu giao thông tại ngã tư không hoạt động.",
        ["TTDT"] = "Hàng quán lấn chiếm vỉa hè.",
        ["MT"] = "Rác thải tồn đọng chưa được thu gom.",
        ["HTDT"] = "Mặt đường sụt lún, có ổ gà lớn.",
        ["DDXD"] = "Công trình xây dựng không che chắn, gây bụi.",
        ["ATTP"] = "Cơ sở kinh doanh thực phẩm không đảm bảo vệ sinh.",
        ["KHAC"] = "Cây xanh có nguy cơ gãy đổ.",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Registered only in demo mode; checked again, since invented cases must never reach a real database.
        if (!demo.RunsLiveFeed)
        {
            logger.LogWarning("The demo live feed was started with demo mode or its feed off; it does nothing.");
            return;
        }

        var random = new Random();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(4 + random.Next(12)), stoppingToken);
                if (random.NextDouble() < 0.45)
                {
                    await ReceiveAsync(random, stoppingToken);
                }
                else
                {
                    await AdvanceAsync(random, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or DbUpdateException or HotlineIoc.Domain.DomainException or CaseValidationException or KeyNotFoundException)
            {
                logger.LogWarning(e, "The demo live feed skipped a step.");
            }
        }
    }

    private async Task ReceiveAsync(Random random, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only the units in force today, as every way in demands; an IOC report carries a location inside its unit.
        var units = (await ReferenceData.LoadAsync(db, cancellationToken)).Timeline.InForceOn(VietnamTime.LocalDate(clock.GetUtcNow().UtcDateTime));
        var unit = units[random.Next(units.Count)].Code;
        var field = Reports.Keys.ElementAt(random.Next(Reports.Count));
        var channel = random.NextDouble() switch { < 0.5 => "hotline", < 0.85 => "zalo", _ => "ioc" };
        var location = channel == "ioc" || random.NextDouble() < 0.3 ? boundaries.RandomPointIn(unit, random) : null;
        await intake.ReceiveAsync(
            new CaseSubmission(channel, field, unit, $"Số {random.Next(1, 300)} {Streets[random.Next(Streets.Length)]}",
                Reports[field], "Người dân (demo)", "09" + random.Next(10_000_000, 99_999_999), null, location?.Latitude, location?.Longitude),
            "demo:feed", cancellationToken);
    }

    private async Task AdvanceAsync(Random random, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Received || c.Status == CaseStatus.Forwarded || c.Status == CaseStatus.InProgress || c.Status == CaseStatus.Resolved)
            .OrderByDescending(c => c.ReceivedAt)
            .Select(c => new { c.Code, c.Status, c.FieldCode })
            .Take(60)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return;
        }

        var pick = open[random.Next(open.Count)];
        var reference = await ReferenceData.LoadAsync(db, cancellationToken);
        var agency = reference.Fields[pick.FieldCode].DefaultAgencyCode;
        await handling.ApplyAsync(pick.Code, (item, now) =>
        {
            switch (item.Status)
            {
                case CaseStatus.Received:
                    item.Forward(agency, item.FieldCode, now, "demo:feed");
                    break;
                case CaseStatus.Forwarded:
                    item.StartWork(now, "agency:" + item.AgencyCode);
                    break;
                case CaseStatus.InProgress:
                    item.ReportResult("Đơn vị đã kiểm tra và xử lý xong.", null, now, "agency:" + item.AgencyCode);
                    break;
                case CaseStatus.Resolved:
                    item.Close("Đã gọi điện thông báo kết quả.", now, "demo:feed");
                    break;
            }
        }, cancellationToken);
    }
}
