namespace ChatAssistant.Dialogs.Conditions;

/// <summary>
/// A condition compiled from YAML data (<c>all</c>, <c>any</c>, <c>not</c>, <c>eq</c>, <c>lt</c>, <c>in</c>, <c>set</c>...).
/// Evaluation is a walk over a small tree: no parsing and no allocation per message.
/// </summary>
public abstract class Condition
{
    public abstract bool Evaluate(IValueSource values);

    /// <summary>The answer keys this condition reads, for validation and for dependency tracking.</summary>
    public abstract IEnumerable<string> Keys { get; }

    /// <summary>A short readable form, used for graph edge labels.</summary>
    public abstract override string ToString();
}
