using HotlineIoc.Domain.Calendar;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HotlineIoc.Infrastructure.Tests;

public sealed class DatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string SqlServerVariable = "HOTLINE_TEST_SQLSERVER";

    [Fact]
    public async Task Sqlite_migrations_match_the_model_and_create_the_query_indexes()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        await using var db = database.Open();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration.");
        await using var connection = new SqliteConnection($"Data Source={database.FilePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Cases'";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        Assert.Contains("IX_Cases_Code", indexes);
        Assert.Contains("IX_Cases_Status_DueAt", indexes);
        Assert.Contains("IX_Cases_AgencyCode_Status_DueAt", indexes);
        Assert.Contains("IX_Cases_UnitCode_ReceivedAt", indexes);
        Assert.Contains("IX_Cases_FieldCode_ReceivedAt", indexes);
        Assert.Contains("IX_Cases_ReceivedAt_Report", indexes);
        Assert.Contains("IX_Cases_ResolvedAt_DueAt", indexes);
    }

    [Fact]
    public async Task Sql_server_migration_script_builds_without_a_server()
    {
        var options = new DbContextOptionsBuilder<HotlineDbContext>();
        options.UseDatabase(new DatabaseSettings(DatabaseProvider.SqlServer, "Server=unused;Database=Hotline;Trusted_Connection=True;TrustServerCertificate=True"));
        await using var db = new HotlineDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration.");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Cases]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Cases_Code]", script, StringComparison.Ordinal);
        Assert.Contains("[ReceivedAt] datetime2 NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX [IX_Cases_AgencyCode_Status_DueAt]", script, StringComparison.Ordinal);
        // The seeder, the demo writer and the importer open their own transactions, which a retrying strategy refuses.
        Assert.False(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    [Fact]
    public async Task Sql_server_round_trip_when_a_server_is_given()
    {
        var connectionString = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Skip($"No SQL Server here: set {SqlServerVariable} to a connection string of a disposable database to run this test.");
        }

        var options = new DbContextOptionsBuilder<HotlineDbContext>();
        options.UseDatabase(new DatabaseSettings(DatabaseProvider.SqlServer, connectionString));
        await using var db = new HotlineDbContext(options.Options);
        await db.Database.EnsureDeletedAsync(Ct);
        await DatabaseMigrator.MigrateAsync(db, Ct);
        var seeded = await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(SeedData.DefaultFolder), Ct);
        Assert.Equal(15, seeded.Fields);
        var reference = await ReferenceData.LoadAsync(db, Ct);
        Assert.True(reference.Calendar.IsWorkingDay(new DateOnly(2024, 5, 4)));
    }

    [Fact]
    public async Task Seeding_adds_the_reference_data_once_and_keeps_an_administrators_edits()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        await using var db = database.Open();
        var data = SeedData.Load(SeedData.DefaultFolder);

        var first = await ReferenceDataSeeder.SeedAsync(db, data, Ct);
        Assert.Equal((3, 15, 27), (first.Channels, first.Fields, first.Units));
        Assert.Equal(14 + 27, first.Agencies);

        var tet = await db.CalendarDays.SingleAsync(d => d.Date == new DateOnly(2024, 2, 8), Ct);
        tet.Name = "Nghỉ Tết (đã sửa)";
        await db.SaveChangesAsync(Ct);
        var second = await ReferenceDataSeeder.SeedAsync(db, data, Ct);

        Assert.Equal(0, second.Total);
        db.ChangeTracker.Clear();
        Assert.Equal("Nghỉ Tết (đã sửa)", (await db.CalendarDays.SingleAsync(d => d.Date == new DateOnly(2024, 2, 8), Ct)).Name);
    }

    [Fact]
    public async Task A_day_off_added_in_the_database_moves_deadlines()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        var received = VietnamTime.FromLocal(new DateOnly(2024, 10, 14), new TimeOnly(9, 0)); // Monday
        var before = await ReferenceData.LoadAsync(db, Ct);
        Assert.Equal(new DateOnly(2024, 10, 17), VietnamTime.LocalDate(DeadlineRule.DueAt(received, 3, before.Calendar)));

        db.CalendarDays.Add(new CalendarDay { Date = new DateOnly(2024, 10, 16), Kind = CalendarDayKind.DayOff, Name = "Nghỉ đột xuất" });
        await db.SaveChangesAsync(Ct);
        var after = await ReferenceData.LoadAsync(db, Ct);

        Assert.Equal(new DateOnly(2024, 10, 18), VietnamTime.LocalDate(DeadlineRule.DueAt(received, 3, after.Calendar)));
    }

    [Fact]
    public void A_broken_seed_file_is_named_with_line_and_column()
    {
        var folder = Directory.CreateTempSubdirectory("hotline-seed-");
        try
        {
            foreach (var file in Directory.GetFiles(SeedData.DefaultFolder, "*.csv"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            var units = Path.Combine(folder.FullName, "units.csv");
            var lines = File.ReadAllLines(units);
            var cells = lines[3].Split(',');
            cells[8] = "north";
            lines[3] = string.Join(',', cells);
            File.WriteAllLines(units, lines);

            var error = Assert.Throws<SeedDataException>(() => SeedData.Load(folder.FullName));

            Assert.Equal("units.csv line 4, column tile_row: 'north' is not a whole number.", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_seed_data_holds_the_facts()
    {
        var data = SeedData.Load(SeedData.DefaultFolder);

        Assert.Equal([3, 3, 7], data.Channels.OrderBy(c => c.Code == "ioc").Select(c => c.WorkingDayLimit));
        Assert.Equal(15, data.Fields.Count);
        // The 21 units until 31 Oct 2024 (13 wards, 8 communes), then 19, and the 6 of 1 Jul 2025 (5 wards, 1 commune).
        var before = data.Units.Where(u => u.IsValidOn(new DateOnly(2024, 10, 31))).ToList();
        var today = data.Units.Where(u => u.IsValidOn(new DateOnly(2025, 7, 1))).ToList();
        Assert.Equal((13, 8), (before.Count(u => u.Kind == Domain.Reference.UnitKind.Ward), before.Count(u => u.Kind == Domain.Reference.UnitKind.Commune)));
        Assert.Equal(19, data.Units.Count(u => u.IsValidOn(new DateOnly(2024, 11, 1))));
        Assert.Equal((5, 1), (today.Count(u => u.Kind == Domain.Reference.UnitKind.Ward), today.Count(u => u.Kind == Domain.Reference.UnitKind.Commune)));
        Assert.Equal(27, data.Units.Count);
        Assert.Equal("thanh-cong", data.Units.Single(u => u.Code == "thang-loi").SuccessorCode);
        Assert.Equal(("24133", new DateOnly(2025, 7, 1)), data.Units.Single(u => u.Code == "p-buon-ma-thuot") is var bmt ? (bmt.StatisticsCode, bmt.ValidFrom!.Value) : default);
        Assert.All(data.Units, u => Assert.Contains(data.Agencies, a => a.Code == "UBND-" + u.Code && a.UnitCode == u.Code));
        Assert.Equal("CA", data.Fields.Single(f => f.Code == "ATGT").DefaultAgencyCode);
        Assert.Equal("LDTBXH", data.Fields.Single(f => f.Code == "TE").DefaultAgencyCode);
        Assert.Equal(21, before.Select(u => (u.TileColumn, u.TileRow)).Distinct().Count());
        Assert.Equal(6, today.Select(u => (u.TileColumn, u.TileRow)).Distinct().Count());
        Assert.Contains(data.CalendarDays, d => d.Date == new DateOnly(2024, 5, 4) && d.Kind == CalendarDayKind.MakeUpWorkingDay);
    }
}
