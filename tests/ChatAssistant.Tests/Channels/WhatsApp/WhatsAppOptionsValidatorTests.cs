using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Hosting;
using ChatAssistant.Shared;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Channels.WhatsApp;

public sealed class WhatsAppOptionsValidatorTests
{
    private static WhatsAppOptions Complete() => new()
    {
        AccessToken = WhatsAppWorker.AccessToken,
        PhoneNumberId = WhatsAppPayloads.PhoneNumberId,
        AppSecret = WhatsAppWorker.AppSecret,
        VerifyToken = WhatsAppWorker.VerifyToken,
    };

    private static IReadOnlyList<string> Problems(WhatsAppOptions options) =>
        [.. new WhatsAppOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void The_defaults_pin_the_graph_api_version_and_leave_room_for_inbound_messages()
    {
        var options = new WhatsAppOptions();

        Assert.Equal("https://graph.facebook.com/v25.0", options.ApiBaseUrl);
        Assert.Equal(70, options.MaxMessagesPerSecond);
        Assert.Equal("http://0.0.0.0:8080", options.ListenUrl);
        Assert.False(options.IsEnabled);
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void Complete_settings_pass()
    {
        Assert.True(Complete().IsEnabled);
        Assert.Empty(Problems(Complete()));
    }

    [Fact]
    public void Each_missing_or_bad_setting_is_one_line_naming_it()
    {
        var options = Complete();
        options.PhoneNumberId = "+62 812 3456";
        options.AppSecret = null;
        options.VerifyToken = " ";
        options.ApiBaseUrl = "http://graph.facebook.com/v25.0";
        options.MaxMessagesPerSecond = 0;
        options.ListenUrl = "8080";

        var problems = Problems(options);

        Assert.Equal(6, problems.Count);
        Assert.All(problems, p => Assert.DoesNotContain('\n', p));
        foreach (var setting in new[] { "PhoneNumberId", "AppSecret", "VerifyToken", "ApiBaseUrl", "MaxMessagesPerSecond", "ListenUrl" })
        {
            Assert.Single(problems, p => p.StartsWith("WhatsApp:" + setting + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_worker_with_the_access_token_but_no_app_secret_does_not_start_and_says_which_setting()
    {
        using var folder = new TempFolder();
        folder.File("dialogs/notes.yaml", Telegram.TelegramTestDialogs.Notes);
        var settings = WhatsAppWorker.Settings(folder);
        settings["WhatsApp:AppSecret"] = null;

        using var host = WorkerHost.Build(settings, out var channels);
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal([ChannelNames.WhatsApp], channels);
        Assert.StartsWith("WhatsApp:AppSecret is required", Assert.Single(refused.Failures), StringComparison.Ordinal);
    }
}
