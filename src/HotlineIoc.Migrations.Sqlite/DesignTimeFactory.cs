using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HotlineIoc.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting an app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HotlineDbContext>
{
    public HotlineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HotlineDbContext>();
        options.UseDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
        return new HotlineDbContext(options.Options);
    }
}
