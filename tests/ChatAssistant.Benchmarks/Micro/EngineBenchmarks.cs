using BenchmarkDotNet.Attributes;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Benchmarks.Micro;

/// <summary>
/// One inbound message through the engine (parse the input, evaluate conditions, fire the machine, render
/// the reply) for each kind of step, without storage. Each benchmark puts the owner back at the step it
/// measures first; that reset is a few field writes and allocates nothing.
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
