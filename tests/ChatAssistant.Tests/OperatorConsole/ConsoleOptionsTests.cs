using ChatAssistant.OperatorConsole;

namespace ChatAssistant.Tests.OperatorConsole;

public sealed class ConsoleOptionsTests
{
    private readonly ConsoleOptionsValidator _validator = new();

    [Fact]
    public void The_console_is_off_by_default_and_then_nothing_is_checked()
    {
        var options = new ConsoleOptions { ListenUrl = "not an address" };

        Assert.False(options.Enabled);
        Assert.Equal("http://0.0.0.0:8080", new ConsoleOptions().ListenUrl);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void An_enabled_console_names_each_problem_on_a_line_of_its_own()
    {
        var result = _validator.Validate(null, new ConsoleOptions { Enabled = true, PublicUrl = "http://konsol.example.org", ListenUrl = "8080", LinkLifetime = TimeSpan.Zero });

        Assert.Equal(
            [
                "Console:PublicUrl must be the https:// address operators open the console at (e.g. https://console.example.org), or http://localhost:8080 to try it on this machine.",
                "Console:ListenUrl must be an address to listen on, like http://0.0.0.0:8080.",
                "Console:LinkLifetime must be more than zero and at most 01:00:00.",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData("https://konsol.example.org")]
    [InlineData("https://konsol.example.org/")]
    [InlineData("http://localhost:8080")]
    public void An_https_address_or_this_machine_is_a_public_url(string url)
    {
        Assert.True(_validator.Validate(null, new ConsoleOptions { Enabled = true, PublicUrl = url }).Succeeded);
    }

    [Fact]
    public void A_public_url_with_a_path_is_refused()
    {
        var result = _validator.Validate(null, new ConsoleOptions { Enabled = true, PublicUrl = "https://example.org/konsol" });

        Assert.Equal(["Console:PublicUrl must be the site's address without a path (the console is at /console under it)."], result.Failures);
    }
}
