using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Csv;
using HotlineIoc.Infrastructure.Privacy;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using nietras.SeparatedValues;

namespace HotlineIoc.Infrastructure.Overdue;

/// <summary>What an export of the board will hold, known before the first byte is written.</summary>
public sealed record OverdueExportPlan(OverdueFilter Filter, OverdueSort Sort, bool Descending, int Matching, int Limit, string? ScopeAgency, DateTime AtUtc)
{
    public bool Capped => Matching > Limit;

    public int Rows => Math.Min(Matching, Limit);

    /// <summary>
    /// <c>qua-han-CA-20250312-1000.csv</c>; a capped export says so in its name:
    /// <c>qua-han-20250312-1000-100000-tren-123456.csv</c> (100,000 of 123,456 rows).
    /// </summary>
    public string FileName(string extension)
    {
        var name = new StringBuilder("qua-han");
        if ((ScopeAgency ?? Filter.Agency) is { } agency)
        {
            name.Append('-').Append(agency);
        }

        name.Append('-').Append(VietnamTime.ToLocal(AtUtc).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture));
        if (Capped)
        {
            name.Append(CultureInfo.InvariantCulture, $"-{Limit}-tren-{Matching}");
        }

        return name.Append('.').Append(extension).ToString();
    }
}

/// <summary>
/// The current view of the overdue board as CSV (UTF-8 with BOM, RFC 4180) or Excel: every row matching the filters in
/// the viewer's scope, not only the page shown, up to <see cref="Limit"/> rows, read and written as a stream.
/// The reporter reaches the file only through <see cref="ReporterDisclosure"/>: masked for the Leader and department
/// heads, in clear and logged for the Secretary and Operators.
/// </summary>
public sealed class OverdueExport(OverdueBoard board, ReporterDisclosure disclosure, TimeProvider clock)
{
    /// <summary>The most rows one export holds.</summary>
    public const int DefaultLimit = 100_000;

    public const string Purpose = "overdue-export";

    /// <summary>The columns, in order; the CSV header and the keys of the Excel headers.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "code", "channel", "received_at", "field_code", "unit_code", "agency_code", "status", "due_at",
        "working_days_late", "bucket", "reminders_sent", "reminder_pending_since", "reporter_name", "reporter_phone", "reporter_zalo_id",
    ];

    // Reporters are disclosed (and clear views logged) a chunk at a time, just before the chunk is written.
    private const int Chunk = 500;

    public int Limit { get; init; } = DefaultLimit;

    public async Task<OverdueExportPlan> PlanAsync(ClaimsPrincipal user, OverdueFilter filter, OverdueSort sort, bool descending, CancellationToken cancellationToken)
    {
        var scope = OverdueScope.Of(user);
        var matching = await board.CountAsync(user, filter, cancellationToken);
        return new OverdueExportPlan(filter, sort, descending, matching, Limit, scope.Agency, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Writes the CSV to <paramref name="output"/> with the CSV library (RFC 4180 quoting, CRLF) and asynchronously, as a
    /// response body needs; a cell a spreadsheet would run as a formula gets a leading quote (<see cref="CsvCell"/>).
    /// Returns the number of rows.
    /// </summary>
    public async Task<int> WriteCsvAsync(ClaimsPrincipal user, OverdueExportPlan plan, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        var count = 0;
        await using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text, leaveOpen: true))
        {
            writer.Header.Add(Columns.ToArray());
            await writer.Header.WriteAsync(cancellationToken);
            await foreach (var (row, reporter) in ItemsAsync(user, plan, cancellationToken))
            {
                await using (var line = writer.NewRow(cancellationToken))
                {
                    var i = 0;
                    foreach (var value in Values(row, reporter))
                    {
                        line[Columns[i++]].Set(CsvCell.Neutralise(value));
                    }
                }

                count++;
            }

            await writer.FlushAsync(cancellationToken);
        }

        await text.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Writes the workbook to <paramref name="output"/>, which must be seekable (the sheet's size is written at its start);
    /// <paramref name="title"/> names each column's header.
    /// </summary>
    public async Task WriteXlsxAsync(ClaimsPrincipal user, OverdueExportPlan plan, Stream output, Func<string, string> title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(title);
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            EnableAutoWidth = false,
            DynamicColumns =
            [
                .. typeof(SheetRow).GetProperties().Select((p, i) => new DynamicExcelColumn(p.Name)
                {
                    Name = title(Columns[i]),
                    Index = i,
                    Width = p.PropertyType == typeof(DateTime) || p.PropertyType == typeof(DateTime?) ? 17 : 14,
                    Format = p.PropertyType == typeof(DateTime) || p.PropertyType == typeof(DateTime?) ? "dd/MM/yyyy HH:mm" : null,
                }),
            ],
        };
        await output.SaveAsAsync(SheetRowsAsync(user, plan, cancellationToken), sheetName: "Quá hạn", excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: cancellationToken);
    }

    private async IAsyncEnumerable<SheetRow> SheetRowsAsync(ClaimsPrincipal user, OverdueExportPlan plan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (row, reporter) in ItemsAsync(user, plan, cancellationToken))
        {
            yield return new SheetRow
            {
                Code = row.Code,
                Channel = row.ChannelCode,
                ReceivedAt = VietnamTime.ToLocal(row.ReceivedAt),
                Field = row.FieldCode,
                Unit = row.UnitCode,
                Agency = row.AgencyCode ?? "",
                Status = row.Status.ToWire(),
                DueAt = VietnamTime.ToLocal(row.DueAt),
                WorkingDaysLate = row.WorkingDaysLate,
                Bucket = row.Bucket.ToWire(),
                RemindersSent = row.RemindersSent,
                ReminderPendingSince = row.ReminderPendingSince is { } since ? VietnamTime.ToLocal(since) : null,
                ReporterName = reporter.Name ?? "",
                ReporterPhone = reporter.Phone ?? "",
                ReporterZaloId = reporter.ZaloId ?? "",
            };
        }
    }

    /// <summary>The rows with their reporters as this user may see them, the clear views logged before each chunk is handed on.</summary>
    private async IAsyncEnumerable<(OverdueRow Row, Reporter Reporter)> ItemsAsync(ClaimsPrincipal user, OverdueExportPlan plan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<OverdueExportItem>(Chunk);
        await foreach (var item in board.StreamAsync(user, plan.Filter, plan.Sort, plan.Descending, plan.Limit, cancellationToken))
        {
            chunk.Add(item);
            if (chunk.Count == Chunk)
            {
                foreach (var shown in await DiscloseAsync(user, chunk, cancellationToken))
                {
                    yield return shown;
                }

                chunk.Clear();
            }
        }

        foreach (var shown in await DiscloseAsync(user, chunk, cancellationToken))
        {
            yield return shown;
        }
    }

    private async Task<IEnumerable<(OverdueRow, Reporter)>> DiscloseAsync(ClaimsPrincipal user, List<OverdueExportItem> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return [];
        }

        var reporters = await disclosure.DiscloseManyAsync(user, [.. chunk.Select(i => (i.Row.Code, i.Reporter))], Purpose, cancellationToken);
        return chunk.Select((item, i) => (item.Row, reporters[i])).ToList();
    }

    private static IEnumerable<string> Values(OverdueRow row, Reporter reporter) =>
    [
        row.Code, row.ChannelCode, CaseCsvFormat.FormatInstant(row.ReceivedAt), row.FieldCode, row.UnitCode, row.AgencyCode ?? "",
        row.Status.ToWire(), CaseCsvFormat.FormatInstant(row.DueAt), row.WorkingDaysLate.ToString(CultureInfo.InvariantCulture),
        row.Bucket.ToWire(), row.RemindersSent.ToString(CultureInfo.InvariantCulture),
        row.ReminderPendingSince is { } since ? CaseCsvFormat.FormatInstant(since) : "",
        reporter.Name ?? "", reporter.Phone ?? "", reporter.ZaloId ?? "",
    ];

    /// <summary>One line of the workbook; the properties follow <see cref="Columns"/>. Instants are Vietnam's local time.</summary>
    private sealed class SheetRow
    {
        public string Code { get; init; } = "";

        public string Channel { get; init; } = "";

        public DateTime ReceivedAt { get; init; }

        public string Field { get; init; } = "";

        public string Unit { get; init; } = "";

        public string Agency { get; init; } = "";

        public string Status { get; init; } = "";

        public DateTime DueAt { get; init; }

        public int WorkingDaysLate { get; init; }

        public string Bucket { get; init; } = "";

        public int RemindersSent { get; init; }

        public DateTime? ReminderPendingSince { get; init; }

        public string ReporterName { get; init; } = "";

        public string ReporterPhone { get; init; } = "";

        public string ReporterZaloId { get; init; } = "";
    }
}
