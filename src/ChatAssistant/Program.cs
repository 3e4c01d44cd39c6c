using ChatAssistant.Hosting;

return await AssistantCommandLine.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
