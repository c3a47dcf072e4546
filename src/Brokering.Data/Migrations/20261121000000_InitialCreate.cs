using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Brokering.Data.Migrations;

/// <summary>
/// The first schema. Written once for both providers: columns name only their CLR type, so SQLite
/// and PostgreSQL each apply their own default mapping, exactly as the model does.
/// </summary>
[DbContext(typeof(BrokeringDbContext))]
[Migration("20261121000000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Bookings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                OfferId = table.Column<Guid>(nullable: false),
                CookId = table.Column<Guid>(nullable: false),
                DinerId = table.Column<Guid>(nullable: false),
                DistanceKm = table.Column<double>(nullable: false),
                BookedBy = table.Column<string>(maxLength: 450, nullable: false),
                BookedAt = table.Column<DateTimeOffset>(nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 100, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                DeliveredAt = table.Column<DateTimeOffset>(nullable: true),
                CancelledAt = table.Column<DateTimeOffset>(nullable: true),
                CancelledBy = table.Column<string>(maxLength: 450, nullable: true),
                CancellationReason = table.Column<string>(maxLength: 500, nullable: true),
                NoAnswerAt = table.Column<DateTimeOffset>(nullable: true),
                Feedback_Rating = table.Column<int>(nullable: true),
                Feedback_Comment = table.Column<string>(maxLength: 2000, nullable: true),
                Feedback_GivenBy = table.Column<string>(maxLength: 450, nullable: true),
                Feedback_GivenAt = table.Column<DateTimeOffset>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Bookings", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Concerns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                DinerId = table.Column<Guid>(nullable: false),
                CookId = table.Column<Guid>(nullable: true),
                BookingId = table.Column<Guid>(nullable: true),
                Severity = table.Column<string>(maxLength: 20, nullable: false),
                Summary = table.Column<string>(maxLength: 2000, nullable: false),
                RaisedBy = table.Column<string>(maxLength: 450, nullable: false),
                RaisedAt = table.Column<DateTimeOffset>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Resolution = table.Column<string>(maxLength: 2000, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Concerns", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Cooks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
                DisplayName = table.Column<string>(maxLength: 100, nullable: false),
                TravelRadiusKm = table.Column<double>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                AppliedAt = table.Column<DateTimeOffset>(nullable: false),
                SuspensionReason = table.Column<string>(maxLength: 500, nullable: true),
                Location_Latitude = table.Column<double>(nullable: false),
                Location_Longitude = table.Column<double>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Cooks", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Councils",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                MaxTravelKm = table.Column<double>(nullable: false),
                ContributionAmount = table.Column<decimal>(precision: 8, scale: 2, nullable: true),
                RequiredChecks = table.Column<string>(maxLength: 300, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Councils", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Diners",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                Avoids = table.Column<int>(nullable: false),
                Requires = table.Column<int>(nullable: false),
                ContactChannel = table.Column<string>(maxLength: 20, nullable: false),
                Contact_Phone = table.Column<string>(maxLength: 30, nullable: true),
                Contact_Email = table.Column<string>(maxLength: 254, nullable: true),
                Contact_Address = table.Column<string>(maxLength: 500, nullable: true),
                Consent_Given = table.Column<bool>(nullable: false),
                Consent_RecordedBy = table.Column<string>(maxLength: 450, nullable: false),
                Consent_RecordedAt = table.Column<DateTimeOffset>(nullable: false),
                NominatedContact_Name = table.Column<string>(maxLength: 100, nullable: true),
                NominatedContact_Phone = table.Column<string>(maxLength: 30, nullable: true),
                NominatedContact_Relationship = table.Column<string>(maxLength: 50, nullable: true),
                ReferredBy = table.Column<string>(maxLength: 450, nullable: false),
                ReferredAt = table.Column<DateTimeOffset>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Location_Latitude = table.Column<double>(nullable: false),
                Location_Longitude = table.Column<double>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Diners", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Offers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                CookId = table.Column<Guid>(nullable: false),
                Dish = table.Column<string>(maxLength: 200, nullable: false),
                Ingredients = table.Column<string>(maxLength: 2000, nullable: false),
                Diets = table.Column<int>(nullable: false),
                Portions = table.Column<int>(nullable: false),
                PortionsLeft = table.Column<int>(nullable: false),
                DeliveryDate = table.Column<DateOnly>(nullable: false),
                ReheatingAdvice = table.Column<string>(maxLength: 500, nullable: true),
                SafetyGuidance = table.Column<string>(maxLength: 500, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Allergens_Contains = table.Column<int>(nullable: false),
                Allergens_IsComplete = table.Column<bool>(nullable: false),
                Location_Latitude = table.Column<double>(nullable: false),
                Location_Longitude = table.Column<double>(nullable: false),
                Window_End = table.Column<TimeOnly>(nullable: false),
                Window_Start = table.Column<TimeOnly>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Offers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Pairings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CouncilId = table.Column<Guid>(nullable: false),
                CookId = table.Column<Guid>(nullable: false),
                DinerId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                ProposedBy = table.Column<string>(maxLength: 450, nullable: false),
                ProposedAt = table.Column<DateTimeOffset>(nullable: false),
                IntroducedOn = table.Column<DateOnly>(nullable: true),
                ApprovedBy = table.Column<string>(maxLength: 450, nullable: true),
                ApprovedAt = table.Column<DateTimeOffset>(nullable: true),
                EndReason = table.Column<string>(maxLength: 500, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Pairings", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                RoleId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "CookChecks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                Reference = table.Column<string>(maxLength: 100, nullable: false),
                IssuedOn = table.Column<DateOnly>(nullable: false),
                ExpiresOn = table.Column<DateOnly>(nullable: true),
                VerifiedBy = table.Column<string>(maxLength: 450, nullable: false),
                VerifiedAt = table.Column<DateTimeOffset>(nullable: false),
                CookId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CookChecks", x => x.Id);
                table.ForeignKey(
                    name: "FK_CookChecks_Cooks_CookId",
                    column: x => x.CookId,
                    principalTable: "Cooks",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AspNetRoleClaims_RoleId",
            table: "AspNetRoleClaims",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "RoleNameIndex",
            table: "AspNetRoles",
            column: "NormalizedName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserClaims_UserId",
            table: "AspNetUserClaims",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserLogins_UserId",
            table: "AspNetUserLogins",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserRoles_RoleId",
            table: "AspNetUserRoles",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "EmailIndex",
            table: "AspNetUsers",
            column: "NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: "UserNameIndex",
            table: "AspNetUsers",
            column: "NormalizedUserName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Bookings_BookedBy_IdempotencyKey",
            table: "Bookings",
            columns: new[] { "BookedBy", "IdempotencyKey" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Bookings_DinerId",
            table: "Bookings",
            column: "DinerId");

        migrationBuilder.CreateIndex(
            name: "IX_Bookings_OfferId_DinerId_Live",
            table: "Bookings",
            columns: new[] { "OfferId", "DinerId" },
            unique: true,
            filter: "\"Status\" <> 'Cancelled'");

        migrationBuilder.CreateIndex(
            name: "IX_Bookings_OfferId",
            table: "Bookings",
            column: "OfferId");

        migrationBuilder.CreateIndex(
            name: "IX_Concerns_CouncilId_Status",
            table: "Concerns",
            columns: new[] { "CouncilId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_CookChecks_CookId",
            table: "CookChecks",
            column: "CookId");

        migrationBuilder.CreateIndex(
            name: "IX_Cooks_CouncilId",
            table: "Cooks",
            column: "CouncilId");

        migrationBuilder.CreateIndex(
            name: "IX_Cooks_UserId",
            table: "Cooks",
            column: "UserId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Diners_CouncilId",
            table: "Diners",
            column: "CouncilId");

        migrationBuilder.CreateIndex(
            name: "IX_Offers_CouncilId_DeliveryDate",
            table: "Offers",
            columns: new[] { "CouncilId", "DeliveryDate" });

        migrationBuilder.CreateIndex(
            name: "IX_Pairings_CookId_DinerId",
            table: "Pairings",
            columns: new[] { "CookId", "DinerId" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CookChecks");
        migrationBuilder.DropTable(name: "AspNetUserTokens");
        migrationBuilder.DropTable(name: "AspNetUserRoles");
        migrationBuilder.DropTable(name: "AspNetUserLogins");
        migrationBuilder.DropTable(name: "AspNetUserClaims");
        migrationBuilder.DropTable(name: "AspNetRoleClaims");
        migrationBuilder.DropTable(name: "Pairings");
        migrationBuilder.DropTable(name: "Offers");
        migrationBuilder.DropTable(name: "Diners");
        migrationBuilder.DropTable(name: "Councils");
        migrationBuilder.DropTable(name: "Cooks");
        migrationBuilder.DropTable(name: "Concerns");
        migrationBuilder.DropTable(name: "Bookings");
        migrationBuilder.DropTable(name: "AspNetUsers");
        migrationBuilder.DropTable(name: "AspNetRoles");
    }
}
