using System.Globalization;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Training;

/// <summary>
/// A programme's registrations as CSV with a header: seats, then the waiting list in order, then cancelled ones.
/// Times are ISO 8601 in WIB (+07:00), like every time operators read.
/// </summary>
internal static class RegistrationExport
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "code", "program_id", "status", "waitlist_position", "name", "business_name",
        "sector", "province", "nik", "phone", "registered_at", "cancelled_at",
    ];

    public static IReadOnlyList<RegistrationRow> Rows(TrainingStore store, string programId, bool includeNik)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Rows(store.RegistrationsOfProgram(programId), store.OwnerProfile, includeNik);
    }

    /// <summary>
    /// The rows of <paramref name="registrations"/> (in the order given), with each owner's profile from
    /// <paramref name="profileOf"/> (stored values by key): the console reads both on a connection of its own.
    /// </summary>
    public static IReadOnlyList<RegistrationRow> Rows(IEnumerable<Registration> registrations, Func<long, IReadOnlyDictionary<string, string>> profileOf, bool includeNik)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(profileOf);
        var rows = new List<RegistrationRow>();
        var position = 0;
        foreach (var registration in registrations)
        {
            var profile = ProfileTexts(profileOf(registration.OwnerId));
            rows.Add(new RegistrationRow(
                registration.Code,
                registration.ProgramId,
                registration.Status.Name(),
                registration.Status == RegistrationStatus.Waitlist ? ++position : null,
                profile.GetValueOrDefault("name"),
                profile.GetValueOrDefault("business_name"),
                profile.GetValueOrDefault("sector"),
                profile.GetValueOrDefault("province"),
                registration.Nik is null ? null : includeNik ? registration.Nik : PersonalData.Mask(registration.Nik),
                registration.Phone,
                Wib.Format(registration.CreatedAt),
                registration.CancelledAt is { } cancelled ? Wib.Format(cancelled) : null));
        }

        return rows;
    }

    /// <summary>The owner's profile values as operators read them (in Bahasa Indonesia: "Ya", not "b:1").</summary>
    private static Dictionary<string, string> ProfileTexts(IReadOnlyDictionary<string, string> stored) =>
        stored.ToDictionary(p => p.Key, p => DialogValue.Deserialize(p.Value).Display(Languages.Indonesian), StringComparer.Ordinal);

    public static void Write(TextWriter output, IEnumerable<RegistrationRow> rows)
    {
        using var csv = OperatorCsv.Create(output);
        csv.WriteHeader([.. Header]);
        foreach (var row in rows)
        {
            csv.WriteRecord(
            [
                row.Code, row.ProgramId, row.Status, row.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, row.Name ?? string.Empty,
                row.BusinessName ?? string.Empty, row.Sector ?? string.Empty, row.Province ?? string.Empty, row.Nik ?? string.Empty,
                row.Phone ?? string.Empty, row.RegisteredAt, row.CancelledAt ?? string.Empty,
            ]);
        }

        csv.Flush();
    }
}
