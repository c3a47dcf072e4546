using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>Which check expiries have been warned about, and bookings flagged for a coordinator's review.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123160000_CheckExpiry")]
public sealed class CheckExpiry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "ReviewReason",
            table: "Bookings",
            maxLength: 500,
            nullable: true);

        migrationBuilder.CreateTable(
            name: "CheckExpiryWarnings",
            columns: table => new
            {
                CookId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                ExpiresOn = table.Column<DateOnly>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CheckExpiryWarnings", x => new { x.CookId, x.Kind, x.ExpiresOn });
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CheckExpiryWarnings");
        migrationBuilder.DropColumn(name: "ReviewReason", table: "Bookings");
    }
}
