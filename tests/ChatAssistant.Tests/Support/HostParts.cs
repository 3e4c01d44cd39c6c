using ChatAssistant.Dialogs.Running;
using ChatAssistant.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Support;

/// <summary>
/// What a host gives the engine besides the fixture's dialog: run-time lists and actions, built once the fixture's
/// store and clock exist, and more dialog files to load beside it.
/// </summary>
internal sealed record HostParts(
    Func<TestStores, FakeTimeProvider, IChoiceSources?>? Choices = null,
    Func<TestStores, FakeTimeProvider, IDialogActions?>? Actions = null,
    IReadOnlyList<string>? MoreDialogs = null);
