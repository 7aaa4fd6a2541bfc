using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace HotlineIoc.Infrastructure.Seeding;

/// <summary>Reads one seed file, naming the file, line and column of anything wrong.</summary>
internal static class SeedCsv
{
    public delegate T RowMapper<out T>(SeedRow row);

    /// <param name="optionalColumns">Columns added after a file's first release: a copy of the folder made before them
    /// (<c>Seed:Path</c>) still loads, and their cells read as empty.</param>
    public static List<T> Read<T>(string path, IReadOnlyList<string> columns, RowMapper<T> map, IReadOnlyList<string>? optionalColumns = null)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new SeedDataException($"Seed file {path} is missing.");
        }

        using var text = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        var missing = columns.Where(c => !reader.Header.TryIndexOf(c, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new SeedDataException($"{name}: the header lacks the column(s) {string.Join(", ", missing)}.");
        }

        var result = new List<T>();
        foreach (var row in reader)
        {
            if (row.Span.IsWhiteSpace())
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in columns)
            {
                var index = reader.Header.IndexOf(column);
                values[column] = index < row.ColCount ? row[index].ToString().Trim() : "";
            }

            foreach (var column in optionalColumns ?? [])
            {
                values[column] = reader.Header.TryIndexOf(column, out var index) && index < row.ColCount ? row[index].ToString().Trim() : "";
            }

            result.Add(map(new SeedRow(name, row.LineNumberFrom, values)));
        }

        return result;
    }
}

internal sealed class SeedRow(string file, int line, Dictionary<string, string> values)
{
    public int Line => line;

    public string Text(string column, bool required = true)
    {
        var value = values[column];
        if (required && value.Length == 0)
        {
            throw Error(column, "is empty");
        }

        return value;
    }

    public string? Optional(string column) => values[column] is { Length: > 0 } v ? v : null;

    public int Int(string column)
    {
        var text = Text(column);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(column, $"'{text}' is not a whole number");
    }

    public DateOnly? Date(string column)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(column, $"'{text}' is not a date in the form yyyy-MM-dd");
    }

    public SeedDataException Error(string column, string reason) =>
        new($"{file} line {line}, column {column}: {reason}.");
}

public sealed class SeedDataException(string message) : Exception(message);
