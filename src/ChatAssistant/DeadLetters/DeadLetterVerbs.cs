using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using ChatAssistant.Operators;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.DeadLetters;

/// <summary>
/// <c>deadletters list [--limit N] [--db FILE]</c>: the updates a channel sent that could not be read, newest
/// first, with why and the start of what arrived. Reads only (a query on its own connection), so it is safe
/// beside a running worker.
/// </summary>
internal static class DeadLetterVerbs
{
    /// <summary>Characters of the raw update shown per line; the whole of it stays in the table.</summary>
    private const int RawShown = 400;

    public static Command Create(OperatorVerbHost hosts)
    {
        var db = OperatorVerbHost.DbOption();
        var limit = new Option<int>("--limit") { Description = "How many to show, newest first (default 20).", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "The updates that could not be read, newest first: when (WIB), channel, update id, why, and the start of the raw update.")
        {
            limit, db,
        };
        list.SetAction(async (parse, cancellationToken) =>
        {
            const string Verb = "deadletters list";
            var count = parse.GetValue(limit);
            if (count < 1)
            {
                await Console.Error.WriteLineAsync($"{Verb}: --limit must be 1 or more.").ConfigureAwait(false);
                return 1;
            }

            using var host = await hosts.BuildExistingAsync(parse.GetValue(db), dialogs: null, Verb).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }

            try
            {
                var provider = host.Services.GetRequiredService<IStorageProvider>();
                using var connection = provider.Open();
                Write(Console.Out, connection, provider.Dialect, count);
            }
            catch (Exception ex) when (StartupProblem.IsFixable(ex))
            {
                await Console.Error.WriteLineAsync($"{Verb}: {StartupProblem.Describe(ex)}").ConfigureAwait(false);
                return 1;
            }

            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return new Command("deadletters", "Updates from the channels that could not be read and were set aside.") { list };
    }

    public static void Write(TextWriter output, DbConnection connection, ISqlDialect dialect, int limit)
    {
        var total = DeadLetterStore.Count(connection, dialect);
        if (total == 0)
        {
            output.WriteLine("No dead letters: every update received so far could be read.");
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} dead letter(s); the newest {Math.Min(total, limit)}:"));
        output.WriteLine("received (WIB)\tchannel\tupdate\treason\traw");
        foreach (var letter in DeadLetterStore.Newest(connection, limit))
        {
            output.WriteLine($"{Wib.Format(letter.ReceivedAt)}\t{letter.Channel}\t{letter.UpdateId ?? "-"}\t{OneLine(letter.Reason, 200)}\t{Shown(letter.Raw)}");
        }
    }

    /// <summary>The start of the raw bytes as text on one line: bytes that are not UTF-8 show as \xFF, control characters as \uXXXX.</summary>
    private static string Shown(byte[] raw)
    {
        var text = new StringBuilder(RawShown + 8);
        var bytes = raw.AsSpan();
        while (!bytes.IsEmpty && text.Length < RawShown)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                if (Rune.IsControl(rune))
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
                }
                else
                {
                    text.Append(rune.ToString());
                }
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{bytes[0]:X2}");
                used = 1;
            }

            bytes = bytes[used..];
        }

        return bytes.IsEmpty ? text.ToString() : text.Append('…').ToString();
    }

    private static string OneLine(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ").Replace('\t', ' ');
        return line.Length <= max ? line : line[..max] + "…";
    }
}
