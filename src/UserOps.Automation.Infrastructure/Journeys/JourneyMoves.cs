using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Writes a batch's journey moves, each row only if its <see cref="Journey.Step"/> is still
/// the one claimed: a journey another host (or an event) moved meanwhile is not overwritten, and the caller sees fewer
/// rows than it sent. PostgreSQL: one <c>UPDATE … FROM unnest(@arrays)</c> for the whole batch. Others: one prepared
/// single-row UPDATE per journey (SQLite's fastest path: no network, and it binds parameters by linear search).
/// </summary>
internal static class JourneyMoves
{
    /// <summary>What a sweep changes on a journey; never <see cref="Journey.GoalReachedAt"/> or the trigger event, which events write.</summary>
    private static readonly string[] Moved =
    [
        nameof(Journey.Step), nameof(Journey.ActivityId), nameof(Journey.Status), nameof(Journey.DueAt), nameof(Journey.WaitingEvent),
        nameof(Journey.ResumePort), nameof(Journey.Variant), nameof(Journey.Variables), nameof(Journey.UpdatedAt), nameof(Journey.EndedAt),
        nameof(Journey.EndReason), nameof(Journey.ActiveKey),
    ];

    /// <summary>Returns how many journeys were written (all of them unless some moved meanwhile).</summary>
    public static async Task<int> WriteAsync(AutomationDb db, IReadOnlyList<Journey> journeys, IReadOnlyDictionary<long, int> claimedSteps, CancellationToken cancellationToken)
    {
        if (journeys.Count == 0)
        {
            return 0;
        }

        var id = MappedColumn.Of<Journey>(db, nameof(Journey.Id));
        var step = MappedColumn.Of<Journey>(db, nameof(Journey.Step));
        var moved = Moved.Select(p => MappedColumn.Of<Journey>(db, p)).ToList();
        var names = new SqlNames<Journey>(db);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Provider == DatabaseProvider.Postgres)
            {
                var sets = string.Join(", ", moved.Select(c => $"{c.Name} = v.{c.Name}"));
                var columns = string.Join(", ", moved.Select(c => c.Name));
                command.CommandText =
                    $"UPDATE {names.Table} AS j SET {sets} " +
                    $"FROM unnest(@id, @expected, {string.Join(", ", moved.Select((_, i) => $"@m{i}"))}) AS v(\"id\", \"expected\", {columns}) " +
                    $"WHERE j.{id.Name} = v.\"id\" AND j.{step.Name} = v.\"expected\"";
                command.Parameters.Add(id.ArrayParameter("id", journeys));
                command.Parameters.Add(step.ArrayParameter("expected", journeys.Count, i => claimedSteps[journeys[i].Id]));
                for (var i = 0; i < moved.Count; i++)
                {
                    command.Parameters.Add(moved[i].ArrayParameter($"m{i}", journeys));
                }

                return await command.ExecuteNonQueryAsync(cancellationToken);
            }

            var sql = db.GetService<ISqlGenerationHelper>();
            command.CommandText =
                $"UPDATE {names.Table} SET {string.Join(", ", moved.Select((c, i) => $"{c.Name} = {sql.GenerateParameterNamePlaceholder($"m{i}")}"))} " +
                $"WHERE {id.Name} = {sql.GenerateParameterNamePlaceholder("id")} AND {step.Name} = {sql.GenerateParameterNamePlaceholder("expected")}";
            var written = 0;
            foreach (var journey in journeys)
            {
                command.Parameters.Clear();
                command.Parameters.Add(id.Parameter(command, sql.GenerateParameterName("id"), journey));
                command.Parameters.Add(Expected(command, sql.GenerateParameterName("expected"), claimedSteps[journey.Id]));
                for (var i = 0; i < moved.Count; i++)
                {
                    command.Parameters.Add(moved[i].Parameter(command, sql.GenerateParameterName($"m{i}"), journey));
                }

                written += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter Expected(DbCommand command, string name, int step)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = step;
        return parameter;
    }
}
