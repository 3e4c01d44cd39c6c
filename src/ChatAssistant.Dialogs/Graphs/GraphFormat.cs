namespace ChatAssistant.Dialogs.Graphs;

/// <summary>The picture languages <see cref="DialogGraph"/> writes.</summary>
public enum GraphFormat
{
    /// <summary>A Mermaid <c>flowchart TD</c>: GitHub, GitLab and many editors draw it inline in Markdown.</summary>
    Mermaid,

    /// <summary>Graphviz dot, for <c>dot -Tsvg</c>.</summary>
    Dot,
}
