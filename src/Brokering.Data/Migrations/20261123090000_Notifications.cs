using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>The notification outbox, and each council's retention period for message text.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123090000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(
            name: "MessageRetentionDays",
            table: "Councils",
            nullable: false,
            defaultValue: 90);

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                RecipientRole = table.Column<string>(maxLength: 20, nullable: false),
                RecipientId = table.Column<string>(maxLength: 450, nullable: false),
                Channel = table.Column<string>(maxLength: 20, nullable: false),
                Destination = table.Column<string>(maxLength: 500, nullable: true),
                Fields = table.Column<string>(maxLength: 4000, nullable: false),
                SubjectId = table.Column<Guid>(nullable: true),
                Urgent = table.Column<bool>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                DueAt = table.Column<DateTimeOffset>(nullable: false),
                LockedUntil = table.Column<DateTimeOffset>(nullable: true),
                ClaimToken = table.Column<Guid>(nullable: true),
                SentAt = table.Column<DateTimeOffset>(nullable: true),
                ProviderReference = table.Column<string>(maxLength: 100, nullable: true),
                LastError = table.Column<string>(maxLength: 500, nullable: true),
                ErasedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_Due",
            table: "Notifications",
            columns: new[] { "Status", "Urgent", "DueAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_CouncilId_Status",
            table: "Notifications",
            columns: new[] { "CouncilId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_SubjectId",
            table: "Notifications",
            column: "SubjectId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Notifications");
        migrationBuilder.DropColumn(name: "MessageRetentionDays", table: "Councils");
    }
}
