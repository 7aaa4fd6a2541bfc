using System.Text;
using HotlineIoc.Infrastructure.CaseCsv;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>
/// The importer against thousands of malformed rows and files from a fixed seed: never a crash, every rejected row named
/// by line, column and reason, and exactly the accepted rows stored.
/// </summary>
public sealed class ImportFuzzTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Columns = CaseCsvFormat.Header.Split(',');

    private static readonly string[] Oddities =
    [
        "\"", "\"\"", "\"a,b", "=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\t", "\r", "\ufeff", "2024-02-30T09:00:00+07:00",
        "2024-03-05 09:12", "abc", "-1", "1e9", "NaN", "12.5", "sanction", "reminder", "closed", "không", "p-tan-an", "thang-loi", "", " ",
    ];

    [Fact]
    public async Task A_thousand_malformed_rows_are_each_rejected_with_a_reason_and_the_good_ones_go_in()
    {
        await using var database = await TestDatabase.CreateAsync();
        var random = new Random(20261204);
        var text = new StringBuilder(CaseCsvFormat.Header).Append('\n');
        for (var i = 1; i <= 1000; i++)
        {
            // The address holds a quoted comma: the row is split as CSV, not on every comma.
            var cells = Cells(CaseCsvBuilder.ValidRow($"BMT-2024-{i:000000}"));
            if (random.Next(8) != 0)
            {
                for (var edit = 0; edit < 1 + random.Next(3); edit++)
                {
                    var column = random.Next(cells.Count);
                    cells[column] = random.Next(6) switch
                    {
                        0 => new string('x', 5000 + random.Next(200_000)),
                        1 => "",
                        _ => Oddities[random.Next(Oddities.Length)],
                    };
                }

                if (random.Next(10) == 0)
                {
                    cells.RemoveAt(random.Next(cells.Count));
                }
                else if (random.Next(10) == 0)
                {
                    cells.Add("extra");
                }
            }

            text.Append(string.Join(',', cells.Select(c => random.Next(5) == 0 || c.Contains(',', StringComparison.Ordinal) || c.Contains('\n', StringComparison.Ordinal) ? Quote(c) : c))).Append('\n');
        }

        var path = database.PathOf("fuzz.csv");
        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false), Ct);

        var rejectReport = new StringWriter();
        var report = await new CaseImporter(database.Contexts).ImportAsync(path, "fuzz", rejectReport, null, Ct);

        Assert.Equal(report.RowsRead, report.Imported + report.AlreadyPresent + report.RejectedCount);
        Assert.InRange(report.Imported, 1, 900);
        Assert.InRange(report.RejectedCount, 100, 999);
        Assert.All(report.FirstRejected, r =>
        {
            Assert.True(r.Line > 1, $"line {r.Line}");
            Assert.False(string.IsNullOrWhiteSpace(r.Column));
            Assert.False(string.IsNullOrWhiteSpace(r.Reason));
        });
        var rejects = rejectReport.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(rejects.Length > report.RejectedCount, "every rejected row is in the reject report, after its header");
        await using var db = database.Open();
        Assert.Equal(report.Imported, await db.Cases.CountAsync(Ct));
        Assert.Equal(report.Imported, await db.CaseEvents.Select(e => e.CaseId).Distinct().CountAsync(Ct));
    }

    [Fact]
    public async Task Broken_files_are_refused_whole_with_a_reason_and_leave_nothing_behind()
    {
        await using var database = await TestDatabase.CreateAsync();
        var random = new Random(4122026);
        var importer = new CaseImporter(database.Contexts);
        var accepted = 0;
        for (var i = 0; i < 200; i++)
        {
            var good = Encoding.UTF8.GetBytes(CaseCsvFormat.Header + "\n" + CaseCsvBuilder.ValidRow($"BMT-2025-{i:000000}", "2025-03-05T09:12:00+07:00") + "\n");
            byte[] bytes = (i % 5) switch
            {
                0 => [.. good.Take(random.Next(good.Length))],                                  // cut anywhere
                1 => [.. good.Select(b => random.Next(40) == 0 ? (byte)random.Next(0x80, 0x100) : b)], // invalid UTF-8
                2 => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. good],                               // two BOMs
                3 => [.. Enumerable.Range(0, 200).Select(_ => (byte)random.Next(256))],               // binary junk
                _ => [.. good.Select(b => b == (byte)',' && random.Next(3) == 0 ? (byte)';' : b)],    // another separator
            };
            var path = database.PathOf($"broken{i}.csv");
            await File.WriteAllBytesAsync(path, bytes, Ct);

            try
            {
                var report = await importer.ImportAsync(path, "fuzz", TextWriter.Null, null, Ct);
                accepted += report.Imported;
                Assert.Equal(report.RowsRead, report.Imported + report.AlreadyPresent + report.RejectedCount);
            }
            catch (CaseImportException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.Contains(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
            }
        }

        await using var db = database.Open();
        Assert.Equal(accepted, await db.Cases.CountAsync(Ct));
    }

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The cells of a CSV line as written by <see cref="CaseCsvBuilder"/> (quotes only around whole cells).</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        Assert.Equal(Columns.Length, cells.Count);
        return cells;
    }
}
