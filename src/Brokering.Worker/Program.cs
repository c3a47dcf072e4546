using Brokering.Features;
using Brokering.Features.Jobs;
using Brokering.Features.Monitoring;
using Brokering.Features.Persistence;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddBrokeringFeatures(builder.Configuration);
builder.Services.AddBrokeringJobs(builder.Configuration);
builder.Services.AddBrokeringTelemetry(builder.Configuration, "brokering-worker");

var host = builder.Build();
// In production a migrations job runs once (deploy/); the embedded default migrates on start.
if (builder.Configuration.GetValue("Brokering:Database:MigrateOnStart", true))
{
    await using var scope = host.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<BrokeringDbContext>().MigrateAsync(CancellationToken.None);
}

await host.RunAsync();
