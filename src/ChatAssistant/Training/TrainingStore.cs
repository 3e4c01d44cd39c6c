using System.Data.Common;
using System.Globalization;
using ChatAssistant.Storage;

namespace ChatAssistant.Training;

/// <summary>
/// Training registrations: seats, the waiting list and its promotions. Run by the training actions inside the
/// message's transaction on the writer thread, so its statements are prepared once on the write session.
/// </summary>
internal sealed class TrainingStore(WriteSession session) : IWriteStore
{
    private const string RegistrationColumns =
        "id, program_id, user_id, nik, phone, status, waitlist_order, code, created_at, cancelled_at";

    /// <summary>
    /// Every registration of a programme (<c>@program</c>) in the order operators read them: seats first, then the
    /// waiting list in order, then cancelled ones. Shared with the console, which reads it on a connection of its own.
    /// Cancelled seats (no place on the list) come before cancelled places, as SQLite sorts NULL and PostgreSQL
    /// does when told.
    /// </summary>
    internal const string RegistrationsOfProgramSql =
        $"SELECT {RegistrationColumns} FROM training_registrations WHERE program_id = @program ORDER BY CASE status WHEN '{RegistrationStatuses.Seat}' THEN 0 WHEN '{RegistrationStatuses.Waitlist}' THEN 1 ELSE 2 END, waitlist_order NULLS FIRST, id";

    private PreparedCommand? _findActiveRegistration;
    private PreparedCommand? _countSeats;
    private PreparedCommand? _nextWaitlistOrder;
    private PreparedCommand? _insertRegistration;
    private PreparedCommand? _codeTaken;
    private PreparedCommand? _registrationsOfOwner;
    private PreparedCommand? _registrationByCode;
    private PreparedCommand? _cancelRegistration;
    private PreparedCommand? _firstWaitlisted;
    private PreparedCommand? _promoteRegistration;
    private PreparedCommand? _waitlistPosition;
    private PreparedCommand? _registrationsOfProgram;
    private PreparedCommand? _ownerChannel;
    private PreparedCommand? _ownerProfile;
    private PreparedCommand? _unratedSeats;
    private PreparedCommand? _rate;
    private PreparedCommand? _rating;

    public Registration? FindActiveRegistration(string programId, long ownerId)
    {
        var command = _findActiveRegistration ??= Prepare(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE program_id = @program AND user_id = @user AND status <> '{RegistrationStatuses.Cancelled}'");
        command.Set("@program", programId);
        command.Set("@user", ownerId);
        return ReadRegistrations(command).FirstOrDefault();
    }

    /// <summary>
    /// Holds the programme's seats until the transaction ends: replicas on one PostgreSQL database would otherwise both
    /// see the last seat free, or both promote the same waiting owner. Nothing on SQLite (one writer holds the file).
    /// </summary>
    public void LockSeats(string programId) => session.LockForTransaction(LockKey.Of("seats", programId));

    public int CountSeats(string programId)
    {
        var command = _countSeats ??= Prepare(
            $"SELECT COUNT(*) FROM training_registrations WHERE program_id = @program AND status = '{RegistrationStatuses.Seat}'");
        command.Set("@program", programId);
        return Convert.ToInt32(command.Scalar(), CultureInfo.InvariantCulture);
    }

    public bool RegistrationCodeTaken(string code)
    {
        var command = _codeTaken ??= Prepare("SELECT 1 FROM training_registrations WHERE code = @code");
        command.Set("@code", code);
        return command.Scalar() is not null;
    }

    /// <summary>Adds a registration: a seat, or the last place of the waiting list.</summary>
    public Registration InsertRegistration(string programId, long ownerId, string? nik, string? phone, bool seat, string code, DateTimeOffset now)
    {
        long? order = null;
        if (!seat)
        {
            var next = _nextWaitlistOrder ??= Prepare(
                "SELECT COALESCE(MAX(waitlist_order), 0) + 1 FROM training_registrations WHERE program_id = @program");
            next.Set("@program", programId);
            order = (long)next.Scalar()!;
        }

        var status = seat ? RegistrationStatus.Seat : RegistrationStatus.Waitlist;
        var command = _insertRegistration ??= Prepare(
            "INSERT INTO training_registrations (program_id, user_id, nik, phone, status, waitlist_order, code, created_at) VALUES (@program, @user, @nik, @phone, @status, @order, @code, @now) RETURNING id");
        command.Set("@program", programId);
        command.Set("@user", ownerId);
        command.Set("@nik", nik);
        command.Set("@phone", phone);
        command.Set("@status", status.Name());
        command.Set("@order", order);
        command.Set("@code", code);
        command.Set("@now", now.ToUnixTimeMilliseconds());
        var id = (long)command.Scalar()!;
        return new Registration(id, programId, ownerId, nik, phone, status, order, code, now, null);
    }

    /// <summary>1 for the first on the waiting list.</summary>
    public int WaitlistPosition(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var command = _waitlistPosition ??= Prepare(
            $"SELECT COUNT(*) FROM training_registrations WHERE program_id = @program AND status = '{RegistrationStatuses.Waitlist}' AND waitlist_order <= @order");
        command.Set("@program", registration.ProgramId);
        command.Set("@order", registration.WaitlistOrder ?? 0);
        return Convert.ToInt32(command.Scalar(), CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<Registration> RegistrationsOf(long ownerId)
    {
        var command = _registrationsOfOwner ??= Prepare(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE user_id = @user ORDER BY id");
        command.Set("@user", ownerId);
        return ReadRegistrations(command);
    }

    /// <summary>Every registration of a programme: seats first, then the waiting list in order, then cancelled ones.</summary>
    public IReadOnlyList<Registration> RegistrationsOfProgram(string programId)
    {
        var command = _registrationsOfProgram ??= Prepare(RegistrationsOfProgramSql);
        command.Set("@program", programId);
        return ReadRegistrations(command);
    }

    public Registration? FindRegistrationByCode(long ownerId, string code)
    {
        var command = _registrationByCode ??= Prepare(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE user_id = @user AND code = @code");
        command.Set("@user", ownerId);
        command.Set("@code", code);
        return ReadRegistrations(command).FirstOrDefault();
    }

    public void CancelRegistration(long id, DateTimeOffset now)
    {
        var command = _cancelRegistration ??= Prepare(
            $"UPDATE training_registrations SET status = '{RegistrationStatuses.Cancelled}', cancelled_at = @now WHERE id = @id");
        command.Set("@now", now.ToUnixTimeMilliseconds());
        command.Set("@id", id);
        command.Execute();
    }

    public Registration? FirstWaitlisted(string programId)
    {
        var command = _firstWaitlisted ??= Prepare(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE program_id = @program AND status = '{RegistrationStatuses.Waitlist}' ORDER BY waitlist_order LIMIT 1");
        command.Set("@program", programId);
        return ReadRegistrations(command).FirstOrDefault();
    }

    public void PromoteRegistration(long id, DateTimeOffset now)
    {
        var command = _promoteRegistration ??= Prepare(
            $"UPDATE training_registrations SET status = '{RegistrationStatuses.Seat}', promoted_at = @now WHERE id = @id");
        command.Set("@now", now.ToUnixTimeMilliseconds());
        command.Set("@id", id);
        command.Execute();
    }

    /// <summary>The owner's seats not rated yet, newest registration first (the rating dialog's list).</summary>
    public IReadOnlyList<Registration> UnratedSeatsOf(long ownerId)
    {
        var command = _unratedSeats ??= Prepare(
            $"SELECT {RegistrationColumns} FROM training_registrations WHERE user_id = @user AND status = '{RegistrationStatuses.Seat}' AND rated_at IS NULL ORDER BY id DESC");
        command.Set("@user", ownerId);
        return ReadRegistrations(command);
    }

    /// <summary>Saves the owner's one-question rating (1-5) of a training, for the operators' report; a second rating replaces the first.</summary>
    public void Rate(long id, int rating, DateTimeOffset now)
    {
        var command = _rate ??= Prepare("UPDATE training_registrations SET rating = @rating, rated_at = @now WHERE id = @id");
        command.Set("@rating", rating);
        command.Set("@now", now.ToUnixTimeMilliseconds());
        command.Set("@id", id);
        command.Execute();
    }

    /// <summary>The rating saved for a registration, or null when it has none.</summary>
    public int? RatingOf(long id)
    {
        var value = (_rating ??= Prepare("SELECT rating FROM training_registrations WHERE id = @id")).Set("@id", id).Scalar();
        return value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The channel, chat id and language of an owner, to send them a message they did not ask for.</summary>
    public (string Channel, string ChatId, string Language)? OwnerChannel(long ownerId)
    {
        var command = _ownerChannel ??= Prepare("SELECT channel, chat_id, language FROM users WHERE id = @user");
        command.Set("@user", ownerId);
        using var reader = command.Read();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>The owner's profile values as stored (serialized dialog values), for operators' lists.</summary>
    public IReadOnlyDictionary<string, string> OwnerProfile(long ownerId)
    {
        var command = _ownerProfile ??= Prepare("SELECT key, value FROM profile_values WHERE user_id = @user");
        command.Set("@user", ownerId);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = command.Read();
        while (reader.Read())
        {
            values[reader.GetString(0)] = reader.GetString(1);
        }

        return values;
    }

    private static List<Registration> ReadRegistrations(PreparedCommand command)
    {
        var list = new List<Registration>();
        using var reader = command.Read();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>One row of <see cref="RegistrationColumns"/>, in that order.</summary>
    internal static Registration Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        RegistrationStatuses.Parse(reader.GetString(5)),
        reader.IsDBNull(6) ? null : reader.GetInt64(6),
        reader.GetString(7),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
        reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));

    public WriteSession Session => session;

    private PreparedCommand Prepare(string sql) => session.Prepare(sql);
}
