using SkiaSharp;

namespace HotlineIoc.Reports.Pdf;

/// <summary>A heading and the page it landed on (1-based).</summary>
public sealed record TocEntry(string Text, int Level, int Page);

/// <summary>
/// Paginates blocks onto A4 pages with the margins of Decree 30 (top and bottom 20 mm, left 30 mm, right 15 mm).
/// The result is a list of pages, each a list of drawing steps, so the same layout can be counted and then drawn.
/// </summary>
internal sealed class PageLayout : IDisposable
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    private const float Left = 85f;
    private const float Right = 42.5f;
    private const float Top = 57f;
    private const float Bottom = 57f;
    private const float ContentWidth = PageWidth - Left - Right;
    private const uint Ink = 0xFF1A1A1A;
    private const uint Rule = 0xFF8A8A8A;
    private const uint HeaderFill = 0xFFE8EEF5;
    private const float GridWidth = 0.5f;

    private readonly TextMetrics _metrics;
    private readonly IReadOnlyList<TocEntry>? _toc;

    // One paint per colour and stroke, made when first drawn and shared by every step that draws with it.
    private readonly Dictionary<(uint Color, float Stroke), SKPaint> _paints = [];
    private readonly List<List<TableGrid>> _grids = [];

    // Square caps close the corners where a row's line meets a column's, as the cells' own rectangles did.
    private SKPaint? _gridPaint;
    private float _y;

    public PageLayout(TextMetrics metrics, IReadOnlyList<TocEntry>? toc)
    {
        _metrics = metrics;
        _toc = toc;
        NewPage();
    }

    public List<List<Action<SKCanvas>>> Pages { get; } = [];

    public List<TocEntry> Headings { get; } = [];

    private List<Action<SKCanvas>> Page => Pages[^1];

    private const float Bottomline = PageHeight - Bottom;

    public void Run(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case OfficialHeader h: LayOutHeader(h); break;
                case Heading h: LayOutHeading(h); break;
                case Paragraph p: LayOutParagraph(p); break;
                case Table t: LayOutTable(t); break;
                case BarChart c when c.Columns: LayOutColumnChart(c); break;
                case BarChart c: LayOutBarChart(c); break;
                case TileMap m: LayOutMap(m); break;
                case SignatureBlock s: LayOutSignature(s); break;
                case TableOfContents t when _toc is not null: LayOutToc(t, _toc); break;
                case TableOfContents: break;
                case PageBreak: NewPage(); break;
                default: throw new NotSupportedException($"No layout for {block.GetType().Name}.");
            }
        }
    }

    private void NewPage()
    {
        Pages.Add([]);
        _grids.Add([]);
        _y = Top;
    }

    private void Ensure(float height)
    {
        if (_y + height > Bottomline && _y > Top)
        {
            NewPage();
        }
    }

    private SKFont Font(TextWeight weight, float size) => _metrics.Font(weight, size);

    /// <summary>A fill (<paramref name="stroke"/> 0) or stroke paint; only called while drawing, after the layout is done.</summary>
    private SKPaint Paint(uint color, float stroke = 0)
    {
        if (!_paints.TryGetValue((color, stroke), out var paint))
        {
            paint = new SKPaint { Color = new SKColor(color), IsAntialias = true, IsStroke = stroke > 0, StrokeWidth = stroke };
            _paints[(color, stroke)] = paint;
        }

        return paint;
    }

    private static float LineHeight(float size) => size * 1.4f;

    /// <summary>Text drawn as <see cref="SKCanvas.DrawText(string, float, float, SKTextAlign, SKFont, SKPaint)"/> would, from glyphs made once per text.</summary>
    private void Text(string text, float x, float baseline, TextWeight weight, float size, TextAlign align = TextAlign.Left, uint color = Ink) =>
        Page.Add(canvas =>
        {
            var (blob, width) = _metrics.Run(text, weight, size);
            if (blob is not null)
            {
                var left = align switch { TextAlign.Center => x - (width * 0.5f), TextAlign.Right => x - width, _ => x };
                canvas.DrawText(blob, left, baseline, Paint(color));
            }
        });

    private void Line(float x1, float y1, float x2, float y2, float width = 0.6f, uint color = Rule) =>
        Page.Add(canvas => canvas.DrawLine(x1, y1, x2, y2, Paint(color, width)));

    private void Rect(SKRect rect, uint fill) =>
        Page.Add(canvas => canvas.DrawRect(rect, Paint(fill)));


    private string[] Wrap(string text, TextWeight weight, float size, float width) => _metrics.Wrap(text, weight, size, width);

    private float WrappedText(string text, float x, float top, float width, TextWeight weight, float size, TextAlign align) =>
        WrappedLines(Wrap(text, weight, size, width), x, top, width, weight, size, align);

    private float WrappedLines(string[] lines, float x, float top, float width, TextWeight weight, float size, TextAlign align)
    {
        var lineHeight = LineHeight(size);
        var y = top;
        foreach (var line in lines)
        {
            var ax = align switch { TextAlign.Center => x + (width / 2), TextAlign.Right => x + width, _ => x };
            Text(line, ax, y + (size * 1.05f), weight, size, align);
            y += lineHeight;
        }

        return y - top;
    }

    private void LayOutHeader(OfficialHeader h)
    {
        var leftWidth = ContentWidth * 0.44f;
        var rightX = Left + leftWidth;
        var rightWidth = ContentWidth - leftWidth;
        var leftCenter = Left + (leftWidth / 2);
        var rightCenter = rightX + (rightWidth / 2);
        var y = _y;

        // Left: the parent body (when there is one) above the issuing body, each wrapped to its column, then a short rule
        // under the issuing body. Without a parent the issuing body takes the first line, level with the motto.
        var left = y;
        foreach (var line in h.ParentBody is { Length: > 0 } parent ? Wrap(parent, TextWeight.Regular, 10.5f, leftWidth - 6) : [])
        {
            Text(line, leftCenter, left + 12, TextWeight.Regular, 10.5f, TextAlign.Center);
            left += 16;
        }

        var bodyLines = Wrap(h.IssuingBody, TextWeight.Bold, 10.5f, leftWidth - 6);
        foreach (var line in bodyLines)
        {
            Text(line, leftCenter, left + 12, TextWeight.Bold, 10.5f, TextAlign.Center);
            left += 16;
        }

        left += 1;
        var issuingWidth = bodyLines.Select(l => Font(TextWeight.Bold, 10.5f).MeasureText(l)).DefaultIfEmpty(0).Max() / 3;
        Line(leftCenter - (issuingWidth / 2), left, leftCenter + (issuingWidth / 2), left, 0.8f, Ink);

        // Right: the motto and slogan, the slogan underlined.
        Text(h.Motto, rightCenter, y + 12, TextWeight.Bold, 11f, TextAlign.Center);
        Text(h.Slogan, rightCenter, y + 28.5f, TextWeight.Bold, 12.5f, TextAlign.Center);
        var sloganWidth = Font(TextWeight.Bold, 12.5f).MeasureText(h.Slogan);
        Line(rightCenter - (sloganWidth / 2), y + 33, rightCenter + (sloganWidth / 2), y + 33, 0.8f, Ink);

        // The number and the place and date on one line, below both rules.
        y = Math.Max(left, y + 33) + 16;
        Text(h.Number, leftCenter, y + 12, TextWeight.Regular, 12, TextAlign.Center);
        Text(h.PlaceAndDate, rightCenter, y + 12, TextWeight.Italic, 12, TextAlign.Center);
        _y = y + 34;
    }

    private void LayOutHeading(Heading h)
    {
        var size = h.Level == 1 ? 13f : 12f;
        // A heading never sits alone at the foot of a page.
        Ensure(LineHeight(size) + 60);
        Headings.Add(new TocEntry(h.Text, h.Level, Pages.Count));
        _y += h.Level == 1 ? 8 : 4;
        _y += WrappedText(h.Text, Left, _y, ContentWidth, TextWeight.Bold, size, TextAlign.Left) + 4;
    }

    private void LayOutParagraph(Paragraph p)
    {
        var lines = Wrap(p.Text, p.Weight, p.Size, ContentWidth);
        var lineHeight = LineHeight(p.Size);
        foreach (var line in lines)
        {
            Ensure(lineHeight);
            var x = p.Align switch { TextAlign.Center => Left + (ContentWidth / 2), TextAlign.Right => Left + ContentWidth, _ => Left };
            Text(line, x, _y + (p.Size * 1.05f), p.Weight, p.Size, p.Align);
            _y += lineHeight;
        }

        _y += p.SpaceAfter;
    }

    private void LayOutTable(Table t)
    {
        const float Size = 9.5f;
        const float Pad = 3f;
        var total = t.Columns.Sum(c => c.Width);
        var widths = t.Columns.Select(c => c.Width / total * ContentWidth).ToArray();
        var header = t.Columns.Select(c => c.Header).ToArray();

        var columns = new float[widths.Length + 1];
        columns[0] = Left;
        for (var i = 0; i < widths.Length; i++)
        {
            columns[i + 1] = columns[i] + widths[i];
        }

        TableGrid? grid = null;
        var gridPage = 0;

        // Each cell is wrapped once: the same lines give the row its height and are drawn.
        string[][] Lines(IReadOnlyList<string> cells, TextWeight weight) =>
            cells.Select((cell, i) => Wrap(cell, weight, Size, widths[i] - (2 * Pad))).ToArray();

        float RowHeight(string[][] lines) => (lines.Max(l => l.Length) * LineHeight(Size)) + (2 * Pad);

        void DrawRow(string[][] lines, TextWeight weight, uint? fill, bool isHeader)
        {
            // The borders of the table's rows on this page, drawn with the page.
            if (grid is null || gridPage != Pages.Count)
            {
                grid = new TableGrid(columns, [_y]);
                gridPage = Pages.Count;
                _grids[^1].Add(grid);
            }

            var height = RowHeight(lines);
            for (var i = 0; i < lines.Length; i++)
            {
                if (fill is { } f)
                {
                    Rect(new SKRect(columns[i], _y, columns[i + 1], _y + height), f);
                }

                var align = isHeader ? TextAlign.Center : t.Columns[i].Align;
                WrappedLines(lines[i], columns[i] + Pad, _y + Pad, widths[i] - (2 * Pad), weight, Size, align);
            }

            _y += height;
            grid.Rows.Add(_y);
        }

        var headerLines = Lines(header, TextWeight.Bold);
        var firstRow = t.Rows.Count > 0 ? RowHeight(Lines(t.Rows[0], TextWeight.Regular)) : 0;
        Ensure(RowHeight(headerLines) + firstRow);
        DrawRow(headerLines, TextWeight.Bold, HeaderFill, isHeader: true);
        for (var r = 0; r < t.Rows.Count; r++)
        {
            var weight = t.LastRowIsTotal && r == t.Rows.Count - 1 ? TextWeight.Bold : TextWeight.Regular;
            var lines = Lines(t.Rows[r], weight);
            if (_y + RowHeight(lines) > Bottomline)
            {
                NewPage();
                DrawRow(headerLines, TextWeight.Bold, HeaderFill, isHeader: true);
            }

            DrawRow(lines, weight, null, isHeader: false);
        }

        _y += 10;
    }

    private void Legend(IReadOnlyList<ChartSeries> series, float y)
    {
        var x = Left;
        foreach (var s in series)
        {
            Rect(new SKRect(x, y - 7, x + 9, y + 1), s.Color);
            Text(s.Name, x + 13, y, TextWeight.Regular, 8.5f);
            x += 22 + Font(TextWeight.Regular, 8.5f).MeasureText(s.Name);
        }
    }

    private void LayOutBarChart(BarChart c)
    {
        const float LabelSize = 8.5f;
        var barHeight = 6f;
        var rowHeight = Math.Max(13f, (c.Series.Count * barHeight) + 5);
        var height = 18 + (c.Labels.Count * rowHeight) + 18;
        Ensure(height);
        Text(c.Title, Left, _y + 11, TextWeight.Italic, 10);
        var top = _y + 18;
        var labelWidth = ContentWidth * 0.36f;
        var barLeft = Left + labelWidth + 4;
        var barWidth = ContentWidth - labelWidth - 50;
        var max = Math.Max(1, c.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        Line(barLeft, top, barLeft, top + (c.Labels.Count * rowHeight), 0.6f, Ink);
        for (var i = 0; i < c.Labels.Count; i++)
        {
            var rowTop = top + (i * rowHeight);
            var label = c.Labels[i];
            var font = Font(TextWeight.Regular, LabelSize);
            while (label.Length > 3 && font.MeasureText(label) > labelWidth - 4)
            {
                label = label[..^2].TrimEnd() + "…";
            }

            Text(label, barLeft - 4, rowTop + (rowHeight / 2) + 3, TextWeight.Regular, LabelSize, TextAlign.Right);
            for (var s = 0; s < c.Series.Count; s++)
            {
                var value = c.Series[s].Values[i];
                var barTop = rowTop + 2.5f + (s * barHeight);
                var w = (float)(value / max * barWidth);
                Rect(new SKRect(barLeft, barTop, barLeft + w, barTop + barHeight - 1), c.Series[s].Color);
                Text(Model.VietnameseFormat.Count((long)value), barLeft + w + 3, barTop + barHeight - 1.5f, TextWeight.Regular, 7f);
            }
        }

        Legend(c.Series, top + (c.Labels.Count * rowHeight) + 12);
        _y += height + 6;
    }

    private void LayOutColumnChart(BarChart c)
    {
        const float PlotHeight = 150;
        var height = 18 + PlotHeight + 16 + 18;
        Ensure(height);
        Text(c.Title, Left, _y + 11, TextWeight.Italic, 10);
        var top = _y + 22;
        var axisLeft = Left + 34;
        var plotWidth = ContentWidth - 40;
        var max = Math.Max(1, c.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var step = NiceStep(max / 4);
        var axisMax = Math.Ceiling(max / step) * step;
        for (var tick = 0.0; tick <= axisMax + (step / 2); tick += step)
        {
            var y = top + PlotHeight - (float)(tick / axisMax * PlotHeight);
            Line(axisLeft, y, axisLeft + plotWidth, y, 0.3f, 0xFFCCCCCC);
            Text(Model.VietnameseFormat.Count((long)tick), axisLeft - 4, y + 3, TextWeight.Regular, 7.5f, TextAlign.Right);
        }

        Line(axisLeft, top + PlotHeight, axisLeft + plotWidth, top + PlotHeight, 0.8f, Ink);
        var groupWidth = plotWidth / Math.Max(1, c.Labels.Count);
        var barWidth = Math.Min(14f, groupWidth * 0.8f / Math.Max(1, c.Series.Count));
        for (var i = 0; i < c.Labels.Count; i++)
        {
            var groupLeft = axisLeft + (i * groupWidth) + ((groupWidth - (barWidth * c.Series.Count)) / 2);
            for (var s = 0; s < c.Series.Count; s++)
            {
                var h = (float)(c.Series[s].Values[i] / axisMax * PlotHeight);
                var x = groupLeft + (s * barWidth);
                Rect(new SKRect(x, top + PlotHeight - h, x + barWidth - 1, top + PlotHeight), c.Series[s].Color);
            }

            Text(c.Labels[i], axisLeft + (i * groupWidth) + (groupWidth / 2), top + PlotHeight + 11, TextWeight.Regular, 7.5f, TextAlign.Center);
        }

        Legend(c.Series, top + PlotHeight + 28);
        _y += height + 8;
    }

    private static double NiceStep(double rough)
    {
        if (rough <= 1)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    private void LayOutMap(TileMap m)
    {
        if (m.Tiles.Count == 0)
        {
            return;
        }

        var columns = m.Tiles.Max(t => t.Column) + 1;
        var rows = m.Tiles.Max(t => t.Row) + 1;
        var size = Math.Min(ContentWidth / columns, 62f);
        // The caption wraps to the width of the page, 10 pt a line.
        var caption = Wrap(m.Caption, TextWeight.Italic, 8, ContentWidth);
        var height = 18 + (rows * size) + 6 + (caption.Length * 10);
        Ensure(height);
        Text(m.Title, Left, _y + 11, TextWeight.Italic, 10);
        var top = _y + 18;
        var left = Left + ((ContentWidth - (columns * size)) / 2);
        foreach (var tile in m.Tiles)
        {
            var rect = new SKRect(left + (tile.Column * size) + 1, top + (tile.Row * size) + 1, left + ((tile.Column + 1) * size) - 1, top + ((tile.Row + 1) * size) - 1);
            Rect(rect, Blend(0xFFEAF1FB, 0xFF1F5FA8, tile.Intensity));
            var dark = tile.Intensity > 0.55;
            var color = dark ? 0xFFFFFFFFu : Ink;
            var nameLines = Wrap(tile.Name, TextWeight.Regular, 6.5f, size - 6);
            var y = rect.Top + 10;
            foreach (var line in nameLines.Take(2))
            {
                Text(line, rect.MidX, y, TextWeight.Regular, 6.5f, TextAlign.Center, color);
                y += 8;
            }

            Text(tile.Value, rect.MidX, rect.Bottom - 6, TextWeight.Bold, 9, TextAlign.Center, color);
        }

        for (var i = 0; i < caption.Length; i++)
        {
            Text(caption[i], Left, top + (rows * size) + 11 + (i * 10), TextWeight.Italic, 8);
        }

        _y += height + 6;
    }

    private static uint Blend(uint from, uint to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        uint Channel(int shift) => (uint)Math.Round((((from >> shift) & 0xFF) * (1 - t)) + (((to >> shift) & 0xFF) * t)) << shift;
        return 0xFF000000 | Channel(16) | Channel(8) | Channel(0);
    }

    private void LayOutSignature(SignatureBlock s)
    {
        var height = 30 + Math.Max(s.Recipients.Count * 14, 110);
        Ensure(height);
        var top = _y + 10;
        Text("Nơi nhận:", Left, top + 11, TextWeight.Bold, 11);
        var y = top + 26;
        foreach (var r in s.Recipients)
        {
            Text(r, Left, y, TextWeight.Regular, 10);
            y += 14;
        }

        var center = Left + (ContentWidth * 0.72f);
        Text(s.SignerTitle, center, top + 12, TextWeight.Bold, 12, TextAlign.Center);
        Text(s.SignerNote, center, top + 28, TextWeight.Italic, 11, TextAlign.Center);
        Text(s.SignerName, center, top + 110, TextWeight.Bold, 12, TextAlign.Center);
        _y += height;
    }

    private void LayOutToc(TableOfContents t, IReadOnlyList<TocEntry> entries)
    {
        LayOutParagraph(new Paragraph(t.Title, TextWeight.Bold, TextAlign.Center, 13, 8));
        foreach (var entry in entries)
        {
            Ensure(LineHeight(11));
            var indent = entry.Level == 1 ? 0 : 16;
            var page = entry.Page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var font = Font(entry.Level == 1 ? TextWeight.Bold : TextWeight.Regular, 11);
            var textWidth = font.MeasureText(entry.Text);
            Text(entry.Text, Left + indent, _y + 11, entry.Level == 1 ? TextWeight.Bold : TextWeight.Regular, 11);
            var dotsFrom = Left + indent + textWidth + 6;
            var dotsTo = Left + ContentWidth - 24;
            if (dotsTo > dotsFrom)
            {
                var y = _y + 11;
                Page.Add(canvas =>
                {
                    using var dots = new SKPaint { Color = new SKColor(Rule), StrokeWidth = 0.8f, IsStroke = true, PathEffect = SKPathEffect.CreateDash([1, 3], 0) };
                    canvas.DrawLine(dotsFrom, y, dotsTo, y, dots);
                });
            }

            Text(page, Left + ContentWidth, _y + 11, TextWeight.Regular, 11, TextAlign.Right);
            _y += LineHeight(11);
        }

        NewPage();
    }

    /// <summary>Draws page <paramref name="index"/> (0-based): its steps in order, then its table borders.</summary>
    public void Draw(SKCanvas canvas, int index)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        foreach (var draw in Pages[index])
        {
            draw(canvas);
        }

        if (_grids[index].Count > 0)
        {
            // Every cell's frame, as the lines they share: one stroke per row edge and per column edge.
            using var builder = new SKPathBuilder();
            foreach (var grid in _grids[index])
            {
                foreach (var y in grid.Rows)
                {
                    builder.MoveTo(grid.Columns[0], y);
                    builder.LineTo(grid.Columns[^1], y);
                }

                foreach (var x in grid.Columns)
                {
                    builder.MoveTo(x, grid.Rows[0]);
                    builder.LineTo(x, grid.Rows[^1]);
                }
            }

            using var path = builder.Detach();
            _gridPaint ??= new SKPaint { Color = new SKColor(Rule), IsAntialias = true, IsStroke = true, StrokeWidth = GridWidth, StrokeCap = SKStrokeCap.Square };
            canvas.DrawPath(path, _gridPaint);
        }
    }

    /// <summary>Page numbers go top centre from the second page on, as Decree 30 lays down.</summary>
    public void NumberPages()
    {
        for (var i = 1; i < Pages.Count; i++)
        {
            var number = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var font = Font(TextWeight.Regular, 11);
            Pages[i].Add(canvas => canvas.DrawText(number, PageWidth / 2, 32, SKTextAlign.Center, font, Paint(Ink)));
        }
    }

    public void Dispose()
    {
        _gridPaint?.Dispose();
        foreach (var paint in _paints.Values)
        {
            paint.Dispose();
        }
    }
}

/// <summary>Where a table's column edges and row edges fall on one page.</summary>
internal sealed record TableGrid(float[] Columns, List<float> Rows);
