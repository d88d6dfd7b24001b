using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sweeps.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrialsSharedBySweeps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Checkpoints_TrialId_Epoch",
                table: "Checkpoints");

            migrationBuilder.AddColumn<double>(
                name: "EpochFraction",
                table: "Checkpoints",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTime>(
                name: "FileDeletedAt",
                table: "Checkpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReferenceScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Folder = table.Column<string>(type: "TEXT", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", nullable: false),
                    Function = table.Column<string>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceScores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SweepTrials",
                columns: table => new
                {
                    SweepId = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    TrialId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", nullable: false),
                    Reused = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SweepTrials", x => new { x.SweepId, x.Index });
                    table.ForeignKey(
                        name: "FK_SweepTrials_Sweeps_SweepId",
                        column: x => x.SweepId,
                        principalTable: "Sweeps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SweepTrials_Trials_TrialId",
                        column: x => x.TrialId,
                        principalTable: "Trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every existing trial becomes a member of the sweep that created it, at its index there.
            migrationBuilder.Sql("INSERT INTO SweepTrials (SweepId, \"Index\", TrialId, Label, Reused) SELECT SweepId, \"Index\", Id, Label, 0 FROM Trials;");
            migrationBuilder.Sql("UPDATE Checkpoints SET EpochFraction = Epoch;");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_ConfigHash",
                table: "Trials",
                column: "ConfigHash");

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_TrialId_Step",
                table: "Checkpoints",
                columns: new[] { "TrialId", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceScores_Folder_Metric_Function_Category",
                table: "ReferenceScores",
                columns: new[] { "Folder", "Metric", "Function", "Category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SweepTrials_TrialId",
                table: "SweepTrials",
                column: "TrialId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferenceScores");

            migrationBuilder.DropTable(
                name: "SweepTrials");

            migrationBuilder.DropIndex(
                name: "IX_Trials_ConfigHash",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Checkpoints_TrialId_Step",
                table: "Checkpoints");

            migrationBuilder.DropColumn(
                name: "EpochFraction",
                table: "Checkpoints");

            migrationBuilder.DropColumn(
                name: "FileDeletedAt",
                table: "Checkpoints");

            // Only one checkpoint per epoch fits the old schema: keep each epoch's last.
            migrationBuilder.Sql("DELETE FROM Checkpoints WHERE Id NOT IN (SELECT MAX(Id) FROM Checkpoints GROUP BY TrialId, Epoch);");

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_TrialId_Epoch",
                table: "Checkpoints",
                columns: new[] { "TrialId", "Epoch" },
                unique: true);
        }
    }
}
