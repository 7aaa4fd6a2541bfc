using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HotlineIoc.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WaitingListsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_ExtensionRequestedDueAt",
                table: "Cases",
                column: "ExtensionRequestedDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReminderPendingSince",
                table: "Cases",
                column: "ReminderPendingSince");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ExtensionRequestedDueAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ReminderPendingSince",
                table: "Cases");
        }
    }
}
