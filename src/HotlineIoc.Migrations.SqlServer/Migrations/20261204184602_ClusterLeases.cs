using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HotlineIoc.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ClusterLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KeyChecks",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Protected = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    PhoneIndexProbe = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyChecks", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "WorkLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TakenAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkLeases", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KeyChecks");

            migrationBuilder.DropTable(
                name: "WorkLeases");
        }
    }
}
