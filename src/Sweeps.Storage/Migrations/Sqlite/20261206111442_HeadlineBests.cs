using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sweeps.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HeadlineBests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "BestPs",
                table: "Trials",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "BestTop1",
                table: "Trials",
                type: "REAL",
                nullable: true);

            // Existing trials' bests from their stored scores (the same SQL for both providers).
            migrationBuilder.Sql("""
                UPDATE "Trials" SET
                    "BestTop1" = (SELECT MAX(s."Value") FROM "Scores" AS s INNER JOIN "Checkpoints" AS c ON s."CheckpointId" = c."Id"
                        WHERE c."TrialId" = "Trials"."Id" AND s."Metric" = 'top1'),
                    "BestPs" = (SELECT MAX(s."Value") FROM "Scores" AS s INNER JOIN "Checkpoints" AS c ON s."CheckpointId" = c."Id"
                        WHERE c."TrialId" = "Trials"."Id" AND s."Metric" = 'ps' AND s."Function" = 'lpips' AND s."Layer" = 'ensemble' AND s."Category" = 'mean');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BestPs",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "BestTop1",
                table: "Trials");
        }
    }
}
