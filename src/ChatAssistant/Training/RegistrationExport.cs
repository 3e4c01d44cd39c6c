using System.Globalization;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Shared;
using ChatAssistant.Storage;

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

    public static IReadOnlyList<RegistrationRow> Rows(ConversationStore store, string programId, bool includeNik)
    {
        var rows = new List<RegistrationRow>();
        var position = 0;
        foreach (var registration in store.RegistrationsOfProgram(programId))
        {
            var profile = store.OwnerProfileTexts(registration.OwnerId);
            rows.Add(new RegistrationRow(
                registration.Code,
                registration.ProgramId,
                registration.Status.ToString().ToLowerInvariant(),
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
