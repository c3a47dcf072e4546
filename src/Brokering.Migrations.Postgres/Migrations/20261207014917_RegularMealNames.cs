using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Brokering.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegularMealNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Edited by hand: EF scaffolds a rename of the entity and its tables as drop and create, which would lose
            // every regular meal. Renaming keeps the rows; the keys' constraints are renamed too, so later migrations
            // find them by their model names.
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
            migrationBuilder.Sql("""ALTER TABLE "RegularMeals" RENAME CONSTRAINT "PK_Rhythms" TO "PK_RegularMeals";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealSkips" RENAME CONSTRAINT "PK_RhythmSkips" TO "PK_RegularMealSkips";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealOccurrences" RENAME CONSTRAINT "PK_RhythmOccurrences" TO "PK_RegularMealOccurrences";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealSkips" RENAME CONSTRAINT "FK_RhythmSkips_Rhythms_RhythmId" TO "FK_RegularMealSkips_RegularMeals_RegularMealId";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealOccurrences" RENAME CONSTRAINT "FK_RhythmOccurrences_Rhythms_RhythmId" TO "FK_RegularMealOccurrences_RegularMeals_RegularMealId";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "RegularMeals" RENAME CONSTRAINT "PK_RegularMeals" TO "PK_Rhythms";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealSkips" RENAME CONSTRAINT "PK_RegularMealSkips" TO "PK_RhythmSkips";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealOccurrences" RENAME CONSTRAINT "PK_RegularMealOccurrences" TO "PK_RhythmOccurrences";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealSkips" RENAME CONSTRAINT "FK_RegularMealSkips_RegularMeals_RegularMealId" TO "FK_RhythmSkips_Rhythms_RhythmId";""");
            migrationBuilder.Sql("""ALTER TABLE "RegularMealOccurrences" RENAME CONSTRAINT "FK_RegularMealOccurrences_RegularMeals_RegularMealId" TO "FK_RhythmOccurrences_Rhythms_RhythmId";""");
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
