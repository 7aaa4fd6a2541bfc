using System.Globalization;
using HotlineIoc.Benchmarks;

// dotnet run -c Release --project tests/HotlineIoc.Benchmarks -- import [--rows 1000000] [--work DIR] [--batch-size N] [--writer fastest|portable]
// dotnet run -c Release --project tests/HotlineIoc.Benchmarks -- overdue [--rows 1000000] [--work DIR] [--runs 30] [--explain]
const string Usage = "usage: import [--rows N] [--work DIR] [--batch-size N] [--writer fastest|portable] | overdue [--rows N] [--work DIR] [--runs N] [--explain]";

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length == 0 || args[0] is not ("import" or "overdue"))
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var command = args[0];
var rows = 1_000_000;
var work = Path.Combine(Path.GetTempPath(), "hotline-bench");
int? batchSize = null;
var writer = HotlineIoc.Infrastructure.CaseCsv.ImportWriter.Fastest;
var runs = 30;
var explain = false;
for (var i = 1; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--rows" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            rows = n;
            break;
        case "--work" when !string.IsNullOrWhiteSpace(value):
            work = Path.GetFullPath(value);
            break;
        case "--batch-size" when command == "import" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            batchSize = n;
            break;
        case "--writer" when command == "import" && Enum.TryParse<HotlineIoc.Infrastructure.CaseCsv.ImportWriter>(value, ignoreCase: true, out var w):
            writer = w;
            break;
        case "--runs" when command == "overdue" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            runs = n;
            break;
        case "--explain" when command == "overdue":
            explain = true;
            continue;
        default:
            await Console.Error.WriteLineAsync($"error: '{args[i]} {value}' is not understood. {Usage}");
            return 2;
    }

    i++;
}

#if DEBUG
Console.WriteLine("WARNING: a Debug build; time with -c Release.");
#endif

try
{
    if (command == "overdue")
    {
        await OverdueBenchmark.RunAsync(new OverdueBenchmarkOptions(rows, work, runs, explain), Console.Out, cancel.Token);
    }
    else
    {
        await ImportBenchmark.RunAsync(new ImportBenchmarkOptions(rows, work, batchSize, writer), Console.Out, cancel.Token);
    }

    return 0;
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return 1;
}
