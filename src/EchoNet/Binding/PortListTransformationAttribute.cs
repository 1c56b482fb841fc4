using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using EchoNet.Addressing;

namespace EchoNet.Binding
{
    /// <summary>
    /// Lets -Port take ranges as typed: -Port 1-1024, -Port 80,443,8000-8100, -Port 7195..7210
    /// (in argument mode these arrive as strings, or as a list mixing numbers and strings); numbers
    /// pass through. Parsing is <see cref="PortList"/>'s.
    /// </summary>
    internal sealed class PortListTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var ports = new List<int>();
            var items = Unwrap(inputData) is IEnumerable list && !(Unwrap(inputData) is string) ? list : new[] { inputData };
            foreach (var element in items)
            {
                var item = Unwrap(element);
                if (item == null) continue;
                if (item is int || item is long || item is short || item is byte)
                {
                    ports.Add(System.Convert.ToInt32(item)); // range checked by ValidateRange after this
                    continue;
                }
                if (!PortList.TryAdd(item.ToString(), ports, out var problem))
                    throw new ArgumentTransformationMetadataException(problem);
            }
            return ports.ToArray();
        }

        private static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;
    }
}
