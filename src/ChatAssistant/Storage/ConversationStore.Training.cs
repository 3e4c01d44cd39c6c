using ChatAssistant.Training;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>Training registrations: run by the training actions inside the message's transaction, on the writer thread.</summary>
internal sealed partial class ConversationStore
{
    private const string RegistrationColumns =
        "id, program_id, user_id, nik, phone, status, waitlist_order, code, created_at, cancelled_at";

    private SqliteCommand? _findActiveRegistration;
    private SqliteCommand? _countSeats;
    private SqliteCommand? _nextWaitlistOrder;
    private SqliteCommand? _insertRegistration;
    private SqliteCommand? _codeTaken;
    private SqliteCommand? _registrationsOfOwner;
    private SqliteCommand? _registrationByCode;
    private SqliteCommand? _cancelRegistration;
    private SqliteCommand? _firstWaitlisted;
    private SqliteCommand? _promoteRegistration;
    private SqliteCommand? _waitlistPosition;
    private SqliteCommand? _registrationsOfProgram;
    private SqliteCommand? _ownerChannel;
    private SqliteCommand? _ownerProfile;

    public Registration? FindActiveRegistration(string programId, long ownerId)
    {
        var command = _findActiveRegistration ??= PrepareLate(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE program_id = $program AND user_id = $user AND status <> 'cancelled'",
            "$program", "$user");
        command.Parameters[0].Value = programId;
        command.Parameters[1].Value = ownerId;
        return ReadRegistrations(command).FirstOrDefault();
    }

    public int CountSeats(string programId)
    {
        var command = _countSeats ??= PrepareLate(
            "SELECT COUNT(*) FROM training_registrations WHERE program_id = $program AND status = 'seat'", "$program");
        command.Parameters[0].Value = programId;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool RegistrationCodeTaken(string code)
    {
        var command = _codeTaken ??= PrepareLate("SELECT 1 FROM training_registrations WHERE code = $code", "$code");
        command.Parameters[0].Value = code;
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Adds a registration: a seat, or the last place of the waiting list.</summary>
    public Registration InsertRegistration(string programId, long ownerId, string? nik, string? phone, bool seat, string code, DateTimeOffset now)
    {
        long? order = null;
        if (!seat)
        {
            var next = _nextWaitlistOrder ??= PrepareLate(
                "SELECT COALESCE(MAX(waitlist_order), 0) + 1 FROM training_registrations WHERE program_id = $program", "$program");
            next.Parameters[0].Value = programId;
            order = (long)next.ExecuteScalar()!;
        }

        var command = _insertRegistration ??= PrepareLate(
            "INSERT INTO training_registrations (program_id, user_id, nik, phone, status, waitlist_order, code, created_at) VALUES ($program, $user, $nik, $phone, $status, $order, $code, $now) RETURNING id",
            "$program", "$user", "$nik", "$phone", "$status", "$order", "$code", "$now");
        var p = command.Parameters;
        p[0].Value = programId;
        p[1].Value = ownerId;
        p[2].Value = (object?)nik ?? DBNull.Value;
        p[3].Value = (object?)phone ?? DBNull.Value;
        p[4].Value = Name(seat ? RegistrationStatus.Seat : RegistrationStatus.Waitlist);
        p[5].Value = (object?)order ?? DBNull.Value;
        p[6].Value = code;
        p[7].Value = now.ToUnixTimeMilliseconds();
        var id = (long)command.ExecuteScalar()!;
        return new Registration(id, programId, ownerId, nik, phone, seat ? RegistrationStatus.Seat : RegistrationStatus.Waitlist, order, code, now, null);
    }

    /// <summary>1 for the first on the waiting list.</summary>
    public int WaitlistPosition(Registration registration)
    {
        var command = _waitlistPosition ??= PrepareLate(
            "SELECT COUNT(*) FROM training_registrations WHERE program_id = $program AND status = 'waitlist' AND waitlist_order <= $order",
            "$program", "$order");
        command.Parameters[0].Value = registration.ProgramId;
        command.Parameters[1].Value = registration.WaitlistOrder ?? 0;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<Registration> RegistrationsOf(long ownerId)
    {
        var command = _registrationsOfOwner ??= PrepareLate(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE user_id = $user ORDER BY id", "$user");
        command.Parameters[0].Value = ownerId;
        return ReadRegistrations(command);
    }

    /// <summary>Every registration of a programme: seats first, then the waiting list in order, then cancelled ones.</summary>
    public IReadOnlyList<Registration> RegistrationsOfProgram(string programId)
    {
        var command = _registrationsOfProgram ??= PrepareLate(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE program_id = $program ORDER BY CASE status WHEN 'seat' THEN 0 WHEN 'waitlist' THEN 1 ELSE 2 END, waitlist_order, id",
            "$program");
        command.Parameters[0].Value = programId;
        return ReadRegistrations(command);
    }

    public Registration? FindRegistrationByCode(long ownerId, string code)
    {
        var command = _registrationByCode ??= PrepareLate(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE user_id = $user AND code = $code", "$user", "$code");
        command.Parameters[0].Value = ownerId;
        command.Parameters[1].Value = code;
        return ReadRegistrations(command).FirstOrDefault();
    }

    public void CancelRegistration(long id, DateTimeOffset now)
    {
        var command = _cancelRegistration ??= PrepareLate(
            "UPDATE training_registrations SET status = 'cancelled', cancelled_at = $now WHERE id = $id", "$now", "$id");
        command.Parameters[0].Value = now.ToUnixTimeMilliseconds();
        command.Parameters[1].Value = id;
        command.ExecuteNonQuery();
    }

    public Registration? FirstWaitlisted(string programId)
    {
        var command = _firstWaitlisted ??= PrepareLate(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE program_id = $program AND status = 'waitlist' ORDER BY waitlist_order LIMIT 1",
            "$program");
        command.Parameters[0].Value = programId;
        return ReadRegistrations(command).FirstOrDefault();
    }

    public void PromoteRegistration(long id, DateTimeOffset now)
    {
        var command = _promoteRegistration ??= PrepareLate(
            "UPDATE training_registrations SET status = 'seat', promoted_at = $now WHERE id = $id", "$now", "$id");
        command.Parameters[0].Value = now.ToUnixTimeMilliseconds();
        command.Parameters[1].Value = id;
        command.ExecuteNonQuery();
    }

    /// <summary>The channel, chat id and language of an owner, to send them a message they did not ask for.</summary>
    public (string Channel, string ChatId, string Language)? OwnerChannel(long ownerId)
    {
        var command = _ownerChannel ??= PrepareLate("SELECT channel, chat_id, language FROM users WHERE id = $user", "$user");
        command.Parameters[0].Value = ownerId;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>The owner's profile values (name, business name, sector, province...), for operators' lists.</summary>
    public IReadOnlyDictionary<string, string> OwnerProfileTexts(long ownerId)
    {
        var command = _ownerProfile ??= PrepareLate("SELECT key, value FROM profile_values WHERE user_id = $user", "$user");
        command.Parameters[0].Value = ownerId;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values[reader.GetString(0)] = Dialogs.Values.DialogValue.Deserialize(reader.GetString(1)).Display(Dialogs.Languages.Indonesian);
        }

        return values;
    }

    private static List<Registration> ReadRegistrations(SqliteCommand command)
    {
        var list = new List<Registration>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new Registration(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetString(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9))));
        }

        return list;
    }

    private static string Name(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Seat => "seat",
        RegistrationStatus.Waitlist => "waitlist",
        _ => "cancelled",
    };

    private static RegistrationStatus Parse(string status) => status switch
    {
        "seat" => RegistrationStatus.Seat,
        "waitlist" => RegistrationStatus.Waitlist,
        _ => RegistrationStatus.Cancelled,
    };
}
