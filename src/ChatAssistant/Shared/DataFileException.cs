namespace ChatAssistant.Shared;

/// <summary>
/// A data file a person maintains (the training catalogue...) cannot be used; the message says what to fix, so
/// <see cref="StartupProblem"/> reports it as one line without knowing which feature's file it is.
/// </summary>
internal abstract class DataFileException(string message) : Exception(message);
