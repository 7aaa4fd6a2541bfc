using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HotlineIoc.Reports.Tests;

/// <summary>
/// A machine with only the .NET SDK builds the reports and gets their fonts: nothing in the build reaches for Node.js.
/// </summary>
public sealed partial class FreshBuildTests
{
    private static readonly string[] Fonts = ["BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf", "BeVietnamPro-Italic.ttf", "OFL.txt"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_reports_project_builds_from_a_fresh_copy_with_node_and_npm_hidden_and_ships_its_fonts()
    {
        var repository = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("hotline-fresh-build-").FullName;
        try
        {
            // A fresh checkout: the sources the Reports project needs, without any bin/ or obj/ a previous build left.
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            {
                File.Copy(Path.Combine(repository, file), Path.Combine(work, file));
            }

            foreach (var folder in new[] { "seed-data", "src/HotlineIoc.Domain", "src/HotlineIoc.Infrastructure", "src/HotlineIoc.Reports" })
            {
                CopySources(Path.Combine(repository, folder), Path.Combine(work, folder));
            }

            // PATH holds one folder with only `dotnet` (and the shell MSBuild runs commands with) in it: node, npm and npx
            // cannot be found, whatever the machine has.
            var path = Path.Combine(work, "path");
            Directory.CreateDirectory(path);
            File.CreateSymbolicLink(Path.Combine(path, "dotnet"), DotnetExecutable());
            if (File.Exists("/bin/sh"))
            {
                File.CreateSymbolicLink(Path.Combine(path, "sh"), "/bin/sh");
            }
            var output = Path.Combine(work, "out");

            var (code, log) = await RunAsync(
                Path.Combine(path, "dotnet"),
                ["build", Path.Combine(work, "src", "HotlineIoc.Reports", "HotlineIoc.Reports.csproj"), "-c", "Debug", "-o", output, "--disable-build-servers", "-nologo", "-v:minimal"],
                work,
                path);

            Assert.True(code == 0, $"dotnet build exited with {code}:\n{log}");
            Assert.DoesNotMatch(NodeTools(), log);
            foreach (var font in Fonts)
            {
                var shipped = Path.Combine(output, "fonts", font);
                Assert.True(File.Exists(shipped), $"{font} is not in the build output's fonts/ folder.");
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(repository, "src", "HotlineIoc.Reports", "Fonts", font), Ct), await File.ReadAllBytesAsync(shipped, Ct));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void No_build_file_of_the_repository_mentions_node_npm_or_npx()
    {
        var repository = RepositoryRoot();
        var files = SourceFiles(repository).ToList();
        var buildFiles = files
            .Where(f => Path.GetExtension(f) is ".csproj" or ".props" or ".targets" or ".sln"
                || Path.GetFileName(f) is "global.json" or "dotnet-tools.json" or "NuGet.config" or "nuget.config" or "run")
            .ToList();

        Assert.Contains(buildFiles, f => f.EndsWith("HotlineIoc.Reports.csproj", StringComparison.Ordinal));
        var mentions = buildFiles
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(repository, f), Line: i + 1, Text: line)))
            .Where(l => NodeTools().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(mentions);
        Assert.DoesNotContain(files, f => Path.GetFileName(f) is "package.json" or "package-lock.json");
    }

    [Fact]
    public void Each_shipped_font_is_under_2_mb_and_the_licence_is_the_ofl()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "HotlineIoc.Reports", "Fonts");

        Assert.All(Fonts, f => Assert.InRange(new FileInfo(Path.Combine(folder, f)).Length, 1, 2 * 1024 * 1024));
        Assert.Contains("SIL OPEN FONT LICENSE Version 1.1", File.ReadAllText(Path.Combine(folder, "OFL.txt")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(npm|npx|node|nodejs)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NodeTools();

    /// <summary>The files of the working tree, without what builds, runs and git leave behind.</summary>
    private static IEnumerable<string> SourceFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return file;
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or ".git" or "node_modules" or "TestResults" or "App_Data")))
        {
            foreach (var file in SourceFiles(sub))
            {
                yield return file;
            }
        }
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopySources(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static async Task<(int Code, string Log)> RunAsync(string executable, string[] args, string workingDirectory, string path)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = path;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // The test host's own MSBuild settings must not leak into the child build.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        // Generous: two busy cores compile three projects from nothing.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>The real <c>dotnet</c> of this machine (links followed), the one the tests themselves were built with.</summary>
    private static string DotnetExecutable()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "dotnet"))
            .Prepend(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "")
            .Append(Path.Combine(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet", "dotnet"));
        var found = candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("dotnet was not found on PATH.");
        return new FileInfo(found).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? found;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "HotlineIoc.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("HotlineIoc.sln not found above the test folder.");
    }
}
