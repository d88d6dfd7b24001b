using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sweeps.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BestCheckpoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BestCheckpointId",
                table: "Trials",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BestCheckpointId",
                table: "Trials");
        }
    }
}
