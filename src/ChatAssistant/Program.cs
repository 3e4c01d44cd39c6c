using System.CommandLine;
using ChatAssistant.Hosting;

// SIGTERM and Ctrl+C are left to the generic host of each verb, which stops in order and flushes the outbox;
// System.CommandLine would otherwise force the process down two seconds after the signal.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await AssistantCommandLine.Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
