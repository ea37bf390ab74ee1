using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Storytelling.Hosting.Tests;

/// <summary>The status server over a real Kestrel listener on a free loopback port.</summary>
public sealed class ServiceStatusServerTests
{
    private const string Address = "http://127.0.0.1:0";

    [Fact]
    public async Task Ready_is_200_with_each_check_by_name_and_its_details_when_every_check_passes()
    {
        var details = new System.Text.Json.Nodes.JsonObject { ["lag"] = 0 };
        await using var server = await ServiceStatusServer.StartAsync(Address,
            [HealthCheck.Answers("redis", _ => Task.CompletedTask), new HealthCheck("consumer", _ => Task.FromResult(HealthCheckResult.Healthy(details)))],
            logging: null, CancellationToken.None);
        using var http = Client(server);

        foreach (var path in new[] { "/health", "/health/ready" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = body.RootElement;
            Assert.Equal("healthy", root.GetProperty("status").GetString());
            var redis = root.GetProperty("checks").GetProperty("redis");
            Assert.True(redis.GetProperty("healthy").GetBoolean());
            Assert.True(redis.GetProperty("latency_ms").GetDouble() >= 0);
            Assert.Equal(JsonValueKind.Null, redis.GetProperty("error").ValueKind);
            Assert.False(redis.TryGetProperty("details", out _));
            Assert.Equal(0, root.GetProperty("checks").GetProperty("consumer").GetProperty("details").GetProperty("lag").GetInt32());
        }
    }

    [Fact]
    public async Task Ready_is_503_naming_the_failed_check_while_live_stays_200()
    {
        await using var server = await ServiceStatusServer.StartAsync(Address,
            [HealthCheck.Answers("postgres", _ => throw new InvalidOperationException("database \"gone\" does not exist")), HealthCheck.Answers("redis", _ => Task.CompletedTask)],
            logging: null, CancellationToken.None);
        using var http = Client(server);

        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        var postgres = body.RootElement.GetProperty("checks").GetProperty("postgres");
        Assert.False(postgres.GetProperty("healthy").GetBoolean());
        Assert.Equal("database \"gone\" does not exist", postgres.GetProperty("error").GetString());
        Assert.True(body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("healthy").GetBoolean());

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"status\":\"alive\"", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_the_prometheus_text_of_the_storytelling_meters()
    {
        using var meter = new Meter("Storytelling.Hosting.Tests." + Guid.NewGuid().ToString("N"));
        var counter = meter.CreateCounter<long>("hosting_test.probes", description: "Probes seen by the test");
        await using var server = await ServiceStatusServer.StartAsync(Address, [], logging: null, CancellationToken.None);
        counter.Add(3, new KeyValuePair<string, object?>("meter", meter.Name));
        using var http = Client(server);

        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE hosting_test_probes_total counter", text, StringComparison.Ordinal);
        Assert.Contains($"hosting_test_probes_total{{meter=\"{meter.Name}\"}} 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem_listing_the_endpoints()
    {
        await using var server = await ServiceStatusServer.StartAsync(Address, [], logging: null, CancellationToken.None);
        using var http = Client(server);

        using var response = await http.GetAsync(new Uri("/v1/jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"no endpoint at /v1/jobs; the endpoints are listed in {ServiceStatusServer.EndpointList}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_naming_the_address()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var error = await Assert.ThrowsAnyAsync<IOException>(() => ServiceStatusServer.StartAsync(url, [], logging: null, CancellationToken.None));

        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }

    private static HttpClient Client(ServiceStatusServer server) =>
        new() { BaseAddress = new Uri(server.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
}
