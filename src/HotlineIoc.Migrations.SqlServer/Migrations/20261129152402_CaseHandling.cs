using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HotlineIoc.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseHandling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ReporterZaloId",
                table: "Cases",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(512)",
                oldMaxLength: 512,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ReporterPhone",
                table: "Cases",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(512)",
                oldMaxLength: 512,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ReporterName",
                table: "Cases",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(512)",
                oldMaxLength: 512,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CitizenContact",
                table: "Cases",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CitizenInformedAt",
                table: "Cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CitizenSatisfied",
                table: "Cases",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionRequestReason",
                table: "Cases",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExtensionRequestedDueAt",
                table: "Cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderPendingSince",
                table: "Cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemindersSent",
                table: "Cases",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReporterPhoneKey",
                table: "Cases",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LinkedReporters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: true),
                    ZaloId = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: true),
                    PhoneKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LinkedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkedReporters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkedReporters_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReporterAccessLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CaseCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReporterAccessLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReporterPhoneKey",
                table: "Cases",
                column: "ReporterPhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_LinkedReporters_CaseId",
                table: "LinkedReporters",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkedReporters_PhoneKey",
                table: "LinkedReporters",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_ReporterAccessLog_AtUtc",
                table: "ReporterAccessLog",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ReporterAccessLog_CaseCode",
                table: "ReporterAccessLog",
                column: "CaseCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkedReporters");

            migrationBuilder.DropTable(
                name: "ReporterAccessLog");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ReporterPhoneKey",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "CitizenContact",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "CitizenInformedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "CitizenSatisfied",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestReason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ExtensionRequestedDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ReminderPendingSince",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RemindersSent",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ReporterPhoneKey",
                table: "Cases");

            migrationBuilder.AlterColumn<string>(
                name: "ReporterZaloId",
                table: "Cases",
                type: "nvarchar(512)",
                maxLength: 512,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(1024)",
                oldMaxLength: 1024,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ReporterPhone",
                table: "Cases",
                type: "nvarchar(512)",
                maxLength: 512,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(1024)",
                oldMaxLength: 1024,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ReporterName",
                table: "Cases",
                type: "nvarchar(512)",
                maxLength: 512,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(1024)",
                oldMaxLength: 1024,
                oldNullable: true);
        }
    }
}
