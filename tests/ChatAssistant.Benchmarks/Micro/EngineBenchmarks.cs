using BenchmarkDotNet.Attributes;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Benchmarks.Micro;

/// <summary>
/// One inbound message through the engine (parse the input, evaluate conditions, fire the machine, render
/// the reply) for each kind of step, without storage. Each benchmark puts the owner back at the step it
/// measures first; that reset is a few field writes and allocates nothing. The benchmark dialog has no review
/// and no call step; a small registration dialog of its own here covers those two kinds, so that every step
/// kind is measured without moving the load harness's figures, which run on the benchmark dialog.
/// Public and unsealed because BenchmarkDotNet generates a class that derives from it.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly InboundMessage BadMoney = InboundMessage.FromText("banyak sekali");

    private ConversationEngine _engine = null!;
    private UserSession _session = null!;
    private ConversationState _conversation = null!;
    private ConversationEngine _registrationEngine = null!;
    private UserSession _registrationSession = null!;
    private ConversationState _registration = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new ConversationEngine(BenchDialog.Catalog());
        _session = new UserSession("id");

        // Walk the script once up to its last question, so that every answer a later step reads is set.
        for (var i = 0; i < BenchDialog.Script.Length - 1; i++)
        {
            _engine.Handle(_session, BenchDialog.Script[i], Now);
        }

        _conversation = _session.Active ?? throw new InvalidOperationException("the benchmark dialog did not start");
        if (_conversation.StepId != "plan_micro")
        {
            throw new InvalidOperationException($"the script should reach plan_micro, not {_conversation.StepId}");
        }

        var loaded = DialogLoader.Load([new DialogSource("registration.yaml", RegistrationYaml)], actions: Register.Instance.Names);
        if (loaded.HasErrors)
        {
            throw new InvalidOperationException("The registration dialog does not load:\n" + string.Join('\n', loaded.Diagnostics));
        }

        _registrationEngine = new ConversationEngine(loaded.Catalog, actions: Register.Instance);
        _registrationSession = new UserSession("id");
        _registrationEngine.Handle(_registrationSession, InboundMessage.FromText("/daftaruji"), Now);
        _registrationEngine.Handle(_registrationSession, InboundMessage.FromText("Sari"), Now);
        _registration = _registrationSession.Active ?? throw new InvalidOperationException("the registration dialog did not start");
        if (_registration.StepId != "sector")
        {
            throw new InvalidOperationException($"the registration dialog should be at sector, not {_registration.StepId}");
        }
    }

    [Benchmark(Description = "say + ask (start a dialog)")]
    public OutboundMessage StartSayAsk()
    {
        _session.Conversations.Clear();
        _session.AcceptChanges();
        return _engine.Handle(_session, BenchDialog.Script[0], Now);
    }

    [Benchmark(Description = "ask text")]
    public OutboundMessage AskText() => Answer("name", BenchDialog.Script[1]);

    [Benchmark(Description = "ask money")]
    public OutboundMessage AskMoney() => Answer("sales", BenchDialog.Script[2]);

    [Benchmark(Description = "ask choice (button)")]
    public OutboundMessage AskChoice() => Answer("sector", BenchDialog.Script[3]);

    [Benchmark(Description = "ask yes/no + branch")]
    public OutboundMessage AskYesNo() => Answer("has_nib", BenchDialog.Script[4]);

    [Benchmark(Description = "yes/no + compute + say + branch")]
    public OutboundMessage ComputeAndBranch() => Answer("halal", BenchDialog.Script[5]);

    [Benchmark(Description = "ask text + end")]
    public OutboundMessage End() => Answer("plan_micro", BenchDialog.Script[6]);

    /// <summary>All seven messages of the script, start to end; reported per message (the mean over the conversation).</summary>
    [Benchmark(Description = "mean of a whole conversation, per message", OperationsPerInvoke = 7)]
    public OutboundMessage WholeConversation()
    {
        _session.Conversations.Clear();
        _session.AcceptChanges();
        OutboundMessage reply = null!;
        foreach (var message in BenchDialog.Script)
        {
            reply = _engine.Handle(_session, message, Now);
        }

        _session.AcceptChanges();
        return reply;
    }

    [Benchmark(Description = "bad input, re-prompt")]
    public OutboundMessage Reprompt() => Answer("sales", BadMoney);

    [Benchmark(Description = "ask choice + review (show the answers)")]
    public OutboundMessage AskReview() => AnswerRegistration("sector", Sector);

    [Benchmark(Description = "review confirmed + call + end")]
    public OutboundMessage ReviewCallEnd() => AnswerRegistration("review", Confirm);

    private static readonly InboundMessage Sector = InboundMessage.FromText("Makanan");
    private static readonly InboundMessage Confirm = InboundMessage.FromText("1");

    /// <summary>A review of two answers, confirmed, then an action of the host's (a call step) and the end.</summary>
    private const string RegistrationYaml = """
        id: registration
        version: 1
        languages: [id, en]
        title: { id: Pendaftaran (uji), en: Registration (test) }
        commands: [/daftaruji]
        start: name
        steps:
          name:
            ask: { id: Siapa nama Anda?, en: What is your name? }
            input: text
          sector:
            ask: { id: Apa bidang usaha Anda?, en: What is your sector? }
            input: choice
            options:
              - { value: food, id: Makanan, en: Food }
              - { value: craft, id: Kerajinan, en: Craft }
          review:
            review: { id: "Mohon periksa data Anda:", en: "Please check your details:" }
            keys:
              - { key: name, label: { id: Nama, en: Name } }
              - { key: sector, label: { id: Bidang usaha, en: Sector } }
          register:
            call: register
            sets: [code]
          done:
            end: { id: "Terdaftar, kode {code}.", en: "Registered, code {code}." }
            outcome: registered
        """;

    private OutboundMessage AnswerRegistration(string step, InboundMessage message)
    {
        _registration.Status = ConversationStatus.Active;
        _registration.Outcome = null;
        _registration.StepId = step;
        _registration.History.Clear();
        _registrationSession.AcceptChanges();
        return _registrationEngine.Handle(_registrationSession, message, Now);
    }

    /// <summary>The host's action, answering from a dictionary built once: what is measured is the engine, not the action.</summary>
    private sealed class Register : IDialogActions
    {
        public static readonly Register Instance = new();

        private static readonly Dictionary<string, DialogValue> Result = new(StringComparer.Ordinal) { ["code"] = DialogValue.FromText("UJI-001") };

        public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { "register" };

        public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now) => Result;
    }

    private OutboundMessage Answer(string step, InboundMessage message)
    {
        _conversation.Status = ConversationStatus.Active;
        _conversation.Outcome = null;
        _conversation.StepId = step;
        _conversation.History.Clear();
        if (_session.Conversations.Count == 0)
        {
            _session.Conversations.Add(_conversation);
        }

        _session.AcceptChanges();
        return _engine.Handle(_session, message, Now);
    }
}
