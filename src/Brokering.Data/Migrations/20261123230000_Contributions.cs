using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Brokering.Data.Migrations;

/// <summary>Meal contributions paid by card through Stripe, and the Stripe events already handled.</summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261123230000_Contributions")]
public sealed class Contributions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Contributions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                BookingId = table.Column<Guid>(nullable: false),
                AmountPence = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                CheckoutSessionId = table.Column<string>(maxLength: 255, nullable: true),
                CheckoutUrl = table.Column<string>(maxLength: 2000, nullable: true),
                PaymentIntentId = table.Column<string>(maxLength: 255, nullable: true),
                RefundId = table.Column<string>(maxLength: 255, nullable: true),
                PaidAt = table.Column<DateTimeOffset>(nullable: true),
                WaivedBy = table.Column<string>(maxLength: 450, nullable: true),
                WaiverReason = table.Column<string>(maxLength: 500, nullable: true),
                LastError = table.Column<string>(maxLength: 300, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Contributions", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Contributions_BookingId", table: "Contributions", column: "BookingId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Contributions_CouncilId_Status", table: "Contributions", columns: new[] { "CouncilId", "Status" });
        migrationBuilder.CreateIndex(name: "IX_Contributions_CheckoutSessionId", table: "Contributions", column: "CheckoutSessionId");
        migrationBuilder.CreateIndex(name: "IX_Contributions_PaymentIntentId", table: "Contributions", column: "PaymentIntentId");

        migrationBuilder.CreateTable(
            name: "StripeEvents",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 255, nullable: false),
                Type = table.Column<string>(maxLength: 100, nullable: false),
                ReceivedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_StripeEvents", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "StripeEvents");
        migrationBuilder.DropTable(name: "Contributions");
    }
}
