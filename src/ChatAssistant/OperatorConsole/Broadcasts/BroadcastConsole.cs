using System.Globalization;
using System.Text;
using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Training;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The console's broadcasts, through the Broadcasts feature the command line uses: the segment is read by
/// <see cref="SegmentParser"/> and checked by <see cref="SegmentChecks"/>, counted by <see cref="SegmentReader"/> (on a
/// reading connection of its own while the operator edits, in the writer's transaction when creating), created and
/// cancelled by <see cref="BroadcastStore"/> and followed by <see cref="BroadcastSummary"/>. Creating and cancelling
/// write their audit row in the same transaction as the change, so neither is ever without the other.
/// </summary>
internal sealed class BroadcastConsole(
    IStorageProvider provider,
    IStoreWriter writer,
    BroadcastStore broadcasts,
    ConsoleStore console,
    TrainingCatalog training,
    ConversationEngine engine,
    IEnumerable<IChannelPreview> previews,
    TimeProvider time)
{
    /// <summary>What <see cref="BroadcastDraft.CreatedBy"/> says for a broadcast from the console, before the operator's id.</summary>
    public const string CreatedByPrefix = "console:";

    /// <summary>Every broadcast, newest first, with its counts.</summary>
    public IReadOnlyList<BroadcastSummary> List()
    {
        using var connection = provider.Open();
        return BroadcastSummary.Read(connection);
    }

    /// <summary>One broadcast's counts (queued, sent, delivered, read...), or null when there is no such broadcast.</summary>
    public BroadcastSummary? Progress(long id)
    {
        using var connection = provider.Open();
        return BroadcastSummary.Read(connection, id) is [var summary] ? summary : null;
    }

    /// <summary>Who the filters reach now, read on a connection of its own (the live count must not wait behind owners' messages).</summary>
    public RecipientEstimate Estimate(IEnumerable<KeyValuePair<string, string>> filters)
    {
        if (!TryReadSegment(filters, out var segment, out var problems))
        {
            return Unusable(problems);
        }

        using var connection = provider.Open();
        return Estimate(new SegmentReader(connection), segment, time.GetUtcNow());
    }

    /// <summary>
    /// The announcement as each chat channel shows it, per language: the text an owner gets (with the footer on how to
    /// stop announcements), cut into the channel's messages, with the button where the channel puts it.
    /// </summary>
    public IReadOnlyList<AnnouncementPreview> Preview(string textIndonesian, string? textEnglish, BroadcastButton? button)
    {
        IReadOnlyList<Button> buttons = button is null ? [] : [new Button(button.Label, button.Command)];
        return
        [
            .. previews.OrderBy(p => p.Channel, StringComparer.Ordinal).SelectMany(channel => Languages.All.Select(language =>
                new AnnouncementPreview(channel.Channel, language, channel.Show(new OutboundMessage(AnnouncementText.Compose(textIndonesian, textEnglish, language), buttons))))),
        ];
    }

    /// <summary>
    /// Reads the form as <c>broadcast create</c> reads its options: the texts, the button (a dialog owners may start,
    /// with parameters it takes), the time (WIB, not in the past) and the segment (no filter value nobody has).
    /// </summary>
    public ComposeReading Read(ComposeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<Said>();
        var indonesian = ReadText(form.TextIndonesian, "Teks bahasa Indonesia", "Indonesian text", required: true, problems);
        var english = ReadText(form.TextEnglish, "Teks bahasa Inggris", "English text", required: false, problems);
        var button = ReadButton(form.ButtonLabel, form.ButtonCommand, problems);
        var scheduled = ReadTime(form.SendAt, time.GetUtcNow(), problems);
        if (!TryReadSegment(form.GivenFilters, out var segment, out var segmentProblems))
        {
            problems.AddRange(segmentProblems);
        }

        return new ComposeReading(indonesian ?? string.Empty, english, button, segment, scheduled, problems);
    }

    /// <summary>
    /// Creates the broadcast as <c>broadcast create</c> does: the count, the refusal when nobody matches (unless
    /// <see cref="ComposeForm.AllowEmpty"/>), the creation and the audit row in one transaction on the writer.
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(ComposeForm form, ConsoleOperator who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        var reading = Read(form);
        if (reading.Problems.Count > 0)
        {
            return CreateOutcome.Refused(reading.Problems);
        }

        var draft = new BroadcastDraft(reading.TextIndonesian, reading.TextEnglish, reading.Button, reading.Segment, CreatedByPrefix + who.Id, reading.ScheduledAt);
        return await writer.RunAsync(broadcasts, (store, now) =>
        {
            var estimate = Estimate(store.Segments, reading.Segment, now);
            if (!estimate.IsUsable || (estimate.Recipients == 0 && !form.AllowEmpty))
            {
                return CreateOutcome.Refused(estimate.IsUsable ? estimate.WhyNobody() : estimate.Problems);
            }

            var id = store.CreateBroadcast(draft, now.ToUnixTimeMilliseconds());
            var recipients = draft.ScheduledAt is null ? store.RecipientCount(id) : estimate.Recipients;
            console.Audit(who, AuditLog.Actions.BroadcastCreated, CreatedDetail(id, draft, recipients), now);
            return CreateOutcome.Created(id, recipients, draft.ScheduledAt, estimate.OutsideWindow);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels a scheduled or sending broadcast (nobody not yet sent gets it), audited in the same transaction; null when
    /// there is no such broadcast, else the status it had and how many recipients were cancelled (none when it was closed).
    /// </summary>
    public Task<(BroadcastStatus PreviousStatus, int Cancelled)?> CancelAsync(long id, ConsoleOperator who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        return writer.RunAsync(broadcasts, (store, now) =>
        {
            var result = store.CancelBroadcast(id, now.ToUnixTimeMilliseconds());
            if (result is ({ } previous, var cancelled) && previous.IsOpen())
            {
                console.Audit(who, AuditLog.Actions.BroadcastCancelled,
                    string.Create(CultureInfo.InvariantCulture, $"#{id} ({previous.Name()}): {cancelled} recipients will not get it"), now);
            }

            return result;
        }, cancellationToken);
    }

    private RecipientEstimate Estimate(SegmentReader reader, BroadcastSegment segment, DateTimeOffset now)
    {
        var programmes = training.Programs.Select(p => p.Id).ToList();
        var problems = Both(
            SegmentChecks.Problems(reader, segment, Languages.Indonesian, programmes),
            SegmentChecks.Problems(reader, segment, Languages.English, programmes));
        var text = segment.IsEveryone ? "semua / everyone" : segment.ToString();
        if (problems.Count > 0)
        {
            return new RecipientEstimate(text, 0, 0, new SegmentExclusions(0, 0, 0), problems, 0);
        }

        var recipients = reader.PreviewSegment(segment, 0).Count;
        return new RecipientEstimate(
            text,
            recipients,
            recipients == 0 ? 0 : reader.OutsideWindow(segment, now.ToUnixTimeMilliseconds()),
            reader.ExcludedFromSegment(segment),
            [],
            segment.IsEveryone ? recipients : reader.PreviewSegment(BroadcastSegment.Everyone, 0).Count);
    }

    private static RecipientEstimate Unusable(IReadOnlyList<Said> problems) => new(string.Empty, 0, 0, new SegmentExclusions(0, 0, 0), problems, 0);

    /// <summary>The filters as <see cref="SegmentParser"/> reads them, its problems in both languages.</summary>
    private static bool TryReadSegment(IEnumerable<KeyValuePair<string, string>> filters, out BroadcastSegment segment, out IReadOnlyList<Said> problems)
    {
        var given = filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToList();
        if (SegmentParser.TryCreate(given, Languages.Indonesian, out segment, out var indonesian))
        {
            problems = [];
            return true;
        }

        SegmentParser.TryCreate(given, Languages.English, out _, out var english);
        problems = Both(indonesian, english);
        return false;
    }

    private static List<Said> Both(IReadOnlyList<string> indonesian, IReadOnlyList<string> english) =>
        [.. indonesian.Select((line, i) => new Said(line, i < english.Count ? english[i] : line))];

    /// <summary>
    /// A text as an announcement file must be (<see cref="AnnouncementFile.TryDecode"/>): plain text within the length;
    /// a browser's line breaks (CR LF) are read as the new lines owners see.
    /// </summary>
    private static string? ReadText(string? raw, string nameIndonesian, string nameEnglish, bool required, List<Said> problems)
    {
        var text = (raw ?? string.Empty).ReplaceLineEndings("\n").Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add(new($"{nameIndonesian} wajib diisi.", $"The {nameEnglish} is required."));
            }

            return null;
        }

        if (!AnnouncementFile.TryDecode(Encoding.UTF8.GetBytes(text), out var decoded, out var problem))
        {
            problems.Add(new($"{nameIndonesian} tidak bisa dipakai: {problem}", $"The {nameEnglish} {problem}"));
            return null;
        }

        return decoded;
    }

    private BroadcastButton? ReadButton(string? label, string? command, List<Said> problems)
    {
        label = label?.Trim() ?? string.Empty;
        command = command?.Trim() ?? string.Empty;
        if (label.Length == 0 && command.Length == 0)
        {
            return null;
        }

        if (label.Length == 0 || command.Length == 0 || label.Contains('=', StringComparison.Ordinal)
            || !BroadcastButton.TryParse(label + "=" + command, out var button, out _))
        {
            problems.Add(new(
                $"Tombol: isi label (1-{BroadcastButton.MaxLabelLength} karakter, tanpa '=') dan perintah yang diawali '/', paling panjang {BroadcastButton.MaxCommandBytes} byte, misalnya /pelatihan program=bimtek-digital.",
                $"Button: give a label (1-{BroadcastButton.MaxLabelLength} characters, no '=') and a command starting with '/', at most {BroadcastButton.MaxCommandBytes} bytes, e.g. /pelatihan program=bimtek-digital."));
            return null;
        }

        if (button.Problem(engine.Catalog) is { } problem)
        {
            problems.Add(new("Tombol tidak bisa dipakai: " + problem, "The button cannot be used: " + problem));
            return null;
        }

        return button;
    }

    /// <summary>A WIB time not in the past (within a minute, as the command line allows); null for now.</summary>
    private static DateTimeOffset? ReadTime(string? text, DateTimeOffset now, List<Said> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Wib.TryParseTime(text, out var at))
        {
            problems.Add(new(
                $"Waktu kirim \"{text}\" tidak terbaca; tulis misalnya 2026-12-01T09:00 (WIB).",
                $"Cannot read the send time \"{text}\"; write e.g. 2026-12-01T09:00 (WIB)."));
            return null;
        }

        if (at < now - TimeSpan.FromMinutes(1))
        {
            problems.Add(new(
                $"Waktu kirim {Wib.Format(at)} sudah lewat; kosongkan untuk mengirim sekarang.",
                $"The send time {Wib.Format(at)} is in the past; leave it empty to send now."));
            return null;
        }

        return at > now ? at : null;
    }

    private static string CreatedDetail(long id, BroadcastDraft draft, int recipients) => string.Create(CultureInfo.InvariantCulture,
        $"#{id} {(draft.ScheduledAt is { } at ? "scheduled " + Wib.Format(at) : "sending now")}, {recipients} recipients{(draft.ScheduledAt is null ? string.Empty : " now")}, segment: {(draft.Segment.IsEveryone ? "everyone" : draft.Segment.ToString())}");
}

/// <summary>One channel's messages for owners of one language.</summary>
internal sealed record AnnouncementPreview(string Channel, string Language, IReadOnlyList<PreviewMessage> Messages);

/// <summary>The compose form as read: its values, and every problem (in both languages) that stops it being created.</summary>
internal sealed record ComposeReading(
    string TextIndonesian,
    string? TextEnglish,
    BroadcastButton? Button,
    BroadcastSegment Segment,
    DateTimeOffset? ScheduledAt,
    IReadOnlyList<Said> Problems);

/// <summary>What creating gave: the broadcast, or why it was not created.</summary>
internal sealed record CreateOutcome(long? Id, int Recipients, DateTimeOffset? ScheduledAt, int OutsideWindow, IReadOnlyList<Said> Problems)
{
    public static CreateOutcome Created(long id, int recipients, DateTimeOffset? scheduledAt, int outsideWindow) => new(id, recipients, scheduledAt, outsideWindow, []);

    public static CreateOutcome Refused(IReadOnlyList<Said> problems) => new(null, 0, null, 0, problems);
}
