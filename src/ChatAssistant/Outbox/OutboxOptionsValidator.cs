using Microsoft.Extensions.Options;

namespace ChatAssistant.Outbox;

// Source-generated: options are checked at start-up without reflection.
[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;
