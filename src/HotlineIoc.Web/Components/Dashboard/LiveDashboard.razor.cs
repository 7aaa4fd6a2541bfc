using HotlineIoc.Infrastructure.Live;
using Microsoft.AspNetCore.Components;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>
/// Subscribes once to <see cref="DashboardAggregates.Changed"/> and re-renders on the circuit's dispatcher.
/// A burst of changes is coalesced into at most one render per <see cref="CoalesceWindow"/>; a lone change renders at once.
/// Disposing drops the subscription and both timers, so a closed tab leaves nothing behind in the singleton.
/// </summary>
public partial class LiveDashboard
{
    /// <summary>At most one render per this window during a burst.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(200);

    /// <summary>A render at least this often, so overdue figures move when deadlines pass.</summary>
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private DashboardSnapshot _snapshot = default!;
    private ITimer? _heartbeat;
    private ITimer? _deferred;
    private ITimer? _deadline;
    private DateTimeOffset _lastRender = DateTimeOffset.MinValue;
    private bool _pending;
    private bool _disposed;

    // After-render only runs in a live circuit, never in prerendering: the first one means pushes can now arrive.
    private bool _connected;

    /// <summary>True for the unattended wall display (see <see cref="DashboardView.Wall"/>).</summary>
    [Parameter] public bool Wall { get; set; }

    /// <summary>What the map colours by at first.</summary>
    [Parameter] public MapMeasure Measure { get; set; } = MapMeasure.Open;

    /// <summary>Renders done for changes and heartbeats since the component started (not counting the first).</summary>
    public int LiveRenders { get; private set; }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        Aggregates.Changed -= OnAggregatesChanged;
        Relay.Changed -= OnAggregatesChanged;
        _heartbeat?.Dispose();
        _deferred?.Dispose();
        _deadline?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _connected = true;
            StateHasChanged();
        }
    }

    protected override void OnInitialized()
    {
        _snapshot = Aggregates.Snapshot();
        Aggregates.Changed += OnAggregatesChanged;
        Relay.Changed += OnAggregatesChanged;
        _deferred = Clock.CreateTimer(_ => OnDeferredDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _heartbeat = Clock.CreateTimer(_ => RequestRender(), null, HeartbeatPeriod, HeartbeatPeriod);
        // Overdue figures change the second a case falls due, with no event: render at that instant too.
        _deadline = Clock.CreateTimer(_ => RequestRender(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        ScheduleDeadline();
    }

    protected override async Task OnInitializedAsync() => await LoadNamesAsync();

    private void OnAggregatesChanged() => RequestRender();

    private void ScheduleDeadline()
    {
        if (_snapshot.NextDeadlineAt is { } next)
        {
            // Half a second late, so the snapshot taken then already counts the case overdue; timers cannot wait for weeks.
            var wait = next - Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMilliseconds(500);
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait;
            _deadline?.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Renders now when the last render is older than the window, otherwise once at the window's end.</summary>
    private void RequestRender()
    {
        lock (_gate)
        {
            if (_disposed || _pending)
            {
                return;
            }

            var now = Clock.GetUtcNow();
            var wait = _lastRender + CoalesceWindow - now;
            if (wait > TimeSpan.Zero)
            {
                _pending = true;
                _deferred?.Change(wait, Timeout.InfiniteTimeSpan);
                return;
            }

            _lastRender = now;
        }

        _ = RenderAsync();
    }

    private void OnDeferredDue()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending = false;
            _lastRender = Clock.GetUtcNow();
        }

        _ = RenderAsync();
    }

    /// <summary>Names are a nicety: without them the panels show codes, and the next render tries again.</summary>
    private async Task LoadNamesAsync()
    {
        try
        {
            await Names.EnsureLoadedAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Logger.LogWarning(e, "The dashboard could not read reference names; it shows codes until they can be read.");
        }
    }

    private async Task RenderAsync()
    {
        try
        {
            if (!Names.IsLoaded)
            {
                await LoadNamesAsync();
            }

            await InvokeAsync(() =>
            {
                if (_disposed)
                {
                    return;
                }

                _snapshot = Aggregates.Snapshot();
                ScheduleDeadline();
                LiveRenders++;
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the change and the render: nothing to show it to.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed refresh must not take the wall down; the next change or heartbeat tries again.
            Logger.LogWarning(e, "The live dashboard could not refresh.");
        }
    }
}
