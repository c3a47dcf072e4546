using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>Who acknowledged and who closed each concern, and when.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123180000_ConcernTriage")]
public sealed class ConcernTriage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "AcknowledgedBy", table: "Concerns", maxLength: 450, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "AcknowledgedAt", table: "Concerns", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ResolvedBy", table: "Concerns", maxLength: 450, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "ResolvedAt", table: "Concerns", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "AcknowledgedBy", table: "Concerns");
        migrationBuilder.DropColumn(name: "AcknowledgedAt", table: "Concerns");
        migrationBuilder.DropColumn(name: "ResolvedBy", table: "Concerns");
        migrationBuilder.DropColumn(name: "ResolvedAt", table: "Concerns");
    }
}
