using System;

namespace EchoNet.Bench
{
    /// <summary>Durations and sizes of a full run and of the quick pass (<c>-Quick</c>).</summary>
    internal sealed class Settings
    {
        public TimeSpan WarmUp;
        public TimeSpan Round;
        public int Rounds;
        public int IdleConnections;
        public int UrlCorpus;
        public int UrlRounds;
        /// <summary>Both parsers' interleaved passes before the timed ones: the timed passes keep getting faster until tiering is done.</summary>
        public TimeSpan UrlWarmUp;
        public int PipelineCorpus;
        public int PipelineRounds;
        public int SendRounds;
        public int SoakConnections = 1000;
        public TimeSpan SoakDuration = TimeSpan.FromSeconds(60);
        public int SoakMessageBytes = 512;

        public static Settings For(bool quick) => quick
            ? new Settings { WarmUp = TimeSpan.FromSeconds(0.5), Round = TimeSpan.FromSeconds(1), Rounds = 4, IdleConnections = 10_000, UrlCorpus = 50_000, UrlRounds = 3, UrlWarmUp = TimeSpan.FromSeconds(2), PipelineCorpus = 100_000, PipelineRounds = 5, SendRounds = 2 }
            : new Settings { WarmUp = TimeSpan.FromSeconds(2), Round = TimeSpan.FromSeconds(2), Rounds = 7, IdleConnections = 10_000, UrlCorpus = 60_000, UrlRounds = 9, UrlWarmUp = TimeSpan.FromSeconds(6), PipelineCorpus = 100_000, PipelineRounds = 7, SendRounds = 5 };
    }
}
