namespace ChatAssistant.Dialogs.Running;

/// <summary>Why an answer was said back for a yes or no before it is stored.</summary>
public enum AnswerCheck
{
    None,

    /// <summary>Far outside what the question expects ("Rp480.000.000.000 (480 miliar) — benar?").</summary>
    Range,

    /// <summary>Given per month at a yearly question, multiplied by 12 ("Jadi setahun Rp180 juta, ya?").</summary>
    PerYear,

    /// <summary>Typed at "still right?" instead of yes or no ("Maksud Anda nama baru 'iya bener'?").</summary>
    NewValue,

    /// <summary>
    /// The number the owner is chatting from, which the chat app gave with the message, offered at a phone question
    /// ("Pakai nomor yang Anda pakai untuk chat ini, 0812-3456-7890?"). Nothing is held meanwhile: a yes takes the
    /// number from the message that says it, so it is stored only once the owner has agreed.
    /// </summary>
    SenderPhone,
}
