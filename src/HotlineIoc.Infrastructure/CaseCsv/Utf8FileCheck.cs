using System.Buffers;
using System.Text.Unicode;

namespace HotlineIoc.Infrastructure.CaseCsv;

/// <summary>Checks a whole file is valid UTF-8 before anything is imported, and says on which line it is not.</summary>
internal static class Utf8FileCheck
{
    public static void EnsureValid(string path, CancellationToken cancellationToken)
    {
        const int ChunkSize = 1 << 20;
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkSize + 8);
        var chars = ArrayPool<char>.Shared.Rent(ChunkSize + 8);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var carried = 0;
            var line = 1;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = file.Read(bytes, carried, ChunkSize);
                var length = carried + read;
                var final = read == 0;
                var status = Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
                if (status == System.Buffers.OperationStatus.InvalidData)
                {
                    line += bytes.AsSpan(0, consumed).Count((byte)'\n');
                    throw new CaseImportException($"{Path.GetFileName(path)} is not valid UTF-8: line {line} has a broken byte sequence (save the file as UTF-8).");
                }

                line += bytes.AsSpan(0, consumed).Count((byte)'\n');
                carried = length - consumed;
                if (final)
                {
                    return;
                }

                bytes.AsSpan(consumed, carried).CopyTo(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
