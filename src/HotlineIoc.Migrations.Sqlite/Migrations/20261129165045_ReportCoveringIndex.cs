using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HotlineIoc.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ReceivedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ResolvedAt",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReceivedAt_Report",
                table: "Cases",
                columns: new[] { "ReceivedAt", "Status", "ResolvedAt", "DueAt", "ChannelCode", "FieldCode", "UnitCode", "AgencyCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ResolvedAt_DueAt",
                table: "Cases",
                columns: new[] { "ResolvedAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ReceivedAt_Report",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ResolvedAt_DueAt",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReceivedAt",
                table: "Cases",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ResolvedAt",
                table: "Cases",
                column: "ResolvedAt");
        }
    }
}
