using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Brokering.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OrleansClustering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OrleansScripts.InstallClustering());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP SCHEMA {OrleansScripts.Schema} CASCADE;");
        }
    }
}
