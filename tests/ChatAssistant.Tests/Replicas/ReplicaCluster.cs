using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// Several worker processes (the real executable, webhook mode) sharing one store and one stand-in Bot API server,
/// each listening on a port of its own and calling the Bot API server through an entrance of its own (replica i
/// through <see cref="FakeBotApi.Entrances"/>[i]). Disposing kills every one still running.
/// </summary>
internal sealed class ReplicaCluster : IAsyncDisposable
{
    public const string Secret = "replica-webhook-secret";

    private readonly Process?[] _processes;
    private readonly StringBuilder[] _logs;

    private ReplicaCluster(IReadOnlyList<string> webhooks, Process?[] processes, StringBuilder[] logs)
    {
        Webhooks = webhooks;
        _processes = processes;
        _logs = logs;
    }

    /// <summary>Each replica's webhook address, by replica number.</summary>
    public IReadOnlyList<string> Webhooks { get; }

    public int Count => _processes.Length;

    private static string Name(int replica) => "r" + replica.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts <paramref name="count"/> replicas with the environment <paramref name="environment"/> gives replica i
    /// (storage and limits), the test dialog in the folder's dialogs, and waits until each one's webhook answers.
    /// </summary>
    public static async Task<ReplicaCluster> StartAsync(int count, FakeBotApi api, TempFolder folder, Func<int, IReadOnlyDictionary<string, string>> environment)
    {
        folder.File("dialogs/usaha.yaml", ReplicaDialog.Yaml);
        var processes = new Process?[count];
        var logs = new StringBuilder[count];
        var webhooks = new string[count];
        var cluster = new ReplicaCluster(webhooks, processes, logs);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var port = AssistantProcess.FreePort();
                webhooks[i] = $"http://127.0.0.1:{port}/telegram/hook";
                var settings = new Dictionary<string, string>
                {
                    ["Telegram__BotToken"] = TelegramWorker.Token,
                    // A port of the stand-in's own per replica, so that each call tells which replica made it (ApiCall.Entrance).
                    ["Telegram__ApiBaseUrl"] = api.Entrances[i],
                    ["Telegram__Mode"] = "Webhook",
                    ["Telegram__WebhookUrl"] = webhooks[i],
                    ["Telegram__WebhookSecret"] = Secret,
                    ["Telegram__ListenUrl"] = $"http://127.0.0.1:{port}",
                    ["Dialogs__Path"] = Path.Combine(folder.Path, "dialogs"),

                    // Not used on PostgreSQL; in the test's folder, so that nothing lands in the working directory.
                    ["Storage__Path"] = Path.Combine(folder.Path, Name(i), "unused.db"),
                    ["Logging__LogLevel__Default"] = "Warning",
                    ["Logging__Console__FormatterName"] = "simple",
                };
                foreach (var (name, value) in environment(i))
                {
                    settings[name] = value;
                }

                logs[i] = new StringBuilder();
                processes[i] = AssistantProcess.StartLogged(settings, logs[i]);
            }

            for (var i = 0; i < count; i++)
            {
                await cluster.WaitListeningAsync(i, TimeSpan.FromSeconds(60));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public bool HasExited(int replica) => _processes[replica] is not { } process || process.HasExited;

    /// <summary>Kills replica <paramref name="replica"/> hard (SIGKILL, no shutdown of any kind) and waits until it is gone.</summary>
    public async Task KillAsync(int replica)
    {
        if (_processes[replica] is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Every replica's output so far, for a failure message.</summary>
    public string Logs()
    {
        var all = new StringBuilder();
        for (var i = 0; i < _logs.Length; i++)
        {
            lock (_logs[i])
            {
                all.Append(CultureInfo.InvariantCulture, $"--- replica {i}{(HasExited(i) ? " (exited)" : string.Empty)}:\n").Append(_logs[i]);
            }
        }

        return all.ToString();
    }

    /// <summary>The webhook answers (401 to a request without the secret) once the replica has started.</summary>
    private async Task WaitListeningAsync(int replica, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (HasExited(replica))
            {
                throw new InvalidOperationException($"Replica {replica} exited at start:\n{Logs()}");
            }

            try
            {
                using var response = await client.PostAsync(Webhooks[replica], new StringContent("{}"));
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (started.Elapsed > timeout)
            {
                throw new TimeoutException($"Replica {replica} did not listen within {timeout}:\n{Logs()}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (process is null)
            {
                continue;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
