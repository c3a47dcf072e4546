using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>Each council's rule for when repeated late cancellations are shown to coordinators; existing councils get the default.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261124030000_LateCancellations")]
public sealed class LateCancellations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "LateCancellationHours", table: "Councils", nullable: false, defaultValue: 24);
        migrationBuilder.AddColumn<int>(name: "LateCancellationLimit", table: "Councils", nullable: false, defaultValue: 3);
        migrationBuilder.AddColumn<int>(name: "LateCancellationDays", table: "Councils", nullable: false, defaultValue: 28);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "LateCancellationHours", table: "Councils");
        migrationBuilder.DropColumn(name: "LateCancellationLimit", table: "Councils");
        migrationBuilder.DropColumn(name: "LateCancellationDays", table: "Councils");
    }
}
