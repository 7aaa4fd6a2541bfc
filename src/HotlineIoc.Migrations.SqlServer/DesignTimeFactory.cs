using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HotlineIoc.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model and script without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HotlineDbContext>
{
    public HotlineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HotlineDbContext>();
        options.UseDatabase(new DatabaseSettings(DatabaseProvider.SqlServer, "Server=(design-time);Database=Hotline;Trusted_Connection=True;TrustServerCertificate=True"));
        return new HotlineDbContext(options.Options);
    }
}
