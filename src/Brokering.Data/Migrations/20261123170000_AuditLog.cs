using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>The append-only record of who read or changed a diner's or cook's record.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123170000_AuditLog")]
public sealed class AuditLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTimeOffset>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                Action = table.Column<string>(maxLength: 20, nullable: false),
                SubjectType = table.Column<string>(maxLength: 20, nullable: false),
                SubjectId = table.Column<Guid>(nullable: false),
                Why = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
            });

        migrationBuilder.CreateIndex(name: "IX_AuditEntries_SubjectId", table: "AuditEntries", column: "SubjectId");
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_UserId", table: "AuditEntries", column: "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditEntries");
    }
}
