using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Conditions;

/// <summary>Answers and profile values by key, as conditions and placeholders read them.</summary>
public interface IValueSource
{
    DialogValue Get(string key);
}
