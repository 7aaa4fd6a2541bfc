using HotlineIoc.Domain.Cases;
using static HotlineIoc.Domain.Tests.Instants;

namespace HotlineIoc.Domain.Tests;

/// <summary>The steps of issue 4 on top of the status machine: extensions, reminders, the citizen response and merging.</summary>
public sealed class CaseHandlingTests
{
    private const string Head = "truong.ubnd-tan-loi";
    private const string Secretary = "thuky";

    [Fact]
    public void An_approved_extension_moves_the_due_instant_and_records_request_and_decision()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        var asked = Utc("2024-06-12T16:59:59Z");

        item.RequestExtension(asked, "Chờ ý kiến Sở Xây dựng", TestCases.Next(item), Head);
        Assert.Equal(TestCases.DueAt, item.DueAt);
        Assert.Equal(asked, item.ExtensionRequestedDueAt);

        item.ApproveExtension(TestCases.Next(item), Secretary);

        Assert.Equal(asked, item.DueAt);
        Assert.Null(item.ExtensionRequestedDueAt);
        Assert.Null(item.ExtensionRequestReason);
        Assert.Equal([CaseEventKind.ExtensionRequested, CaseEventKind.DeadlineExtended], item.History.TakeLast(2).Select(e => e.Kind));
        Assert.Equal([Head, Secretary], item.History.TakeLast(2).Select(e => e.Actor));
        Assert.Contains("Chờ ý kiến Sở Xây dựng", item.History[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_extension_keeps_the_due_instant_and_records_the_reason()
    {
        var item = TestCases.In(CaseStatus.Forwarded);
        item.RequestExtension(Utc("2024-06-12T16:59:59Z"), "Cần thêm thời gian", TestCases.Next(item), Head);

        item.RefuseExtension("Vụ việc đơn giản", TestCases.Next(item), Secretary);

        Assert.Equal(TestCases.DueAt, item.DueAt);
        Assert.Null(item.ExtensionRequestedDueAt);
        Assert.Equal((CaseEventKind.ExtensionRefused, "Vụ việc đơn giản"), (item.History[^1].Kind, item.History[^1].Note));
    }

    [Fact]
    public void A_second_request_while_one_waits_is_refused()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        item.RequestExtension(Utc("2024-06-12T16:59:59Z"), "Lý do", TestCases.Next(item), Head);

        var error = Assert.Throws<DomainException>(() => item.RequestExtension(Utc("2024-06-14T16:59:59Z"), "Lý do khác", TestCases.Next(item), Head));
        Assert.Contains("already has an extension request", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CaseStatus.Received)]
    [InlineData(CaseStatus.Returned)]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Duplicate)]
    public void Only_the_agency_holding_a_case_may_ask_for_an_extension(CaseStatus status)
    {
        var item = TestCases.In(status);
        var events = item.History.Count;

        Assert.Throws<DomainException>(() => item.RequestExtension(Utc("2024-06-12T16:59:59Z"), "Lý do", TestCases.Next(item), Head));
        Assert.Equal(events, item.History.Count);
    }

    [Fact]
    public void An_extension_request_needs_a_reason_and_a_later_deadline()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        Assert.Throws<DomainException>(() => item.RequestExtension(Utc("2024-06-12T16:59:59Z"), " ", TestCases.Next(item), Head));
        Assert.Throws<DomainException>(() => item.RequestExtension(TestCases.DueAt, "Lý do", TestCases.Next(item), Head));
        Assert.Null(item.ExtensionRequestedDueAt);
    }

    [Fact]
    public void Nothing_to_approve_or_refuse_without_a_request()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        Assert.Throws<DomainException>(() => item.ApproveExtension(TestCases.Next(item), Secretary));
        Assert.Throws<DomainException>(() => item.RefuseExtension("Không", TestCases.Next(item), Secretary));
    }

    [Fact]
    public void A_result_or_a_return_drops_a_waiting_extension_request()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        item.RequestExtension(Utc("2024-06-12T16:59:59Z"), "Lý do", TestCases.Next(item), Head);
        item.Return("Không thuộc thẩm quyền", TestCases.Next(item), Head);
        Assert.Null(item.ExtensionRequestedDueAt);
    }

    [Fact]
    public void A_reminder_waits_until_the_agency_acts()
    {
        var item = TestCases.In(CaseStatus.Forwarded);
        var sent = TestCases.Next(item);

        item.SendReminder("Đề nghị xử lý ngay", sent, "lanhdao");
        item.SendReminder(null, TestCases.Next(item), "thuky");

        Assert.Equal(sent, item.ReminderPendingSince);
        Assert.Equal(2, item.RemindersSent);
        Assert.Equal(CaseEventKind.ReminderSent, item.History[^1].Kind);
        Assert.Contains(TestCases.Agency, item.History[^2].Note, StringComparison.Ordinal);

        item.AddNote("Ghi chú của điều hành viên", TestCases.Next(item), TestCases.Operator);
        Assert.NotNull(item.ReminderPendingSince);

        item.AddProgressNote("Đã cử cán bộ xuống hiện trường", TestCases.Next(item), Head);
        Assert.Null(item.ReminderPendingSince);
        Assert.Equal(2, item.RemindersSent);
    }

    [Theory]
    [InlineData(CaseStatus.Received)]
    [InlineData(CaseStatus.Returned)]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Rejected)]
    public void A_reminder_goes_only_to_an_agency_holding_an_open_case(CaseStatus status)
    {
        var item = TestCases.In(status);
        Assert.Throws<DomainException>(() => item.SendReminder(null, TestCases.Next(item), "lanhdao"));
        Assert.Null(item.ReminderPendingSince);
    }

    [Fact]
    public void Starting_work_or_reporting_a_result_answers_a_reminder()
    {
        var item = TestCases.In(CaseStatus.Forwarded);
        item.SendReminder(null, TestCases.Next(item), "lanhdao");
        item.StartWork(TestCases.Next(item), Head);
        Assert.Null(item.ReminderPendingSince);

        item.SendReminder(null, TestCases.Next(item), "lanhdao");
        item.ReportResult("Đã xử lý", null, TestCases.Next(item), Head);
        Assert.Null(item.ReminderPendingSince);
    }

    [Fact]
    public void The_citizen_response_closes_the_case_with_contact_time_and_satisfaction()
    {
        var item = TestCases.In(CaseStatus.Resolved);
        var informed = TestCases.Next(item);
        var now = informed.AddMinutes(30);

        item.RecordCitizenResponse(CitizenContact.Zalo, informed, satisfied: true, "Công dân cảm ơn", now, TestCases.Operator);

        Assert.Equal(CaseStatus.Closed, item.Status);
        Assert.Equal((CitizenContact.Zalo, informed, true, informed), (item.CitizenContact!.Value, item.CitizenInformedAt!.Value, item.CitizenSatisfied!.Value, item.ClosedAt!.Value));
        Assert.Equal((CaseEventKind.Closed, now), (item.History[^1].Kind, item.History[^1].At));
        Assert.Contains("zalo", item.History[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_citizen_cannot_be_told_before_the_result_or_in_the_future()
    {
        var item = TestCases.In(CaseStatus.Resolved);
        var now = TestCases.Next(item);
        Assert.Throws<DomainException>(() => item.RecordCitizenResponse(CitizenContact.CallBack, item.ResolvedAt!.Value.AddMinutes(-1), true, null, now, TestCases.Operator));
        Assert.Throws<DomainException>(() => item.RecordCitizenResponse(CitizenContact.CallBack, now.AddMinutes(1), true, null, now, TestCases.Operator));
        Assert.Equal(CaseStatus.Resolved, item.Status);
    }

    [Theory]
    [InlineData(CaseStatus.Received)]
    [InlineData(CaseStatus.Forwarded)]
    [InlineData(CaseStatus.InProgress)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Rejected)]
    public void Only_a_resolved_case_takes_the_citizen_response(CaseStatus status)
    {
        var item = TestCases.In(status);
        var now = TestCases.Next(item);
        Assert.Throws<InvalidCaseTransitionException>(() => item.RecordCitizenResponse(CitizenContact.CallBack, now, true, null, now, TestCases.Operator));
        Assert.Null(item.CitizenSatisfied);
    }

    [Fact]
    public void A_dissatisfied_citizen_reopens_once_and_the_response_is_cleared()
    {
        var item = TestCases.In(CaseStatus.Resolved);
        var now = TestCases.Next(item);
        item.RecordCitizenResponse(CitizenContact.CallBack, now, satisfied: false, null, now, TestCases.Operator);

        item.Reopen("Công dân chưa hài lòng", TestCases.Next(item), TestCases.Operator);

        Assert.Equal((CaseStatus.InProgress, 1), (item.Status, item.ReopenCount));
        Assert.Null(item.CitizenSatisfied);
        Assert.Null(item.CitizenContact);
        Assert.Null(item.CitizenInformedAt);
    }

    [Fact]
    public void A_satisfied_citizen_cannot_reopen()
    {
        var item = TestCases.In(CaseStatus.Resolved);
        var now = TestCases.Next(item);
        item.RecordCitizenResponse(CitizenContact.CallBack, now, satisfied: true, null, now, TestCases.Operator);

        var error = Assert.Throws<DomainException>(() => item.Reopen("Muốn mở lại", TestCases.Next(item), TestCases.Operator));
        Assert.Contains("satisfied", error.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Closed, item.Status);
    }

    [Fact]
    public void A_duplicate_report_links_its_reporter_without_naming_them_in_the_history()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        var other = new Reporter("Trần Thị Bích", "0987654321", null);

        item.LinkReporter(other, TestCases.Next(item), TestCases.Operator, fromCaseCode: "BMT-2024-000009");

        var linked = Assert.Single(item.LinkedReporters);
        Assert.Equal(other, linked.Reporter);
        Assert.Equal(CaseEventKind.ReporterLinked, item.History[^1].Kind);
        Assert.Equal(CaseStatus.InProgress, item.Status);
        Assert.DoesNotContain("Trần", item.History[^1].Note, StringComparison.Ordinal);
        Assert.DoesNotContain("0987654321", item.History[^1].Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Duplicate)]
    public void A_reporter_is_not_linked_to_a_rejected_or_merged_case(CaseStatus status)
    {
        var item = TestCases.In(status);
        Assert.Throws<DomainException>(() => item.LinkReporter(new Reporter("A", null, null), TestCases.Next(item), TestCases.Operator));
        Assert.Empty(item.LinkedReporters);
    }

    [Fact]
    public void Merging_a_triaged_report_marks_it_duplicate_and_links_its_reporter_to_the_original()
    {
        var original = TestCases.In(CaseStatus.Forwarded);
        var copy = Case.Receive(TestCases.New("BMT-2024-000002") with { Reporter = new Reporter("Lê Văn Cường", "0901112233", null) },
            TestCases.Hotline(), Calendar.WorkingCalendar.WeekdaysOnly, TestCases.Operator);
        var at = TestCases.Next(original) > TestCases.Next(copy) ? TestCases.Next(original) : TestCases.Next(copy);

        CaseMerge.Merge(copy, original, at, TestCases.Operator);

        Assert.Equal((CaseStatus.Duplicate, original.Code), (copy.Status, copy.DuplicateOfCode));
        Assert.Equal(copy.Reporter, Assert.Single(original.LinkedReporters).Reporter);
    }

    [Fact]
    public void Merging_a_report_with_an_email_keeps_the_email_on_the_linked_reporter()
    {
        var original = TestCases.In(CaseStatus.Forwarded);
        var reporter = new Reporter("Trần Thị Hoa", null, null, "hoa.tran@example.vn");
        var copy = Case.Receive(TestCases.New("BMT-2024-000003") with { Reporter = reporter },
            TestCases.Hotline(), Calendar.WorkingCalendar.WeekdaysOnly, TestCases.Operator);
        var at = TestCases.Next(original) > TestCases.Next(copy) ? TestCases.Next(original) : TestCases.Next(copy);

        CaseMerge.Merge(copy, original, at, TestCases.Operator);

        Assert.Equal(("hoa.tran@example.vn", reporter), (copy.ReporterEmail, Assert.Single(original.LinkedReporters).Reporter));
    }

    [Fact]
    public void A_case_is_not_merged_into_a_closed_off_case()
    {
        var original = TestCases.In(CaseStatus.Rejected);
        var copy = Case.Receive(TestCases.New("BMT-2024-000002"), TestCases.Hotline(), Calendar.WorkingCalendar.WeekdaysOnly, TestCases.Operator);
        var at = TestCases.Next(original).AddDays(1);

        Assert.Throws<DomainException>(() => CaseMerge.Merge(copy, original, at, TestCases.Operator));
        Assert.Equal(CaseStatus.Received, copy.Status);
    }

    [Fact]
    public void The_phone_blind_index_covers_the_reporter_and_linked_reporters()
    {
        var item = TestCases.In(CaseStatus.Forwarded);
        item.LinkReporter(new Reporter(null, "+84 987 654 321", null), TestCases.Next(item), TestCases.Operator);

        item.IndexReporterPhone(p => "key:" + Reporters.NormalizePhone(p));

        Assert.Equal("key:0912345678", item.ReporterPhoneKey);
        Assert.Equal("key:0987654321", item.LinkedReporters[0].PhoneKey);
    }
}

public sealed class ForwardCorrectionTests
{
    [Fact]
    public void Triage_may_correct_field_and_unit_when_forwarding_and_the_event_says_so()
    {
        var item = TestCases.Received();

        item.Forward("ubnd-tan-an", "MT", TestCases.Next(item), TestCases.Operator, unitCode: "tan-an");

        Assert.Equal(("ubnd-tan-an", "MT", "tan-an"), (item.AgencyCode, item.FieldCode, item.UnitCode));
        Assert.Equal("ubnd-tan-an · field urban-order → MT · unit tan-loi → tan-an", item.History[^1].Note);
    }
}
