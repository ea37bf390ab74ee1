using System.Text.RegularExpressions;
using Storytelling.Cli.Commands;
using Storytelling.Configuration;
using Storytelling.Messaging;
using Storytelling.Metadata;
using Storytelling.Stage1;
using Storytelling.Stage2;
using Storytelling.Testing;
using YamlDotNet.RepresentationModel;

namespace Storytelling.Cli.Tests.Deployment;

/// <summary>
/// docker-compose.yml and deploy/systemd cannot run here (no container engine, no systemd), so what can be checked
/// without them is: their environment loads as settings, each service runs a real role, and each healthcheck asks
/// the port that role really serves.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly Dictionary<string, string> RoleOfService = new(StringComparer.Ordinal)
    {
        ["cleaning-orchestrator"] = ServeCommand.Stage1Api,
        ["cleaning-worker"] = ServeCommand.Stage1Worker,
        ["nlp-event-consumer"] = ServeCommand.EventConsumer,
        ["nlp-worker"] = ServeCommand.NlpWorker,
        ["storyline-builder"] = ServeCommand.StorylineBuilder,
        ["nlp-orchestrator"] = ServeCommand.NlpApi,
        ["registry-api"] = ServeCommand.RegistryApi,
    };

    [Fact]
    public void Compose_environment_points_every_role_at_the_compose_servers()
    {
        var environment = ComposeEnvironment(Compose());

        var settings = Settings.Load(new SettingsLoadOptions { Environment = environment, MachineName = "container" });

        Assert.Equal("redis", settings["redis.host"]);
        Assert.Equal("postgres", settings["postgres.host"]);
        Assert.Equal("storytelling", settings["postgres.username"]);
        Assert.Equal("postgres", settings["metadata_registry.postgres_host"]);
        Assert.Equal("metadata_service", settings["metadata_registry.postgres_user"]);
        Assert.Equal("pipeline_metadata", settings["metadata_registry.postgres_database"]);
        Assert.Equal("/shared/stage1", settings["stage2.input_dir"]);
        Assert.False(string.IsNullOrEmpty(settings["service.api_key"]), "the APIs must require a key");
    }

    [Fact]
    public void Compose_services_run_each_role_with_a_healthcheck_on_its_own_port()
    {
        var compose = Compose();
        var services = (YamlMappingNode)compose["services"];
        var settings = Settings.Load(new SettingsLoadOptions { Environment = ComposeEnvironment(compose), MachineName = "container" });
        var stage1 = settings.Bind<Stage1Options>(Stage1Options.SectionName);
        var stage2 = settings.Bind<Stage2Options>(Stage2Options.SectionName);
        var consumer = settings.Bind<ConsumerOptions>(ConsumerOptions.SectionName);
        var portOfRole = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [ServeCommand.Stage1Api] = stage1.ApiPort,
            [ServeCommand.Stage1Worker] = stage1.WorkerHealthPort,
            [ServeCommand.EventConsumer] = consumer.HealthPort,
            [ServeCommand.NlpWorker] = stage2.WorkerHealthPort,
            [ServeCommand.StorylineBuilder] = stage2.StorylineBuilderHealthPort,
            [ServeCommand.NlpApi] = stage2.ApiPort,
            [ServeCommand.RegistryApi] = settings.Bind<MetadataRegistryOptions>(MetadataRegistryOptions.SectionName).ApiPort,
        };

        foreach (var (name, role) in RoleOfService)
        {
            Assert.True(services.Children.ContainsKey(name), $"docker-compose.yml has no service {name} (serve --role {role})");
            var service = (YamlMappingNode)services[name];
            Assert.Equal(["serve", "--role", role], Sequence(service["command"]));
            var healthcheck = string.Join(' ', Sequence(((YamlMappingNode)service["healthcheck"])["test"]));
            Assert.Contains($"http://127.0.0.1:{portOfRole[role]}/health/ready", healthcheck, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compose_dependencies_wait_for_healthy_services()
    {
        var services = (YamlMappingNode)Compose()["services"];
        foreach (var (name, node) in services.Children)
        {
            if (node is not YamlMappingNode service || !service.Children.TryGetValue("depends_on", out var dependsOn))
            {
                continue;
            }

            foreach (var (dependency, condition) in ((YamlMappingNode)dependsOn).Children)
            {
                Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)condition)["condition"]).Value);
                var target = (YamlMappingNode)services[dependency];
                Assert.True(target.Children.ContainsKey("healthcheck"), $"{name} waits for {dependency} to be healthy, but {dependency} has no healthcheck");
            }
        }
    }

    [Theory]
    [InlineData("deploy/systemd/common.env.example")]
    [InlineData("deploy/systemd/nlp-worker.env.example")]
    public void Systemd_example_env_files_are_known_settings(string file)
    {
        var environment = File.ReadAllLines(RepositoryFiles.PathOf(file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

        var settings = Settings.Load(new SettingsLoadOptions { Environment = environment, MachineName = "host" });

        foreach (var name in environment.Keys.Where(n => n.StartsWith(SettingsLoadOptions.EnvironmentPrefix, StringComparison.Ordinal)))
        {
            Assert.Contains(settings.All, s => s.Source.Origin == name);
        }

        foreach (var name in environment.Keys.Where(n => !n.StartsWith(SettingsLoadOptions.EnvironmentPrefix, StringComparison.Ordinal)))
        {
            Assert.True(SeedEnvironmentVariables.Map.ContainsKey(name), $"{file}: {name} is neither a seed environment name nor STORYTELLING__SECTION__KEY");
        }
    }

    private static YamlMappingNode Compose()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepositoryFiles.PathOf("docker-compose.yml")))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>The environment every storytelling service shares (the x-storytelling fragment), with compose's <c>${NAME:-default}</c> / <c>${NAME:?error}</c> resolved as an operator who set nothing but API_KEY would get.</summary>
    private static Dictionary<string, string> ComposeEnvironment(YamlMappingNode compose)
    {
        var environment = (YamlMappingNode)((YamlMappingNode)compose["x-storytelling"])["environment"];
        return environment.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!,
            pair => Interpolation().Replace(((YamlScalarNode)pair.Value).Value ?? "", match =>
                match.Groups["op"].Value == ":-" ? match.Groups["rest"].Value : "set-by-operator"),
            StringComparer.Ordinal);
    }

    private static string[] Sequence(YamlNode node) => ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToArray();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(?<op>:-|:\?)(?<rest>[^}]*)\}")]
    private static partial Regex Interpolation();
}
