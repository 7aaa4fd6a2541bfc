using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;

namespace HotlineIoc.Reports;

/// <summary>A generated report: the model it came from and the PDF bytes.</summary>
public sealed record GeneratedReport(ReportModel Model, byte[] Pdf)
{
    public string FileName => $"bao-cao-{Model.Period.Key}-{Model.Scope.Key.Replace(':', '-')}.pdf";
}

/// <summary>The one way reports are made, shared by the command line, the web page and the schedule.</summary>
public sealed class ReportService(ReportBuilder builder, ReportFonts fonts)
{
    public Task<ReportModel> BuildAsync(ReportPeriod period, ReportScope scope, CancellationToken cancellationToken) =>
        builder.BuildAsync(period, scope, cancellationToken);

    public byte[] RenderPdf(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new PdfRenderer(fonts).Render(ReportComposer.Compose(model), model.GeneratedAtUtc);
    }

    public async Task<GeneratedReport> GenerateAsync(ReportPeriod period, ReportScope scope, CancellationToken cancellationToken)
    {
        var model = await BuildAsync(period, scope, cancellationToken);
        return new GeneratedReport(model, RenderPdf(model));
    }
}
