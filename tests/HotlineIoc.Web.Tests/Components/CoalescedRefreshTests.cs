using HotlineIoc.Web.Live;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>A page asked to reload fifty times during one reload reloads once more, not fifty times, and never twice at once.</summary>
public sealed class CoalescedRefreshTests
{
    [Fact]
    public async Task A_burst_during_a_reload_makes_one_more_and_a_failure_does_not_stop_later_ones()
    {
        var runs = 0;
        var running = 0;
        var overlapped = false;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = new List<Exception>();
        var refresh = new CoalescedRefresh(
            async () =>
            {
                overlapped |= Interlocked.Increment(ref running) > 1;
                var run = Interlocked.Increment(ref runs);
                if (run == 1)
                {
                    await gate.Task;
                }

                Interlocked.Decrement(ref running);
                if (run == 3)
                {
                    throw new InvalidOperationException("the page is gone");
                }
            },
            e =>
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            });

        refresh.Request();
        for (var i = 0; i < 50; i++)
        {
            refresh.Request();
        }

        gate.SetResult();
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2 && Volatile.Read(ref running) == 0);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref runs));

        refresh.Request(); // third run throws
        await WaitUntilAsync(() => failures.Count == 1);
        refresh.Request();
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 4);
        Assert.False(overlapped);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited 30 s");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
