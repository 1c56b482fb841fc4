using System.Collections.Generic;

namespace EchoNet
{
    /// <summary>
    /// What one component matched (the Standard's URLPatternComponentResult): the component's input
    /// and its groups in pattern order, by name ("0", "1" ... for unnamed ones). A group that took
    /// no part in the match (an optional one) has the value null.
    /// </summary>
    public sealed class UrlPatternComponentResult
    {
        internal UrlPatternComponentResult(string input, IReadOnlyList<string> names, string[] values)
        {
            Input = input;
            var groups = new List<KeyValuePair<string, string>>(names.Count);
            for (int i = 0; i < names.Count; i++) groups.Add(new KeyValuePair<string, string>(names[i], values[i]));
            Groups = groups;
        }

        public string Input { get; }

        /// <summary>The groups in the order the pattern names them.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Groups { get; }

        /// <summary>The value of the group <paramref name="name"/>; null when it took no part or does not exist.</summary>
        public string this[string name]
        {
            get
            {
                foreach (var group in Groups)
                    if (group.Key == name) return group.Value;
                return null;
            }
        }

        /// <summary>The input, then the groups in braces when there are any: "/books/7 {id=7}".</summary>
        public override string ToString()
        {
            if (Groups.Count == 0) return Input;
            var parts = new List<string>(Groups.Count);
            foreach (var group in Groups) parts.Add(group.Key + "=" + (group.Value ?? "(none)"));
            return Input + " {" + string.Join("; ", parts) + "}";
        }
    }

    /// <summary>The result of <see cref="UrlPattern.Exec(string, string)"/>: the inputs and each component's match.</summary>
    public sealed class UrlPatternResult
    {
        internal UrlPatternResult(IReadOnlyList<object> inputs, UrlPatternComponentResult[] components)
        {
            Inputs = inputs;
            Protocol = components[0];
            Username = components[1];
            Password = components[2];
            Hostname = components[3];
            Port = components[4];
            Pathname = components[5];
            Search = components[6];
            Hash = components[7];
        }

        /// <summary>The input as given (a string or a <see cref="UrlPatternInit"/>), then the base URL string if one was given.</summary>
        public IReadOnlyList<object> Inputs { get; }

        public UrlPatternComponentResult Protocol { get; }
        public UrlPatternComponentResult Username { get; }
        public UrlPatternComponentResult Password { get; }
        public UrlPatternComponentResult Hostname { get; }
        public UrlPatternComponentResult Port { get; }
        public UrlPatternComponentResult Pathname { get; }
        public UrlPatternComponentResult Search { get; }
        public UrlPatternComponentResult Hash { get; }

        /// <summary>The component results in the Standard's order (protocol ... hash).</summary>
        public IReadOnlyList<UrlPatternComponentResult> Components => new[] { Protocol, Username, Password, Hostname, Port, Pathname, Search, Hash };

        /// <summary>
        /// The named groups of every component, in component order, for a flat view (e.g. a table
        /// row). Unnamed groups ("0", "1" ...) are left out; a name used in two components keeps
        /// its first value that took part.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> NamedGroups
        {
            get
            {
                var list = new List<KeyValuePair<string, string>>();
                var seen = new HashSet<string>();
                foreach (var component in Components)
                {
                    foreach (var group in component.Groups)
                    {
                        if (group.Key.Length > 0 && group.Key[0] >= '0' && group.Key[0] <= '9') continue;
                        if (seen.Add(group.Key)) list.Add(group);
                        else if (group.Value != null)
                        {
                            int at = list.FindIndex(g => g.Key == group.Key);
                            if (list[at].Value == null) list[at] = group;
                        }
                    }
                }
                return list;
            }
        }
    }
}
