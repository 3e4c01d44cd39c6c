using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// The lists that choice questions with <c>options_from</c> show, filled at run time by the host (e.g. the
/// training programmes open to this owner). Called on the message path: implementations answer from memory.
/// </summary>
public interface IChoiceSources
{
    /// <summary>The list names the host provides, so the loader can refuse a misspelt one.</summary>
    IReadOnlySet<string> Names { get; }

    /// <summary>The options of <paramref name="source"/> for this owner now; empty when there are none.</summary>
    IReadOnlyList<ChoiceOption> Options(string source, UserSession session);
}
