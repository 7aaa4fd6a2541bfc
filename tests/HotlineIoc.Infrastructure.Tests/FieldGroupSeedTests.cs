using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The fields' groups (<c>group_vi</c> in fields.csv), which Open311 lists services under.</summary>
public sealed class FieldGroupSeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_shipped_field_has_one_of_a_few_groups()
    {
        var data = SeedData.Load(SeedData.DefaultFolder);

        Assert.All(data.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.GroupVi), $"{f.Code} has no group"));
        Assert.Equal(
            ["Hành chính, kinh tế", "Khác", "Trật tự, an ninh", "Xã hội", "Đô thị, môi trường"],
            data.Fields.Select(f => f.GroupVi!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("Trật tự, an ninh", data.Fields.Single(f => f.Code == "ANTT").GroupVi);
    }

    [Fact]
    public async Task A_fields_file_from_before_the_column_still_loads_and_a_later_seed_fills_the_groups_but_keeps_an_administrators()
    {
        var folder = Directory.CreateTempSubdirectory("hotline-seed-");
        try
        {
            foreach (var file in Directory.GetFiles(SeedData.DefaultFolder, "*.csv"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            // fields.csv as it was before group_vi: the first four columns.
            var fields = Path.Combine(folder.FullName, "fields.csv");
            var old = File.ReadAllLines(fields).Select(l => System.Text.RegularExpressions.Regex.Replace(l, ",(\"[^\"]*\"|[^,]*)$", ""));
            File.WriteAllLines(fields, old);
            var before = SeedData.Load(folder.FullName);
            Assert.Equal(15, before.Fields.Count);
            Assert.All(before.Fields, f => Assert.Null(f.GroupVi));

            await using var database = await TestDatabase.CreateAsync(seed: false);
            await using (var db = database.Open())
            {
                await ReferenceDataSeeder.SeedAsync(db, before, Ct);
                (await db.Fields.SingleAsync(f => f.Code == "MT", Ct)).GroupVi = "Môi trường (quản trị đặt)";
                await db.SaveChangesAsync(Ct);
            }

            await using (var db = database.Open())
            {
                var seeded = await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(SeedData.DefaultFolder), Ct);
                Assert.Equal((0, 14), (seeded.Fields, seeded.FieldsUpdated));
            }

            await using var read = database.Open();
            Assert.Equal("Môi trường (quản trị đặt)", (await read.Fields.SingleAsync(f => f.Code == "MT", Ct)).GroupVi);
            Assert.Equal("Trật tự, an ninh", (await read.Fields.SingleAsync(f => f.Code == "ATGT", Ct)).GroupVi);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
