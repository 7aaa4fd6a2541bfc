using System.Globalization;

namespace HotlineIoc.Cli;

/// <summary>Bad usage; the message is the one line the operator sees.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A parsed command line: <c>command [positionals] [--option value]</c>.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string[]> optionsByCommand)
    {
        if (args.Count == 0)
        {
            throw new UsageException("No command given; use one of: " + string.Join(", ", optionsByCommand.Keys) + ".");
        }

        var command = args[0];
        if (!optionsByCommand.TryGetValue(command, out var allowed))
        {
            throw new UsageException($"Unknown command '{command}'; use one of: " + string.Join(", ", optionsByCommand.Keys) + ".");
        }

        var line = new CommandLine(command);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                line._positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            string? value = null;
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (!allowed.Contains(name))
            {
                var known = allowed.Length == 0 ? "it takes no options" : "it takes " + string.Join(", ", allowed.Select(a => "--" + a));
                throw new UsageException($"'{command}' has no option --{name}; {known}.");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"--{name} needs a value.");
                }

                value = args[++i];
            }

            if (!line._options.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice.");
            }
        }

        return line;
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string RequiredOption(string name) =>
        Option(name) ?? throw new UsageException($"'{Command}' needs --{name}.");

    public DateOnly? DateOption(string name)
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--{name} '{text}' is not a date like 2024-01-31.");
    }

    public void ExpectPositionals(int count, string what)
    {
        if (_positionals.Count < count)
        {
            throw new UsageException($"'{Command}' needs {what}.");
        }

        if (_positionals.Count > count)
        {
            throw new UsageException($"'{Command}' does not take '{_positionals[count]}'.");
        }
    }
}
