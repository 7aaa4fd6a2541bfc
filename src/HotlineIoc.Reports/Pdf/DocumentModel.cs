namespace HotlineIoc.Reports.Pdf;

/// <summary>A small document model the layout engine paginates: the report is composed from these, never drawn ad hoc.</summary>
public abstract record Block;

public enum TextWeight
{
    Regular,
    Bold,
    Italic,
}

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>A heading; level 1 and 2 headings go into the table of contents.</summary>
public sealed record Heading(string Text, int Level) : Block;

public sealed record Paragraph(string Text, TextWeight Weight = TextWeight.Regular, TextAlign Align = TextAlign.Left, float Size = 12, float SpaceAfter = 6) : Block;

public sealed record TableColumn(string Header, float Width, TextAlign Align = TextAlign.Left);

/// <summary>A table that breaks across pages with its header row repeated; the last row may be a bold total.</summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, bool LastRowIsTotal = false) : Block;

public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, uint Color);

/// <summary>A vector bar chart: horizontal bars for categories, or columns for a trend over time.</summary>
public sealed record BarChart(string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Columns = false) : Block;

public sealed record MapTile(string Name, int Column, int Row, string Value, double Intensity);

/// <summary>The schematic map: one tile per unit, shaded by its figure.</summary>
public sealed record TileMap(string Title, IReadOnlyList<MapTile> Tiles, string Caption) : Block;

/// <summary>
/// The Decree 30/2020/NĐ-CP header: issuing body and number on the left, motto and place-date on the right.
/// <paramref name="ParentBody"/> (cơ quan chủ quản) is null when the issuing body has none.
/// </summary>
public sealed record OfficialHeader(string? ParentBody, string IssuingBody, string Number, string Motto, string Slogan, string PlaceAndDate) : Block;

/// <summary>Recipients on the left, the signer's title on the right.</summary>
public sealed record SignatureBlock(IReadOnlyList<string> Recipients, string SignerTitle, string SignerNote, string SignerName) : Block;

/// <summary>Where the table of contents goes; filled in after the headings have found their pages.</summary>
public sealed record TableOfContents(string Title) : Block;

public sealed record PageBreak : Block;

public sealed record ReportDocument(string Title, IReadOnlyList<Block> Blocks);
