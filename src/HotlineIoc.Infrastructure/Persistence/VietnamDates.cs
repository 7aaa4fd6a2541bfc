using System.Globalization;
using System.Linq.Expressions;
using HotlineIoc.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace HotlineIoc.Infrastructure.Persistence;

/// <summary>
/// The local (UTC+7) date of a stored UTC instant, computed by the database so that a query can group cases by day.
/// Both providers translate it exactly, to the same answer as <see cref="VietnamTime.LocalDate(DateTime)"/>.
/// </summary>
public static class VietnamDates
{
    /// <summary>The local date of a UTC instant. In a query the database computes it; elsewhere it is <see cref="VietnamTime.LocalDate(DateTime)"/>.</summary>
    public static DateOnly? LocalDate(DateTime? utc) => utc is { } instant ? VietnamTime.LocalDate(instant) : null;

    internal static void Map(ModelBuilder builder, bool sqlite)
    {
        var function = builder.HasDbFunction(typeof(VietnamDates).GetMethod(nameof(LocalDate), [typeof(DateTime?)])!);
        var metadata = function.Metadata;
        function.HasTranslation(arguments =>
        {
            var typeMapping = metadata.TypeMapping ?? throw new InvalidOperationException("The local-date function has no store type.");
            return sqlite ? Sqlite(arguments[0], typeMapping) : SqlServer(arguments[0], typeMapping);
        });
    }

    private static string Hours => ((int)VietnamTime.Offset.TotalHours).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>date(substr(x, 1, 19), '+7 hours')</c>. SQLite holds the instant as the text <c>yyyy-MM-dd HH:mm:ss.fffffff</c>
    /// (<see cref="SqliteUtcDateTimeConverter"/>). Older SQLite releases round fractional seconds to milliseconds in their
    /// date functions (3.40.1, Debian 12's system library, turns 16:59:59.9999999 UTC into 17:00:00.000, the next local
    /// day); the 3.53 bundled with Microsoft.Data.Sqlite truncates. Local days begin on a whole second, so cutting the
    /// fraction off first keeps the date exact with either.
    /// </summary>
    private static SqlFunctionExpression Sqlite(SqlExpression instant, RelationalTypeMapping typeMapping)
    {
        var seconds = new SqlFunctionExpression(
            "substr",
            [instant, new SqlFragmentExpression("1"), new SqlFragmentExpression("19")],
            nullable: true,
            argumentsPropagateNullability: [true, false, false],
            typeof(string),
            StringTypeMapping.Default);
        return new SqlFunctionExpression(
            "date",
            [seconds, new SqlFragmentExpression($"'+{Hours} hours'")],
            nullable: true,
            argumentsPropagateNullability: [true, false],
            typeof(DateOnly),
            typeMapping);
    }

    /// <summary><c>CAST(DATEADD(hour, 7, x) AS date)</c>: <c>datetime2</c> arithmetic is exact to the tick.</summary>
    private static SqlUnaryExpression SqlServer(SqlExpression instant, RelationalTypeMapping typeMapping)
    {
        var local = new SqlFunctionExpression(
            "DATEADD",
            [new SqlFragmentExpression("hour"), new SqlFragmentExpression(Hours), instant],
            nullable: true,
            argumentsPropagateNullability: [false, false, true],
            typeof(DateTime),
            instant.TypeMapping);
        return new SqlUnaryExpression(ExpressionType.Convert, local, typeof(DateOnly), typeMapping);
    }
}
