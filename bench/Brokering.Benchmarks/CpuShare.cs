using System.Globalization;

namespace Brokering.Benchmarks;

/// <summary>
/// Where a round's CPU time went on this machine, read from Linux's /proc: the API processes, the
/// worker processes, PostgreSQL's processes, this benchmark (the clients) and everything else,
/// so a rate can be read as CPU milliseconds per booking and the costliest part named.
/// </summary>
internal sealed class CpuShare(Func<IReadOnlyDictionary<string, int[]>> groups)
{
    /// <summary>USER_HZ, the unit of /proc's CPU times: 100 on every Linux .NET supports.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>What <paramref name="round"/> returned, and the seconds of CPU each part used meanwhile, with "idle" and "other" (the rest of the machine).</summary>
    public async Task<(T Result, IReadOnlyDictionary<string, double> Used)> MeasureAsync<T>(Func<Task<T>> round)
    {
        var start = Read();
        var result = await round();
        return (result, Read().ToDictionary(p => p.Key, p => p.Value - start.GetValueOrDefault(p.Key)));
    }

    /// <summary>Seconds of CPU each part used over the next <paramref name="span"/>.</summary>
    public async Task<IReadOnlyDictionary<string, double>> OverAsync(TimeSpan span) =>
        (await MeasureAsync(async () =>
        {
            await Task.Delay(span);
            return span;
        })).Used;

    /// <summary>The sum of two rounds' CPU, part by part.</summary>
    public static IReadOnlyDictionary<string, double> Sum(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Keys.Union(b.Keys).ToDictionary(k => k, k => a.GetValueOrDefault(k) + b.GetValueOrDefault(k));

    /// <summary>
    /// "6.3 ms of CPU per booking: api 4.1 ms, postgres 2.0 ms, …", costliest first. With the
    /// machine busy throughout both rounds, the totals' ratio is what the rates' ratio comes from.
    /// </summary>
    public static string PerUnit(IReadOnlyDictionary<string, double> used, int units, string unit)
    {
        if (units == 0)
        {
            return "no " + unit;
        }

        var parts = used.Where(p => p.Key != "idle").OrderByDescending(p => p.Value).ToList();
        string Ms(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000 / units:0.00} ms");
        return $"{Ms(parts.Sum(p => p.Value))} of CPU per {unit}: " + string.Join(", ", parts.Select(p => $"{p.Key} {Ms(p.Value)}"));
    }

    private Dictionary<string, double> Read()
    {
        var parts = new Dictionary<string, double>();
        var (busy, idle) = Machine();
        var counted = 0.0;
        foreach (var (name, pids) in groups())
        {
            var seconds = pids.Sum(ProcessSeconds);
            parts[name] = seconds;
            counted += seconds;
        }

        var postgres = Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d))
            .Where(n => int.TryParse(n, out _)).Select(int.Parse).Where(IsPostgres).Sum(ProcessSeconds);
        parts["postgres"] = postgres;
        parts["bench"] = ProcessSeconds(Environment.ProcessId);
        parts["other"] = busy - counted - postgres - parts["bench"];
        parts["idle"] = idle;
        return parts;
    }

    private static (double Busy, double Idle) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        var idle = fields[3] + fields[4];
        var busy = fields.Take(8).Sum() - idle;
        return (busy / TicksPerSecond, idle / TicksPerSecond);
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").StartsWith("postgres", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>User and system time of a process and its reaped children; 0 once it has gone.</summary>
    private static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
