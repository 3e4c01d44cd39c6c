using ChatAssistant.Hosting;

namespace ChatAssistant.Tests.Architecture;

public sealed class DependencyDirectionTests
{
    private static readonly Lazy<FolderGraph> Executable = new(() => FolderGraph.Read(typeof(AssistantHost).Assembly.Location, "ChatAssistant"));

    [Fact]
    public void Every_dependency_of_the_executable_points_down()
    {
        var violations = DependencyRules.Check(Executable.Value);

        Assert.True(violations.Count == 0, "Dependencies against the direction:\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void The_executable_has_no_dependency_cycle()
    {
        Assert.Null(DependencyRules.Cycle(DependencyRules.Edges(Executable.Value)));
    }

    [Fact]
    public void Every_folder_of_the_executable_has_a_layer_and_the_layers_allow_no_cycle()
    {
        var folders = Executable.Value.Folders.Select(DependencyRules.Layer).ToHashSet();
        var unknown = folders.Where(f => DependencyRules.Broken(f, DependencyRules.Shared, "Shared.Wib") is { } rule && rule.Contains("do not know", StringComparison.Ordinal));
        Assert.Empty(unknown);

        // Every edge the rules allow between the folders (a channel's allowed types included) must not close a loop.
        var allowed = from user in folders
                      from used in folders
                      where user != used && DependencyRules.Broken(user, used, AnyTypeOf(used)) is null
                      select (user, used);
        Assert.Null(DependencyRules.Cycle(allowed));

        // A type name that the channel rules allow where they allow any, so the check covers their edges too.
        static string AnyTypeOf(string folder) =>
            DependencyRules.ChannelOutboxTypes.Concat(DependencyRules.ChannelHealthTypes).FirstOrDefault(t => t.StartsWith(folder + ".", StringComparison.Ordinal))
            ?? folder + ".Any";
    }

    [Fact]
    public void A_back_edge_is_reported_with_the_type_that_makes_it_including_uses_only_inside_method_bodies()
    {
        // Sample/ holds a tiny app with three deliberate back-edges: one in a property's type, one only inside a
        // lambda and one only inside an async method, both compiled into nested types.
        var sample = FolderGraph.Read(typeof(DependencyDirectionTests).Assembly.Location, "ChatAssistant.Tests.Architecture.Sample");

        var violations = DependencyRules.Check(sample);

        Assert.Equal(
            [
                ("Channels.Telegram", "Storage"),
                ("Outbox", "Conversations"),
                ("Storage", "Hosting"),
            ],
            violations.Select(v => (v.From, v.To)));
        Assert.Equal("Storage.SampleStore uses Hosting.SampleHost (property Host)", violations[2].Example);
        Assert.StartsWith("Outbox.SampleSender uses Conversations.SampleWriter (<>c.<Later>", violations[1].Example, StringComparison.Ordinal);
        Assert.StartsWith("Channels.Telegram.SampleReceiver uses Storage.SampleStore (<ReceiveAsync>", violations[0].Example, StringComparison.Ordinal);
        Assert.Contains("nothing depends on Hosting", violations[2].Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_without_its_back_edges_has_the_edges_the_rules_allow()
    {
        var sample = FolderGraph.Read(typeof(DependencyDirectionTests).Assembly.Location, "ChatAssistant.Tests.Architecture.Sample");

        // Hosting -> Conversations and Conversations -> Shared are seen and allowed: the checker does not only fail.
        var edges = DependencyRules.Edges(sample).Order().ToList();
        Assert.Contains(("Hosting", "Conversations"), edges);
        Assert.Contains(("Conversations", "Shared"), edges);
        Assert.Equal(5, edges.Count);
    }
}
