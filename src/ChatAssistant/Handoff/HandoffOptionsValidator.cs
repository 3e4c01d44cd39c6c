using Microsoft.Extensions.Options;

namespace ChatAssistant.Handoff;

// Source-generated for the attributes; the order of the hours is checked by hand (they are two settings).
[OptionsValidator]
internal sealed partial class HandoffOptionsAttributes : IValidateOptions<HandoffOptions>;

internal sealed class HandoffOptionsValidator : IValidateOptions<HandoffOptions>
{
    private readonly HandoffOptionsAttributes _attributes = new();

    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        var result = _attributes.Validate(name, options);
        if (result.Failed)
        {
            return result;
        }

        return options.ClosesAt <= options.OpensAt
            ? ValidateOptionsResult.Fail($"Handoff:ClosesAt ({options.ClosesAt:hh\\:mm}) must be after Handoff:OpensAt ({options.OpensAt:hh\\:mm}).")
            : ValidateOptionsResult.Success;
    }
}
