using System.ComponentModel.DataAnnotations;

namespace Storytelling.Configuration.Tests;

public sealed class SettingsBindingTests
{
    public enum Backend
    {
        Postgresql,
        Redis,
    }

    public sealed class ConsumerOptions
    {
        [Range(1, 10_000)]
        public int BatchSize { get; set; }

        public bool AutoProcess { get; set; }

        public string ConsumerGroup { get; set; } = "";

        public IReadOnlyList<string> ConsumeEvents { get; set; } = [];
    }

    public sealed class RegistryOptions
    {
        public Backend PrimaryBackend { get; set; }

        [Range(0, 100)]
        public int PercentageRollout { get; set; }

        [Range(0.0, 1.0)]
        public double Threshold { get; set; } = 0.5;
    }

    private static Settings Load(Dictionary<string, string> environment) =>
        Settings.Load(new SettingsLoadOptions { Environment = environment, MachineName = "box" });

    [Fact]
    public void Snake_case_keys_bind_onto_pascal_case_properties()
    {
        var options = Load([]).Bind<ConsumerOptions>("event_consumer");

        Assert.Equal(10, options.BatchSize);
        Assert.True(options.AutoProcess);
        Assert.Equal("stage2-nlp-processor", options.ConsumerGroup);
        Assert.Equal(["com.storytelling.cleaning.job.completed", "com.storytelling.cleaning.document.cleaned"], options.ConsumeEvents);
    }

    [Fact]
    public void Enum_values_bind_case_insensitively()
    {
        var options = Load(new() { ["METADATA_PRIMARY_BACKEND"] = "redis" }).Bind<RegistryOptions>("metadata_registry");

        Assert.Equal(Backend.Redis, options.PrimaryBackend);
    }

    [Fact]
    public void Out_of_range_value_names_key_value_source_and_range()
    {
        var error = Assert.Throws<SettingsException>(() =>
            Load(new() { ["METADATA_PERCENTAGE_ROLLOUT"] = "150" }).Bind<RegistryOptions>("metadata_registry"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("metadata_registry.percentage_rollout", only.Key);
        Assert.Equal("150", only.Value);
        Assert.Equal("env METADATA_PERCENTAGE_ROLLOUT", only.Source!.ToString());
        Assert.Equal("allowed: 0 to 100", only.Problem);
    }

    [Fact]
    public void Unknown_enum_value_lists_the_allowed_values()
    {
        var error = Assert.Throws<SettingsException>(() =>
            Load(new() { ["METADATA_PRIMARY_BACKEND"] = "mysql" }).Bind<RegistryOptions>("metadata_registry"));

        Assert.Contains("'metadata_registry.primary_backend' = 'mysql' (from env METADATA_PRIMARY_BACKEND): allowed: postgresql, redis", error.Message);
    }

    [Fact]
    public void Zero_batch_size_fails_validation()
    {
        var error = Assert.Throws<SettingsException>(() =>
            Load(new() { ["STORYTELLING__EVENT_CONSUMER__BATCH_SIZE"] = "0" }).Bind<ConsumerOptions>("event_consumer"));

        Assert.Contains("allowed: 1 to 10000", Assert.Single(error.Errors).Problem);
    }
}
