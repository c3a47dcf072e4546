using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Brokering.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OnePairingPerPair : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pairings_CookId_DinerId",
                table: "Pairings");

            migrationBuilder.Sql(Brokering.Features.Persistence.DataFixes.EndDuplicatePairings);

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_CookId_DinerId_Live",
                table: "Pairings",
                columns: new[] { "CookId", "DinerId" },
                unique: true,
                filter: "\"Status\" <> 'Ended'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Pairings_CookId_DinerId_Live",
                table: "Pairings");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_CookId_DinerId",
                table: "Pairings",
                columns: new[] { "CookId", "DinerId" });
        }
    }
}
