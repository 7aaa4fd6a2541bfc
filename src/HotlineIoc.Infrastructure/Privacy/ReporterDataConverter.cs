using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// Encrypts a reporter column on the way in and decrypts it on the way out. linq2db's bulk copy reads the same converter
/// from the EF model, so imported rows are encrypted too.
/// </summary>
public sealed class ReporterDataConverter(ReporterProtection? protection)
    : ValueConverter<string, string>(
        plain => Protect(protection, plain),
        stored => Unprotect(protection, stored))
{
    /// <summary>Room for the ciphertext of the longest allowed name (Data Protection adds a header, an IV and a MAC, then base64).</summary>
    public const int StoredMaxLength = 1024;

    private static string Protect(ReporterProtection? protection, string plain) =>
        (protection ?? throw Missing()).Protect(plain);

    private static string Unprotect(ReporterProtection? protection, string stored) =>
        (protection ?? throw Missing()).Unprotect(stored);

    private static InvalidOperationException Missing() =>
        new("This database context was made without reporter protection (Data Protection keys), so it cannot read or write reporter data.");
}

/// <summary>One EF model per protection instance: the converters above hold that instance.</summary>
public sealed class ProtectedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is HotlineDbContext hotline
            ? (context.GetType(), hotline.Protection, designTime)
            : (object)(context.GetType(), designTime);
}
