using System.Net;
using System.Net.Sockets;
using Brokering.Features.Matching;
using Brokering.Features.Offers;
using Brokering.Features.Persistence;
using Brokering.Features.RegularMeals;
using Npgsql;
using Orleans.Configuration;
using Orleans.Reminders;

namespace Brokering.Api.Hosting;

/// <summary><c>Brokering:Orleans</c>: how this process's silo joins the cluster.</summary>
public sealed class SiloOptions
{
    public const string Section = "Brokering:Orleans";

    /// <summary>Where silos talk to each other; every API replica must reach every other on it.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Where external Orleans clients connect; 0 opens no gateway.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Silos with the same cluster id and database form one cluster.</summary>
    public string ClusterId { get; set; } = "brokering";

    /// <summary>
    /// Whose reminders these are: every silo of this service id reads the same reminders from the
    /// database, across restarts and upgrades. Two deployments sharing one database need two.
    /// </summary>
    public string ServiceId { get; set; } = "brokering";

    /// <summary>The address the other silos reach this one on; by default this host's first IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; }
}

/// <summary>
/// An Orleans silo inside every API process: on the embedded default a single silo on localhost
/// (no server to install); on PostgreSQL, ADO.NET clustering through the <c>orleans</c> schema, so
/// every replica sharing the database joins one cluster.
/// </summary>
public static class SiloHosting
{
    public static WebApplicationBuilder AddBrokeringSilo(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        // Membership, timeouts and activation lifetimes compare wall-clock times across silos: Orleans
        // keeps the system clock whatever clock the domain is given (the tests freeze theirs).
        foreach (var area in new[]
        {
            TimeProviderNames.Grains, TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
            TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory, ReminderTimeProviderNames.Reminders,
        })
        {
            builder.Services.AddKeyedSingleton(area, TimeProvider.System);
        }

        builder.Services.AddSingleton<IOfferCopies, GrainOfferCopies>();
        // Work that calls grains runs where the silos are: in every API process, not the worker.
        builder.Services.AddHostedService<RegularMealReminders>();
        builder.Services.Configure<MatchingScheduleOptions>(builder.Configuration.GetSection(MatchingScheduleOptions.Section));
        builder.Services.AddSingleton<ScheduledMatching>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledMatching>());
        var regularMeals = builder.Configuration.GetSection(RegularMealOptions.Section).Get<RegularMealOptions>() ?? new RegularMealOptions();
        builder.UseOrleans(silo =>
        {
            if (DatabaseRegistration.ProviderFor(builder.Configuration) == DatabaseProvider.Postgres)
            {
                var database = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Postgres")) { SearchPath = "orleans" };
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = database.ToString();
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = database.ToString();
                });
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = Advertised(settings.AdvertisedAddress);
                    o.SiloPort = settings.SiloPort;
                    o.GatewayPort = settings.GatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.SiloPort);
                    o.GatewayListeningEndpoint = settings.GatewayPort > 0 ? new IPEndPoint(IPAddress.Any, settings.GatewayPort) : null;
                });
            }
            else
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                // No server, so nowhere to keep reminders: RegularMealReminders registers them again at every start.
                silo.UseInMemoryReminderService();
            }

            // Orleans refuses periods under a minute unless told; only tests plan more often than that.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(o.MinimumReminderPeriod.Ticks, regularMeals.Interval.Ticks)));

            // Measured on a 2-core machine with a silo killed mid-race: with Orleans' defaults the grains
            // it held stalled for 12 to 45 s; with these, for about 3 s once its death was noticed.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
            });
            silo.Configure<SiloMessagingOptions>(o =>
            {
                o.ResponseTimeout = TimeSpan.FromSeconds(5);
                o.PlacementTimeout = TimeSpan.FromSeconds(5);
            });
        });
        return builder;
    }

    private static IPAddress Advertised(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return IPAddress.Parse(configured);
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
