using System.Management.Automation;
using System.Text;
using EchoNet.Text;

namespace EchoNet.Binding
{
    /// <summary>Lets -Encoding take a name (utf8, ascii, latin1…), a code page or an Encoding object.</summary>
    internal sealed class EncodingTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value is Encoding) return value;
            var text = value?.ToString();
            return TextEncodings.Find(text)
                ?? throw new ArgumentTransformationMetadataException(
                    $"'{text}' is not an encoding. Use one of: {string.Join(", ", TextEncodings.Names)}, a web name or a code page.");
        }
    }
}
