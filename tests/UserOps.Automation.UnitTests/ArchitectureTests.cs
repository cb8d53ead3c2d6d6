using NetArchTest.Rules;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.UnitTests;

/// <summary>Dependencies point one way: host → infrastructure → core, and core does no I/O through frameworks.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] FrameworksCoreMustNotUse =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Quartz", "MailKit", "MimeKit", "Twilio"];

    [Fact]
    public void Core_DependsOnNoStorageWebSchedulingOrMessagingFramework()
    {
        var result = Types.InAssembly(typeof(Contact).Assembly).ShouldNot().HaveDependencyOnAny(FrameworksCoreMustNotUse).GetResult();

        Assert.True(result.IsSuccessful, "Core types with forbidden dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
        var references = typeof(Contact).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => FrameworksCoreMustNotUse.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnTheHost()
    {
        var result = Types.InAssembly(typeof(AutomationDb).Assembly).ShouldNot().HaveDependencyOn("UserOps.Automation.Host").GetResult();

        Assert.True(result.IsSuccessful, "Infrastructure types that use the host: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.DoesNotContain(typeof(AutomationDb).Assembly.GetReferencedAssemblies(), a => a.Name == "UserOps.Automation.Host");
    }
}
