namespace ChatAssistant.Training;

/// <summary>Where a training programme takes place.</summary>
internal enum TrainingMode
{
    Online,
    Offline,
    Hybrid,
}
