using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.Data.Sqlite;

namespace HotlineIoc.Infrastructure.Operations;

/// <summary>What a backup or a restore did, for the operator's one line.</summary>
public sealed record BackupResult(string File, long Bytes, long Cases, string KeysFolder);

/// <summary>The database cannot be backed up or restored as asked; the message says why in one line.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A consistent copy of the SQLite database while the app runs, through SQLite's online backup, checked with
/// <c>PRAGMA integrity_check</c>; and the way back. The reporter data in the copy is encrypted with the keys in the keys
/// folder, which are not in the database: a backup is only whole with them. SQL Server has its own backups.
/// </summary>
public static class SqliteBackup
{
    public static async Task<BackupResult> BackupAsync(DatabaseSettings settings, ReporterKeyFolder keys, string target, CancellationToken cancellationToken)
    {
        RequireSqlite(settings, "backup");
        ArgumentNullException.ThrowIfNull(keys);
        var source = SourceFile(settings);
        if (!File.Exists(source))
        {
            throw new BackupException($"There is no database at {source} to back up.");
        }

        var full = Path.GetFullPath(target);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            throw new BackupException($"--out: the folder {folder} does not exist.");
        }

        if (string.Equals(full, Path.GetFullPath(source), StringComparison.Ordinal))
        {
            throw new BackupException("--out names the live database itself; choose another file.");
        }

        // Written beside the target and moved into place only once checked, so a failed backup leaves no half file.
        var partial = full + ".partial";
        File.Delete(partial);
        try
        {
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                // SQLite's online backup: a consistent snapshot while writers go on (WAL content included).
                from.BackupDatabase(to);
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
            }

            var cases = await CheckAsync(partial, cancellationToken);
            File.Move(partial, full, overwrite: true);
            return new BackupResult(full, new FileInfo(full).Length, cases, keys.Path);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Puts a backup in place of the database: checked first, then copied page by page into the live file under SQLite's
    /// lock, so readers never see half of it. The web app should be stopped meanwhile; the caller migrates the result.
    /// </summary>
    public static async Task<BackupResult> RestoreAsync(DatabaseSettings settings, ReporterKeyFolder keys, string backup, CancellationToken cancellationToken)
    {
        RequireSqlite(settings, "restore");
        ArgumentNullException.ThrowIfNull(keys);
        var file = Path.GetFullPath(backup);
        if (!File.Exists(file))
        {
            throw new BackupException($"The backup {file} does not exist.");
        }

        var cases = await CheckAsync(file, cancellationToken);
        DatabaseRegistration.EnsureSqliteFolder(settings);
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);
            await ExecuteAsync(to, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var target = SourceFile(settings);
        return new BackupResult(target, new FileInfo(target).Length, cases, keys.Path);
    }

    /// <summary>Whether a file is a whole HotlineIoc database: SQLite's integrity check says ok and it has the case table. Returns its cases.</summary>
    public static async Task<long> CheckAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var verdict = Convert.ToString(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (verdict != "ok")
            {
                throw new BackupException($"{file} fails SQLite's integrity check: {verdict}.");
            }

            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM Cases;";
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{file} is not a HotlineIoc database: {e.Message}", e);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string SourceFile(DatabaseSettings settings) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);

    private static void RequireSqlite(DatabaseSettings settings, string what)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            throw new BackupException($"'{what}' works on the embedded SQLite database; on SQL Server use the database's own backups (BACKUP DATABASE / RESTORE DATABASE) and keep the keys folder with them.");
        }
    }
}
