using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>Admin-recorded agreements between two councils to share cooks and diners across their boundary.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123220000_SharingAgreements")]
public sealed class SharingAgreements : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SharingAgreements",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilA = table.Column<Guid>(nullable: false),
                CouncilB = table.Column<Guid>(nullable: false),
                Reference = table.Column<string>(maxLength: 200, nullable: false),
                RecordedBy = table.Column<string>(maxLength: 450, nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(nullable: false),
                EndedBy = table.Column<string>(maxLength: 450, nullable: true),
                EndedAt = table.Column<DateTimeOffset>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SharingAgreements", x => x.Id));
        migrationBuilder.CreateIndex(
            name: "IX_SharingAgreements_Live",
            table: "SharingAgreements",
            columns: new[] { "CouncilA", "CouncilB" },
            unique: true,
            filter: "\"EndedAt\" IS NULL");
        migrationBuilder.CreateIndex(name: "IX_SharingAgreements_CouncilB", table: "SharingAgreements", column: "CouncilB");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "SharingAgreements");
}
