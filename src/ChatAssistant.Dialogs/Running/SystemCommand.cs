namespace ChatAssistant.Dialogs.Running;

/// <summary>The commands that work at every step, whatever dialog is running.</summary>
internal enum SystemCommand
{
    None,
    Menu,
    Cancel,
    Back,
    Restart,
    Language,
    Help,

    /// <summary>/petugas (/human): the owner asks to talk to a person.</summary>
    Human,
}
