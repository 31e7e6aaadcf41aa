using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Checking;

/// <summary>Counts of verdicts and malformed inputs, and the exit code they add up to.</summary>
internal sealed class CheckTally
{
    private readonly long[] _verdicts = new long[Enum.GetValues<CheckVerdict>().Length];

    public long Malformed { get; private set; }

    public long Scenarios => _verdicts.Sum();

    /// <summary>Bad input outranks a failed check: a run that could not read everything proves nothing.</summary>
    public int ExitCode =>
        Malformed > 0 ? ExitCodes.InputError
        : this[CheckVerdict.Mismatch] + this[CheckVerdict.ExpectationFailed] + this[CheckVerdict.EngineError] > 0 ? ExitCodes.Failure
        : ExitCodes.Success;

    public long this[CheckVerdict verdict] => _verdicts[(int)verdict];

    public void Add(CheckVerdict verdict) => _verdicts[(int)verdict]++;

    public void AddMalformed() => Malformed++;

    public void Add(CheckTally other)
    {
        for (var i = 0; i < _verdicts.Length; i++)
        {
            _verdicts[i] += other._verdicts[i];
        }

        Malformed += other.Malformed;
    }

    public void Clear()
    {
        System.Array.Clear(_verdicts);
        Malformed = 0;
    }

    /// <summary><c>N scenarios: M match, K mismatch, …</c>, every verdict named even at zero.</summary>
    public override string ToString()
    {
        var counts = Enum.GetValues<CheckVerdict>().Select(v => $"{this[v]} {CheckResultJson.WireName(v).Replace('_', ' ')}");
        return $"{Count(Scenarios, "scenario")}: {string.Join(", ", counts)}";
    }

    public static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
