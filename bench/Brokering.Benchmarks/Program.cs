using Brokering.Benchmarks;

return args.FirstOrDefault() switch
{
    "matching" => MatchingBenchmark.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Brokering.Benchmarks -- matching [--quick]");
    return 2;
}
