using System.Diagnostics;
using System.Threading.Tasks;
using System.Threading;
using System;
using EchoNet.Errors;

namespace EchoNet.Timing
{
    /// <summary>Bounded waits: every wait in EchoNet ends at a deadline or on cancellation.</summary>
    public static class Waits
    {
        /// <summary>Waits for a task; throws Timeout or Canceled instead of waiting longer.</summary>
        public static void Wait(Task task, int timeoutMs, CancellationToken cancel, string what)
        {
            try
            {
                if (!task.Wait(timeoutMs, cancel))
                    throw new NetException(NetErrorKind.Timeout, $"{what} timed out after {timeoutMs} ms.");
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new NetException(NetErrorKind.Canceled, $"{what} was canceled.");
            }
            catch (AggregateException)
            {
                // The caller inspects task.Exception for the real failure.
            }
        }

        /// <summary>Milliseconds left until a Stopwatch deadline, never negative.</summary>
        public static int Remaining(long deadlineTimestamp)
        {
            long left = deadlineTimestamp - Stopwatch.GetTimestamp();
            if (left <= 0) return 0;
            double ms = left * 1000.0 / Stopwatch.Frequency;
            return ms >= int.MaxValue ? int.MaxValue : (int)Math.Ceiling(ms);
        }

        public static long Deadline(int timeoutMs)
        {
            return Stopwatch.GetTimestamp() + (long)timeoutMs * Stopwatch.Frequency / 1000;
        }

        public static double ElapsedMs(long startTimestamp)
        {
            return (Stopwatch.GetTimestamp() - startTimestamp) * 1000.0 / Stopwatch.Frequency;
        }
    }
}
