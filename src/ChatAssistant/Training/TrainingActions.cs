using System.Globalization;
using System.Text;
using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Outbox;
using ChatAssistant.Shared;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Training;

/// <summary>
/// The training dialogs' actions. They run on the single writer thread inside the message's transaction, so
/// counting seats and taking one is atomic: two owners racing for the last seat get one seat and one place on
/// the waiting list. Each gives the same result when run again for the same conversation.
/// </summary>
internal sealed class TrainingActions(TrainingStore store, OutboxStore outbox, TrainingCatalog catalog, TrainingClock clock, ILogger<TrainingActions> logger) : IDialogActionHandler
{
    public const string Register = "register_training";
    public const string StatusText = "registration_status_text";
    public const string Cancel = "cancel_registration";
    public const string List = "training_list";
    public const string Rate = "rate_training";

    public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { Register, StatusText, Cancel, List, Rate };

    public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(conversation);
        return action switch
        {
            Register => RegisterOwner(session, conversation, now),
            StatusText => Status(session),
            Cancel => CancelOwn(session, conversation, now),
            List => ListFor(session, now),
            Rate => RateOwn(session, conversation, now),
            _ => throw new ArgumentException($"TrainingActions has no action '{action}'.", nameof(action)),
        };
    }

    private Dictionary<string, DialogValue> RegisterOwner(UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        var programId = Text(conversation, session, "program");
        var program = programId is null ? null : catalog.Find(programId);
        if (program is null || session.OwnerId == 0)
        {
            return Result(("registration_status", "closed"));
        }

        var title = program.Title.Plain(session.Language);

        // Checked again here, not only in the list: a typed number, an old button or a link cannot register an
        // owner for a programme that is not meant for them.
        if (program.FitProblem(TrainingRows.Profile(session, "sector"), TrainingRows.Profile(session, "province"), TrainingRows.Profile(session, "scale")) is not null)
        {
            return Result(("registration_status", "not_fit"), ("program_title", title));
        }

        store.LockSeats(program.Id);
        if (store.FindActiveRegistration(program.Id, session.OwnerId) is { } existing)
        {
            return Registered(existing, title, alreadyRegistered: true);
        }

        if (!program.IsOpen(clock.Today(now)))
        {
            return Result(("registration_status", "closed"), ("program_title", title));
        }

        var seat = store.CountSeats(program.Id) < program.Capacity;
        var code = NewCode();
        var registration = store.InsertRegistration(program.Id, session.OwnerId,
            Text(conversation, session, "nik"), Text(conversation, session, "phone"), seat, code, now);
        Log.Registered(logger, program.Id, session.OwnerId, seat ? "seat" : "waitlist");
        return Registered(registration, title, alreadyRegistered: false);
    }

    private Dictionary<string, DialogValue> Registered(Registration registration, string title, bool alreadyRegistered)
    {
        var values = Result(
            ("registration_status", registration.Status == RegistrationStatus.Seat ? "seat" : "waitlist"),
            ("registration_code", registration.Code),
            ("program_title", title),
            ("program_contact", catalog.Find(registration.ProgramId) is { } program ? program.Contact ?? program.Organiser : "-"));
        values["already_registered"] = DialogValue.FromBool(alreadyRegistered);
        if (registration.Status == RegistrationStatus.Waitlist)
        {
            values["waitlist_position"] = DialogValue.FromNumber(store.WaitlistPosition(registration));
        }

        return values;
    }

    /// <summary>The programmes open now that fit the owner, in the order of the choice list, and those that do not, with why.</summary>
    private Dictionary<string, DialogValue> ListFor(UserSession session, DateTimeOffset now)
    {
        var (sector, province, scale) = (TrainingRows.Profile(session, "sector"), TrainingRows.Profile(session, "province"), TrainingRows.Profile(session, "scale"));
        var open = catalog.Open(clock.Today(now)).Select(p => (Program: p, Problem: p.FitProblem(sector, province, scale))).ToList();
        var fitting = open.Where(p => p.Problem is null).Select(p => p.Program).ToList();
        return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["program_count"] = DialogValue.FromNumber(fitting.Count),
            ["program_list"] = DialogValue.FromText(fitting.Count == 0 ? "-" : TrainingRows.Fitting(fitting, session.Language, catalog.IsSample)),
            ["other_programs"] = DialogValue.FromText(TrainingRows.NotFitting(open.Where(p => p.Problem is not null).Select(p => (p.Program, p.Problem!)), session.Language)),
        };
    }

    private Dictionary<string, DialogValue> Status(UserSession session)
    {
        var registrations = session.OwnerId == 0 ? [] : store.RegistrationsOf(session.OwnerId);
        var english = session.Language == Languages.English;
        var text = new StringBuilder();
        var number = 0;
        foreach (var registration in registrations)
        {
            var title = catalog.Find(registration.ProgramId)?.Title.Plain(session.Language) ?? registration.ProgramId;
            var state = registration.Status switch
            {
                RegistrationStatus.Seat => english ? "seat confirmed" : "dapat kursi",
                RegistrationStatus.Waitlist => english
                    ? $"waiting list, number {store.WaitlistPosition(registration)}"
                    : $"daftar tunggu, urutan ke-{store.WaitlistPosition(registration)}",
                _ => english ? "cancelled" : "dibatalkan",
            };
            number++;
            text.Append(CultureInfo.InvariantCulture, $"{number}. {title} — {registration.Code}: {state}\n");
        }

        return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["registration_count"] = DialogValue.FromNumber(number),
            ["registration_list"] = DialogValue.FromText(number == 0 ? "-" : text.ToString().TrimEnd()),
        };
    }

    private Dictionary<string, DialogValue> CancelOwn(UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        var code = RegistrationCodes.Normalize(Text(conversation, session, "registration"));
        var registration = code is null || session.OwnerId == 0 ? null : store.FindRegistrationByCode(session.OwnerId, code);
        if (registration is null)
        {
            return Result(("cancel_status", "not_found"));
        }

        // Read again under the programme's hold: a cancellation on another replica may just have promoted this place
        // to a seat, and two cancellations at once must not promote the same owner.
        store.LockSeats(registration.ProgramId);
        registration = store.FindRegistrationByCode(session.OwnerId, registration.Code) ?? registration;
        var title = catalog.Find(registration.ProgramId)?.Title.Plain(session.Language) ?? registration.ProgramId;
        if (registration.Status != RegistrationStatus.Cancelled)
        {
            store.CancelRegistration(registration.Id, now);
            Log.Cancelled(logger, registration.ProgramId, session.OwnerId);
            if (registration.Status == RegistrationStatus.Seat && store.FirstWaitlisted(registration.ProgramId) is { } next)
            {
                Promote(next, now);
            }
        }

        return Result(("cancel_status", "cancelled"), ("program_title", title), ("registration_code", registration.Code));
    }

    /// <summary>
    /// Saves the owner's rating (answer <c>rating</c>, 1-5) of their registration (answer <c>registration</c>, a code):
    /// only their own, only a seat of a training that has ended. Returns rate_status (rated, not_found or not_ended)
    /// and program_title.
    /// </summary>
    private Dictionary<string, DialogValue> RateOwn(UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        var code = RegistrationCodes.Normalize(Text(conversation, session, "registration"));
        var registration = code is null || session.OwnerId == 0 ? null : store.FindRegistrationByCode(session.OwnerId, code);
        if (registration is null || registration.Status != RegistrationStatus.Seat
            || !int.TryParse(Text(conversation, session, "rating"), NumberStyles.None, CultureInfo.InvariantCulture, out var rating) || rating is < 1 or > 5)
        {
            return Result(("rate_status", "not_found"));
        }

        var program = catalog.Find(registration.ProgramId);
        var title = program?.Title.Plain(session.Language) ?? registration.ProgramId;
        if (program is not null && program.End >= clock.Today(now))
        {
            return Result(("rate_status", "not_ended"), ("program_title", title));
        }

        store.Rate(registration.Id, rating, now);
        Log.Rated(logger, registration.ProgramId, session.OwnerId, rating);
        return Result(("rate_status", "rated"), ("program_title", title));
    }

    /// <summary>Gives the freed seat to the first on the waiting list and tells them, in this same transaction.</summary>
    private void Promote(Registration next, DateTimeOffset now)
    {
        store.PromoteRegistration(next.Id, now);
        Log.Promoted(logger, next.ProgramId, next.OwnerId);
        if (store.OwnerChannel(next.OwnerId) is not { } owner)
        {
            return;
        }

        var title = catalog.Find(next.ProgramId)?.Title.Plain(owner.Language) ?? next.ProgramId;
        var text = owner.Language == Languages.English
            ? $"Good news: a seat has opened up in \"{title}\" and it is yours. Your registration code is {next.Code}. Type /status to see your registrations."
            : $"Kabar baik: ada kursi kosong di \"{title}\" dan kini menjadi milik Anda. Kode pendaftaran Anda {next.Code}. Ketik /status untuk melihat pendaftaran Anda.";
        outbox.Enqueue(next.OwnerId, owner.Channel, owner.ChatId, new OutboundMessage(text, []), OutboxPriority.Interactive, now.ToUnixTimeMilliseconds());
    }

    private string NewCode()
    {
        while (true)
        {
            var code = RegistrationCodes.Next();
            if (!store.RegistrationCodeTaken(code))
            {
                return code;
            }
        }
    }

    /// <summary>An answer of this conversation, else the owner's profile value (a phone saved as profile.phone).</summary>
    private static string? Text(ConversationState conversation, UserSession session, string key)
    {
        if (conversation.Answers.TryGetValue(key, out var answer) && answer.Text is { Length: > 0 } text)
        {
            return text;
        }

        if (conversation.Answers.TryGetValue("profile." + key, out var saved) && saved.Text is { Length: > 0 } savedText)
        {
            return savedText;
        }

        return session.Profile.TryGetValue(key, out var value) && value.Text is { Length: > 0 } profile ? profile : null;
    }

    private static Dictionary<string, DialogValue> Result(params (string Key, string Value)[] values)
    {
        var result = new Dictionary<string, DialogValue>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            result[key] = DialogValue.FromText(value);
        }

        return result;
    }
}
