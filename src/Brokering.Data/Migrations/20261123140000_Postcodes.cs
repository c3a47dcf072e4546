using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>Postcode centroids for the default geocoder, imported from the ONS Postcode Directory.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123140000_Postcodes")]
public sealed class Postcodes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Postcodes",
            columns: table => new
            {
                Postcode = table.Column<string>(maxLength: 8, nullable: false),
                Latitude = table.Column<double>(nullable: false),
                Longitude = table.Column<double>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Postcodes", x => x.Postcode);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Postcodes");
    }
}
