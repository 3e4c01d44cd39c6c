using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using CsvHelper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Training;

public sealed class RegistrationExportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Export_writes_a_csv_with_a_header_that_a_csv_parser_reads_back_with_nik_masked_unless_asked(bool includeNik)
    {
        var catalog = TrainingCatalog.Parse("test.yaml", TrainingHost.OneProgramme);
        await using var fixture = await WriterFixture.StartAsync(_folder.DatabasePath);
        for (var i = 0; i < 6; i++)
        {
            await fixture.SendAsync($"owner{i}", "halo");
        }

        // A name with a comma and quotes, as the store keeps it, to show the CSV escapes them.
        var name = DialogValue.FromText("Pemilik, \"0\"").Serialize().Replace("'", "''", StringComparison.Ordinal);
        Sql.Execute(_folder.DatabasePath,
            $"INSERT INTO profile_values (user_id, key, value, updated_at) SELECT id, 'name', '{name}', 0 FROM users WHERE chat_id = 'owner0'");

        var csv = await fixture.RunAsync((store, now) =>
        {
            var actions = new TrainingActions(store.Training(), store.Outbox, catalog, new TrainingClock(Options.Create(new TrainingOptions())), NullLogger<TrainingActions>.Instance);
            for (var i = 0; i < 6; i++)
            {
                var ownerId = Sql.Count(_folder.DatabasePath, $"SELECT id FROM users WHERE chat_id = 'owner{i}'");
                var session = new UserSession("id") { OwnerId = ownerId };
                var conversation = new ConversationState("training-registration", 1, "register", now);
                conversation.SetAnswer("program", DialogValue.FromText("bimtek-digital"));
                conversation.SetAnswer("nik", DialogValue.FromText(TrainingHost.Nik(i + 1)));
                conversation.SetAnswer("profile.phone", DialogValue.FromText($"+6281200000{i:D3}"));
                actions.Run(TrainingActions.Register, session, conversation, now);
            }

            using var text = new StringWriter();
            RegistrationExport.Write(text, RegistrationExport.Rows(store.Training(), "bimtek-digital", includeNik));
            return text.ToString();
        });

        using var reader = CsvReader.Create(new StringReader(csv), null, false);
        reader.ReadHeader();
        var rows = new List<(string Code, string Status, string Position, string Name, string Nik, string Phone)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString("code"), reader.GetString("status"), reader.GetString("waitlist_position"),
                reader.GetString("name"), reader.GetString("nik"), reader.GetString("phone")));
        }

        Assert.Equal(6, rows.Count);
        Assert.Equal(["seat", "seat", "seat", "seat", "seat", "waitlist"], rows.Select(r => r.Status));
        Assert.Equal("1", rows[5].Position);
        Assert.All(rows, r => Assert.Equal(RegistrationCodes.Length, r.Code.Length));
        Assert.Contains(rows, r => r.Name == "Pemilik, \"0\"");
        Assert.Contains(rows, r => r.Phone == "'+6281200000000"); // a leading + would be a formula to a spreadsheet
        if (includeNik)
        {
            Assert.Contains(rows, r => r.Nik == TrainingHost.Nik(1));
        }
        else
        {
            Assert.All(rows, r => Assert.Contains("*", r.Nik, StringComparison.Ordinal));
            Assert.DoesNotContain(TrainingHost.Nik(1), csv, StringComparison.Ordinal);
        }
    }
}
