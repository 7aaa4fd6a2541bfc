using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using static HotlineIoc.Domain.Tests.Instants;

namespace HotlineIoc.Domain.Tests;

public class CaseTests
{
    private static readonly DateTime T1 = Utc("2024-06-04T11:00:00+07:00");
    private static readonly DateTime T2 = Utc("2024-06-05T09:00:00+07:00");
    private static readonly DateTime T3 = Utc("2024-06-06T15:00:00+07:00");
    private static readonly DateTime T4 = Utc("2024-06-07T08:00:00+07:00");

    [Fact]
    public void Received_case_is_due_by_the_channel_deadline_and_records_who_logged_it()
    {
        var item = Case.Receive(TestCases.New(), TestCases.Hotline(), SeedCalendar.Calendar, "operator.lan");

        Assert.Equal(CaseStatus.Received, item.Status);
        Assert.Equal(TestCases.ReceivedAt, item.ReceivedAt);
        Assert.Equal(Utc("2024-06-07T16:59:59Z"), item.DueAt);
        Assert.Equal("12 Lê Duẩn", item.Address);
        Assert.Equal("Đèn đường hỏng trước số 12 Lê Duẩn.", item.Description);
        var received = Assert.Single(item.History);
        Assert.Equal((CaseEventKind.Received, "operator.lan", null, CaseStatus.Received, TestCases.ReceivedAt),
            (received.Kind, received.Actor, received.FromStatus, received.ToStatus, received.At));
    }

    [Fact]
    public void Received_case_on_the_eve_of_Tet_is_due_after_Tet()
    {
        var item = Case.Receive(TestCases.New(receivedAt: Utc("2024-02-07T10:00:00+07:00")), TestCases.Hotline(), SeedCalendar.Calendar, "operator.lan");

        Assert.Equal(Utc("2024-02-19T16:59:59Z"), item.DueAt);
    }

    [Fact]
    public void A_case_whose_channel_differs_from_the_given_channel_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Case.Receive(TestCases.New() with { ChannelCode = "zalo" }, TestCases.Hotline(), WorkingCalendar.WeekdaysOnly, "operator.lan"));

        Assert.Contains("zalo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_without_an_actor_is_refused() =>
        Assert.Throws<DomainException>(() => Case.Receive(TestCases.New(), TestCases.Hotline(), WorkingCalendar.WeekdaysOnly, "  "));

    [Fact]
    public void History_records_each_step_with_its_actor_instant_and_statuses()
    {
        var item = TestCases.Received();

        item.Forward("ubnd-tan-loi", "urban-order", T1, "operator.lan");
        item.StartWork(T2, "can-bo.tan-loi");
        item.ReportResult("Đã thay bóng đèn.", null, T3, "can-bo.tan-loi");
        item.Close("Đã gọi lại công dân.", T4, "operator.hoa");

        var steps = item.History.Select(e => (e.Kind, e.Actor, e.FromStatus, e.ToStatus, e.At)).ToList();
        Assert.Equal(
            [
                (CaseEventKind.Received, "operator.lan", null, CaseStatus.Received, TestCases.ReceivedAt),
                (CaseEventKind.Forwarded, "operator.lan", CaseStatus.Received, CaseStatus.Forwarded, T1),
                (CaseEventKind.WorkStarted, "can-bo.tan-loi", CaseStatus.Forwarded, CaseStatus.InProgress, T2),
                (CaseEventKind.ResultReported, "can-bo.tan-loi", CaseStatus.InProgress, CaseStatus.Resolved, T3),
                (CaseEventKind.Closed, "operator.hoa", CaseStatus.Resolved, CaseStatus.Closed, T4),
            ],
            steps);
        Assert.Equal("ubnd-tan-loi", item.History[1].Note);
        Assert.Equal(T4, item.UpdatedAt);
        Assert.Equal(T4, item.ClosedAt);
    }

    [Fact]
    public void Returned_case_loses_its_agency_but_keeps_its_deadline()
    {
        var item = TestCases.Received();
        item.Forward("ubnd-tan-loi", "urban-order", T1, "operator.lan");

        item.Return("Không thuộc thẩm quyền của phường", T2, "can-bo.tan-loi");

        Assert.Equal(CaseStatus.Returned, item.Status);
        Assert.Null(item.AgencyCode);
        Assert.Equal(TestCases.DueAt, item.DueAt);
        Assert.Equal("Không thuộc thẩm quyền của phường", item.History[^1].Note);

        item.Forward("phong-qldt", "urban-order", T3, "operator.lan");

        Assert.Equal("phong-qldt", item.AgencyCode);
        Assert.Equal(TestCases.DueAt, item.DueAt);
    }

    [Fact]
    public void A_return_needs_a_reason()
    {
        var item = TestCases.In(CaseStatus.Forwarded);

        Assert.Throws<DomainException>(() => item.Return(" ", TestCases.Next(item), "can-bo.tan-loi"));
        Assert.Equal(CaseStatus.Forwarded, item.Status);
    }

    [Fact]
    public void Reported_result_sets_the_resolved_instant_and_the_enforcement()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        var sanction = new Enforcement(EnforcementKind.Sanction, 2_500_000, " 123/QĐ-XPHC ");

        item.ReportResult("  Đã lập biên bản và xử phạt.  ", sanction, T3, "can-bo.tan-loi");

        Assert.Equal(CaseStatus.Resolved, item.Status);
        Assert.Equal(T3, item.ResolvedAt);
        Assert.Equal("Đã lập biên bản và xử phạt.", item.Result);
        Assert.Equal(EnforcementKind.Sanction, item.EnforcementKind);
        Assert.Equal(2_500_000, item.FineVnd);
        Assert.Equal("123/QĐ-XPHC", item.SanctionDecisionNumber);
        Assert.Equal(sanction, item.Enforcement);
    }

    [Fact]
    public void A_result_needs_a_text()
    {
        var item = TestCases.In(CaseStatus.InProgress);

        Assert.Throws<DomainException>(() => item.ReportResult("", null, T3, "can-bo.tan-loi"));
        Assert.Equal(CaseStatus.InProgress, item.Status);
        Assert.Null(item.ResolvedAt);
    }

    [Theory]
    [InlineData(EnforcementKind.Reminder)]
    [InlineData(EnforcementKind.Minutes)]
    [InlineData(EnforcementKind.Commitment)]
    [InlineData(EnforcementKind.Sanction)]
    public void Enforcement_without_a_fine_is_accepted_for_every_kind(EnforcementKind kind) =>
        Assert.Null(new Enforcement(kind).FineVnd);

    [Theory]
    [InlineData(EnforcementKind.Reminder, "reminder")]
    [InlineData(EnforcementKind.Minutes, "minutes")]
    [InlineData(EnforcementKind.Commitment, "commitment")]
    public void A_fine_with_anything_but_a_sanction_is_refused(EnforcementKind kind, string wire)
    {
        var ex = Assert.Throws<DomainException>(() => new Enforcement(kind, 500_000));

        Assert.Contains("sanction", ex.Message, StringComparison.Ordinal);
        Assert.Contains(wire, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1_000L)]
    public void A_fine_that_is_not_positive_is_refused(long fine) =>
        Assert.Throws<DomainException>(() => new Enforcement(EnforcementKind.Sanction, fine));

    [Fact]
    public void A_closed_case_can_be_reopened_once_and_goes_back_to_work_without_its_old_result()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        item.ReportResult("Đã xử lý.", new Enforcement(EnforcementKind.Reminder), TestCases.Next(item), "can-bo.tan-loi");
        item.Close("Đã gọi lại.", TestCases.Next(item), "operator.lan");
        var at = TestCases.Next(item);

        item.Reopen("Công dân phản ánh đèn vẫn hỏng", at, "operator.lan");

        Assert.Equal(CaseStatus.InProgress, item.Status);
        Assert.Equal(1, item.ReopenCount);
        Assert.Null(item.ResolvedAt);
        Assert.Null(item.ClosedAt);
        Assert.Null(item.Result);
        Assert.Null(item.Enforcement);
        var reopened = item.History[^1];
        Assert.Equal((CaseEventKind.Reopened, CaseStatus.Closed, CaseStatus.InProgress, at, "Công dân phản ánh đèn vẫn hỏng"),
            (reopened.Kind, reopened.FromStatus, reopened.ToStatus, reopened.At, reopened.Note));
        // The old result stays in the history.
        Assert.Contains(item.History, e => e.Kind == CaseEventKind.ResultReported && e.Note == "Đã xử lý.");
    }

    [Fact]
    public void A_case_cannot_be_reopened_a_second_time()
    {
        var item = TestCases.In(CaseStatus.Closed);
        TestCases.MoveTo(item, CaseStatus.InProgress); // the one re-open
        TestCases.MoveTo(item, CaseStatus.Resolved);
        TestCases.MoveTo(item, CaseStatus.Closed);
        var events = item.History.Count;

        var ex = Assert.Throws<DomainException>(() => item.Reopen("Vẫn chưa hài lòng", TestCases.Next(item), "operator.lan"));

        Assert.Contains("already re-opened", ex.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Closed, item.Status);
        Assert.Equal(1, item.ReopenCount);
        Assert.Equal(events, item.History.Count);
    }

    [Fact]
    public void A_reopen_needs_a_reason()
    {
        var item = TestCases.In(CaseStatus.Closed);

        Assert.Throws<DomainException>(() => item.Reopen("", TestCases.Next(item), "operator.lan"));
        Assert.Equal(CaseStatus.Closed, item.Status);
    }

    [Fact]
    public void A_closed_case_goes_back_to_work_only_through_a_reopen()
    {
        var item = TestCases.In(CaseStatus.Closed);
        var closedAt = item.ClosedAt;

        var ex = Assert.Throws<DomainException>(() => item.StartWork(TestCases.Next(item), "can-bo.tan-loi"));

        Assert.Contains("re-open", ex.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Closed, item.Status);
        Assert.Equal(closedAt, item.ClosedAt);
        Assert.Equal(0, item.ReopenCount);
    }

    [Fact]
    public void A_case_that_was_never_closed_cannot_be_reopened()
    {
        var item = TestCases.In(CaseStatus.Forwarded);

        Assert.Throws<DomainException>(() => item.Reopen("Công dân gọi lại", TestCases.Next(item), "operator.lan"));
        Assert.Equal(CaseStatus.Forwarded, item.Status);
        Assert.Equal(0, item.ReopenCount);
    }

    [Fact]
    public void An_extension_moves_the_deadline_and_is_recorded()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        var newDue = Utc("2024-06-12T16:59:59Z");

        item.ExtendDeadline(newDue, "Chờ ý kiến Sở Xây dựng", T3, "lanh-dao.ubnd");

        Assert.Equal(newDue, item.DueAt);
        Assert.Equal(CaseStatus.InProgress, item.Status);
        var extended = item.History[^1];
        Assert.Equal((CaseEventKind.DeadlineExtended, "lanh-dao.ubnd", CaseStatus.InProgress, CaseStatus.InProgress, T3),
            (extended.Kind, extended.Actor, extended.FromStatus, extended.ToStatus, extended.At));
        Assert.Contains("Chờ ý kiến Sở Xây dựng", extended.Note, StringComparison.Ordinal);
        Assert.Contains("2024-06-07T16:59:59", extended.Note, StringComparison.Ordinal);
        Assert.Contains("2024-06-12T16:59:59", extended.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-06-06T16:59:59Z")] // earlier
    [InlineData("2024-06-07T16:59:59Z")] // the same instant
    public void An_extension_that_does_not_move_the_deadline_later_is_refused(string newDue)
    {
        var item = TestCases.In(CaseStatus.InProgress);
        var events = item.History.Count;

        Assert.Throws<DomainException>(() => item.ExtendDeadline(Utc(newDue), "Chờ ý kiến", T3, "lanh-dao.ubnd"));

        Assert.Equal(TestCases.DueAt, item.DueAt);
        Assert.Equal(events, item.History.Count);
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Duplicate)]
    public void A_case_that_is_no_longer_open_gets_no_extension(CaseStatus status)
    {
        var item = TestCases.In(status);

        Assert.Throws<DomainException>(() =>
            item.ExtendDeadline(Utc("2024-06-12T16:59:59Z"), "Chờ ý kiến", TestCases.Next(item), "lanh-dao.ubnd"));
        Assert.Equal(TestCases.DueAt, item.DueAt);
    }

    [Fact]
    public void An_extension_needs_a_reason()
    {
        var item = TestCases.In(CaseStatus.InProgress);

        Assert.Throws<DomainException>(() => item.ExtendDeadline(Utc("2024-06-12T16:59:59Z"), " ", T3, "lanh-dao.ubnd"));
        Assert.Equal(TestCases.DueAt, item.DueAt);
    }

    [Fact]
    public void A_case_is_merged_into_another_case()
    {
        var item = TestCases.Received();

        item.MarkDuplicateOf("BMT-2024-000002", T1, "operator.lan");

        Assert.Equal(CaseStatus.Duplicate, item.Status);
        Assert.Equal("BMT-2024-000002", item.DuplicateOfCode);
        Assert.Equal("BMT-2024-000002", item.History[^1].Note);
    }

    [Theory]
    [InlineData(TestCases.Code)]
    [InlineData("")]
    public void A_case_cannot_be_merged_into_itself_or_into_nothing(string original)
    {
        var item = TestCases.Received();

        Assert.Throws<DomainException>(() => item.MarkDuplicateOf(original, T1, "operator.lan"));
        Assert.Equal(CaseStatus.Received, item.Status);
        Assert.Null(item.DuplicateOfCode);
    }

    [Fact]
    public void A_rejection_needs_a_reason()
    {
        var item = TestCases.Received();

        Assert.Throws<DomainException>(() => item.Reject("", T1, "operator.lan"));
        Assert.Equal(CaseStatus.Received, item.Status);
    }

    [Fact]
    public void A_step_dated_before_the_case_was_received_is_refused_and_changes_nothing()
    {
        var item = TestCases.Received();
        var before = TestCases.ReceivedAt.AddSeconds(-1);

        var ex = Assert.Throws<DomainException>(() => item.Forward("ubnd-tan-loi", "transport", before, "operator.lan"));

        Assert.Contains("before the case was received", ex.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Received, item.Status);
        Assert.Null(item.AgencyCode);
        Assert.Equal(TestCases.Field, item.FieldCode);
        Assert.Single(item.History);
    }

    [Fact]
    public void A_result_dated_before_the_case_was_received_is_refused_and_changes_nothing()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        var events = item.History.Count;

        Assert.Throws<DomainException>(() => item.ReportResult("Đã xử lý.", null, TestCases.ReceivedAt.AddHours(-1), "can-bo.tan-loi"));

        Assert.Equal(CaseStatus.InProgress, item.Status);
        Assert.Null(item.ResolvedAt);
        Assert.Equal(events, item.History.Count);
    }

    [Fact]
    public void An_extension_or_note_dated_before_the_case_was_received_is_refused_and_changes_nothing()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        var events = item.History.Count;
        var before = TestCases.ReceivedAt.AddMinutes(-5);

        Assert.Throws<DomainException>(() => item.ExtendDeadline(Utc("2024-06-12T16:59:59Z"), "Chờ ý kiến", before, "lanh-dao.ubnd"));
        Assert.Throws<DomainException>(() => item.AddNote("Đã liên hệ", before, "operator.lan"));

        Assert.Equal(TestCases.DueAt, item.DueAt);
        Assert.Equal(events, item.History.Count);
    }

    [Fact]
    public void A_step_without_an_actor_is_refused_and_changes_nothing()
    {
        var item = TestCases.Received();

        Assert.Throws<DomainException>(() => item.Forward("ubnd-tan-loi", "urban-order", T1, " "));

        Assert.Equal(CaseStatus.Received, item.Status);
        Assert.Null(item.AgencyCode);
        Assert.Single(item.History);
    }

    [Fact]
    public void A_refused_forward_leaves_the_agency_and_field_as_they_were()
    {
        var item = TestCases.In(CaseStatus.InProgress);

        Assert.Throws<InvalidCaseTransitionException>(() => item.Forward("phong-qldt", "transport", TestCases.Next(item), "operator.lan"));

        Assert.Equal(TestCases.Agency, item.AgencyCode);
        Assert.Equal(TestCases.Field, item.FieldCode);
    }

    [Fact]
    public void A_case_cannot_be_closed_before_its_result_was_reported()
    {
        var item = TestCases.In(CaseStatus.Resolved);
        var resolvedAt = item.ResolvedAt!.Value;

        Assert.Throws<DomainException>(() => item.Close("Đã gọi lại.", resolvedAt.AddMinutes(-1), "operator.lan"));

        Assert.Equal(CaseStatus.Resolved, item.Status);
        Assert.Null(item.ClosedAt);
    }

    [Fact]
    public void A_note_is_recorded_without_changing_the_status()
    {
        var item = TestCases.In(CaseStatus.Forwarded);

        item.AddNote("Đã nhắc cán bộ phường.", TestCases.Next(item), "operator.lan");

        var note = item.History[^1];
        Assert.Equal((CaseEventKind.NoteAdded, CaseStatus.Forwarded, CaseStatus.Forwarded, "Đã nhắc cán bộ phường."),
            (note.Kind, note.FromStatus, note.ToStatus, note.Note));
        Assert.Equal(CaseStatus.Forwarded, item.Status);
    }

    [Theory]
    [InlineData(CaseStatus.Received)]
    [InlineData(CaseStatus.Forwarded)]
    [InlineData(CaseStatus.InProgress)]
    [InlineData(CaseStatus.Returned)]
    public void An_open_case_becomes_overdue_just_after_its_due_instant(CaseStatus status)
    {
        var item = TestCases.In(status);

        Assert.False(item.IsOverdueAt(TestCases.DueAt));
        Assert.True(item.IsOverdueAt(TestCases.DueAt.AddSeconds(1)));
        Assert.False(item.MissedDeadline(TestCases.DueAt));
        Assert.True(item.MissedDeadline(TestCases.DueAt.AddSeconds(1)));
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Duplicate)]
    public void A_case_with_a_result_or_out_of_the_count_is_never_overdue(CaseStatus status)
    {
        var item = TestCases.In(status);

        Assert.False(item.IsOverdueAt(TestCases.DueAt.AddDays(30)));
    }

    [Fact]
    public void A_result_reported_at_the_due_instant_is_on_time()
    {
        var item = TestCases.In(CaseStatus.InProgress);

        item.ReportResult("Đã xử lý.", null, TestCases.DueAt, "can-bo.tan-loi");

        Assert.False(item.MissedDeadline(TestCases.DueAt.AddDays(30)));
    }

    [Fact]
    public void A_result_reported_after_the_due_instant_missed_the_deadline_even_once_closed()
    {
        var item = TestCases.In(CaseStatus.InProgress);

        item.ReportResult("Đã xử lý.", null, TestCases.DueAt.AddSeconds(1), "can-bo.tan-loi");
        item.Close("Đã gọi lại.", TestCases.DueAt.AddDays(1), "operator.lan");

        Assert.False(item.IsOverdueAt(TestCases.DueAt.AddDays(30)));
        Assert.True(item.MissedDeadline(TestCases.DueAt.AddDays(30)));
    }

    [Fact]
    public void A_late_case_with_an_approved_extension_is_on_time()
    {
        var item = TestCases.In(CaseStatus.InProgress);
        item.ExtendDeadline(Utc("2024-06-12T16:59:59Z"), "Chờ ý kiến Sở Xây dựng", T3, "lanh-dao.ubnd");

        item.ReportResult("Đã xử lý.", null, Utc("2024-06-11T10:00:00+07:00"), "can-bo.tan-loi");

        Assert.False(item.MissedDeadline(Utc("2024-07-01T00:00:00Z")));
    }

    [Theory]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Duplicate)]
    public void Rejected_and_duplicate_cases_never_miss_a_deadline(CaseStatus status) =>
        Assert.False(TestCases.In(status).MissedDeadline(TestCases.DueAt.AddDays(30)));

    [Fact]
    public void Attachments_are_http_or_https_links_only()
    {
        var item = TestCases.Received();

        item.AddAttachment("https://zalo.example/anh/123.jpg");

        Assert.Equal("https://zalo.example/anh/123.jpg", Assert.Single(item.Attachments).Url);
        Assert.Throws<DomainException>(() => item.AddAttachment("file:///etc/passwd"));
        Assert.Throws<DomainException>(() => item.AddAttachment("not a link"));
    }
}
