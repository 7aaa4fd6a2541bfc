using System.Globalization;
using HotlineIoc.Benchmarks;

// dotnet run -c Release --project tests/HotlineIoc.Benchmarks -- import [--rows 1000000] [--work DIR] [--batch-size N]
const string Usage = "usage: import [--rows N] [--work DIR] [--batch-size N]";

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length == 0 || args[0] != "import")
{
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}

var rows = 1_000_000;
var work = Path.Combine(Path.GetTempPath(), "hotline-bench");
int? batchSize = null;
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
        case "--batch-size" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            batchSize = n;
            break;
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
    await ImportBenchmark.RunAsync(new ImportBenchmarkOptions(rows, work, batchSize), Console.Out, cancel.Token);
    return 0;
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return 1;
}
