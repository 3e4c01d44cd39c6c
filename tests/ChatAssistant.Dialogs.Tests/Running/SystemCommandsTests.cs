using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

public sealed class SystemCommandsTests
{
    [Theory]
    [InlineData("/datasaya")]
    [InlineData("/mydata")]
    [InlineData("/hapusdata")]
    [InlineData("/DeleteData")]
    public void The_privacy_commands_are_left_to_the_privacy_dialog_files(string command) =>
        Assert.False(SystemCommands.IsReserved(command));

    [Theory]
    [InlineData("/berhenti")]
    [InlineData("/stop")]
    [InlineData("/mulai")]
    [InlineData("/siaran")]
    [InlineData("/broadcast")]
    public void The_announcement_and_broadcast_commands_are_left_to_dialog_files(string command) =>
        Assert.False(SystemCommands.IsReserved(command));

    [Theory]
    [InlineData("/menu")]
    [InlineData("/bantuan")]
    [InlineData("/Kembali")]
    public void The_assistants_own_commands_stay_reserved(string command) =>
        Assert.True(SystemCommands.IsReserved(command));
}
