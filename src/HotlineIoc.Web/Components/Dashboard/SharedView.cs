using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>
/// What a panel shows, built once per input and shared by every circuit that shows that input.
/// Every open dashboard renders the same immutable snapshot, so a view keyed by the snapshot's own objects is built once
/// per snapshot (and culture) and forty walls reference one set of strings instead of each holding its own copy.
/// A view lives exactly as long as the input it was built from: the table holds its inputs weakly.
/// </summary>
public static class SharedView
{
    // Bounds the views of one input; only an input that lives for ever (an empty array) meets ever new keys.
    private const int MaxViewsPerInput = 16;

    /// <summary>
    /// The view of <paramref name="input"/> under <paramref name="key"/>, building it on first use. The key must hold
    /// everything else the view depends on; <paramref name="build"/> must not capture anything of one circuit.
    /// </summary>
    public static TView Get<TKey, TView>(object input, TKey key, Func<TKey, TView> build)
        where TKey : notnull
        where TView : class
    {
        var views = Of<TView>.Views.GetValue(input, static _ => new ConcurrentDictionary<object, TView>());
        if (views.TryGetValue(key, out var view))
        {
            return view;
        }

        if (views.Count >= MaxViewsPerInput)
        {
            views.Clear();
        }

        return views.GetOrAdd(key, build(key));
    }

    /// <summary>One table per kind of view, so two panels keyed by the same input never meet.</summary>
    private static class Of<TView>
        where TView : class
    {
        public static readonly ConditionalWeakTable<object, ConcurrentDictionary<object, TView>> Views = new();
    }
}

/// <summary>The cultures a view is formatted and worded in: numbers follow the UI language, texts both.</summary>
public readonly record struct ViewCulture(CultureInfo Ui, CultureInfo Format)
{
    public static ViewCulture Current => new(CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
}
