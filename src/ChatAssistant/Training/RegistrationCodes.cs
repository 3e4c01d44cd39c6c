using System.Security.Cryptography;

namespace ChatAssistant.Training;

/// <summary>Short registration codes owners can read out and type: no 0/O, 1/I/L look-alikes.</summary>
internal static class RegistrationCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    public static string Next() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>What the owner typed, upper-cased and without spaces or dashes, or null when it cannot be a code.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var code = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
