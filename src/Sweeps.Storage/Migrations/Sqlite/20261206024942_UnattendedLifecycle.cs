using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sweeps.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnattendedLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Trials_State",
                table: "Trials");

            migrationBuilder.AddColumn<int>(
                name: "ConsecutiveFailures",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FailedAttempts",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatAt",
                table: "Trials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ImagesPerSecond",
                table: "Trials",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Interruptions",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LogPath",
                table: "Trials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ProgressAttempt",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Request",
                table: "Trials",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Step",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "TotalSteps",
                table: "Trials",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Sweeps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Attempt",
                table: "Checkpoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Scheduled",
                table: "Checkpoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            // Checkpoints stored before this release were all scheduled; a trial that has any made
            // progress in its newest attempt as far as anyone can tell.
            migrationBuilder.Sql(
                "UPDATE Trials SET ProgressAttempt = Attempts WHERE EXISTS (SELECT 1 FROM Checkpoints c WHERE c.TrialId = Trials.Id);");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_State_Priority",
                table: "Trials",
                columns: new[] { "State", "Priority" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Trials_State_Priority",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "ConsecutiveFailures",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "FailedAttempts",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "ImagesPerSecond",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Interruptions",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "LogPath",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "ProgressAttempt",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Request",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Step",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "TotalSteps",
                table: "Trials");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Sweeps");

            migrationBuilder.DropColumn(
                name: "Attempt",
                table: "Checkpoints");

            migrationBuilder.DropColumn(
                name: "Scheduled",
                table: "Checkpoints");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_State",
                table: "Trials",
                column: "State");
        }
    }
}
