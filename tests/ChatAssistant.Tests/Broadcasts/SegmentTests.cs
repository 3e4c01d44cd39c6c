using ChatAssistant.Broadcasts;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Broadcasts;

public abstract class SegmentTests : IDisposable
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;
    private readonly TestStores _store;
    private readonly BroadcastStore _broadcasts;
    private readonly Owners _owners;

    private protected SegmentTests(StorageProviderKind kind)
    {
        _target = StorageTarget.Create(kind, _folder);
        _store = new TestStores(_target, new FakeTimeProvider());
        _broadcasts = new BroadcastStore(_store.Session);
        _owners = new Owners(_target);
        SeedOwners();
    }

    public void Dispose()
    {
        _store.Dispose();
        _target.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("provinsi=Sumbar", "ani")] // an alias, as owners and operators type it
    [InlineData("provinsi=Sumatera Barat, Riau", "ani,budi")]
    [InlineData("province=13", "ani")] // a BPS code
    [InlineData("sektor=Food", "ani,citra")]
    [InlineData("kelas=mikro", "ani")]
    [InlineData("class=small,medium", "budi")]
    [InlineData("bahasa=en", "budi")]
    [InlineData("hasil=stimulus:eligible", "budi,citra")] // the latest completed conversation decides
    [InlineData("jawaban=kur_result:micro", "citra")]
    [InlineData("terdaftar=bimtek", "ani,budi")] // a seat or the waiting list; a cancelled one does not count
    [InlineData("belum-terdaftar=bimtek", "citra")]
    [InlineData("skor-ekspor-min=72", "ani")]
    [InlineData("skor-ekspor-min=40", "ani,budi")]
    [InlineData("aktif-sejak=2026-11-20", "ani,citra")] // from midnight WIB, 19 Nov 17:00 UTC, on
    [InlineData("semua", "ani,budi,citra")] // never the opted-out, the unreachable or the terminal's owner
    [InlineData("", "ani,budi,citra")]
    [InlineData("provinsi=Sumbar; kelas=mikro; bahasa=id", "ani")]
    public void A_filter_selects_exactly_its_owners_in_the_preview_and_the_recipient_list(string filters, string expected)
    {
        Assert.True(SegmentParser.TryParse(filters, Languages.Indonesian, out var segment, out var errors), string.Join("\n", errors));

        _store.Begin();
        var (count, sample) = _broadcasts.PreviewSegment(segment, 10);
        var id = _broadcasts.CreateBroadcast(new BroadcastDraft("Halo", null, null, segment, "test", null), Now);
        _store.Commit();

        var owners = expected.Split(',');
        Assert.Equal(owners.Length, count);
        Assert.Equal(owners, sample.Select(s => s.ChatId).Order(StringComparer.Ordinal));
        Assert.Equal(owners, _owners.Recipients(id, "waiting"));
        Assert.Equal("sending", Sql.Text(_target, $"SELECT status FROM broadcasts WHERE id = {id}"));
    }

    [Fact]
    public void An_owner_seen_a_millisecond_before_midnight_wib_is_not_active_since_that_day()
    {
        // ani was last seen exactly at 2026-11-20 00:00 WIB and budi one millisecond earlier (see SeedOwners).
        Assert.True(SegmentParser.TryParse("active-since=20-11-2026", Languages.English, out var segment, out _));

        _store.Begin();
        var (count, sample) = _broadcasts.PreviewSegment(segment, 10);
        _store.Rollback();

        Assert.Equal(2, count);
        Assert.DoesNotContain("budi", sample.Select(s => s.ChatId));
    }

    [Theory]
    [InlineData("wilayah=Jawa", Languages.Indonesian, "Filter \"wilayah\" tidak dikenal. Yang bisa dipakai: provinsi, sektor")]
    [InlineData("region=Java", Languages.English, "Unknown filter \"region\". Available: province, sector")]
    [InlineData("provinsi=Sumbar, Atlantis", Languages.Indonesian, "Provinsi \"Atlantis\" tidak dikenal.")]
    [InlineData("province=Atlantis", Languages.English, "Unknown province \"Atlantis\".")]
    [InlineData("aktif-sejak=kemarin", Languages.Indonesian, "Tanggal \"kemarin\" tidak terbaca; tulis misalnya 2026-11-01.")]
    [InlineData("active-since=2026-13-01", Languages.English, "Cannot read the date \"2026-13-01\"; write e.g. 2026-11-01.")]
    [InlineData("provinsi=Riau; province=Bali", Languages.Indonesian, "Filter province disebut dua kali; pisahkan beberapa nilai dengan koma.")]
    [InlineData("province=Riau; provinsi=Bali", Languages.English, "Filter province is given twice; separate several values with commas.")]
    [InlineData("kelas=raksasa", Languages.Indonesian, "Kelas usaha \"raksasa\" tidak dikenal: mikro, kecil, menengah atau besar.")]
    [InlineData("skor-ekspor-min=101", Languages.English, "The minimum export score must be a number from 0 to 100, not \"101\".")]
    [InlineData("hasil=stimulus", Languages.Indonesian, "Tulis outcome sebagai stimulus-eligibility:criteria_met.")]
    [InlineData("Sumbar", Languages.Indonesian, "\"Sumbar\" bukan filter. Tulis nama=nilai, misalnya provinsi=Sumatera Barat.")]
    public void A_wrong_filter_is_refused_with_a_message_in_the_operators_language(string filters, string language, string expected)
    {
        Assert.False(SegmentParser.TryParse(filters, language, out var segment, out var errors));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.True(segment.IsEveryone); // nothing half-parsed is handed on
    }

    [Fact]
    public void The_command_lines_named_filters_are_checked_the_same_way()
    {
        Assert.False(SegmentParser.TryCreate(
            [KeyValuePair.Create("province", "Atlantis"), KeyValuePair.Create("colour", "red")], Languages.English, out _, out var errors));

        Assert.Equal(["Unknown province \"Atlantis\".", "Unknown filter \"colour\". Available: province, sector, class, language, outcome, answer, registered, not-registered, export-score-min, active-since, channel."], errors);
    }

    [Theory]
    [InlineData("provinsi=Sumbar,Riau; sektor=Food; kelas=mikro,kecil; bahasa=english; hasil=stimulus-eligibility:bpum_eligible; jawaban=kur_result:micro; terdaftar=a; belum-terdaftar=b; skor-ekspor-min=70.5; aktif-sejak=1/11/2026",
        "province=Sumatera Barat,Riau; sector=food; class=micro,small; language=en; outcome=stimulus-eligibility:bpum_eligible; answer=kur_result:micro; registered=a; not-registered=b; export-score-min=70.5; active-since=2026-11-01")]
    [InlineData("semua", "")]
    [InlineData("province=DKI", "province=DKI Jakarta")]
    public void The_canonical_text_reads_back_as_the_same_segment(string filters, string canonical)
    {
        Assert.True(SegmentParser.TryParse(filters, Languages.Indonesian, out var segment, out var errors), string.Join("\n", errors));
        Assert.Equal(canonical, segment.ToString());

        // A scheduled broadcast is parsed again from its stored text when it starts (in English).
        Assert.True(SegmentParser.TryParse(segment.ToString(), Languages.English, out var again, out errors), string.Join("\n", errors));
        Assert.Equal(canonical, again.ToString());
    }

    [Theory]
    [InlineData("provinsi=Sumbar; kelas=mikro", 1, 1, 1)] // stopped, blocked and terminal are all like ani
    [InlineData("provinsi=Riau", 0, 0, 0)]
    [InlineData("semua", 1, 1, 1)]
    public void The_owners_a_segment_leaves_out_are_counted_by_reason(string filters, int terminal, int optedOut, int unreachable)
    {
        Assert.True(SegmentParser.TryParse(filters, Languages.Indonesian, out var segment, out _));

        var excluded = _broadcasts.ExcludedFromSegment(segment);

        Assert.Equal(new SegmentExclusions(terminal, optedOut, unreachable), excluded);
    }

    [Fact]
    public void Who_is_left_out_is_said_in_the_operators_language_with_counts_in_the_right_number()
    {
        Assert.Equal(string.Empty, new SegmentExclusions(0, 0, 0).Describe(Languages.English));
        Assert.Equal("Left out: 1 owner who only used the terminal chat (announcements go to chat apps only).", new SegmentExclusions(1, 0, 0).Describe(Languages.English));
        Assert.Equal("Left out: 2 owners who turned announcements off (/berhenti), 1 owner the chat app reports unreachable (they blocked the assistant).",
            new SegmentExclusions(0, 2, 1).Describe(Languages.English));
        Assert.Equal("Tidak termasuk: 3 pemilik usaha yang tidak bisa dihubungi (memblokir asisten).", new SegmentExclusions(0, 0, 3).Describe(Languages.Indonesian));
    }

    [Theory]
    [InlineData("provinsi=Sumbr", Languages.Indonesian, "Provinsi \"Sumbr\" tidak dikenal (maksud Anda Sumbar, yaitu Sumatera Barat?).")]
    [InlineData("province=Sumbr", Languages.English, "Unknown province \"Sumbr\" (did you mean Sumbar, i.e. Sumatera Barat?).")]
    [InlineData("province=Jtim", Languages.English, "Unknown province \"Jtim\" (did you mean Jatim, i.e. Jawa Timur?).")]
    [InlineData("province=Kalimantan Timr", Languages.English, "Unknown province \"Kalimantan Timr\" (did you mean Kalimantan Timur?).")]
    [InlineData("province=Sumatra Barat", Languages.English, "Unknown province \"Sumatra Barat\" (did you mean Sumatera Barat?).")]
    [InlineData("province=Papua Pegunugan", Languages.English, "Unknown province \"Papua Pegunugan\" (did you mean Papua Pegunungan?).")]
    [InlineData("province=Jogya", Languages.English, "Unknown province \"Jogya\" (did you mean Jogja, i.e. DI Yogyakarta?).")]
    [InlineData("province=X", Languages.English, "Unknown province \"X\".")]
    [InlineData("province=Mars", Languages.English, "Unknown province \"Mars\".")]
    [InlineData("provnce=Riau", Languages.English, "Unknown filter \"provnce\" (did you mean province?). Available: ")]
    [InlineData("setkor=food", Languages.Indonesian, "Filter \"setkor\" tidak dikenal (maksud Anda sektor?).")]
    [InlineData("class=meduim", Languages.English, "Unknown business class \"meduim\" (did you mean medium?): micro, small, medium or large.")]
    [InlineData("kelas=kcil", Languages.Indonesian, "Kelas usaha \"kcil\" tidak dikenal (maksud Anda kecil?): mikro, kecil, menengah atau besar.")]
    [InlineData("language=enn", Languages.English, "No language \"enn\" (did you mean en?): id or en.")]
    [InlineData("bahasa=fr", Languages.Indonesian, "Bahasa \"fr\" tidak ada: id atau en.")]
    public void A_misspelt_filter_gets_the_likeliest_value_in_the_operators_language(string filters, string language, string expected)
    {
        Assert.False(SegmentParser.TryParse(filters, language, out _, out var errors));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sektor=fod", Languages.Indonesian, "Belum ada pemilik usaha dengan sektor \"fod\" (maksud Anda food?). Sektor yang ada: craft, food.")]
    [InlineData("sector=crafts", Languages.English, "No owner has the sector \"crafts\" (did you mean craft?). Sectors owners have: craft, food.")]
    [InlineData("sector=makanan", Languages.English, "No owner has the sector \"makanan\". Sectors owners have: craft, food.")]
    [InlineData("outcome=stimulus:eligble", Languages.English, "No conversation of stimulus has ended with \"eligble\" (did you mean eligible?). Outcomes so far: eligible, not_eligible.")]
    [InlineData("outcome=stimulos:eligible", Languages.English, "No conversation of the dialog \"stimulos\" (did you mean stimulus?) has ended with an outcome yet. Dialogs with outcomes: kur, stimulus.")]
    [InlineData("hasil=ekspor:siap", Languages.Indonesian, "Belum ada percakapan dialog \"ekspor\" yang selesai dengan hasil. Dialog yang sudah punya hasil: kur, stimulus.")]
    [InlineData("answer=kur_reslt:micro", Languages.English, "No owner has an answer saved under \"kur_reslt\" (did you mean kur_result?). Keys with answers: kur_result.")]
    [InlineData("answer=kur_result:mikro", Languages.English, "No owner answered kur_result with \"mikro\" (did you mean micro?). Answers so far: micro, small.")]
    [InlineData("jawaban=kur_result:MICRO", Languages.Indonesian, "Belum ada pemilik usaha yang menjawab kur_result dengan \"MICRO\" (maksud Anda micro?). Jawaban yang ada: micro, small.")]
    [InlineData("registered=bimtec", Languages.English, "Nobody is registered for \"bimtec\" (did you mean bimtek?). Programmes with registrations: bimtek.")]
    [InlineData("registered=ekspor-2027", Languages.English, "Nobody is registered for \"ekspor-2027\" (did you mean ekspor-2026?). Programmes with registrations: bimtek.")]
    [InlineData("not-registered=bimtec", Languages.English, "There is no programme \"bimtec\" (did you mean bimtek?). Programmes: bimtek, ekspor-2026.")]
    [InlineData("belum-terdaftar=pelatihan-x", Languages.Indonesian, "Tidak ada program \"pelatihan-x\". Program yang ada: bimtek, ekspor-2026.")]
    public void A_filter_value_no_owner_has_is_refused_with_the_likeliest_value_and_the_values_there_are(string filters, string language, string expected)
    {
        Assert.True(SegmentParser.TryParse(filters, language, out var segment, out var errors), string.Join("\n", errors));

        var problems = SegmentChecks.Problems(_broadcasts, segment, language, ["ekspor-2026", "bimtek"]);

        Assert.Equal([expected], problems);
    }

    [Fact]
    public void Not_registered_for_a_catalogue_programme_nobody_joined_yet_is_everyone()
    {
        Assert.True(SegmentParser.TryParse("belum-terdaftar=ekspor-2026", Languages.Indonesian, out var segment, out _));

        Assert.Empty(SegmentChecks.Problems(_broadcasts, segment, Languages.Indonesian, ["ekspor-2026"]));
        Assert.Equal(3, _broadcasts.PreviewSegment(segment, 0).Count);
    }

    /// <summary>
    /// ani (Sumatera Barat, food, micro, id, score 72, a seat at bimtek), budi (Riau, craft, small, en, score 40,
    /// on bimtek's waiting list), citra (Jawa Barat, food, no class known, score 39.5, a cancelled bimtek
    /// registration); and three who match everything ani does but must never receive an announcement.
    /// </summary>
    private void SeedOwners()
    {
        var midnightWib = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(7));
        var ani = _owners.Add("ani", lastSeen: midnightWib, profile:
            [("province", "t:Sumatera Barat"), ("sector", "t:food"), ("scale", "t:micro"), ("export_score", "n:72")]);
        var budi = _owners.Add("budi", Languages.English, lastSeen: midnightWib.AddMilliseconds(-1), profile:
            [("province", "t:Riau"), ("sector", "t:craft"), ("scale", "t:small"), ("export_score", "n:40")]);
        var citra = _owners.Add("citra", lastSeen: midnightWib.AddDays(1), profile:
            [("province", "t:Jawa Barat"), ("sector", "t:food"), ("export_score", "n:39.5")]);

        // Outcomes: ani was eligible once, but her latest completed check says not; citra the other way round;
        // budi's latest completed check is eligible and a newer one is still open (it has no outcome yet).
        _owners.Conversation(ani, "stimulus", 2, "eligible");
        _owners.Conversation(ani, "stimulus", 2, "not_eligible");
        _owners.Conversation(citra, "stimulus", 2, "not_eligible");
        _owners.Conversation(citra, "stimulus", 2, "eligible");
        _owners.Conversation(budi, "stimulus", 2, "eligible");
        _owners.Conversation(budi, "stimulus", 0, null);

        // Answers: only completed conversations count, the latest that has the key.
        _owners.Conversation(citra, "kur", 2, "done", ("kur_result", "t:small"));
        _owners.Conversation(citra, "kur", 2, "done", ("kur_result", "t:micro"));
        _owners.Conversation(ani, "kur", 2, "done", ("kur_result", "t:micro"));
        _owners.Conversation(ani, "kur", 2, "done", ("kur_result", "t:small"));
        // The engine keeps its own values beside the answers under '@' keys: never a key an operator is offered.
        _owners.Conversation(budi, "kur", 0, null, ("kur_result", "t:micro"), ("@misses", "t:kur_result:2"), ("@check", "t:micro"));

        _owners.Registration(ani, "bimtek", "seat");
        _owners.Registration(budi, "bimtek", "waitlist");
        _owners.Registration(citra, "bimtek", "cancelled");

        // Would match "provinsi=Sumbar; kelas=mikro" and more, and are in no segment at all.
        (string Key, string Value)[] likeAni = [("province", "t:Sumatera Barat"), ("sector", "t:food"), ("scale", "t:micro"), ("export_score", "n:90")];
        var stopped = _owners.Add("stopped", lastSeen: midnightWib.AddDays(1), profile: likeAni);
        _owners.OptOut(stopped);
        var blocked = _owners.Add("blocked", lastSeen: midnightWib.AddDays(1), profile: likeAni);
        _owners.Unreachable(blocked);
        _owners.Add("terminal", channel: "console", lastSeen: midnightWib.AddDays(1), profile: likeAni);
        foreach (var never in new[] { stopped, blocked })
        {
            _owners.Conversation(never, "stimulus", 2, "eligible");
            _owners.Conversation(never, "kur", 2, "done", ("kur_result", "t:micro"));
        }
    }
}

public sealed class SegmentTests_Sqlite() : SegmentTests(StorageProviderKind.Sqlite);

public sealed class SegmentTests_Postgres() : SegmentTests(StorageProviderKind.Postgres);
