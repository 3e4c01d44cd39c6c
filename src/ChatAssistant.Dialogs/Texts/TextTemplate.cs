using System.Text;

namespace ChatAssistant.Dialogs.Texts;

/// <summary>
/// A text with <c>{placeholders}</c>, split into parts once at load time so that rendering a message is a
/// single pass over the parts with no parsing. <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
public sealed class TextTemplate
{
    private readonly string[] _parts;
    private readonly bool[] _isPlaceholder;

    private TextTemplate(string source, string[] parts, bool[] isPlaceholder)
    {
        Source = source;
        _parts = parts;
        _isPlaceholder = isPlaceholder;
    }

    public string Source { get; }

    /// <summary>The placeholder names, for the validator.</summary>
    public IEnumerable<string> Placeholders
    {
        get
        {
            for (var i = 0; i < _parts.Length; i++)
            {
                if (_isPlaceholder[i])
                {
                    yield return _parts[i];
                }
            }
        }
    }

    public bool HasPlaceholders => Array.IndexOf(_isPlaceholder, true) >= 0;

    public static TextTemplate Parse(string source)
    {
        var parts = new List<string>();
        var kinds = new List<bool>();
        var literal = new StringBuilder();
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '{' && i + 1 < source.Length && source[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < source.Length && source[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{' && source.IndexOf('}', i + 1) is var close and > 0 && IsName(source.AsSpan(i + 1, close - i - 1)))
            {
                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    kinds.Add(false);
                    literal.Clear();
                }

                parts.Add(source.Substring(i + 1, close - i - 1));
                kinds.Add(true);
                i = close;
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0 || parts.Count == 0)
        {
            parts.Add(literal.ToString());
            kinds.Add(false);
        }

        return new TextTemplate(source, [.. parts], [.. kinds]);
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends the text with each placeholder replaced by the resolver's value.</summary>
    public void AppendTo(StringBuilder target, IPlaceholderResolver resolver)
    {
        for (var i = 0; i < _parts.Length; i++)
        {
            if (_isPlaceholder[i])
            {
                resolver.AppendValue(target, _parts[i]);
            }
            else
            {
                target.Append(_parts[i]);
            }
        }
    }

    public override string ToString() => Source;
}
