using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.OperatorConsole;
using UserOps.Automation.Host.Rules;
using UserOps.Automation.Host.Templates;
using UserOps.Automation.Host.Workflows;
using UserOps.Automation.Infrastructure.Demo;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Facts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Messaging.Channels;
using UserOps.Automation.Infrastructure.Scheduling;
using UserOps.Automation.Infrastructure.Segments;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Hosting;

/// <summary>appsettings.sample.json binds and validates, shows every setting, and docs/configuration.md explains each.</summary>
public sealed class AppSettingsSampleTests
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (DatabaseOptions.SectionName, typeof(DatabaseOptions)),
        (AccessOptions.SectionName, typeof(AccessOptions)),
        (OperatorsOptions.SectionName, typeof(OperatorsOptions)),
        (RulesOptions.SectionName, typeof(RulesOptions)),
        (WorkflowsOptions.SectionName, typeof(WorkflowsOptions)),
        (TemplatesOptions.SectionName, typeof(TemplatesOptions)),
        (ConsoleOptions.SectionName, typeof(ConsoleOptions)),
        (SegmentsOptions.SectionName, typeof(SegmentsOptions)),
        (FactsOptions.SectionName, typeof(FactsOptions)),
        (IngestionOptions.SectionName, typeof(IngestionOptions)),
        (QuartzSchedulingOptions.SectionName, typeof(QuartzSchedulingOptions)),
        (DemoOptions.SectionName, typeof(DemoOptions)),
        (JourneysOptions.SectionName, typeof(JourneysOptions)),
        (Infrastructure.Operations.OperationsOptions.SectionName, typeof(Infrastructure.Operations.OperationsOptions)),
        (EmailOptions.SectionName, typeof(EmailOptions)),
        (SmsOptions.SectionName, typeof(SmsOptions)),
        (PushOptions.SectionName, typeof(PushOptions)),
        (DispatchOptions.SectionName, typeof(DispatchOptions)),
    ];

    /// <summary>Sections explained in docs/configuration-messaging.md rather than docs/configuration.md.</summary>
    private static readonly string[] MessagingSections = [EmailOptions.SectionName, SmsOptions.SectionName, PushOptions.SectionName, DispatchOptions.SectionName];

    private static IConfigurationRoot Sample() =>
        new ConfigurationBuilder().AddJsonFile(RepositoryRoot.Combine("appsettings.sample.json"), optional: false).Build();

    [Fact]
    public void Sample_BindsWithoutUnknownKeys_AndValidates()
    {
        var configuration = Sample();
        foreach (var (section, type) in Sections)
        {
            var options = configuration.GetSection(section).Get(type, o => o.ErrorOnUnknownConfiguration = true);
            Assert.NotNull(options);
            var errors = new List<ValidationResult>();
            Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true),
                $"{section}: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        }

        Assert.False(string.IsNullOrWhiteSpace(configuration["Urls"]));
        var unknown = configuration.GetChildren().Select(c => c.Key).Except(Sections.Select(s => s.Section).Append("Urls")).ToList();
        Assert.True(unknown.Count == 0, "Settings in the sample that nothing reads: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Sample_PassesTheHostsOptionsValidation()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Sample());
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();

        var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        Assert.Equal((DatabaseProvider.Sqlite, true), (database.Provider, database.MigrateOnStart));
    }

    [Fact]
    public void EverySetting_IsInTheSample_AndExplainedInTheDocs()
    {
        var configuration = Sample();
        var generalDocs = File.ReadAllText(RepositoryRoot.Combine("docs", "configuration.md"));
        var messagingDocs = File.ReadAllText(RepositoryRoot.Combine("docs", "configuration-messaging.md"));
        var missing = new List<string>();
        foreach (var (section, type) in Sections)
        {
            var docs = MessagingSections.Contains(section) ? messagingDocs : generalDocs;
            foreach (var key in Keys(section, type))
            {
                if (!configuration.GetSection(key).Exists())
                {
                    missing.Add($"{key} is not in appsettings.sample.json");
                }

                if (!docs.Contains($"`{key.Replace(":0:", ":N:", StringComparison.Ordinal)}`", StringComparison.Ordinal))
                {
                    missing.Add($"{key} is not explained in the configuration docs");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    /// <summary>Every bindable property as a configuration key; list items are shown by their first entry.</summary>
    private static IEnumerable<string> Keys(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var nestedObject = property.PropertyType.IsClass && property.PropertyType != typeof(string)
                && !typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType);
            if (!nestedObject)
            {
                // A nested settings object is shown and explained through its own keys.
                yield return key;
            }

            var itemType = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                ? property.PropertyType.GetGenericArguments()[0]
                : null;
            if (itemType is not null && itemType.IsClass && itemType != typeof(string))
            {
                foreach (var nested in Keys($"{key}:0", itemType))
                {
                    yield return nested;
                }
            }
            else if (nestedObject)
            {
                // A nested settings object (Email:Smtp, Facts:Lifecycle): its keys too.
                foreach (var nested in Keys(key, property.PropertyType))
                {
                    yield return nested;
                }
            }
        }
    }
}
