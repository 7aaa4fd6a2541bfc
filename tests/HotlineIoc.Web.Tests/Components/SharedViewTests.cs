// The render tree is what a circuit keeps in memory; these tests read it on purpose.
#pragma warning disable BL0006

using System.Runtime.ExceptionServices;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.Logging.Abstractions;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>
/// Server memory per open wall: every circuit shows the same snapshot, so it must reference the same strings, and keep
/// few render-tree frames of its own (each frame is 40 bytes, held twice per component, in every circuit).
/// </summary>
public class SharedViewTests
{
    /// <summary>The wall's own render tree, all panels included; about 420 frames now, against almost 2,000 when each circuit built its own.</summary>
    private const int WallFrameBudget = 600;

    [Fact]
    public async Task Two_walls_showing_one_snapshot_reference_the_very_same_strings()
    {
        using var culture = Vietnamese();
        var snapshot = Snapshot();
        await using var first = NewContext();
        await using var second = NewContext();

        using var firstCircuit = new FrameRenderer(first.Services);
        using var secondCircuit = new FrameRenderer(second.Services);

        var one = Strings(firstCircuit, await firstCircuit.RenderWallAsync(snapshot));
        var other = Strings(secondCircuit, await secondCircuit.RenderWallAsync(snapshot));

        Assert.Equal(one.Count, other.Count);
        var copies = one.Zip(other).Where(pair => !ReferenceEquals(pair.First, pair.Second)).Select(pair => pair.First).ToList();
        Assert.True(copies.Count == 0, $"Strings each circuit holds its own copy of: {string.Join(" | ", copies)}");
    }

    [Fact]
    public async Task The_wall_keeps_few_render_tree_frames_per_circuit()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();
        using var circuit = new FrameRenderer(ctx.Services);

        var frames = circuit.Frames(await circuit.RenderWallAsync(Snapshot())).Count();
        Assert.True(frames <= WallFrameBudget, $"The wall renders {frames} frames, more than its budget of {WallFrameBudget}.");
    }

    [Fact]
    public void A_view_is_built_once_per_input_and_key()
    {
        var input = new List<int> { 1, 2, 3 };
        var builds = 0;
        string Build(string key)
        {
            builds++;
            return $"{key}:{input.Count}";
        }

        var first = SharedView.Get(input, "vi", Build);
        var again = SharedView.Get(input, "vi", Build);
        var english = SharedView.Get(input, "en", Build);
        var otherInput = SharedView.Get(new List<int> { 1, 2, 3 }, "vi", Build);

        Assert.Same(first, again);
        Assert.NotSame(first, english);
        Assert.NotSame(first, otherInput);
        Assert.Equal(3, builds);
    }

    /// <summary>The strings the render tree holds: markup, text and attribute values.</summary>
    private static List<string> Strings(FrameRenderer renderer, int componentId) =>
        renderer.Frames(componentId)
            .Select(f => f.FrameType switch
            {
                RenderTreeFrameType.Markup => f.MarkupContent,
                RenderTreeFrameType.Text => f.TextContent,
                RenderTreeFrameType.Attribute => f.AttributeValue as string,
                _ => null,
            })
            .OfType<string>()
            .ToList();

    /// <summary>A renderer like a circuit's, without a browser: renders the wall and shows the frames it keeps.</summary>
    private sealed class FrameRenderer(IServiceProvider services) : Renderer(services, NullLoggerFactory.Instance)
    {
        public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

        public Task<int> RenderWallAsync(DashboardSnapshot snapshot) => Dispatcher.InvokeAsync(async () =>
        {
            var id = AssignRootComponentId(InstantiateComponent(typeof(DashboardView)));
            await RenderRootComponentAsync(id, ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(DashboardView.Snapshot)] = snapshot,
                [nameof(DashboardView.Wall)] = true,
            }));
            return id;
        });

        /// <summary>Every frame of a component and of the components it renders, in order.</summary>
        public IEnumerable<RenderTreeFrame> Frames(int componentId)
        {
            var frames = GetCurrentRenderTreeFrames(componentId);
            for (var i = 0; i < frames.Count; i++)
            {
                var frame = frames.Array[i];
                yield return frame;
                if (frame.FrameType == RenderTreeFrameType.Component)
                {
                    foreach (var child in Frames(frame.ComponentId))
                    {
                        yield return child;
                    }
                }
            }
        }

        protected override void HandleException(Exception exception) => ExceptionDispatchInfo.Capture(exception).Throw();

        protected override Task UpdateDisplayAsync(in RenderBatch renderBatch) => Task.CompletedTask;
    }
}
