namespace HotlineIoc.Infrastructure.CaseCsv;

/// <summary>The file as a whole cannot be imported (missing, wrong header, broken encoding). Nothing was written.</summary>
public sealed class CaseImportException(string message) : Exception(message);
