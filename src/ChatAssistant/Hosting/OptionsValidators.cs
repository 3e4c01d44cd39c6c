using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Storage;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Hosting;

// Source-generated validators: options are checked at start-up without reflection.
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

[OptionsValidator]
internal sealed partial class DialogsOptionsValidator : IValidateOptions<DialogsOptions>;

[OptionsValidator]
internal sealed partial class ConversationOptionsValidator : IValidateOptions<ConversationOptions>;
