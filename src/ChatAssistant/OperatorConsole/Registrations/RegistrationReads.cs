using System.Data.Common;
using ChatAssistant.Training;
using Dapper;

namespace ChatAssistant.OperatorConsole.Registrations;

/// <summary>
/// The registrations pages' reading, on a connection of the page's own (no transaction, nothing written), so it is
/// safe beside the writer. A programme's rows are those of <c>registrations export</c>: the same query and columns.
/// </summary>
internal static class RegistrationReads
{
    /// <summary>Every programme of the catalogue, in its order, with its seats taken, waiting list and cancellations.</summary>
    public static IReadOnlyList<ProgrammeCount> Programmes(DbConnection connection, TrainingCatalog catalog, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var counts = connection.Query<(string ProgramId, string Status, long Count)>(
                "SELECT program_id, status, COUNT(*) FROM training_registrations GROUP BY program_id, status")
            .ToLookup(c => c.ProgramId, StringComparer.Ordinal);
        return catalog.Programs
            .Select(p =>
            {
                var of = counts[p.Id].ToList();
                int Count(RegistrationStatus status) =>
                    (int)of.Where(c => RegistrationStatuses.Parse(c.Status) == status).Sum(c => c.Count);
                return new ProgrammeCount(p, p.IsOpen(today), Count(RegistrationStatus.Seat), Count(RegistrationStatus.Waitlist), Count(RegistrationStatus.Cancelled));
            })
            .ToList();
    }

    /// <summary>A programme's registrations as the export writes them: seats, the waiting list in order, cancelled ones.</summary>
    public static IReadOnlyList<RegistrationRow> Rows(DbConnection connection, string programId, bool includeNik)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var registrations = new List<Registration>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = TrainingStore.RegistrationsOfProgramSql;
            var program = command.CreateParameter();
            program.ParameterName = "@program";
            program.Value = programId;
            command.Parameters.Add(program);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                registrations.Add(TrainingStore.Read(reader));
            }
        }

        // Only the profile values a row shows (those RegistrationExport reads), not every answer the owner gave.
        var profiles = connection.Query<(long UserId, string Key, string Value)>(
                """
                SELECT user_id, key, value FROM profile_values
                WHERE key IN ('name', 'business_name', 'sector', 'province') AND user_id IN (SELECT user_id FROM training_registrations WHERE program_id = @program)
                """,
                new { program = programId })
            .GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        IReadOnlyDictionary<string, string> none = new Dictionary<string, string>(StringComparer.Ordinal);
        return RegistrationExport.Rows(registrations, owner => profiles.GetValueOrDefault(owner, none), includeNik);
    }
}

/// <summary>One programme as the registrations page lists it.</summary>
internal sealed record ProgrammeCount(TrainingProgram Program, bool Open, int Seats, int Waitlist, int Cancelled)
{
    /// <summary>Seats still free (none when the programme is full; a waiting list then forms).</summary>
    public int Free => Math.Max(0, Program.Capacity - Seats);
}
