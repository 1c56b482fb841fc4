using System;
using System.Collections.Generic;
using System.Management.Automation;
using EchoNet.Server;

namespace EchoNet.Binding
{
    /// <summary>
    /// The fault parameters Start-EchoServer and Set-EchoServer share, turned into an
    /// <see cref="EchoFaults"/> in one place: only the parameters the user gave change the faults.
    /// </summary>
    internal static class FaultParameters
    {
        /// <summary>The parameter names, as both cmdlets declare them.</summary>
        public static readonly string[] Names =
        {
            "Latency", "Jitter", "Bandwidth", "Slice", "SliceDelay", "LimitData", "ResetAfter", "Blackhole",
            "BlackholeTimeout", "SlowClose", "FaultDirection", "FaultRate", "DropRate", "DuplicateRate", "ReorderRate",
        };

        /// <summary>True when any fault parameter was given.</summary>
        public static bool AnyGiven(IDictionary<string, object> bound)
        {
            foreach (var name in Names) if (bound.ContainsKey(name)) return true;
            return false;
        }

        /// <summary><paramref name="faults"/> with the given parameters applied (a new object).</summary>
        public static EchoFaults Apply(EchoFaults faults, IDictionary<string, object> bound)
        {
            var result = (faults ?? EchoFaults.None).Clone();
            foreach (var pair in bound)
            {
                var value = pair.Value is PSObject wrapped ? wrapped.BaseObject : pair.Value;
                switch (pair.Key)
                {
                    case "Latency": result.Latency = Convert.ToInt32(value); break;
                    case "Jitter": result.Jitter = Convert.ToInt32(value); break;
                    case "Bandwidth": result.Bandwidth = Convert.ToInt64(value); break;
                    case "Slice": result.Slice = Convert.ToInt32(value); break;
                    case "SliceDelay": result.SliceDelay = Convert.ToInt32(value); break;
                    case "LimitData": result.LimitData = Convert.ToInt64(value); break;
                    case "ResetAfter": result.ResetAfter = Convert.ToInt64(value); break;
                    case "Blackhole": result.Blackhole = ((SwitchParameter)value).IsPresent; break;
                    case "BlackholeTimeout": result.BlackholeTimeout = Convert.ToInt32(value); break;
                    case "SlowClose": result.SlowClose = Convert.ToInt32(value); break;
                    case "FaultDirection": result.Direction = (FaultDirection)value; break;
                    case "FaultRate": result.FaultRate = Convert.ToDouble(value); break;
                    case "DropRate": result.DropRate = Convert.ToDouble(value); break;
                    case "DuplicateRate": result.DuplicateRate = Convert.ToDouble(value); break;
                    case "ReorderRate": result.ReorderRate = Convert.ToDouble(value); break;
                }
            }
            return result;
        }
    }
}
