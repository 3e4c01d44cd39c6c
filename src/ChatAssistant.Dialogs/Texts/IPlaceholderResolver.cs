using System.Text;

namespace ChatAssistant.Dialogs.Texts;

/// <summary>Fills a <c>{placeholder}</c> while a message is rendered; an interface rather than a delegate so rendering allocates no closure.</summary>
public interface IPlaceholderResolver
{
    void AppendValue(StringBuilder target, string name);
}
