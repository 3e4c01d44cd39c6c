using BenchmarkDotNet.Attributes;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Benchmarks.Micro;

/// <summary>Reading, parsing, validating and compiling every shipped dialog (<c>dialogs/*.yaml</c>), as start-up and hot reload do.</summary>
/// <remarks>Public and unsealed because BenchmarkDotNet generates a class that derives from it.</remarks>
[MemoryDiagnoser]
public class DialogLoadBenchmarks
{
    private string _folder = null!;
    private IReadOnlyList<DialogSource> _sources = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = RepositoryRoot.DialogsFolder();
        _sources = DialogFiles.Read(_folder).Sources;
        if (_sources.Count == 0)
        {
            throw new InvalidOperationException($"no dialog files in {_folder}");
        }
    }

    [Benchmark(Description = "read + load + validate dialogs/*.yaml")]
    public DialogLoadResult ReadAndLoad() => DialogFiles.Load(_folder);

    [Benchmark(Description = "load + validate (texts in memory)")]
    public DialogLoadResult LoadOnly() => DialogLoader.Load(_sources);
}
