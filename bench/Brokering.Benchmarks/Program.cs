using Brokering.Benchmarks;

return args.FirstOrDefault() switch
{
    "matching" => MatchingBenchmark.Run(args.Skip(1).ToArray()),
    "notifications" => await NotificationBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Brokering.Benchmarks -- matching|notifications [--quick]");
    Console.Error.WriteLine("       (notifications needs PostgreSQL: bench/notifications starts it and runs this)");
    return 2;
}
