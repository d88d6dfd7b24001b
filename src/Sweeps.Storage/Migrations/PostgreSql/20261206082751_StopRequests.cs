using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sweeps.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StopRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestReason",
                table: "Trials",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequestReason",
                table: "Trials");
        }
    }
}
