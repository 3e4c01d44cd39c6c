using System.Diagnostics;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>The process's working set, and its peak since the last reset (Linux keeps it in VmHWM).</summary>
internal static class ProcessMemory
{
    /// <summary>
    /// Resets the kernel's peak-RSS mark (Linux 4.0+: writing 5 to clear_refs), so that the peak reported is the
    /// measured phase's and not the seeding's. False where that is not possible; the peak then covers the process.
    /// </summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    public static long Peak()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public static long Current()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
