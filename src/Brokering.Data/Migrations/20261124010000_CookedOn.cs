using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>The day each meal is cooked, for its label; meals offered before this say their delivery day.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261124010000_CookedOn")]
public sealed class CookedOn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>(name: "CookedOn", table: "Offers", nullable: false, defaultValue: new DateOnly(2000, 1, 1));
        migrationBuilder.Sql("""UPDATE "Offers" SET "CookedOn" = "DeliveryDate";""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "CookedOn", table: "Offers");
}
