using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Displays;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Reports;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HotlineIoc.Infrastructure.Persistence;

public class HotlineDbContext(DbContextOptions<HotlineDbContext> options) : IdentityDbContext<HotlineUser>(options)
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();

    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();

    public DbSet<Channel> Channels => Set<Channel>();

    public DbSet<Field> Fields => Set<Field>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<DisplayToken> DisplayTokens => Set<DisplayToken>();

    public DbSet<LiveSignal> LiveSignals => Set<LiveSignal>();

    public DbSet<ReportArchive> ReportArchives => Set<ReportArchive>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // EF and linq2db write SQLite date-times in different text forms; one fixed, sortable form keeps range queries exact.
            configurationBuilder.Properties<DateTime>().HaveConversion<SqliteUtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<HotlineUser>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.AgencyCode).HasMaxLength(64);
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<DisplayToken>(e =>
        {
            e.ToTable("DisplayTokens");
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
            e.Ignore(x => x.IsActive);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
        builder.Entity<LiveSignal>(e =>
        {
            e.ToTable("LiveSignals");
            e.Property(x => x.Kind).HasMaxLength(32).IsRequired();
        });
        builder.Entity<ReportArchive>(e =>
        {
            e.ToTable("ReportArchives");
            e.Property(x => x.PeriodKey).HasMaxLength(32).IsRequired();
            e.Property(x => x.PeriodKind).HasMaxLength(16).IsRequired();
            e.Property(x => x.ScopeKind).HasMaxLength(16).IsRequired();
            e.Property(x => x.ScopeCode).HasMaxLength(64).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
            e.Property(x => x.FileName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Pdf).IsRequired();
            e.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
            // One archived report per period and scope: a second run of the schedule finds it and stops.
            e.HasIndex(x => new { x.PeriodKey, x.ScopeKind, x.ScopeCode }).IsUnique();
            e.HasIndex(x => x.CreatedAtUtc);
        });
        ConfigureReferenceData(builder);
        builder.Entity<Case>(ConfigureCase);
        VietnamDates.Map(builder, Database.IsSqlite());
        builder.Entity<CaseEvent>(e =>
        {
            e.ToTable("CaseEvents");
            e.Property(x => x.Actor).HasMaxLength(128).IsRequired();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.FromStatus).HasConversion(StatusConverter.Nullable).HasMaxLength(16);
            e.Property(x => x.ToStatus).HasConversion(StatusConverter.Nullable).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.HasIndex(x => x.CaseId);
        });
        builder.Entity<CaseAttachment>(e =>
        {
            e.ToTable("CaseAttachments");
            e.Property(x => x.Url).HasMaxLength(2000).IsRequired();
            e.HasIndex(x => x.CaseId);
        });
    }

    private static void ConfigureCase(EntityTypeBuilder<Case> e)
    {
        e.ToTable("Cases");
        e.Property(x => x.Code).HasMaxLength(CaseCode.MaxLength).IsRequired();
        e.Property(x => x.ChannelCode).HasMaxLength(16).IsRequired();
        e.Property(x => x.UnitCode).HasMaxLength(64).IsRequired();
        e.Property(x => x.FieldCode).HasMaxLength(16).IsRequired();
        e.Property(x => x.AgencyCode).HasMaxLength(64);
        e.Property(x => x.Address).HasMaxLength(Case.AddressMaxLength);
        e.Property(x => x.Description).HasMaxLength(Case.DescriptionMaxLength).IsRequired();
        e.Property(x => x.ReporterName).HasMaxLength(512);
        e.Property(x => x.ReporterPhone).HasMaxLength(512);
        e.Property(x => x.ReporterZaloId).HasMaxLength(512);
        e.Property(x => x.Status).HasConversion(StatusConverter.Instance).HasMaxLength(16);
        e.Property(x => x.EnforcementKind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.SanctionDecisionNumber).HasMaxLength(64);
        e.Property(x => x.DuplicateOfCode).HasMaxLength(CaseCode.MaxLength);
        e.Property(x => x.Result).HasMaxLength(4000);
        e.Ignore(x => x.Reporter);
        e.Ignore(x => x.Enforcement);

        e.HasIndex(x => x.Code).IsUnique();
        // The dashboard, overdue board and reports filter by these; each index leads with the filter column.
        e.HasIndex(x => x.ReceivedAt);
        e.HasIndex(x => new { x.Status, x.DueAt });
        e.HasIndex(x => new { x.AgencyCode, x.Status, x.DueAt });
        e.HasIndex(x => new { x.UnitCode, x.ReceivedAt });
        e.HasIndex(x => new { x.FieldCode, x.ReceivedAt });
        e.HasIndex(x => x.ResolvedAt);

        e.HasOne<Channel>().WithMany().HasForeignKey(x => x.ChannelCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Field>().WithMany().HasForeignKey(x => x.FieldCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(x => x.UnitCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);

        e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    private static void ConfigureReferenceData(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Channel>(e =>
        {
            e.ToTable("Channels");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.NameVi).HasMaxLength(200).IsRequired();
            e.Property(x => x.NameEn).HasMaxLength(200).IsRequired();
        });
        modelBuilder.Entity<Agency>(e =>
        {
            e.ToTable("Agencies");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.UnitCode).HasMaxLength(64);
        });
        modelBuilder.Entity<Field>(e =>
        {
            e.ToTable("Fields");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.NameVi).HasMaxLength(200).IsRequired();
            e.Property(x => x.NameEn).HasMaxLength(200).IsRequired();
            e.Property(x => x.DefaultAgencyCode).HasMaxLength(64).IsRequired();
            e.HasOne<Agency>().WithMany().HasForeignKey(x => x.DefaultAgencyCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<AdministrativeUnit>(e =>
        {
            e.ToTable("Units");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.StatisticsCode).HasMaxLength(16);
        });
        modelBuilder.Entity<CalendarDay>(e =>
        {
            e.ToTable("CalendarDays");
            e.HasKey(x => x.Date);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
        });
    }
}
