using Microsoft.Playwright;

namespace HotlineIoc.Benchmarks.Live;

/// <summary>Debian's chromium, headless and offline, as the benchmarks drive it.</summary>
internal static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : throw new InvalidOperationException("No /usr/bin/chromium; install Debian's chromium."),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
}
