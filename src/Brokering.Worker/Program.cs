using Brokering.Data;
using Brokering.Data.Jobs;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddBrokeringData(builder.Configuration);
builder.Services.AddBrokeringJobs(builder.Configuration);

var host = builder.Build();
await using (var scope = host.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<BrokeringDbContext>().MigrateAsync(CancellationToken.None);
}

await host.RunAsync();
