using HotlineIoc.Infrastructure.Overdue;

namespace HotlineIoc.Web.Overdue;

/// <summary>The addresses of the overdue board and its exports, written from the filters in one place.</summary>
public static class OverdueLinks
{
    public const string Path = "/overdue";

    public const string CsvPath = "/overdue/export.csv";

    public const string XlsxPath = "/overdue/export.xlsx";

    /// <summary>The board with these filters: what a matrix cell, a dashboard panel or a bookmark opens.</summary>
    public static string Board(OverdueFilter filter) => With(Path, filter?.ToQueryString() ?? "");

    /// <summary>The export of the current view: the same filters and the table's order.</summary>
    public static string Export(string path, OverdueFilter filter, OverdueSort sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.ToQueryString();
        if (sort != OverdueSort.Lateness || !descending)
        {
            query += (query.Length == 0 ? "" : "&") + "sort=" + sort.ToString().ToLowerInvariant() + "&dir=" + (descending ? "desc" : "asc");
        }

        return With(path, query);
    }

    /// <summary>Reads <c>sort=</c> and <c>dir=</c>; unknown values give the board's default, most late first.</summary>
    public static (OverdueSort Sort, bool Descending) ParseSort(string? sort, string? dir) =>
        Enum.TryParse<OverdueSort>(sort, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? (parsed, !string.Equals(dir, "asc", StringComparison.OrdinalIgnoreCase))
            : (OverdueSort.Lateness, true);

    private static string With(string path, string query) => query.Length == 0 ? path : path + "?" + query;
}
