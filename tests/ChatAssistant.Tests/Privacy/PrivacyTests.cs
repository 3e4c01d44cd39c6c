using System.Text;
using ChatAssistant.Tests.Support;
using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Privacy;

public abstract class PrivacyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected PrivacyTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    [Fact]
    public async Task After_deletion_neither_the_NIK_nor_the_phone_is_anywhere_in_the_database_or_its_log()
    {
        await using (var fixture = await PrivacyDialogs.StartAsync(_target))
        {
            await PrivacyDialogs.GiveIdentityAsync(fixture, "owner");
            await PrivacyDialogs.GiveIdentityAsync(fixture, "other");
            Assert.True(Stored(PrivacyDialogs.Nik));

            await fixture.SendAsync("owner", "/hapusdata");
            var done = await fixture.SendAsync("owner", "ya");
            Assert.Contains("Data Bapak/Ibu sudah kami hapus.", done.Reply!.Text, StringComparison.Ordinal);

            // While the worker still runs: the log was truncated after the deletion committed, not on shutdown.
            // The other owner kept their data, so only this owner's chat is checked in the rows...
            Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM profile_values p JOIN users u ON u.id = p.user_id WHERE u.chat_id = 'owner'"));

            // ...and here the other owner (same NIK, same phone) is deleted too, so the bytes must be gone entirely.
            await fixture.SendAsync("other", "/hapusdata");
            await fixture.SendAsync("other", "ya");
            AssertGone();
        }

        AssertGone();
    }

    [Fact]
    public async Task Deletion_keeps_the_owner_and_anonymous_conversation_counts_but_no_answers()
    {
        await using var fixture = await PrivacyDialogs.StartAsync(_target);
        await PrivacyDialogs.GiveIdentityAsync(fixture, "owner");
        await fixture.SendAsync("owner", "/hapusdata");
        await fixture.SendAsync("owner", "ya");

        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM users WHERE chat_id = 'owner'"));
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM conversations WHERE dialog_id = 'identity' AND outcome = 'registered' AND history = ''"));
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM profile_values"));
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM answers a JOIN conversations c ON c.id = a.conversation_id WHERE c.dialog_id = 'identity'"));

        // The writer's cached session forgot the profile too: the NIK is asked again, not offered for confirmation.
        var again = await fixture.SendAsync("owner", "/identitas");
        Assert.Contains("NIK Anda?", again.Reply!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("3171", again.Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletion_in_the_same_transaction_as_the_answers_it_deletes_leaves_none_of_them()
    {
        await using var fixture = await PrivacyDialogs.StartAsync(_target);

        // The owner's whole identity dialog and the deletion in one transaction, where the writer keeps answers to write
        // before the commit.
        string[] messages = ["/identitas", PrivacyDialogs.Nik, PrivacyDialogs.PhoneTyped, "hubungi saya di " + PrivacyDialogs.PhoneTyped, "/hapusdata", "ya"];
        var handled = await fixture.InOneTransactionAsync(() => [.. messages.Select(text => fixture.SendAsync("owner", text))]);

        Assert.Contains("Data Bapak/Ibu sudah kami hapus.", handled[^1].Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM profile_values"));
        Assert.Equal(0, Sql.Count(_target, "SELECT COUNT(*) FROM answers a JOIN conversations c ON c.id = a.conversation_id WHERE c.dialog_id = 'identity'"));
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM conversations WHERE dialog_id = 'identity' AND outcome = 'registered' AND history = ''"));
        AssertGone();
    }

    [Fact]
    public async Task My_data_shows_the_NIK_and_phone_masked()
    {
        await using var fixture = await PrivacyDialogs.StartAsync(_target);
        await PrivacyDialogs.GiveIdentityAsync(fixture, "owner");

        var shown = (await fixture.SendAsync("owner", "/datasaya")).Reply!.Text;

        Assert.Contains("NIK: 3171********0001", shown, StringComparison.Ordinal);
        Assert.Contains("Nomor HP: +62812****7890", shown, StringComparison.Ordinal);
        Assert.Contains("identity", shown, StringComparison.Ordinal);
        Assert.Contains("hasil: terdaftar", shown, StringComparison.Ordinal);   // the outcome by its label, not the code "registered"
        Assert.DoesNotContain(PrivacyDialogs.Nik, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivacyDialogs.PhoneDigits, shown, StringComparison.Ordinal);
        Assert.Contains("Pengumuman program:\n- aktif (/berhenti untuk menghentikan)", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_data_says_when_announcements_are_off()
    {
        await using var fixture = await PrivacyDialogs.StartAsync(_target);
        await fixture.SendAsync("owner", "halo");
        Sql.Execute(_target, "UPDATE users SET opted_out_at = 1 WHERE chat_id = 'owner'");

        var shown = (await fixture.SendAsync("owner", "/datasaya")).Reply!.Text;

        Assert.Contains("Pengumuman program:\n- tidak aktif (Bapak/Ibu memilih /berhenti; /mulai untuk mengaktifkan)", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_no_deletes_nothing()
    {
        await using var fixture = await PrivacyDialogs.StartAsync(_target);
        await PrivacyDialogs.GiveIdentityAsync(fixture, "owner");
        var profile = Sql.Count(_target, "SELECT COUNT(*) FROM profile_values");
        var answers = Sql.Count(_target, "SELECT COUNT(*) FROM answers");

        await fixture.SendAsync("owner", "/hapusdata");
        var kept = await fixture.SendAsync("owner", "tidak");

        Assert.Contains("tidak ada data yang dihapus", kept.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(2, profile);
        Assert.Equal(profile, Sql.Count(_target, "SELECT COUNT(*) FROM profile_values"));
        Assert.True(Sql.Count(_target, "SELECT COUNT(*) FROM answers") >= answers);
        Assert.Equal("t:" + PrivacyDialogs.Nik, Sql.Text(_target, "SELECT value FROM profile_values WHERE key = 'nik'"));
    }

    [Fact]
    public async Task Deletion_keeps_a_training_seat_but_erases_the_NIK_and_phone_given_for_it()
    {
        await using var fixture = await PrivacyDialogs.StartAsync(_target);
        await fixture.SendAsync("owner", "halo");
        Sql.Execute(_target, $"""
            INSERT INTO training_registrations (program_id, user_id, nik, phone, status, code, created_at)
            SELECT 'bimtek-digital', id, '{PrivacyDialogs.Nik}', '+62{PrivacyDialogs.PhoneDigits}', 'seat', 'K7QX', 0 FROM users WHERE chat_id = 'owner'
            """);

        Assert.Contains("bimtek-digital", (await fixture.SendAsync("owner", "/datasaya")).Reply!.Text, StringComparison.Ordinal);
        await fixture.SendAsync("owner", "/hapusdata");
        await fixture.SendAsync("owner", "ya");

        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations WHERE status = 'seat' AND nik IS NULL AND phone IS NULL"));
        AssertGone();
    }

    [Fact]
    public async Task Deletion_keeps_training_reminders_but_cancels_the_ones_that_speak_of_erased_answers()
    {
        await using var fixture = await PrivacyDialogs.StartAsync(_target);
        await fixture.SendAsync("owner", "halo");
        Sql.Execute(_target, """
            INSERT INTO outbox (user_id, channel, chat_id, priority, text, created_at) SELECT id, channel, chat_id, 1, 'Pengingat', 0 FROM users WHERE chat_id = 'owner';
            INSERT INTO reminders (user_id, kind, subject, due_at, state, outbox_id, created_at, updated_at)
            SELECT id, 'training_1d', 'K7QX', 0, 'queued', (SELECT max(id) FROM outbox), 0, 0 FROM users WHERE chat_id = 'owner';
            INSERT INTO reminders (user_id, kind, subject, due_at, state, created_at, updated_at)
            SELECT id, 'training_followup', 'K7QX', 0, 'scheduled', 0, 0 FROM users WHERE chat_id = 'owner';
            INSERT INTO reminders (user_id, kind, subject, due_at, state, created_at, updated_at)
            SELECT id, 'unfinished', '1@0', 0, 'scheduled', 0, 0 FROM users WHERE chat_id = 'owner';
            INSERT INTO reminders (user_id, kind, subject, due_at, state, created_at, updated_at)
            SELECT id, 'export_recheck', '2', 0, 'scheduled', 0, 0 FROM users WHERE chat_id = 'owner';
            """);

        await fixture.SendAsync("owner", "/hapusdata");
        await fixture.SendAsync("owner", "ya");

        // The queued training reminder lost its outbox message and waits to be queued again; the seat is still theirs.
        Assert.Equal(2, Sql.Count(_target, "SELECT COUNT(*) FROM reminders WHERE kind IN ('training_1d', 'training_followup') AND state = 'scheduled' AND outbox_id IS NULL"));
        Assert.Equal(2, Sql.Count(_target, "SELECT COUNT(*) FROM reminders WHERE kind IN ('unfinished', 'export_recheck') AND state = 'cancelled' AND reason = 'data_deleted'"));
    }

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    /// <summary>
    /// Neither the NIK nor the phone is stored anywhere: on SQLite in the bytes of the file and its log; on PostgreSQL
    /// (whose files the server keeps) in any text column of any table.
    /// </summary>
    private void AssertGone()
    {
        if (_target.Kind == StorageProviderKind.Sqlite)
        {
            AssertGone(_folder.DatabasePath);
            AssertGone(_folder.DatabasePath + "-wal");
            return;
        }

        Assert.False(Stored(PrivacyDialogs.Nik), "the NIK is still in a table");
        Assert.False(Stored(PrivacyDialogs.PhoneDigits), "the phone is still in a table");
    }

    private bool Stored(string text)
    {
        if (_target.Kind == StorageProviderKind.Sqlite)
        {
            return Contains(_folder.DatabasePath, text) || Contains(_folder.DatabasePath + "-wal", text);
        }

        var columns = new List<(string Table, string Column)>();
        using (var connection = _target.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.NotEmpty(columns);
        return columns.Any(c => _target.Count($"SELECT COUNT(*) FROM {c.Table} WHERE {c.Column} LIKE '%{text}%'") > 0);
    }

    private static void AssertGone(string path)
    {
        Assert.False(Contains(path, PrivacyDialogs.Nik), $"the NIK is still in {Path.GetFileName(path)}");
        Assert.False(Contains(path, PrivacyDialogs.PhoneDigits), $"the phone is still in {Path.GetFileName(path)}");
    }

    /// <summary>The raw bytes, as UTF-8 and as UTF-16, read beside the running writer (shared access).</summary>
    private static bool Contains(string path, string text)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var memory = new MemoryStream())
        {
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }

        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
            || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0
            || bytes.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(text)) >= 0;
    }
}

public sealed class PrivacyTests_Sqlite() : PrivacyTests(StorageProviderKind.Sqlite);

public sealed class PrivacyTests_Postgres() : PrivacyTests(StorageProviderKind.Postgres);
