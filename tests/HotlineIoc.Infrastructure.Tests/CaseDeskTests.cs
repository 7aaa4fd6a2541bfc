using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The whole handling of a case through the service the pages use, on a real SQLite file.</summary>
public sealed class CaseDeskTests : IAsyncDisposable
{
    private static readonly ClaimsPrincipal Operator = Person("dieuhanh", HotlineRoles.Operator);
    private static readonly ClaimsPrincipal Secretary = Person("thuky", HotlineRoles.Secretary);
    private static readonly ClaimsPrincipal Leader = Person("lanhdao", HotlineRoles.Leader);
    private static readonly ClaimsPrincipal EnvironmentHead = Person("truong.tnmt", HotlineRoles.DepartmentHead, "TNMT");
    private static readonly ClaimsPrincipal PoliceHead = Person("truong.ca", HotlineRoles.DepartmentHead, "CA");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero)); // Mon 3 Mar 2025, 09:00 local
    private readonly List<CaseChanged> _published = [];
    private TestDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Person(string name, string role, string? agency = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        if (agency is not null)
        {
            claims.Add(new Claim(HotlineRoles.AgencyClaim, agency));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static CaseSubmission Call(string description = "Rác tồn đọng ở hẻm 12 Y Wang mấy ngày chưa thu gom", string name = "Lê Thị Mai", string phone = "0912 345 678") =>
        new("hotline", "MT", "ea-tam", "Hẻm 12 Y Wang", description, name, phone, null);

    private async Task<(CaseIntake Intake, CaseDesk Desk, DuplicateFinder Finder, TestDatabase Database)> StartAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        bus.Subscribe(c =>
        {
            _published.Add(c);
            return ValueTask.CompletedTask;
        });
        var handling = new CaseHandling(_database.Contexts, _clock, bus);
        return (new CaseIntake(_database.Contexts, _clock, bus), new CaseDesk(_database.Contexts, handling, bus, _clock), new DuplicateFinder(_database.Contexts, _clock), _database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private void Later(double hours) => _clock.Advance(TimeSpan.FromHours(hours));

    [Fact]
    public async Task A_call_goes_from_intake_to_closed_with_every_step_recorded_and_published()
    {
        var (intake, desk, _, _) = await StartAsync();
        var item = await intake.ReceiveAsync(Call(), Operator.Identity!.Name!, Ct);
        // Mon 3 Mar 2025 09:00 by phone: three working days, due Thu 6 Mar 23:59:59 local.
        Assert.Equal(new DateTime(2025, 3, 6, 16, 59, 59, DateTimeKind.Utc), item.DueAt);

        Later(1);
        await desk.ForwardAsync(Operator, item.Code, "TNMT", "MT", null, Ct);
        Later(1);
        await desk.StartWorkAsync(EnvironmentHead, item.Code, Ct);
        Later(1);
        await desk.AddProgressNoteAsync(EnvironmentHead, item.Code, "Đã cử đội thu gom", Ct);
        Later(1);
        await desk.ReportResultAsync(EnvironmentHead, item.Code,
            new ResultReport("Đã thu gom, xử phạt hộ đổ trộm", new Enforcement(EnforcementKind.Sanction, 2_500_000, "45/QĐ-XPHC"), ["https://files.example.vn/bien-ban-45.pdf"]), Ct);
        Later(1);
        var closed = await desk.RecordCitizenResponseAsync(Operator, item.Code, CitizenContact.CallBack, _clock.GetUtcNow().UtcDateTime.AddMinutes(-10), true, null, Ct);

        Assert.Equal(CaseStatus.Closed, closed.Status);
        var stored = await desk.FindAsync(Secretary, item.Code, Ct);
        Assert.NotNull(stored);
        Assert.Equal(
            [CaseEventKind.Received, CaseEventKind.Forwarded, CaseEventKind.WorkStarted, CaseEventKind.NoteAdded, CaseEventKind.ResultReported, CaseEventKind.Closed],
            stored.History.OrderBy(e => e.At).Select(e => e.Kind));
        Assert.Equal(["dieuhanh", "dieuhanh", "truong.tnmt", "truong.tnmt", "truong.tnmt", "dieuhanh"], stored.History.OrderBy(e => e.At).Select(e => e.Actor));
        Assert.Equal((2_500_000L, "45/QĐ-XPHC"), (stored.FineVnd!.Value, stored.SanctionDecisionNumber!));
        Assert.Equal("https://files.example.vn/bien-ban-45.pdf", Assert.Single(stored.Attachments).Url);
        Assert.Equal((CitizenContact.CallBack, true), (stored.CitizenContact!.Value, stored.CitizenSatisfied!.Value));
        Assert.Equal([CaseStatus.Received, CaseStatus.Forwarded, CaseStatus.InProgress, CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Closed],
            _published.Select(p => p.After.Status));
    }

    [Fact]
    public async Task Steps_outside_a_role_or_agency_are_refused_and_write_nothing()
    {
        var (intake, desk, _, database) = await StartAsync();
        var item = await intake.ReceiveAsync(Call(), "dieuhanh", Ct);

        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.ForwardAsync(Leader, item.Code, "TNMT", "MT", null, Ct));
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.ForwardAsync(EnvironmentHead, item.Code, "TNMT", "MT", null, Ct));
        await desk.ForwardAsync(Operator, item.Code, "TNMT", "MT", null, Ct);

        var wrongAgency = await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.StartWorkAsync(PoliceHead, item.Code, Ct));
        Assert.Contains("held by TNMT, not by CA", wrongAgency.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.ReportResultAsync(Operator, item.Code, new ResultReport("Xong", null, []), Ct));
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.SendReminderAsync(EnvironmentHead, item.Code, null, Ct));
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.SendReminderAsync(Operator, item.Code, null, Ct));
        await desk.RequestExtensionAsync(EnvironmentHead, item.Code, 2, "Chờ phối hợp", Ct);
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.ApproveExtensionAsync(Leader, item.Code, Ct));
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.ApproveExtensionAsync(EnvironmentHead, item.Code, Ct));

        await using var db = database.Open();
        var stored = await db.Cases.Include(c => c.History).SingleAsync(Ct);
        Assert.Equal([CaseEventKind.Received, CaseEventKind.Forwarded, CaseEventKind.ExtensionRequested], stored.History.OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.Null(await desk.FindAsync(PoliceHead, item.Code, Ct));
        Assert.NotNull(await desk.FindAsync(EnvironmentHead, item.Code, Ct));
    }

    [Fact]
    public async Task An_approved_extension_counts_working_days_from_the_due_day()
    {
        var (intake, desk, _, _) = await StartAsync();
        var item = await intake.ReceiveAsync(Call(), "dieuhanh", Ct);
        await desk.ForwardAsync(Operator, item.Code, "TNMT", "MT", null, Ct);

        await desk.RequestExtensionAsync(EnvironmentHead, item.Code, 2, "Chờ ý kiến Sở", Ct);
        var waiting = new TriageList(_database!.Contexts);
        var request = Assert.Single(await waiting.GetExtensionRequestsAsync(Ct));
        Assert.Equal((item.Code, "TNMT", "Chờ ý kiến Sở"), (request.Code, request.AgencyCode!, request.Reason));
        var extended = await desk.ApproveExtensionAsync(Secretary, item.Code, Ct);
        Assert.Empty(await waiting.GetExtensionRequestsAsync(Ct));

        // Due Thu 6 Mar; two more working days: Fri 7 and Mon 10 Mar.
        Assert.Equal(new DateTime(2025, 3, 10, 16, 59, 59, DateTimeKind.Utc), extended.DueAt);
        await Assert.ThrowsAsync<DomainException>(() => desk.RequestExtensionAsync(EnvironmentHead, item.Code, 0, "Không", Ct));
    }

    [Fact]
    public async Task A_returned_case_goes_back_to_triage_with_its_clock_running()
    {
        var (intake, desk, _, _) = await StartAsync();
        var item = await intake.ReceiveAsync(Call(), "dieuhanh", Ct);
        await desk.ForwardAsync(Operator, item.Code, "CA", "MT", null, Ct);

        var returned = await desk.ReturnAsync(PoliceHead, item.Code, "Không thuộc thẩm quyền", Ct);

        Assert.Equal((CaseStatus.Returned, (string?)null, item.DueAt), (returned.Status, returned.AgencyCode, returned.DueAt));
        var forwarded = await desk.ForwardAsync(Operator, item.Code, "TNMT", "MT", "tan-an", Ct);
        Assert.Equal(("TNMT", "tan-an"), (forwarded.AgencyCode!, forwarded.UnitCode));
        await Assert.ThrowsAsync<DomainException>(() => desk.ForwardAsync(Operator, item.Code, "NOPE", "MT", null, Ct));
    }

    [Fact]
    public async Task Possible_duplicates_are_similar_open_cases_in_the_same_unit_and_field_from_the_last_14_days()
    {
        var (intake, desk, finder, _) = await StartAsync();
        var old = await intake.ReceiveAsync(Call("Rác tồn đọng hẻm 12 Y Wang chưa thu gom"), "dieuhanh", Ct);
        Later(24 * 15);
        var recent = await intake.ReceiveAsync(Call(), "dieuhanh", Ct);
        var other = await intake.ReceiveAsync(Call("Cây xanh đổ chắn ngang đường Y Wang"), "dieuhanh", Ct);
        var closed = await intake.ReceiveAsync(Call("Rác tồn đọng ở hẻm 12 Y Wang chưa được thu gom"), "dieuhanh", Ct);
        await desk.RejectAsync(Operator, closed.Code, "Trùng cuộc gọi thử", Ct);

        var found = await finder.FindAsync("ea-tam", "MT", "Hẻm 12 Y Wang rác tồn đọng chưa thu gom", null, Ct);

        Assert.Equal([recent.Code], found.Select(f => f.Code));
        Assert.DoesNotContain(old.Code, found.Select(f => f.Code));
        Assert.DoesNotContain(other.Code, found.Select(f => f.Code));
        Assert.Empty(await finder.FindAsync("tan-an", "MT", "Hẻm 12 Y Wang rác tồn đọng chưa thu gom", null, Ct));
        Assert.Empty(await finder.FindAsync("ea-tam", "GT", "Hẻm 12 Y Wang rác tồn đọng chưa thu gom", null, Ct));
    }

    [Fact]
    public async Task A_repeat_call_links_the_caller_to_the_open_case_and_makes_no_new_case()
    {
        var (intake, _, _, database) = await StartAsync();
        var first = await intake.ReceiveAsync(Call(), "dieuhanh", Ct);

        var linked = await intake.LinkToExistingAsync(Call(name: "Phạm Văn Hải", phone: "0987 111 222"), first.Code, "dieuhanh", Ct);

        Assert.Equal(first.Code, linked.Code);
        await using var db = database.Open();
        Assert.Equal(1, await db.Cases.CountAsync(Ct));
        var reporter = await db.LinkedReporters.SingleAsync(Ct);
        Assert.Equal(("Phạm Văn Hải", "0987 111 222"), (reporter.Name!, reporter.Phone!));
        Assert.Equal(db.Protection!.PhoneKey("0987111222"), reporter.PhoneKey);
        var ex = await Assert.ThrowsAsync<CaseValidationException>(() => intake.LinkToExistingAsync(Call(), "BMT-2025-999999", "dieuhanh", Ct));
        Assert.Equal(["duplicateOf"], ex.Errors.Keys);
    }

    [Fact]
    public async Task Merging_in_triage_marks_the_copy_and_links_its_reporter_in_one_step()
    {
        var (intake, desk, _, database) = await StartAsync();
        var original = await intake.ReceiveAsync(Call(), "dieuhanh", Ct);
        var copy = await intake.ReceiveAsync(Call(name: "Võ Thị Hạnh", phone: "0905 000 111"), "zalo-bot", Ct);

        await desk.MergeAsync(Operator, copy.Code, original.Code.ToLowerInvariant(), Ct);

        await using var db = database.Open();
        var stored = await db.Cases.Include(c => c.LinkedReporters).OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal((CaseStatus.Duplicate, original.Code), (stored[1].Status, stored[1].DuplicateOfCode));
        Assert.Equal("Võ Thị Hạnh", Assert.Single(stored[0].LinkedReporters).Name);
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => desk.MergeAsync(Leader, original.Code, copy.Code, Ct));
    }

    [Fact]
    public async Task Reporter_data_is_masked_for_people_without_the_right_and_each_clear_view_is_logged()
    {
        var (intake, _, _, database) = await StartAsync();
        var item = await intake.ReceiveAsync(Call(name: "Nguyễn Văn Tâm", phone: "0912345647"), "dieuhanh", Ct);
        var disclosure = new ReporterDisclosure(database.Contexts, _clock);

        var forLeader = await disclosure.DiscloseAsync(Leader, item.Code, item.Reporter, "case-detail", Ct);
        var forHead = await disclosure.DiscloseAsync(EnvironmentHead, item.Code, item.Reporter, "case-detail", Ct);
        var forSecretary = await disclosure.DiscloseAsync(Secretary, item.Code, item.Reporter, "case-detail", Ct);

        Assert.Equal(("Ng*** V** T***", "09******47"), (forLeader.Name!, forLeader.Phone!));
        Assert.Equal(forLeader, forHead);
        Assert.Equal(("Nguyễn Văn Tâm", "0912345647"), (forSecretary.Name!, forSecretary.Phone!));
        await using var db = database.Open();
        var log = await db.ReporterAccessLog.SingleAsync(Ct);
        Assert.Equal(("thuky", item.Code, "case-detail"), (log.UserName, log.CaseCode, log.Purpose));
    }
}

/// <summary>Two people acting on one case at the same moment: the second save fails whole, the first stands.</summary>
public sealed class CaseConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_step_checked_against_a_status_that_changed_meanwhile_is_not_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero));
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        var intake = new CaseIntake(database.Contexts, clock, bus);
        var handling = new CaseHandling(database.Contexts, clock, bus);
        var item = await intake.ReceiveAsync(new CaseSubmission("hotline", "MT", "ea-tam", null, "Rác tồn đọng", "Lê Thị Mai", "0912345678", null), "op1", Ct);
        clock.Advance(TimeSpan.FromMinutes(5));

        // Operator 1 has the case open as 'received' and forwards it; operator 2 rejects it just before the save.
        var error = await Assert.ThrowsAsync<CaseChangedMeanwhileException>(() => handling.ApplyAsync(item.Code, (c, now) =>
        {
            handling.ApplyAsync(item.Code, (other, at) => other.Reject("Tin nhắn rác", at.AddSeconds(-1), "op2"), Ct).GetAwaiter().GetResult();
            c.Forward("TNMT", "MT", now, "op1");
        }, Ct));

        Assert.Equal(item.Code, error.CaseCode);
        await using var db = database.Open();
        var stored = await db.Cases.Include(c => c.History).SingleAsync(Ct);
        Assert.Equal((CaseStatus.Rejected, (string?)null), (stored.Status, stored.AgencyCode));
        Assert.Equal([CaseEventKind.Received, CaseEventKind.Rejected], stored.History.OrderBy(e => e.Id).Select(e => e.Kind));
    }
}
