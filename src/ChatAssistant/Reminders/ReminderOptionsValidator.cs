using Microsoft.Extensions.Options;

namespace ChatAssistant.Reminders;

// Source-generated: options are checked at start-up without reflection.
[OptionsValidator]
internal sealed partial class ReminderOptionsValidator : IValidateOptions<ReminderOptions>;
