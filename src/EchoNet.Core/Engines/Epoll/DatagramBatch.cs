using System;
using System.Runtime.InteropServices;
using static EchoNet.Engines.Epoll.EpollNative;

namespace EchoNet.Engines.Epoll
{
    /// <summary>
    /// One loop's room for UDP in batches: up to <see cref="Capacity"/> datagrams taken with one
    /// recvmmsg and their replies given with one sendmmsg, where a datagram at a time costs two
    /// system calls. Each datagram has a slot of 64 KiB (the largest UDP payload, so nothing is
    /// truncated) and room for its sender's address; replies go out from the slots, to those
    /// addresses. The memory is unmanaged and allocated once per loop that serves UDP: the kernel
    /// gives a page only when it is first written, so small datagrams keep little of it resident.
    /// Loop thread only.
    /// </summary>
    /// <remarks>
    /// The C structures, LP64 (x64 and arm64 alike): iovec { void* base; size_t len } is 16 bytes;
    /// msghdr { void* name; socklen_t namelen; iovec* iov; size_t iovlen; void* control;
    /// size_t controllen; int flags } is 56; mmsghdr { msghdr hdr; unsigned len } is 64.
    /// </remarks>
    internal sealed class DatagramBatch
    {
        public const int Capacity = 16;
        public const int SlotSize = EventLoop.BufferSize;

        private const int IovecSize = 16;
        private const int MmsghdrSize = 64;
        private const int NameOffset = 0, NameLengthOffset = 8, IovOffset = 16, IovLengthOffset = 24, MessageLengthOffset = 56;

        private readonly IntPtr _slots;      // Capacity × SlotSize
        private readonly IntPtr _names;      // Capacity × SocketAddressSize
        private readonly IntPtr _receiveIov; // Capacity × iovec
        private readonly IntPtr _receive;    // Capacity × mmsghdr
        private readonly IntPtr _sendIov;    // Capacity × iovec
        private readonly IntPtr _send;       // Capacity × mmsghdr
        private readonly int[] _sendSlot = new int[Capacity];
        private readonly int[] _sendCount = new int[Capacity];
        private int _staged;

        public DatagramBatch()
        {
            _slots = Marshal.AllocHGlobal(Capacity * SlotSize);
            int small = Capacity * (SocketAddressSize + 2 * IovecSize + 2 * MmsghdrSize);
            IntPtr block = Marshal.AllocHGlobal(small);
            for (int i = 0; i < small; i += 8) Marshal.WriteInt64(block, i, 0);
            _names = block;
            _receiveIov = _names + Capacity * SocketAddressSize;
            _receive = _receiveIov + Capacity * IovecSize;
            _sendIov = _receive + Capacity * MmsghdrSize;
            _send = _sendIov + Capacity * IovecSize;
            for (int k = 0; k < Capacity; k++)
            {
                IntPtr iov = _receiveIov + k * IovecSize;
                Marshal.WriteIntPtr(iov, 0, Slot(k));
                Marshal.WriteInt64(iov, 8, SlotSize);
                IntPtr hdr = _receive + k * MmsghdrSize;
                Marshal.WriteIntPtr(hdr, NameOffset, Name(k));
                Marshal.WriteIntPtr(hdr, IovOffset, iov);
                Marshal.WriteInt64(hdr, IovLengthOffset, 1);
                IntPtr sendHdr = _send + k * MmsghdrSize;
                Marshal.WriteIntPtr(sendHdr, IovOffset, _sendIov + k * IovecSize);
                Marshal.WriteInt64(sendHdr, IovLengthOffset, 1);
            }
        }

        private IntPtr Slot(int k) => _slots + k * SlotSize;
        private IntPtr Name(int k) => _names + k * SocketAddressSize;

        /// <summary>recvmmsg without waiting: the number of datagrams taken, or -1 with errno.</summary>
        public int Receive(int fd)
        {
            for (int k = 0; k < Capacity; k++) Marshal.WriteInt32(_receive + k * MmsghdrSize, NameLengthOffset, SocketAddressSize);
            return recvmmsg(fd, _receive, (uint)Capacity, MSG_DONTWAIT, IntPtr.Zero);
        }

        /// <summary>Datagram <paramref name="k"/> of the last receive: its bytes copied into <paramref name="into"/> (from 0), its sender into <paramref name="peer"/>.</summary>
        public int Take(int k, byte[] into, RawPeer peer)
        {
            IntPtr hdr = _receive + k * MmsghdrSize;
            int length = Marshal.ReadInt32(hdr, MessageLengthOffset);
            Marshal.Copy(Slot(k), into, 0, length);
            ReadPeer(k, peer);
            return length;
        }

        private void ReadPeer(int k, RawPeer peer)
        {
            peer.Reset();
            int nameLength = Math.Min(Marshal.ReadInt32(_receive + k * MmsghdrSize, NameLengthOffset), SocketAddressSize);
            Marshal.Copy(Name(k), peer.Address, 0, nameLength);
            peer.Length = nameLength;
        }

        /// <summary>
        /// Queues the reply to datagram <paramref name="k"/>, to its sender. <paramref name="unchanged"/>:
        /// the reply is the datagram itself, still in its slot; otherwise it is copied there. False when
        /// the queue is full or the reply is larger than a slot: then send it apart.
        /// </summary>
        public bool Stage(int k, ArraySegment<byte> reply, bool unchanged)
        {
            if (_staged == Capacity || reply.Count > SlotSize) return false;
            if (!unchanged) Marshal.Copy(reply.Array, reply.Offset, Slot(k), reply.Count);
            int i = _staged++;
            IntPtr iov = _sendIov + i * IovecSize;
            Marshal.WriteIntPtr(iov, 0, Slot(k));
            Marshal.WriteInt64(iov, 8, reply.Count);
            IntPtr hdr = _send + i * MmsghdrSize;
            Marshal.WriteIntPtr(hdr, NameOffset, Name(k));
            Marshal.WriteInt32(hdr, NameLengthOffset, Marshal.ReadInt32(_receive + k * MmsghdrSize, NameLengthOffset));
            _sendSlot[i] = k;
            _sendCount[i] = reply.Count;
            return true;
        }

        /// <summary>
        /// Sends the queued replies with sendmmsg (as many calls as errors need) and reports each: sent
        /// to <paramref name="path"/>'s count, or failed with its peer (read into <paramref name="peer"/>).
        /// </summary>
        public void Flush(int fd, DatagramPath path, RawPeer peer)
        {
            int done = 0;
            while (done < _staged)
            {
                int sent = sendmmsg(fd, _send + done * MmsghdrSize, (uint)(_staged - done), MSG_DONTWAIT | MSG_NOSIGNAL);
                if (sent <= 0)
                {
                    // The first of the rest failed (a full send buffer, or the peer is unreachable): report it, go on after it.
                    string reason = "errno " + (sent < 0 ? Errno() : EAGAIN);
                    ReadPeer(_sendSlot[done], peer);
                    path.ReplyFailed(_sendCount[done], peer, reason);
                    done++;
                    continue;
                }
                for (int i = done; i < done + sent; i++) path.Replied(_sendCount[i]);
                done += sent;
            }
            _staged = 0;
        }
    }
}
