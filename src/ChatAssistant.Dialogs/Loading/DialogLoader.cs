using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Programmes;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>Reads, validates and compiles dialog files into a catalog. The only door from YAML into the engine.</summary>
public static class DialogLoader
{
    /// <param name="choiceSources">The run-time lists the host provides for <c>options_from</c>; null accepts any name.</param>
    /// <param name="actions">The actions the host provides for <c>call</c> steps; null accepts any name.</param>
    /// <param name="programmes">
    /// The programme rules to use when <paramref name="sources"/> hold no programme data file (e.g. reloading
    /// one pinned dialog version alone); a programme data file among the sources replaces them.
    /// </param>
    /// <param name="today">The caller's date, to warn about rules past their review date; null checks no dates.</param>
    /// <param name="channels">
    /// The limits of the channels the host shows dialogs on (buttons, lists, button data); null or empty checks none.
    /// </param>
    public static DialogLoadResult Load(
        IEnumerable<DialogSource> sources,
        IReadOnlySet<string>? choiceSources = null,
        IReadOnlySet<string>? actions = null,
        ProgrammeData? programmes = null,
        DateOnly? today = null,
        string? salutation = null,
        IReadOnlyList<ChannelLimits>? channels = null)
    {
        salutation = string.IsNullOrWhiteSpace(salutation) ? Salutation.Default : salutation.Trim();
        var diagnostics = new List<Diagnostic>();
        var all = sources.ToList();
        var dataFiles = all.Where(ProgrammeData.IsProgrammeData).OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
        foreach (var data in dataFiles)
        {
            if (data != dataFiles[0])
            {
                diagnostics.Add(new Diagnostic(new SourcePosition(data.Path, 1, 1), DiagnosticSeverity.Error, DiagnosticCodes.DuplicateId,
                    $"programme rules are kept in one file, and {dataFiles[0].Path} is it"));
                continue;
            }

            programmes = ProgrammeDataReader.Read(data, diagnostics);
            if (programmes is not null && today is { } date)
            {
                diagnostics.AddRange(programmes.Stale(date));
            }
        }

        var accepted = new List<DialogDefinition>();
        var ids = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        var commands = new Dictionary<string, DialogDefinition>(StringComparer.OrdinalIgnoreCase);
        var read = new List<DialogDefinition>();

        foreach (var source in all.Except(dataFiles).OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            var fileDiagnostics = new List<Diagnostic>();
            var definition = ReadSafely(source, fileDiagnostics, choiceSources, actions, programmes);
            if (definition is not null)
            {
                definition = AddSharedLabels(definition, programmes, salutation);
                ProgrammeReferences.Check(definition, source, programmes, fileDiagnostics);
                read.Add(definition);
                DialogValidator.Validate(definition, fileDiagnostics, channels ?? []);
                if (ids.TryGetValue(definition.Id, out var first))
                {
                    fileDiagnostics.Add(new Diagnostic(DialogFilePositions.Id(source) ?? definition.Position, DiagnosticSeverity.Error, DiagnosticCodes.DuplicateId,
                        $"dialog id '{definition.Id}' is already used by {first.Position.File}"));
                }

                foreach (var command in definition.Commands)
                {
                    if (commands.TryGetValue(command, out var owner) || SystemCommands.IsReserved(command))
                    {
                        fileDiagnostics.Add(new Diagnostic(DialogFilePositions.Command(source, command) ?? definition.Position, DiagnosticSeverity.Error, DiagnosticCodes.DuplicateCommand,
                            owner is null
                                ? $"command '{command}' is one of the assistant's own commands"
                                : $"command '{command}' already starts dialog '{owner.Id}' ({owner.Position.File})"));
                    }
                }
            }

            diagnostics.AddRange(fileDiagnostics);
            if (definition is not null && !fileDiagnostics.Any(d => d.IsError))
            {
                accepted.Add(definition);
                ids[definition.Id] = definition;
                foreach (var command in definition.Commands)
                {
                    commands[command] = definition;
                }
            }
        }

        CheckProfileReads(read, diagnostics);
        return new DialogLoadResult(new DialogCatalog(accepted.Select(d => new CompiledDialog(d))) { Programmes = programmes, Salutation = salutation }, diagnostics);
    }

    /// <summary>
    /// The texts every dialog may show by name: the programme rules and their citations, and <c>{sapaan}</c>, how
    /// this deployment addresses owners. A label the dialog defines itself wins.
    /// </summary>
    private static DialogDefinition AddSharedLabels(DialogDefinition dialog, ProgrammeData? programmes, string salutation)
    {
        var labels = programmes is null
            ? new Dictionary<string, Texts.LocalizedText>(StringComparer.Ordinal)
            : new Dictionary<string, Texts.LocalizedText>(programmes.Labels, StringComparer.Ordinal);
        labels[Salutation.Key] = Salutation.Text(salutation);
        foreach (var (key, label) in dialog.Labels)
        {
            labels[key] = label;
        }

        return dialog with { Labels = labels };

    }

    /// <summary>
    /// One file's mistake, however unexpected, is that file's error: the other files still load, and a host
    /// reloading the folder keeps what is live rather than stopping.
    /// </summary>
    private static DialogDefinition? ReadSafely(DialogSource source, List<Diagnostic> diagnostics, IReadOnlySet<string>? choiceSources, IReadOnlySet<string>? actions, ProgrammeData? programmes)
    {
        try
        {
            return DialogFileReader.Read(source, diagnostics, choiceSources, actions, programmes);
        }
#pragma warning disable CA1031 // any failure reading one file must become a diagnostic, not stop the load
        catch (Exception ex)
#pragma warning restore CA1031
        {
            diagnostics.Add(new Diagnostic(new SourcePosition(source.Path, 1, 1), DiagnosticSeverity.Error, DiagnosticCodes.YamlSyntax,
                $"the file could not be read ({ex.GetType().Name}: {ex.Message})"));
            return null;
        }
    }

    /// <summary>
    /// A condition on a profile key that no dialog saves never holds, silently disabling its branch (a typo such
    /// as <c>profile.sectr</c>): a warning, since a key can also come from a dialog kept in another folder.
    /// </summary>
    private static void CheckProfileReads(List<DialogDefinition> dialogs, List<Diagnostic> diagnostics)
    {
        var written = dialogs.SelectMany(d => d.ProfileWrites).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, position) in dialogs.SelectMany(d => d.ProfileReads))
        {
            if (!written.Contains(key))
            {
                diagnostics.Add(new Diagnostic(position, DiagnosticSeverity.Warning, DiagnosticCodes.UnknownAnswer,
                    $"no dialog saves '{key}', so this is never set{Suggestions.DidYouMean(key, written)}"));
            }
        }
    }
}
