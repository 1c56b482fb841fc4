using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EchoNet.Binding
{
    /// <summary>Loads a server certificate from a PFX file; failures come back as ErrorRecords.</summary>
    internal static class CertificateLoader
    {
        public static X509Certificate2 FromPfx(string path, SecureString password, out ErrorRecord error)
        {
            error = null;
            if (!File.Exists(path))
            {
                error = new ErrorRecord(new FileNotFoundException($"The certificate file '{path}' does not exist.", path),
                    "CertificateNotFound", ErrorCategory.ObjectNotFound, path);
                return null;
            }
            IntPtr plain = password == null ? IntPtr.Zero : Marshal.SecureStringToGlobalAllocUnicode(password);
            try
            {
                var certificate = new X509Certificate2(path, plain == IntPtr.Zero ? null : Marshal.PtrToStringUni(plain),
                    X509KeyStorageFlags.Exportable);
                if (!certificate.HasPrivateKey)
                {
                    error = new ErrorRecord(new ArgumentException($"The certificate in '{path}' has no private key; a TLS server needs one."),
                        "CertificateHasNoPrivateKey", ErrorCategory.InvalidArgument, path);
                    return null;
                }
                return certificate;
            }
            catch (CryptographicException e)
            {
                error = new ErrorRecord(new SecurityException($"Cannot load the certificate in '{path}': {e.Message} (wrong -CertificatePassword?)", e),
                    "CertificateLoadFailed", ErrorCategory.SecurityError, path);
                return null;
            }
            finally
            {
                if (plain != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(plain);
            }
        }
    }
}
