using System.Security.Cryptography;
using System.Text;

namespace RouteShadow.Traces.Triage;

/// <summary>Where one mismatch of a group was logged, so a person can find it.</summary>
public sealed record Exemplar(string? TraceId, string File, long Line, long TsMs);

/// <summary>
/// The mismatches of one signature: how many, when first and last seen, the first few by position,
/// the first one whole and what re-running it showed. Memory stays the same however many
/// events join.
/// </summary>
public sealed class TriageGroup
{
    /// <summary>How many exemplars a group keeps.</summary>
    public const int KeptExemplars = 5;

    private readonly List<Exemplar> _exemplars = [];

    internal TriageGroup(string signature, MismatchEvent sample, Reproduction reproduction)
    {
        Signature = signature;
        Sample = sample;
        Reproduction = reproduction;
        Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature)))[..10];
        FirstSeenMs = LastSeenMs = sample.TsMs;
    }

    public string Signature { get; }

    /// <summary>A short name derived from the signature alone: the same on every run and every machine.</summary>
    public string Id { get; }

    public MismatchEvent Sample { get; }

    public long Count { get; private set; }

    public long FirstSeenMs { get; private set; }

    public long LastSeenMs { get; private set; }

    public IReadOnlyList<Exemplar> Exemplars => _exemplars;

    /// <summary>What re-running the first event through the C# engines showed; the same for every event of the group.</summary>
    public Reproduction Reproduction { get; }

    internal void Add(MismatchEvent mismatch)
    {
        Count++;
        FirstSeenMs = Math.Min(FirstSeenMs, mismatch.TsMs);
        LastSeenMs = Math.Max(LastSeenMs, mismatch.TsMs);
        if (_exemplars.Count < KeptExemplars)
        {
            _exemplars.Add(new Exemplar(mismatch.TraceId, mismatch.File, mismatch.Line, mismatch.TsMs));
        }
    }
}
