using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Brokering.Data.Migrations;

/// <summary>Matching rounds with their proposals, unmatched diners and coverage, and recorded pair exclusions.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261121120000_Matching")]
public sealed class Matching : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MatchProposals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RunId = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                OfferId = table.Column<Guid>(nullable: false),
                DinerId = table.Column<Guid>(nullable: false),
                CookId = table.Column<Guid>(nullable: false),
                DistanceKm = table.Column<double>(nullable: false),
                ContinuesPairing = table.Column<bool>(nullable: false),
                Reasons = table.Column<string>(maxLength: 4000, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                DecidedBy = table.Column<string>(maxLength: 450, nullable: true),
                DecidedAt = table.Column<DateTimeOffset>(nullable: true),
                RejectionReason = table.Column<string>(maxLength: 500, nullable: true),
                BookingId = table.Column<Guid>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MatchProposals", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "MatchingRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                DeliveryDate = table.Column<DateOnly>(nullable: false),
                StartedBy = table.Column<string>(maxLength: 450, nullable: false),
                Scheduled = table.Column<bool>(nullable: false),
                StartedAt = table.Column<DateTimeOffset>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MatchingRuns", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "PairExclusions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                CookId = table.Column<Guid>(nullable: false),
                DinerId = table.Column<Guid>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: false),
                RecordedBy = table.Column<string>(maxLength: 450, nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PairExclusions", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "MatchingRunCoverage",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Latitude = table.Column<double>(nullable: false),
                Longitude = table.Column<double>(nullable: false),
                Diners = table.Column<int>(nullable: false),
                RadiusKm = table.Column<double>(nullable: false),
                RunId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MatchingRunCoverage", x => x.Id);
                table.ForeignKey(
                    name: "FK_MatchingRunCoverage_MatchingRuns_RunId",
                    column: x => x.RunId,
                    principalTable: "MatchingRuns",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "MatchingRunUnmatched",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DinerId = table.Column<Guid>(nullable: false),
                Reasons = table.Column<string>(maxLength: 4000, nullable: false),
                RunId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MatchingRunUnmatched", x => x.Id);
                table.ForeignKey(
                    name: "FK_MatchingRunUnmatched_MatchingRuns_RunId",
                    column: x => x.RunId,
                    principalTable: "MatchingRuns",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_MatchProposals_CouncilId_Status",
            table: "MatchProposals",
            columns: new[] { "CouncilId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_MatchProposals_RunId",
            table: "MatchProposals",
            column: "RunId");

        migrationBuilder.CreateIndex(
            name: "IX_MatchingRunCoverage_RunId",
            table: "MatchingRunCoverage",
            column: "RunId");

        migrationBuilder.CreateIndex(
            name: "IX_MatchingRunUnmatched_RunId",
            table: "MatchingRunUnmatched",
            column: "RunId");

        migrationBuilder.CreateIndex(
            name: "IX_MatchingRuns_CouncilId_DeliveryDate",
            table: "MatchingRuns",
            columns: new[] { "CouncilId", "DeliveryDate" });

        migrationBuilder.CreateIndex(
            name: "IX_MatchingRuns_Scheduled_Once",
            table: "MatchingRuns",
            columns: new[] { "CouncilId", "DeliveryDate", "Scheduled" },
            unique: true,
            filter: "\"Scheduled\" = TRUE");

        migrationBuilder.CreateIndex(
            name: "IX_PairExclusions_CouncilId_CookId_DinerId",
            table: "PairExclusions",
            columns: new[] { "CouncilId", "CookId", "DinerId" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "MatchingRunUnmatched");
        migrationBuilder.DropTable(name: "MatchingRunCoverage");
        migrationBuilder.DropTable(name: "PairExclusions");
        migrationBuilder.DropTable(name: "MatchingRuns");
        migrationBuilder.DropTable(name: "MatchProposals");
    }
}
