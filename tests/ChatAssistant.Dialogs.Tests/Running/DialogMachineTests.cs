using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Tests.Testing;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>
/// The engine moves a conversation between steps by walking the compiled arrays; each dialog's configured
/// Stateless machine is the definition. These hold every move of the walk to what that machine does.
/// </summary>
public class DialogMachineTests
{
    // Enough combinations of values to take every rule of the shipped steps; more are sampled, not enumerated.
    private const int MaxAssignments = 512;

    private const string Bench = "bench (the benchmarks' dialog)";

    public static TheoryData<string> Dialogs()
    {
        var ids = new TheoryData<string> { Bench };
        foreach (var dialog in ShippedDialogs.Dialogs.Catalog.Dialogs)
        {
            ids.Add(dialog.Id);
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(Dialogs))]
    public void Every_next_rule_moves_a_conversation_as_the_dialogs_stateless_machine_does(string id)
    {
        var dialog = Find(id);
        var rules = 0;
        var taken = new HashSet<(int Step, int Rule)>();
        foreach (var step in dialog.Steps)
        {
            rules += step.NextTargets.Length;
            foreach (var values in Assignments(step))
            {
                var ours = At(dialog, step.Id);
                var theirs = At(dialog, step.Id);

                var oursMoved = DialogMachine.Advance(dialog, ours, values);
                var theirsMoved = dialog.Machine.FireAdvance(theirs, values);

                Assert.True(oursMoved == theirsMoved, $"{id}/{step.Id} with {values}: Stateless moved {theirsMoved}, the walk {oursMoved}");
                Assert.True(ours.StepId == theirs.StepId, $"{id}/{step.Id} with {values}: Stateless went to {theirs.StepId}, the walk to {ours.StepId}");
                if (oursMoved)
                {
                    taken.Add((step.Index, RuleTaken(step, values)));
                }
            }
        }

        // A rule after one that always holds can never be taken; every other rule must have been compared.
        var reachable = dialog.Steps.Sum(s => Reachable(s));
        Assert.True(taken.Count == reachable, $"{id}: {taken.Count} of {reachable} reachable rules taken ({rules} in all)");
    }

    [Theory]
    [MemberData(nameof(Dialogs))]
    public void A_jump_puts_a_conversation_where_the_dialogs_stateless_machine_does(string id)
    {
        var dialog = Find(id);
        foreach (var from in dialog.Steps)
        {
            foreach (var to in dialog.Steps)
            {
                var ours = At(dialog, from.Id);
                var theirs = At(dialog, from.Id);

                DialogMachine.Jump(dialog, ours, to.Index);
                dialog.Machine.FireJump(theirs, to.Index);

                Assert.Equal(theirs.StepId, ours.StepId);
                Assert.Equal(to.Id, ours.StepId);
            }
        }
    }

    [Fact]
    public void A_step_whose_rules_do_not_hold_keeps_the_conversation_where_it_is_in_the_walk_as_in_stateless()
    {
        var dialog = TestDialogs.Catalog("""
            id: gate
            version: 1
            languages: [id]
            title: { id: Gerbang }
            start: adult
            steps:
              adult:
                ask: { id: Sudah dewasa? }
                input: yesno
                next:
                  - when: { eq: [adult, yes] }
                    goto: done
              done:
                end: { id: Selesai. }
            """).Dialogs[0];
        var ours = At(dialog, "adult");
        var theirs = At(dialog, "adult");
        var no = new Values(new(StringComparer.Ordinal) { ["adult"] = DialogValue.FromBool(false) });

        Assert.False(DialogMachine.Advance(dialog, ours, no));
        Assert.False(dialog.Machine.FireAdvance(theirs, no));
        Assert.Equal(("adult", "adult"), (ours.StepId, theirs.StepId));

        Assert.False(DialogMachine.Advance(dialog, At(dialog, "done"), no));
    }

    private static CompiledDialog Find(string id) => id == Bench
        ? BenchDialog.Catalog().Dialogs[0]
        : ShippedDialogs.Dialogs.Catalog.Find(id) ?? throw new InvalidOperationException($"no dialog {id}");

    private static ConversationState At(CompiledDialog dialog, string stepId) =>
        new(dialog.Id, dialog.Version, stepId, DateTimeOffset.UnixEpoch);

    private static int RuleTaken(CompiledStep step, IValueSource values)
    {
        for (var i = 0; i < step.NextTargets.Length; i++)
        {
            if (step.NextConditions[i] is not { } condition || condition.Evaluate(values))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The rules up to and including the first without a condition.</summary>
    private static int Reachable(CompiledStep step)
    {
        var unconditional = Array.FindIndex(step.NextConditions, c => c is null);
        return unconditional < 0 ? step.NextConditions.Length : unconditional + 1;
    }

    /// <summary>
    /// Values for the keys the step's rules read: each unset, and each at the values its conditions name, just
    /// beside them (a number one more or less, another text), so every comparison goes both ways.
    /// </summary>
    private static IEnumerable<Values> Assignments(CompiledStep step)
    {
        var candidates = new Dictionary<string, HashSet<DialogValue>>(StringComparer.Ordinal);
        foreach (var condition in step.NextConditions.OfType<Condition>())
        {
            Gather(condition, candidates);
        }

        var keys = candidates.Keys.Order(StringComparer.Ordinal).ToArray();
        var choices = keys.Select(k => candidates[k].Prepend(DialogValue.None).Distinct().ToArray()).ToArray();
        var total = choices.Aggregate(1L, (product, c) => Math.Min(product * c.Length, long.MaxValue / 64));
        var random = new Random(step.Index);
        for (var n = 0L; n < Math.Min(total, MaxAssignments); n++)
        {
            var values = new Dictionary<string, DialogValue>(StringComparer.Ordinal);
            var rest = n;
            for (var k = 0; k < keys.Length; k++)
            {
                var pick = total <= MaxAssignments ? (int)(rest % choices[k].Length) : random.Next(choices[k].Length);
                rest /= choices[k].Length;
                values[keys[k]] = choices[k][pick];
            }

            yield return new Values(values);
        }
    }

    private static void Gather(Condition condition, Dictionary<string, HashSet<DialogValue>> candidates)
    {
        HashSet<DialogValue> Of(string key) => candidates.TryGetValue(key, out var set) ? set : candidates[key] = [];

        switch (condition)
        {
            case AllCondition all:
                all.Parts.ToList().ForEach(p => Gather(p, candidates));
                break;
            case AnyCondition any:
                any.Parts.ToList().ForEach(p => Gather(p, candidates));
                break;
            case NotCondition not:
                Gather(not.Inner, candidates);
                break;
            case SetCondition set:
                Of(set.Key).Add(DialogValue.FromText("something"));
                break;
            case InCondition @in:
                Of(@in.Key).UnionWith(@in.Options);
                Of(@in.Key).Add(DialogValue.FromText("none of them"));
                break;
            case CompareCondition compare:
                Of(compare.Key).UnionWith(Beside(compare.Literal));
                break;
            default:
                throw new InvalidOperationException($"a condition the test does not know: {condition.GetType().Name}");
        }
    }

    private static IEnumerable<DialogValue> Beside(DialogValue literal)
    {
        yield return literal;
        switch (literal.Kind)
        {
            case ValueKind.Bool:
                yield return DialogValue.FromBool(!literal.AsBool);
                break;
            case ValueKind.Number or ValueKind.Money or ValueKind.Date:
                yield return literal with { Number = literal.Number - 1 };
                yield return literal with { Number = literal.Number + 1 };
                break;
            default:
                yield return DialogValue.FromText("something else");
                break;
        }
    }

    private sealed class Values(Dictionary<string, DialogValue> values) : IValueSource
    {
        public DialogValue Get(string key) => values.TryGetValue(key, out var value) ? value : DialogValue.None;

        public override string ToString() => "{" + string.Join(", ", values.Select(p => $"{p.Key}={p.Value.Serialize()}")) + "}";
    }
}
