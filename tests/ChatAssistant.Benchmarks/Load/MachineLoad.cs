using System.Globalization;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// How busy the machine was while measuring, from /proc (Linux): the share of all cores used by other
/// processes (a build or a test run beside the harness halves its figures) and the share stolen by the
/// hypervisor. Unavailable elsewhere; the harness then says so.
/// </summary>
internal readonly record struct MachineLoad(long BusyTicks, long StealTicks, long TotalTicks, long OwnTicks)
{
    public static MachineLoad? Read() => Read([]);

    /// <summary>With the CPU of <paramref name="alsoOwn"/> (a database server the run started) counted as the run's own.</summary>
    public static MachineLoad? Read(IReadOnlyList<int> alsoOwn)
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = cpu.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var busy = values[0] + values[1] + values[2] + values[5] + values[6];
            var steal = values[7];
            var total = values.Sum();

            // Fields 14 and 15 of /proc/self/stat: utime and stime, after the command name in parentheses.
            var own = CpuTicks("/proc/self/stat") ?? 0;
            foreach (var pid in alsoOwn)
            {
                own += CpuTicks($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat") ?? 0;
            }

            return new MachineLoad(busy, steal, total, own);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    private static long? CpuTicks(string statFile)
    {
        try
        {
            var stat = File.ReadAllText(statFile);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // a server process that ended meanwhile
        }
    }

    /// <summary>What other processes and the hypervisor took between two readings, as shares of the whole machine.</summary>
    public static (double Others, double Stolen) Between(MachineLoad before, MachineLoad after)
    {
        var total = Math.Max(1, after.TotalTicks - before.TotalTicks);
        var others = (after.BusyTicks - before.BusyTicks) - (after.OwnTicks - before.OwnTicks);
        return (Math.Max(0, others) / (double)total, (after.StealTicks - before.StealTicks) / (double)total);
    }
}
