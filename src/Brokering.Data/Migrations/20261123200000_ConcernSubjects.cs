using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Brokering.Data.Migrations;

/// <summary>
/// Concerns about a diner or a cook as well as a meal (so the diner becomes optional), the
/// triage log of what was done about each, and the coordinators' duty rota that urgent alerts
/// follow. Existing concerns were all about a meal.
/// </summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123200000_ConcernSubjects")]
public sealed class ConcernSubjects : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            RebuildConcernsForSqlite(migrationBuilder);
        }
        else
        {
            migrationBuilder.AddColumn<string>(name: "Subject", table: "Concerns", maxLength: 20, nullable: false, defaultValue: "Booking");
            migrationBuilder.AlterColumn<Guid>(name: "DinerId", table: "Concerns", nullable: true, oldClrType: typeof(Guid), oldNullable: false);
        }

        migrationBuilder.CreateIndex(name: "IX_Concerns_DinerId", table: "Concerns", column: "DinerId");
        migrationBuilder.CreateIndex(name: "IX_Concerns_CookId", table: "Concerns", column: "CookId");

        migrationBuilder.CreateTable(
            name: "ConcernActions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<DateTimeOffset>(nullable: false),
                By = table.Column<string>(maxLength: 450, nullable: false),
                Description = table.Column<string>(maxLength: 2000, nullable: false),
                ConcernId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConcernActions", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConcernActions_Concerns_ConcernId",
                    column: x => x.ConcernId,
                    principalTable: "Concerns",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ConcernActions_ConcernId", table: "ConcernActions", column: "ConcernId");

        migrationBuilder.CreateTable(
            name: "DutyShifts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                CoordinatorId = table.Column<string>(maxLength: 450, nullable: false),
                Starts = table.Column<DateTimeOffset>(nullable: false),
                Ends = table.Column<DateTimeOffset>(nullable: false),
                RecordedBy = table.Column<string>(maxLength: 450, nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DutyShifts", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_DutyShifts_CouncilId", table: "DutyShifts", column: "CouncilId");
    }

    /// <summary>SQLite cannot make a column optional in place: the table is rebuilt, and every concern copied across as one about a meal.</summary>
    private static void RebuildConcernsForSqlite(MigrationBuilder migrationBuilder)
    {
        const string Kept = "\"Id\", \"CouncilId\", \"DinerId\", \"CookId\", \"BookingId\", \"Severity\", \"Summary\", \"RaisedBy\", \"RaisedAt\", \"Status\", "
            + "\"Resolution\", \"Version\", \"AcknowledgedBy\", \"AcknowledgedAt\", \"ResolvedBy\", \"ResolvedAt\", \"EscalatedAt\"";
        migrationBuilder.DropIndex(name: "IX_Concerns_CouncilId_Status", table: "Concerns");
        migrationBuilder.DropIndex(name: "IX_Concerns_Severity_Status_EscalatedAt", table: "Concerns");
        migrationBuilder.RenameTable(name: "Concerns", newName: "ConcernsBeforeSubjects");
        migrationBuilder.CreateTable(
            name: "Concerns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                Subject = table.Column<string>(maxLength: 20, nullable: false),
                DinerId = table.Column<Guid>(nullable: true),
                CookId = table.Column<Guid>(nullable: true),
                BookingId = table.Column<Guid>(nullable: true),
                Severity = table.Column<string>(maxLength: 20, nullable: false),
                Summary = table.Column<string>(maxLength: 2000, nullable: false),
                RaisedBy = table.Column<string>(maxLength: 450, nullable: false),
                RaisedAt = table.Column<DateTimeOffset>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Resolution = table.Column<string>(maxLength: 2000, nullable: true),
                AcknowledgedBy = table.Column<string>(maxLength: 450, nullable: true),
                AcknowledgedAt = table.Column<DateTimeOffset>(nullable: true),
                ResolvedBy = table.Column<string>(maxLength: 450, nullable: true),
                ResolvedAt = table.Column<DateTimeOffset>(nullable: true),
                EscalatedAt = table.Column<DateTimeOffset>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Concerns", x => x.Id));
        migrationBuilder.Sql($"INSERT INTO \"Concerns\" (\"Subject\", {Kept}) SELECT 'Booking', {Kept} FROM \"ConcernsBeforeSubjects\";");
        migrationBuilder.DropTable(name: "ConcernsBeforeSubjects");
        migrationBuilder.CreateIndex(name: "IX_Concerns_CouncilId_Status", table: "Concerns", columns: new[] { "CouncilId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Concerns_Severity_Status_EscalatedAt", table: "Concerns", columns: new[] { "Severity", "Status", "EscalatedAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DutyShifts");
        migrationBuilder.DropTable(name: "ConcernActions");
        migrationBuilder.DropIndex(name: "IX_Concerns_CookId", table: "Concerns");
        migrationBuilder.DropIndex(name: "IX_Concerns_DinerId", table: "Concerns");
        // Concerns about a cook alone have no diner and cannot go back; Down is for PostgreSQL before any were raised.
        migrationBuilder.AlterColumn<Guid>(name: "DinerId", table: "Concerns", nullable: false, oldClrType: typeof(Guid), oldNullable: true);
        migrationBuilder.DropColumn(name: "Subject", table: "Concerns");
    }
}
