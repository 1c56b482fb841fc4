using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using EchoNet.Net;
using EchoNet.Server;

namespace EchoNet.Commands
{
    /// <summary>Starts a TCP and/or UDP echo server in the background, or in the foreground with -Wait.</summary>
    [Cmdlet(VerbsLifecycle.Start, "EchoServer")]
    [OutputType(typeof(EchoServer), typeof(EchoServerEvent))]
    public sealed class StartEchoServerCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Address { get; set; } = { "127.0.0.1" };

        [Parameter]
        public EchoProtocol Protocol { get; set; } = EchoProtocol.Tcp;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxConnections { get; set; } = EchoServerOptions.DefaultMaxConnections;

        /// <summary>Seconds a TCP connection may stay silent before it is closed; 0 never closes it.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int IdleTimeout { get; set; } = (int)EchoServerOptions.DefaultIdleTimeout.TotalSeconds;

        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void EndProcessing()
        {
            var addresses = new IPAddress[Address.Length];
            for (int i = 0; i < Address.Length; i++)
            {
                addresses[i] = ListenAddresses.Parse(Address[i]);
                if (addresses[i] == null)
                    ThrowTerminatingError(NetErrors.InvalidArgument("InvalidListenAddress",
                        $"'{Address[i]}' is not a local IP address. Use an address literal such as 127.0.0.1 or ::1, 'localhost', or '*' for every address.",
                        Address[i]));
                if (ListenAddresses.IsAny(addresses[i]))
                    WriteWarning($"Listening on every network address ({Address[i]}): any host that can reach this machine can use the echo server.");
            }

            var options = new EchoServerOptions
            {
                Addresses = addresses,
                Port = Port,
                Protocol = Protocol,
                MaxConnections = MaxConnections,
                IdleTimeout = TimeSpan.FromSeconds(IdleTimeout),
            };

            EchoServer server;
            try
            {
                server = EchoServer.Start(options);
            }
            catch (NetException e)
            {
                ThrowTerminatingError(NetErrors.ToErrorRecord(e, Port));
                return;
            }

            WriteObject(server);
            if (Wait) RunInForeground(server);
        }

        /// <summary>Writes the server's events until Ctrl+C or Stop-EchoServer, then stops it.</summary>
        private void RunInForeground(EchoServer server)
        {
            // Socket threads only queue events; this (the pipeline) thread writes them.
            using (var events = new BlockingCollection<EchoServerEvent>())
            {
                EventHandler<EchoServerEvent> onActivity = (_, e) =>
                {
                    try { events.Add(e); } catch (InvalidOperationException) { }
                };
                server.Activity += onActivity;
                try
                {
                    if (server.State == EchoServerState.Stopped) return;
                    foreach (var e in events.GetConsumingEnumerable(_stop.Token))
                    {
                        WriteObject(e);
                        if (e.Kind == EchoServerEventKind.Stopped) break;
                    }
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C or Stop-Job: fall through and stop the server.
                }
                finally
                {
                    server.Activity -= onActivity;
                    events.CompleteAdding();
                    server.Stop();
                }
            }
        }

        protected override void StopProcessing() => _stop.Cancel();
    }
}
