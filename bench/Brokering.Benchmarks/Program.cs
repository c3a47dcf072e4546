using Brokering.Benchmarks;

return args.FirstOrDefault() switch
{
    "matching" => MatchingBenchmark.Run(args.Skip(1).ToArray()),
    "notifications" => await NotificationBenchmark.RunAsync(args.Skip(1).ToArray()),
    "load" => await LoadBenchmark.RunAsync(args.Skip(1).ToArray()),
    "chaos" => await ChaosBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Brokering.Benchmarks -- matching|notifications|load [--quick]|chaos [--minutes N | --seconds N] [--seed N] [--no-pause]");
    Console.Error.WriteLine("       (notifications, load and chaos need PostgreSQL: bench/notifications, bench/load and bench/chaos start it and run these)");
    return 2;
}
