using Microsoft.Extensions.Options;

namespace ChatAssistant.Training;

[OptionsValidator]
internal sealed partial class TrainingOptionsValidator : IValidateOptions<TrainingOptions>;
