using Microsoft.Extensions.Options;

namespace ChatAssistant.Broadcasts;

// Source-generated: options are checked at start-up without reflection.
[OptionsValidator]
internal sealed partial class BroadcastOptionsValidator : IValidateOptions<BroadcastOptions>;
