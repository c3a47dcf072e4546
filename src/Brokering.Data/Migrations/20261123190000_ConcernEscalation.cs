using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>When an unacknowledged urgent concern was escalated, and the index the escalation job reads.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123190000_ConcernEscalation")]
public sealed class ConcernEscalation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(name: "EscalatedAt", table: "Concerns", nullable: true);
        migrationBuilder.CreateIndex(
            name: "IX_Concerns_Severity_Status_EscalatedAt",
            table: "Concerns",
            columns: new[] { "Severity", "Status", "EscalatedAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Concerns_Severity_Status_EscalatedAt", table: "Concerns");
        migrationBuilder.DropColumn(name: "EscalatedAt", table: "Concerns");
    }
}
