using System.CommandLine;
using ChatAssistant.Benchmarks.Load;
using ChatAssistant.Benchmarks.Micro;

var root = new RootCommand("ChatAssistant benchmarks: 'micro' runs the BenchmarkDotNet suite, 'load' the load harness. See docs/benchmarks.md.")
{
    MicroVerb.Create(),
    LoadVerb.Create(),
    SeedVerb.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
