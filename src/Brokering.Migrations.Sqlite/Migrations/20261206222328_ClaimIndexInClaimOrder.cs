using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Brokering.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClaimIndexInClaimOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_Due",
                table: "Notifications");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Due",
                table: "Notifications",
                columns: new[] { "Status", "Urgent", "DueAt" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_Due",
                table: "Notifications");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Due",
                table: "Notifications",
                columns: new[] { "Status", "Urgent", "DueAt" });
        }
    }
}
