using System.CommandLine;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace ChatAssistant.Benchmarks.Micro;

/// <summary>
/// <c>micro</c>: the BenchmarkDotNet suite. Every argument after the verb goes to BenchmarkDotNet unchanged
/// (<c>--filter '*Engine*'</c>, <c>--list flat</c>, <c>--job default</c>...).
/// </summary>
internal static class MicroVerb
{
    public static Command Create()
    {
        var command = new Command("micro", "Run the BenchmarkDotNet micro-benchmarks; arguments after the verb go to BenchmarkDotNet (e.g. --filter '*Engine*').")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            var args = parse.UnmatchedTokens.ToArray();
            var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
            if (!args.Contains("--job", StringComparer.Ordinal) && !args.Contains("-j", StringComparer.Ordinal))
            {
                // Enough iterations for stable means within a minute or two for the whole suite; '--job default' for BenchmarkDotNet's own.
                config = config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).AsDefault());
            }

            var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroVerb).Assembly).Run(args, config);
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        });
        return command;
    }
}
