using System.Net;
using System.Net.Http.Json;
using ChatAssistant.Channels.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// The stand-in for Telegram's side of webhook mode in front of several replicas (Telegram behind a reverse proxy):
/// each update is POSTed to the next replica in turn; an owner's next update only after the previous one was
/// answered 200 (Telegram sends one chat's updates one at a time); an update whose POST failed (refused, cut off,
/// not 200) is posted again, with the same update_id, to the next replica, as the proxy or Telegram's retry would.
/// At most <see cref="MaxConnections"/> POSTs are open at once (Telegram's default max_connections).
/// </summary>
internal sealed class ReplicaWebhookTelegram : IDisposable
{
    public const int MaxConnections = 40;

    private readonly IReadOnlyList<string> _webhooks;
    private readonly string _secret;
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _connections = new(MaxConnections);
    private readonly long[] _accepted;
    private readonly long[] _failed;
    private long _nextUpdateId = 100_000;
    private long _turn = -1;

    public ReplicaWebhookTelegram(IReadOnlyList<string> webhooks, string secret)
    {
        _webhooks = webhooks;
        _secret = secret;
        _accepted = new long[webhooks.Count];
        _failed = new long[webhooks.Count];
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxConnections }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Updates answered 200, per replica.</summary>
    public IReadOnlyList<long> AcceptedPerReplica => _accepted.Select(n => Interlocked.Read(ref n)).ToArray();

    /// <summary>POSTs that failed (and were posted again elsewhere), per replica.</summary>
    public IReadOnlyList<long> FailedPerReplica => _failed.Select(n => Interlocked.Read(ref n)).ToArray();

    public long Accepted => _accepted.Sum();

    /// <summary>
    /// One owner's messages, each posted once the one before it was accepted, and with <paramref name="readReply"/>
    /// also once the owner has read the reply to message i (called with i, from 0) before typing the next.
    /// </summary>
    public async Task ChatAsync(long chatId, IEnumerable<string> texts, CancellationToken cancellationToken, Func<int, Task>? readReply = null)
    {
        var messageId = 0;
        foreach (var text in texts)
        {
            if (messageId > 0 && readReply is not null)
            {
                await readReply(messageId - 1);
            }

            var update = new Update
            {
                Id = (int)Interlocked.Increment(ref _nextUpdateId),
                Message = new Message
                {
                    Id = ++messageId,
                    Date = DateTime.UtcNow,
                    Chat = new Chat { Id = chatId, Type = ChatType.Private, FirstName = "Pemilik" },
                    From = new User { Id = chatId, FirstName = "Pemilik", LanguageCode = "id" },
                    Text = text,
                },
            };
            await DeliverAsync(update, cancellationToken);
        }
    }

    private async Task DeliverAsync(Update update, CancellationToken cancellationToken)
    {
        var replica = (int)(Interlocked.Increment(ref _turn) % _webhooks.Count);
        for (var attempt = 1; ; attempt++)
        {
            await _connections.WaitAsync(cancellationToken);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _webhooks[replica]) { Content = JsonContent.Create(update, options: JsonBotAPI.Options) };
                request.Headers.Add(TelegramWebhook.SecretHeader, _secret);
                using var response = await _client.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _accepted[replica]);
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Refused or cut off (a replica killed): the update may or may not be committed; the inbox knows.
            }
            finally
            {
                _connections.Release();
            }

            Interlocked.Increment(ref _failed[replica]);
            replica = (replica + 1) % _webhooks.Count;

            // Every replica refused in turn: wait a little, as Telegram does between retries.
            if (attempt % _webhooks.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _connections.Dispose();
    }
}
