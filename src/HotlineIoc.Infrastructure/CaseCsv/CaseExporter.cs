using System.Globalization;
using System.Text;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Csv;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace HotlineIoc.Infrastructure.CaseCsv;

/// <summary>
/// Writes the cases received between two local dates (inclusive) as the case CSV, streaming from the database. A cell a
/// spreadsheet would take for a formula is written with a leading quote (<see cref="CsvCell"/>); the importer removes it,
/// so export then import gives every value back.
/// </summary>
public sealed class CaseExporter(IDbContextFactory<HotlineDbContext> contexts)
{
    public async Task<int> ExportAsync(DateOnly from, DateOnly to, TextWriter output, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var start = VietnamTime.StartOfDayUtc(from);
        var end = VietnamTime.StartOfDayUtc(to.AddDays(1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var writer = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = true }).To(output, leaveOpen: true);
        writer.Header.Add(CaseCsvFormat.Columns.ToArray());
        writer.Header.Write();

        var count = 0;
        var query = db.Cases.AsNoTracking()
            .Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id)
            .AsAsyncEnumerable();
        await foreach (var item in query.WithCancellation(cancellationToken))
        {
            Write(writer, item);
            if (++count % 10_000 == 0)
            {
                progress?.Report(count);
            }
        }

        progress?.Report(count);
        return count;
    }

    public async Task<int> ExportToFileAsync(DateOnly from, DateOnly to, string path, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // Write beside the target and move into place, so a failed export never leaves half a file under the real name.
        var temporary = path + ".partial";
        try
        {
            int count;
            await using (var file = new StreamWriter(temporary, false, new UTF8Encoding(false)))
            {
                count = await ExportAsync(from, to, file, progress, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Write(SepWriter writer, Case item)
    {
        using var row = writer.NewRow();
        // Every cell goes through the formula guard: the file is also opened in spreadsheets, and import takes the guard off.
        row["code"].Set(CsvCell.Neutralise(item.Code));
        row["channel"].Set(CsvCell.Neutralise(item.ChannelCode));
        row["received_at"].Set(CsvCell.Neutralise(CaseCsvFormat.FormatInstant(item.ReceivedAt)));
        row["field_code"].Set(CsvCell.Neutralise(item.FieldCode));
        row["unit_code"].Set(CsvCell.Neutralise(item.UnitCode));
        row["address"].Set(CsvCell.Neutralise(item.Address));
        row["latitude"].Set(CsvCell.Neutralise(item.Latitude is { } lat ? CaseCsvFormat.FormatNumber(lat) : null));
        row["longitude"].Set(CsvCell.Neutralise(item.Longitude is { } lon ? CaseCsvFormat.FormatNumber(lon) : null));
        row["description"].Set(CsvCell.Neutralise(item.Description));
        row["reporter_name"].Set(CsvCell.Neutralise(item.ReporterName));
        row["reporter_phone"].Set(CsvCell.Neutralise(item.ReporterPhone));
        row["status"].Set(CsvCell.Neutralise(item.Status.ToWire()));
        row["agency_code"].Set(CsvCell.Neutralise(item.AgencyCode));
        row["resolved_at"].Set(CsvCell.Neutralise(item.ResolvedAt is { } resolved ? CaseCsvFormat.FormatInstant(resolved) : null));
        row["closed_at"].Set(CsvCell.Neutralise(item.ClosedAt is { } closed ? CaseCsvFormat.FormatInstant(closed) : null));
        row["enforcement"].Set(CsvCell.Neutralise(item.EnforcementKind?.ToWire()));
        row["fine_vnd"].Set(CsvCell.Neutralise(item.FineVnd?.ToString(CultureInfo.InvariantCulture)));
    }
}
