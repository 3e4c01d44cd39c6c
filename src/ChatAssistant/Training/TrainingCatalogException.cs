using ChatAssistant.Shared;

namespace ChatAssistant.Training;

/// <summary>The training catalogue file cannot be used; the message lists every problem with its line.</summary>
internal sealed class TrainingCatalogException(string message) : DataFileException(message);
