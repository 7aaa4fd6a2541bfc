using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Web.Tests;

/// <summary>Every log line of an app, as "category: message exception", into a queue the test reads.</summary>
public sealed class MemoryLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new MemoryLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class MemoryLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lines.Enqueue($"{category}: {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
