using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// Debian's chromium driven by Playwright, offline. A test may skip only when no browser is installed and CI is unset;
/// in CI a missing browser fails the run.
/// </summary>
public static class Browser
{
    public static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string? Executable => Environment.GetEnvironmentVariable("HOTLINE_CHROMIUM") is { Length: > 0 } configured
        ? configured
        : Candidates.FirstOrDefault(File.Exists);

    public static string RequireExecutable()
    {
        var executable = Executable;
        if (executable is not null)
        {
            return executable;
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Skip("No chromium found (install Debian's chromium or set HOTLINE_CHROMIUM); browser journeys skip outside CI.");
        }

        throw new InvalidOperationException("CI is set but no chromium was found at " + string.Join(", ", Candidates) + ".");
    }

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        // Every Expect waits as patiently as the journeys' own waits: its default of 5 s failed on a loaded CI machine.
        Assertions.SetDefaultExpectTimeout(PatienceMs);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = RequireExecutable(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// How long a journey waits for what must happen. Generous, so two busy cores never fail a journey: the journey proves
    /// that a thing shows, prints how long it took, and the benchmarks own the speed aims ("within 1 s").
    /// </summary>
    public const float PatienceMs = 15_000;

    public static LocatorWaitForOptions Patiently => new() { Timeout = PatienceMs };

    /// <summary>
    /// Waits for <paramref name="shows"/> and writes how long it took to the test output and to <c>timings.log</c>
    /// beside the screenshots, measured against <paramref name="aimMs"/>.
    /// </summary>
    public static async Task<TimeSpan> TimeAsync(string what, Func<Task> shows, double aimMs = 1000)
    {
        ArgumentNullException.ThrowIfNull(shows);
        var clock = Stopwatch.StartNew();
        await shows();
        clock.Stop();
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:O} {what}: {clock.Elapsed.TotalMilliseconds:F0} ms (aim {aimMs:F0} ms{(clock.Elapsed.TotalMilliseconds > aimMs ? ", missed" : "")})");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        await File.AppendAllTextAsync(ScreenshotPath("timings.log"), line + Environment.NewLine);
        return clock.Elapsed;
    }

    /// <summary>Screenshots go where a reviewer finds them: the test output folder, under screenshots/.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
