using System.Text;
using HotlineIoc.Infrastructure.CaseCsv;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>Writes small case CSV files for tests, one row per call, in the contract's column order.</summary>
public sealed class CaseCsvBuilder
{
    private readonly StringBuilder _text = new(CaseCsvFormat.Header + "\n");

    public static string ValidRow(string code, string receivedAt = "2024-03-05T09:12:00+07:00", string channel = "hotline") =>
        $"{code},{channel},{receivedAt},MT,tan-loi,\"Số 12 Lê Duẩn, Tân Lợi\",12.67,108.04,Rác tồn đọng nhiều ngày,Nguyễn Văn Bình,0905123456,closed,TNMT,2024-03-06T10:00:00+07:00,2024-03-06T15:00:00+07:00,sanction,1500000";

    public CaseCsvBuilder Row(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    public string WriteTo(string path)
    {
        File.WriteAllText(path, _text.ToString(), new UTF8Encoding(false));
        return path;
    }
}
