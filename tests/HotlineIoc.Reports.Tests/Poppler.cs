using System.Diagnostics;

namespace HotlineIoc.Reports.Tests;

/// <summary>poppler-utils (pdftotext, pdffonts, pdftoppm): skipped with the reason when missing locally, required in CI.</summary>
public static class Poppler
{
    public static void Require(string tool)
    {
        if (File.Exists("/usr/bin/" + tool) || File.Exists("/usr/local/bin/" + tool))
        {
            return;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail($"{tool} (poppler-utils) is required in CI: apt-get install -y poppler-utils.");
        }

        Assert.Skip($"{tool} (poppler-utils) is not installed; apt-get install -y poppler-utils to run this test.");
    }

    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        Require(tool);
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
        return output;
    }

    /// <summary>Text as a reader sees it: line breaks of wrapped paragraphs become spaces.</summary>
    public static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    public static async Task<string> TextOfAsync(byte[] pdf, string folder)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".pdf");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(path, pdf, TestContext.Current.CancellationToken);
        return await RunAsync("pdftotext", "-enc", "UTF-8", path, "-");
    }
}
