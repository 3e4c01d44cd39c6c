namespace ChatAssistant.Dialogs.Inputs;

/// <summary>Why a NIK was refused, so the dialog can tell the owner what to check.</summary>
internal enum NikProblem
{
    None,
    NotSixteenDigits,
    UnknownProvince,
    ImplausibleBirthDate,
    ZeroSerial,
}
