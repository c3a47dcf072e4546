using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Brokering.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegularMealNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Edited by hand: EF scaffolds a rename of the entity and its tables as drop and create, which would lose
            // every regular meal. Renaming keeps the rows. SQLite keeps the old names of the key constraints inside
            // the tables' own SQL, where nothing refers to them by name.
            migrationBuilder.RenameTable(name: "Rhythms", newName: "RegularMeals");
            migrationBuilder.RenameTable(name: "RhythmSkips", newName: "RegularMealSkips");
            migrationBuilder.RenameTable(name: "RhythmOccurrences", newName: "RegularMealOccurrences");
            migrationBuilder.RenameColumn(name: "RhythmId", table: "RegularMealSkips", newName: "RegularMealId");
            migrationBuilder.RenameColumn(name: "RhythmId", table: "RegularMealOccurrences", newName: "RegularMealId");
            migrationBuilder.RenameIndex(name: "IX_Rhythms_BackupCookId", table: "RegularMeals", newName: "IX_RegularMeals_BackupCookId");
            migrationBuilder.RenameIndex(name: "IX_Rhythms_CookId", table: "RegularMeals", newName: "IX_RegularMeals_CookId");
            migrationBuilder.RenameIndex(name: "IX_Rhythms_CouncilId_Status", table: "RegularMeals", newName: "IX_RegularMeals_CouncilId_Status");
            migrationBuilder.RenameIndex(name: "IX_Rhythms_DinerId", table: "RegularMeals", newName: "IX_RegularMeals_DinerId");
            migrationBuilder.RenameIndex(name: "IX_RhythmSkips_RhythmId", table: "RegularMealSkips", newName: "IX_RegularMealSkips_RegularMealId");
            migrationBuilder.RenameIndex(name: "IX_RhythmOccurrences_RhythmId_Date", table: "RegularMealOccurrences", newName: "IX_RegularMealOccurrences_RegularMealId_Date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(name: "IX_RegularMeals_BackupCookId", table: "RegularMeals", newName: "IX_Rhythms_BackupCookId");
            migrationBuilder.RenameIndex(name: "IX_RegularMeals_CookId", table: "RegularMeals", newName: "IX_Rhythms_CookId");
            migrationBuilder.RenameIndex(name: "IX_RegularMeals_CouncilId_Status", table: "RegularMeals", newName: "IX_Rhythms_CouncilId_Status");
            migrationBuilder.RenameIndex(name: "IX_RegularMeals_DinerId", table: "RegularMeals", newName: "IX_Rhythms_DinerId");
            migrationBuilder.RenameIndex(name: "IX_RegularMealSkips_RegularMealId", table: "RegularMealSkips", newName: "IX_RhythmSkips_RhythmId");
            migrationBuilder.RenameIndex(name: "IX_RegularMealOccurrences_RegularMealId_Date", table: "RegularMealOccurrences", newName: "IX_RhythmOccurrences_RhythmId_Date");
            migrationBuilder.RenameColumn(name: "RegularMealId", table: "RegularMealSkips", newName: "RhythmId");
            migrationBuilder.RenameColumn(name: "RegularMealId", table: "RegularMealOccurrences", newName: "RhythmId");
            migrationBuilder.RenameTable(name: "RegularMeals", newName: "Rhythms");
            migrationBuilder.RenameTable(name: "RegularMealSkips", newName: "RhythmSkips");
            migrationBuilder.RenameTable(name: "RegularMealOccurrences", newName: "RhythmOccurrences");
        }
    }
}
