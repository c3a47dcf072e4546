using Brokering.Benchmarks;

return args.FirstOrDefault() switch
{
    "matching" => MatchingBenchmark.Run(args.Skip(1).ToArray()),
    "notifications" => await NotificationBenchmark.RunAsync(args.Skip(1).ToArray()),
    "load" => await LoadBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Brokering.Benchmarks -- matching|notifications|load [--quick]");
    Console.Error.WriteLine("       (notifications and load need PostgreSQL: bench/notifications and bench/load start it and run these)");
    return 2;
}
