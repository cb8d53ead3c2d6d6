using Microsoft.Extensions.Options;

namespace UserOps.Automation.Infrastructure.Messaging.Channels;

/// <summary>Channel options check themselves: which settings a mode needs differs per mode.</summary>
public interface IChannelOptions
{
    IEnumerable<string> Validate();
}

internal sealed class ChannelOptionsValidator<T> : IValidateOptions<T>
    where T : class, IChannelOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
