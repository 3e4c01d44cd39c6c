using System.Globalization;

namespace ChatAssistant.Dialogs.Values;

/// <summary>
/// One answer or computed value. A small struct so that reading and comparing answers allocates nothing;
/// <see cref="Serialize"/> gives the compact text form the store keeps.
/// </summary>
public readonly record struct DialogValue(ValueKind Kind, decimal Number, string? Text)
{
    public static readonly DialogValue None;

    public static DialogValue FromText(string text) => new(ValueKind.Text, 0, text);

    public static DialogValue FromNumber(decimal number) => new(ValueKind.Number, number, null);

    public static DialogValue FromMoney(long rupiah) => new(ValueKind.Money, rupiah, null);

    public static DialogValue FromBool(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    public static DialogValue FromDate(DateOnly date) => new(ValueKind.Date, date.DayNumber, null);

    /// <summary>A list of label keys, already joined by single spaces (keys have no spaces).</summary>
    public static DialogValue FromList(string spaceSeparatedKeys) => new(ValueKind.List, 0, spaceSeparatedKeys);

    public bool IsSet => Kind != ValueKind.None;

    public bool IsNumeric => Kind is ValueKind.Number or ValueKind.Money;

    public bool AsBool => Kind == ValueKind.Bool && Number != 0;

    public DateOnly AsDate => DateOnly.FromDayNumber((int)Number);

    /// <summary>Equality across kinds the way a maintainer means it: 15000000 (number) equals Rp15.000.000 (money).</summary>
    public bool SameAs(in DialogValue other)
    {
        if (IsNumeric && other.IsNumeric)
        {
            return Number == other.Number;
        }

        if (Kind is ValueKind.List or ValueKind.Text && other.Kind is ValueKind.List or ValueKind.Text)
        {
            // A list reads as its keys: "nib halal" written in a test or condition equals the list [nib, halal].
            return string.Equals(Text, other.Text, StringComparison.OrdinalIgnoreCase);
        }

        return Kind == other.Kind && Number == other.Number && string.Equals(Text, other.Text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Ordering for lt/gt; null when the kinds cannot be ordered against each other.</summary>
    public int? CompareTo(in DialogValue other)
    {
        if ((IsNumeric && other.IsNumeric) || (Kind == other.Kind && Kind is ValueKind.Date or ValueKind.Bool))
        {
            return Number.CompareTo(other.Number);
        }

        if (Kind == ValueKind.Text && other.Kind == ValueKind.Text)
        {
            return string.Compare(Text, other.Text, StringComparison.OrdinalIgnoreCase);
        }

        return null;
    }

    /// <summary>Compact, culture-free form for storage: "m:15000000", "b:1", "t:Toko Sari".</summary>
    public string Serialize() => Kind switch
    {
        ValueKind.Text => "t:" + Text,
        ValueKind.List => "l:" + Text,
        ValueKind.Number => "n:" + Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Money => "m:" + Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Bool => Number != 0 ? "b:1" : "b:0",
        ValueKind.Date => "d:" + AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    public static DialogValue Deserialize(string? stored)
    {
        if (string.IsNullOrEmpty(stored) || stored.Length < 2 || stored[1] != ':')
        {
            return None;
        }

        var body = stored.AsSpan(2);
        return stored[0] switch
        {
            't' => FromText(stored[2..]),
            'l' => FromList(stored[2..]),
            'n' => FromNumber(decimal.Parse(body, NumberStyles.Number, CultureInfo.InvariantCulture)),
            'm' => FromMoney(long.Parse(body, NumberStyles.Integer, CultureInfo.InvariantCulture)),
            'b' => FromBool(body is "1"),
            'd' => FromDate(DateOnly.ParseExact(body, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => None,
        };
    }

    /// <summary>How the value reads inside a message, in the owner's language.</summary>
    public string Display(string language) => Kind switch
    {
        ValueKind.Text => Text ?? string.Empty,
        ValueKind.List => string.Join(", ", (Text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)),
        ValueKind.Money => "Rp" + Number.ToString("#,0", Languages.Culture(language)),
        ValueKind.Number => Number.ToString("#,0.##", Languages.Culture(language)),
        ValueKind.Bool => Number != 0 ? (language == Languages.English ? "Yes" : "Ya") : (language == Languages.English ? "No" : "Tidak"),
        ValueKind.Date => AsDate.ToString("d MMMM yyyy", Languages.Culture(language)),
        _ => string.Empty,
    };
}
