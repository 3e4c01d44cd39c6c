using BenchmarkDotNet.Attributes;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Benchmarks.Micro;

/// <summary>
/// The design choice behind <see cref="DialogMachine"/>: configuring a Stateless machine for a dialog costs
/// far more than firing one, and firing one allocates on every transition, so a dialog's machine is configured
/// once (the definition) and the engine walks the compiled arrays it wraps. These measure all three.
/// Public and unsealed because BenchmarkDotNet generates a class that derives from it.
/// </summary>
[MemoryDiagnoser]
public class StateMachineBenchmarks
{
    private CompiledDialog _dialog = null!;
    private DialogMachine _machine = null!;
    private ConversationState _conversation = null!;
    private FixedValues _values = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dialog = BenchDialog.Catalog().Dialogs[0];
        _machine = new DialogMachine(_dialog);
        _conversation = new ConversationState(_dialog.Id, _dialog.Version, "has_nib", DateTimeOffset.UnixEpoch);
        _values = new FixedValues(new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["has_nib"] = DialogValue.FromBool(true),
            ["sector"] = DialogValue.FromText("food"),
        });
    }

    [Benchmark(Description = "configure a machine (per dialog)")]
    public object Configure() => new DialogMachine(_dialog);

    [Benchmark(Baseline = true, Description = "fire a configured machine")]
    public bool Fire()
    {
        _conversation.StepId = "has_nib";
        return _machine.FireAdvance(_conversation, _values);
    }

    [Benchmark(Description = "configure + fire (a machine per message)")]
    public bool ConfigureAndFire()
    {
        _conversation.StepId = "has_nib";
        return new DialogMachine(_dialog).FireAdvance(_conversation, _values);
    }

    [Benchmark(Description = "array walk, no Stateless (engine)")]
    public bool Walk()
    {
        _conversation.StepId = "has_nib";
        return DialogMachine.Advance(_dialog, _conversation, _values);
    }
}
