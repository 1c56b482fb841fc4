using System;
using System.Collections.Generic;
using System.Text;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// The proposed generate(): a component's text from group values. Only fixed text and plain
    /// named groups can be written back; each value goes through the component's encoding callback
    /// and must then fit the group (non-empty, without the component's delimiter).
    /// </summary>
    internal static class PatternGenerator
    {
        public static string Generate(UrlPatternComponent component, IReadOnlyDictionary<string, string> groups)
        {
            var result = new StringBuilder();
            foreach (var part in component.Parts)
            {
                if (part.Modifier != PatternModifier.None) throw new ArgumentException("A pattern with optional or repeated parts cannot be generated.");
                if (part.Type == PatternPartType.FixedText)
                {
                    result.Append(part.Value);
                    continue;
                }
                if (part.Type != PatternPartType.SegmentWildcard) throw new ArgumentException("A pattern with wildcards or regexp groups cannot be generated.");
                if (groups == null || !groups.TryGetValue(part.Name, out string value) || value == null)
                    throw new ArgumentException($"No value for the group '{part.Name}'.");
                string encoded;
                try
                {
                    encoded = component.Encoding(value);
                }
                catch (UrlPatternFormatException e)
                {
                    throw new ArgumentException($"The value '{value}' for '{part.Name}' is not valid here: {e.Reason}");
                }
                if (encoded.Length == 0 || (component.Options.Delimiter.Length > 0 && encoded.Contains(component.Options.Delimiter)))
                    throw new ArgumentException($"The value '{value}' does not fit the group '{part.Name}'.");
                result.Append(part.Prefix).Append(encoded).Append(part.Suffix);
            }
            return result.ToString();
        }
    }
}
