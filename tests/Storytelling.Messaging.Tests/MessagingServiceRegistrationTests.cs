using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storytelling.Messaging.Redis;
using Storytelling.Messaging.Tests.Redis;
using Storytelling.Observability;

namespace Storytelling.Messaging.Tests;

/// <summary>The health and metrics endpoints over a real Kestrel listener on a free loopback port.</summary>
public sealed class MessagingServiceRegistrationTests
{
    [Fact]
    public async Task Health_is_200_with_snake_case_json_while_the_consumer_runs_and_metrics_show_its_pending_entries()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        await harness.PublishAsync(ConsumerHarness.Event("slow-1"));
        await harness.PublishAsync(ConsumerHarness.Event("slow-2"));
        var consumer = harness.Run(harness.Options(), async _ =>
        {
            Interlocked.Increment(ref started);
            await release.Task;
        });
        await ConsumerHarness.EventuallyAsync(() => Volatile.Read(ref started) == 2, "both handlers running");

        using var releaseAtEnd = new ReleaseOnDispose(release);
        await using var app = await StartAsync(harness, consumer);
        using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(document.RootElement.GetProperty("healthy").GetBoolean());
        Assert.True(document.RootElement.GetProperty("running").GetBoolean());
        Assert.Equal(2, document.RootElement.GetProperty("pending_count").GetInt64());
        Assert.Equal(0, document.RootElement.GetProperty("lag").GetInt64());
        Assert.Equal("consumer-1", document.RootElement.GetProperty("consumers")[0].GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal("2", Series(metrics, "storytelling_consumer_pending", harness.Group));
        Assert.Equal("0", Series(metrics, "storytelling_consumer_lag", harness.Group));
        Assert.Equal("1", Series(metrics, "storytelling_consumer_healthy", harness.Group));
        Assert.True(double.Parse(Series(metrics, "storytelling_consumer_oldest_pending_age_seconds", harness.Group)!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Contains("# TYPE storytelling_consumer_oldest_pending_age_seconds gauge", metrics);
    }

    [Fact]
    public async Task Health_and_ready_are_503_when_the_group_is_missing_while_live_stays_200()
    {
        await using var harness = await ConsumerHarness.StartAsync();
        await using var app = await StartAsync(harness, consumer: null);
        using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };

        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(document.RootElement.GetProperty("healthy").GetBoolean());
        Assert.False(document.RootElement.GetProperty("group_exists").GetBoolean());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal("0", Series(metrics, "storytelling_consumer_healthy", harness.Group));
    }

    private static async Task<WebApplication> StartAsync(ConsumerHarness harness, RedisStreamConsumer? consumer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(harness.Redis);
        if (consumer is not null)
        {
            builder.Services.AddSingleton(consumer);
        }

        builder.Services.AddPrometheusMetrics();
        builder.Services.AddConsumerHealth(harness.Options(), TimeSpan.FromMinutes(5));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapConsumerHealth();
        app.MapPrometheusMetrics();
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    /// <summary>The value of the series of <paramref name="name"/> labelled with <paramref name="group"/>, or null.</summary>
    private static string? Series(string metrics, string name, string group) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains($"group=\"{group}\"", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf(' ') + 1)..])
            .SingleOrDefault();

    private sealed class ReleaseOnDispose(TaskCompletionSource release) : IDisposable
    {
        public void Dispose() => release.TrySetResult();
    }
}
