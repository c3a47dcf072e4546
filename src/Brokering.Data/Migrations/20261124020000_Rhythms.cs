using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Brokering.Data.Migrations;

/// <summary>Regular meals between a cook and a diner: the rhythm, the dates either side skips, and how each date is covered.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261124020000_Rhythms")]
public sealed class Rhythms : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Rhythms",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                PairingId = table.Column<Guid>(nullable: false),
                CookId = table.Column<Guid>(nullable: false),
                DinerId = table.Column<Guid>(nullable: false),
                BackupCookId = table.Column<Guid>(nullable: true),
                Day = table.Column<string>(maxLength: 10, nullable: false),
                EveryWeeks = table.Column<int>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                Window_Start = table.Column<TimeOnly>(nullable: false),
                Window_End = table.Column<TimeOnly>(nullable: false),
                Meal_Dish = table.Column<string>(maxLength: 200, nullable: false),
                Meal_Ingredients = table.Column<string>(maxLength: 2000, nullable: false),
                Meal_Allergens_IsComplete = table.Column<bool>(nullable: false),
                Meal_Allergens_Contains = table.Column<int>(nullable: false),
                Meal_Diets = table.Column<int>(nullable: false),
                Meal_ReheatingAdvice = table.Column<string>(maxLength: 500, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                PausedBy = table.Column<string>(maxLength: 20, nullable: true),
                PausedUntil = table.Column<DateOnly>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Rhythms", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Rhythms_CouncilId_Status", table: "Rhythms", columns: new[] { "CouncilId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Rhythms_CookId", table: "Rhythms", column: "CookId");
        migrationBuilder.CreateIndex(name: "IX_Rhythms_BackupCookId", table: "Rhythms", column: "BackupCookId");
        migrationBuilder.CreateIndex(name: "IX_Rhythms_DinerId", table: "Rhythms", column: "DinerId");

        migrationBuilder.CreateTable(
            name: "RhythmSkips",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Date = table.Column<DateOnly>(nullable: false),
                By = table.Column<string>(maxLength: 20, nullable: false),
                Reason = table.Column<string>(maxLength: 200, nullable: true),
                RhythmId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RhythmSkips", x => x.Id);
                table.ForeignKey(name: "FK_RhythmSkips_Rhythms_RhythmId", column: x => x.RhythmId, principalTable: "Rhythms",
                    principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_RhythmSkips_RhythmId", table: "RhythmSkips", column: "RhythmId");

        migrationBuilder.CreateTable(
            name: "RhythmOccurrences",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Date = table.Column<DateOnly>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                BookingId = table.Column<Guid>(nullable: true),
                CookId = table.Column<Guid>(nullable: true),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                UncoveredAlertAt = table.Column<DateTimeOffset>(nullable: true),
                RhythmId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RhythmOccurrences", x => x.Id);
                table.ForeignKey(name: "FK_RhythmOccurrences_Rhythms_RhythmId", column: x => x.RhythmId, principalTable: "Rhythms",
                    principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_RhythmOccurrences_RhythmId_Date", table: "RhythmOccurrences", columns: new[] { "RhythmId", "Date" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "RhythmOccurrences");
        migrationBuilder.DropTable(name: "RhythmSkips");
        migrationBuilder.DropTable(name: "Rhythms");
    }
}
