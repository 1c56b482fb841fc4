using System;
using System.Net;
using System.Runtime.InteropServices;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// The few Linux calls the event loop needs (epoll, eventfd, accept4/recv/send/close on a raw descriptor, recvmmsg/sendmmsg for UDP).
    /// Struct-free on purpose: epoll_event is packed to 12 bytes on x64 and 16 on arm64, so events
    /// are read from a byte array with the stride of the running architecture.
    /// </summary>
    internal static class EpollNative
    {
        public const int EINTR = 4;
        public const int EIO = 5;
        public const int EAGAIN = 11;
        public const int EINVAL = 22;
        public const int ENOPROTOOPT = 92;
        public const int EOPNOTSUPP = 95;
        public const int ECONNABORTED = 103;

        public const uint EPOLLIN = 0x001;
        public const uint EPOLLOUT = 0x004;
        public const uint EPOLLERR = 0x008;
        public const uint EPOLLHUP = 0x010;
        public const uint EPOLLEXCLUSIVE = 1u << 28;

        public const int EPOLL_CTL_ADD = 1;
        public const int EPOLL_CTL_DEL = 2;
        public const int EPOLL_CTL_MOD = 3;

        public const int EPOLL_CLOEXEC = 0x80000;
        public const int EFD_NONBLOCK = 0x800;
        public const int EFD_CLOEXEC = 0x80000;

        public const int SOCK_NONBLOCK = 0x800;
        public const int SOCK_CLOEXEC = 0x80000;
        public const int SHUT_RDWR = 2;

        public const int MSG_PEEK = 0x2;
        public const int MSG_DONTWAIT = 0x40;
        public const int MSG_NOSIGNAL = 0x4000;

        public const int AF_INET = 2;
        public const int AF_INET6 = 10;

        public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
        private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

        public static uint EventMask(byte[] events, int index) => BitConverter.ToUInt32(events, index * EventSize);

        public static ulong EventData(byte[] events, int index) => BitConverter.ToUInt64(events, index * EventSize + DataOffset);

        /// <summary>epoll_ctl with the event built in <paramref name="scratch"/> (EventSize bytes).</summary>
        public static int Control(int epfd, int op, int fd, uint mask, ulong data, byte[] scratch)
        {
            Array.Clear(scratch, 0, scratch.Length);
            WriteUInt32(scratch, 0, mask);
            WriteUInt64(scratch, DataOffset, data);
            return epoll_ctl(epfd, op, fd, scratch);
        }

        public static int Errno() => Marshal.GetLastWin32Error();

        /// <summary>Room for a sockaddr_in6 (28 bytes) and then some.</summary>
        public const int SocketAddressSize = 128;

        /// <summary>An IPv4 sockaddr_in packed as address (low 32 bits, network order) and port (bits 32-47); -1 if not IPv4.</summary>
        public static long PackIPv4(byte[] address)
        {
            if ((address[0] | (address[1] << 8)) != AF_INET) return -1;
            uint ip = (uint)(address[4] | (address[5] << 8) | (address[6] << 16) | (address[7] << 24));
            int port = (address[2] << 8) | address[3];
            return ip | ((long)port << 32);
        }

        public static IPEndPoint UnpackIPv4(long packed) => new IPEndPoint(new IPAddress((uint)packed), (int)(packed >> 32));

        /// <summary>A sockaddr_in / sockaddr_in6 as an endpoint; null for any other family.</summary>
        public static IPEndPoint DecodeAddress(byte[] address)
        {
            int family = address[0] | (address[1] << 8);
            if (family == AF_INET) return UnpackIPv4(PackIPv4(address));
            if (family == AF_INET6)
            {
                int port = (address[2] << 8) | address[3];
                var bytes = new byte[16];
                Array.Copy(address, 8, bytes, 0, 16);
                long scope = BitConverter.ToUInt32(address, 24);
                return new IPEndPoint(new IPAddress(bytes, scope), port);
            }
            return null;
        }

        /// <summary>An endpoint as a sockaddr_in / sockaddr_in6 (the inverse of <see cref="DecodeAddress"/>).</summary>
        public static byte[] EncodeAddress(IPEndPoint endPoint)
        {
            bool v4 = endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            var raw = new byte[v4 ? 16 : 28];
            int family = v4 ? AF_INET : AF_INET6;
            raw[0] = (byte)family;
            raw[1] = (byte)(family >> 8);
            raw[2] = (byte)(endPoint.Port >> 8);
            raw[3] = (byte)endPoint.Port;
            var address = endPoint.Address.GetAddressBytes();
            if (v4) Array.Copy(address, 0, raw, 4, 4);
            else
            {
                Array.Copy(address, 0, raw, 8, 16);
                WriteUInt32(raw, 24, (uint)endPoint.Address.ScopeId);
            }
            return raw;
        }

        private static void WriteUInt32(byte[] b, int at, uint v)
        {
            for (int i = 0; i < 4; i++) b[at + i] = (byte)(v >> (8 * i));
        }

        private static void WriteUInt64(byte[] b, int at, ulong v)
        {
            for (int i = 0; i < 8; i++) b[at + i] = (byte)(v >> (8 * i));
        }

        [DllImport("libc", SetLastError = true)]
        public static extern int epoll_create1(int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int epoll_ctl(int epfd, int op, int fd, byte[] ev);

        [DllImport("libc", SetLastError = true)]
        public static extern int epoll_wait(int epfd, byte[] events, int maxevents, int timeout);

        [DllImport("libc", SetLastError = true)]
        public static extern int eventfd(uint initval, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr read(int fd, byte[] buf, IntPtr count);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr write(int fd, byte[] buf, IntPtr count);

        [DllImport("libc", SetLastError = true)]
        public static extern int accept4(int fd, byte[] addr, ref int addrlen, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int shutdown(int fd, int how);

        [DllImport("libc", SetLastError = true)]
        private static extern int setsockopt(int fd, int level, int name, int[] value, int length);

        private const int SOL_SOCKET = 1, SO_LINGER = 13;

        /// <summary>SO_LINGER on with a zero timeout: the next close() sends an RST instead of a FIN.</summary>
        public static void SetLingerZero(int fd) => setsockopt(fd, SOL_SOCKET, SO_LINGER, new[] { 1, 0 }, 8);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr recv(int fd, IntPtr buf, IntPtr len, int flags);

        /// <summary>recv into a managed array (pinned for the call): for the rare peek, not the data path.</summary>
        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr recv(int fd, byte[] buf, IntPtr len, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr send(int fd, IntPtr buf, IntPtr len, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr recvfrom(int fd, IntPtr buf, IntPtr len, int flags, byte[] addr, ref int addrlen);

        [DllImport("libc", SetLastError = true)]
        public static extern int recvmmsg(int fd, IntPtr msgvec, uint vlen, int flags, IntPtr timeout);

        [DllImport("libc", SetLastError = true)]
        public static extern int sendmmsg(int fd, IntPtr msgvec, uint vlen, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr sendto(int fd, IntPtr buf, IntPtr len, int flags, byte[] addr, int addrlen);
    }
}
