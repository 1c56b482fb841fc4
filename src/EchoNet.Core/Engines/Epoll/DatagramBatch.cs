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
        private const int NameOffset = 0, NameLengthOffset = 8, IovOffset = 16, IovLengthOffset = 24, ControlOffset = 32, ControlLengthOffset = 40, MessageLengthOffset = 56;

        private readonly IntPtr _slots;      // Capacity × SlotSize
        private readonly IntPtr _names;      // Capacity × SocketAddressSize
        private readonly IntPtr _receiveIov; // Capacity × iovec
        private readonly IntPtr _receive;    // Capacity × mmsghdr
        private readonly IntPtr _sendIov;    // Capacity × iovec: one per staged reply, a group's consecutive
        private readonly IntPtr _send;       // Capacity × mmsghdr: one per group
        private readonly IntPtr _control;    // Capacity × ControlSize: a group's UDP_SEGMENT message
        private readonly int[] _sendSlot = new int[Capacity];
        private readonly int[] _sendCount = new int[Capacity];
        private readonly int[] _groupStart = new int[Capacity + 1];
        private int _staged;

        // UDP generic segmentation offload (Linux 4.18+): replies of one size to one peer go out as
        // one message that the kernel cuts into datagrams (cmsg SOL_UDP / UDP_SEGMENT, the size as a
        // u16), so the route, the socket and the IP layer are passed once for the group. Off for good
        // once the kernel refuses it.
        private const int SOL_UDP = 17, UDP_SEGMENT = 103;
        private const int ControlSize = 24;   // CMSG_SPACE(sizeof(u16)) on LP64
        private const int MaxSegments = 64;   // UDP_MAX_SEGMENTS
        private const int MaxGroupBytes = 60000;
        // A segment must fit the route's MTU or the kernel refuses the message: small replies only
        // (IPv6's minimum MTU of 1280 less its headers), which is where batching pays.
        private const int MaxSegmentBytes = 1200;
        private static bool s_segmentationRefused;

        public DatagramBatch()
        {
            _slots = Marshal.AllocHGlobal(Capacity * SlotSize);
            int small = Capacity * (SocketAddressSize + 2 * IovecSize + 2 * MmsghdrSize + ControlSize);
            IntPtr block = Marshal.AllocHGlobal(small);
            for (int i = 0; i < small; i += 8) Marshal.WriteInt64(block, i, 0);
            _names = block;
            _receiveIov = _names + Capacity * SocketAddressSize;
            _receive = _receiveIov + Capacity * IovecSize;
            _sendIov = _receive + Capacity * MmsghdrSize;
            _send = _sendIov + Capacity * IovecSize;
            _control = _send + Capacity * MmsghdrSize;
            for (int k = 0; k < Capacity; k++)
            {
                IntPtr iov = _receiveIov + k * IovecSize;
                Marshal.WriteIntPtr(iov, 0, Slot(k));
                Marshal.WriteInt64(iov, 8, SlotSize);
                IntPtr hdr = _receive + k * MmsghdrSize;
                Marshal.WriteIntPtr(hdr, NameOffset, Name(k));
                Marshal.WriteIntPtr(hdr, IovOffset, iov);
                Marshal.WriteInt64(hdr, IovLengthOffset, 1);
                IntPtr control = _control + k * ControlSize;
                Marshal.WriteInt64(control, 0, 18); // cmsg_len = CMSG_LEN(2)
                Marshal.WriteInt32(control, 8, SOL_UDP);
                Marshal.WriteInt32(control, 12, UDP_SEGMENT);
            }
        }

        private IntPtr Slot(int k) => _slots + k * SlotSize;
        private IntPtr Name(int k) => _names + k * SocketAddressSize;

        /// <summary>recvmmsg without waiting: the number of datagrams taken, or -1 with errno.</summary>
        public int Receive(int fd)
        {
            _staged = 0; // nothing queued for another socket survives a handler that failed midway
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
        /// the reply is larger than a slot: then send it apart.
        /// </summary>
        public bool Stage(int k, ArraySegment<byte> reply, bool unchanged)
        {
            if (_staged == Capacity || reply.Count > SlotSize) return false;
            if (!unchanged) Marshal.Copy(reply.Array, reply.Offset, Slot(k), reply.Count);
            int i = _staged++;
            IntPtr iov = _sendIov + i * IovecSize;
            Marshal.WriteIntPtr(iov, 0, Slot(k));
            Marshal.WriteInt64(iov, 8, reply.Count);
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
            if (_staged == 0) return;
            int groups = Group(!s_segmentationRefused);
            int done = 0;
            while (done < groups)
            {
                int sent = sendmmsg(fd, _send + done * MmsghdrSize, (uint)(groups - done), MSG_DONTWAIT | MSG_NOSIGNAL);
                if (sent <= 0)
                {
                    int errno = sent < 0 ? Errno() : EAGAIN;
                    if (_groupStart[done + 1] - _groupStart[done] > 1 && (errno == EINVAL || errno == ENOPROTOOPT || errno == EOPNOTSUPP || errno == EIO))
                    {
                        // This kernel (or route) does not segment: send the rest one datagram at a time, from now on always.
                        s_segmentationRefused = true;
                        int from = _groupStart[done];
                        Regroup(from);
                        groups = Group(false);
                        done = 0;
                        continue;
                    }
                    // The group's first datagram failed (a full send buffer, or the peer is unreachable): report the group, go on after it.
                    string reason = "errno " + errno;
                    for (int i = _groupStart[done]; i < _groupStart[done + 1]; i++)
                    {
                        ReadPeer(_sendSlot[i], peer);
                        path.ReplyFailed(_sendCount[i], peer, reason);
                    }
                    done++;
                    continue;
                }
                for (int i = _groupStart[done]; i < _groupStart[done + sent]; i++) path.Replied(_sendCount[i]);
                done += sent;
            }
            _staged = 0;
        }

        /// <summary>Moves staged replies [from, staged) to the front, for a regrouping after a refusal.</summary>
        private void Regroup(int from)
        {
            if (from == 0) return;
            for (int i = from; i < _staged; i++)
            {
                _sendSlot[i - from] = _sendSlot[i];
                _sendCount[i - from] = _sendCount[i];
                Marshal.WriteIntPtr(_sendIov + (i - from) * IovecSize, 0, Slot(_sendSlot[i]));
                Marshal.WriteInt64(_sendIov + (i - from) * IovecSize, 8, _sendCount[i]);
            }
            _staged -= from;
        }

        /// <summary>
        /// One message per run of staged replies of one size to one peer (with <paramref name="segment"/>),
        /// else one per reply; returns how many. <see cref="_groupStart"/>[g] is group g's first reply.
        /// </summary>
        private int Group(bool segment)
        {
            int groups = 0;
            for (int i = 0; i < _staged;)
            {
                int first = i++;
                int size = _sendCount[first];
                if (segment && size <= MaxSegmentBytes)
                    while (i < _staged && i - first < MaxSegments && _sendCount[i] == size && (i - first + 1) * size <= MaxGroupBytes
                        && SameName(_sendSlot[first], _sendSlot[i])) i++;
                int k = _sendSlot[first];
                IntPtr hdr = _send + groups * MmsghdrSize;
                Marshal.WriteIntPtr(hdr, NameOffset, Name(k));
                Marshal.WriteInt32(hdr, NameLengthOffset, NameLength(k));
                Marshal.WriteIntPtr(hdr, IovOffset, _sendIov + first * IovecSize);
                Marshal.WriteInt64(hdr, IovLengthOffset, i - first);
                if (i - first > 1)
                {
                    IntPtr control = _control + groups * ControlSize;
                    Marshal.WriteInt16(control, 16, (short)size);
                    Marshal.WriteIntPtr(hdr, ControlOffset, control);
                    Marshal.WriteInt64(hdr, ControlLengthOffset, ControlSize);
                }
                else
                {
                    Marshal.WriteIntPtr(hdr, ControlOffset, IntPtr.Zero);
                    Marshal.WriteInt64(hdr, ControlLengthOffset, 0);
                }
                _groupStart[groups++] = first;
            }
            _groupStart[groups] = _staged;
            return groups;
        }

        private int NameLength(int k) => Marshal.ReadInt32(_receive + k * MmsghdrSize, NameLengthOffset);

        /// <summary>Whether datagrams <paramref name="a"/> and <paramref name="b"/> came from the same address.</summary>
        private bool SameName(int a, int b)
        {
            int length = NameLength(a);
            if (length != NameLength(b)) return false;
            IntPtr x = Name(a), y = Name(b);
            int at = 0;
            for (; at + 8 <= length; at += 8)
                if (Marshal.ReadInt64(x, at) != Marshal.ReadInt64(y, at)) return false;
            for (; at < length; at++)
                if (Marshal.ReadByte(x, at) != Marshal.ReadByte(y, at)) return false;
            return true;
        }
    }
}
