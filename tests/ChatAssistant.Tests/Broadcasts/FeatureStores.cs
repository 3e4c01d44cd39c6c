using System.Runtime.CompilerServices;
using ChatAssistant.Broadcasts;
using ChatAssistant.Privacy;
using ChatAssistant.Storage;
using ChatAssistant.Training;

namespace ChatAssistant.Tests;

/// <summary>
/// The feature stores over a test's write session, one of each per session (as the host registers them), for
/// tests that run store calls in the writer's transaction.
/// </summary>
internal static class FeatureStores
{
    private static readonly ConditionalWeakTable<TestStores, BroadcastStore> BroadcastStores = [];
    private static readonly ConditionalWeakTable<TestStores, TrainingStore> TrainingStores = [];
    private static readonly ConditionalWeakTable<TestStores, PrivacyStore> PrivacyStores = [];

    public static BroadcastStore Broadcasts(this TestStores session) => BroadcastStores.GetValue(session, s => new BroadcastStore(s.Session));

    public static TrainingStore Training(this TestStores session) => TrainingStores.GetValue(session, s => new TrainingStore(s.Session));

    public static PrivacyStore Privacy(this TestStores session) => PrivacyStores.GetValue(session, s => new PrivacyStore(s.Session));

    /// <summary><see cref="BroadcastStore.CancelBroadcast"/> with the previous status as stored ("sending"), as tests compare it.</summary>
    public static (string PreviousStatus, int Cancelled)? CancelBroadcast(this TestStores session, long broadcastId, long now) =>
        session.Broadcasts().CancelBroadcast(broadcastId, now) is { } result ? (result.PreviousStatus.Name(), result.Cancelled) : null;
}
