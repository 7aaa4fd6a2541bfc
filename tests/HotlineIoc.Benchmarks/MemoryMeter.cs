using System.Diagnostics;
using System.Globalization;

namespace HotlineIoc.Benchmarks;

/// <summary>Peak memory over one measured stretch (the kernel's high-water mark of the working set, and the managed heap), with GC and CPU time.</summary>
public sealed class MemoryMeter : IDisposable
{
    private readonly long _allocatedBefore;
    private readonly int[] _collectionsBefore;
    private readonly TimeSpan _pausedBefore;
    private readonly TimeSpan _cpuBefore;
    private readonly Timer _sampler;
    private long _maxManagedHeap;
    private bool _stopped;

    private MemoryMeter()
    {
        PeakWasReset = ResetPeakWorkingSet();
        _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        _collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        _pausedBefore = GC.GetTotalPauseDuration();
        _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
    }

    /// <summary>False when the kernel refused to reset the high-water mark: the peak then covers the whole process.</summary>
    public bool PeakWasReset { get; }

    public static MemoryMeter Start() => new();

    public MemoryFigures Stop()
    {
        Sample();
        _stopped = true;
        _sampler.Dispose();
        return new MemoryFigures(
            PeakWorkingSetBytes: ReadStatusBytes("VmHWM") ?? Process.GetCurrentProcess().PeakWorkingSet64,
            PeakWasReset,
            MaxManagedHeapBytes: Interlocked.Read(ref _maxManagedHeap),
            AllocatedBytes: GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore,
            Gen0Collections: GC.CollectionCount(0) - _collectionsBefore[0],
            Gen1Collections: GC.CollectionCount(1) - _collectionsBefore[1],
            Gen2Collections: GC.CollectionCount(2) - _collectionsBefore[2],
            GcPause: GC.GetTotalPauseDuration() - _pausedBefore,
            Cpu: Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore);
    }

    public void Dispose() => _sampler.Dispose();

    private void Sample()
    {
        if (_stopped)
        {
            return;
        }

        var heap = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (heap > (seen = Interlocked.Read(ref _maxManagedHeap)) && Interlocked.CompareExchange(ref _maxManagedHeap, heap, seen) != seen)
        {
        }
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM (Linux 4.0+), so the peak is the import's own, not the CSV generator's.</summary>
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A "Name:   1234 kB" line of /proc/self/status, in bytes.</summary>
    private static long? ReadStatusBytes(string name)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                var number = line[(name.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(number, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}

public sealed record MemoryFigures(
    long PeakWorkingSetBytes,
    bool PeakWasReset,
    long MaxManagedHeapBytes,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    TimeSpan GcPause,
    TimeSpan Cpu);
