using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace RouteShadow.Testing.Tests.Support;

/// <summary>
/// How the property tests run: in CI a fixed number of cases from a fixed seed, so a run passes or
/// fails the same way every time; with <c>ROUTESHADOW_LONG_PROPERTIES=1</c>, a hundred times as many.
/// </summary>
internal static class PropertyRuns
{
    public const string LongRunSwitch = "ROUTESHADOW_LONG_PROPERTIES";

    private const int CiCases = 200;
    private const int LongCases = 20_000;

    /// <summary>Any odd gamma will do; this one is SplitMix's.</summary>
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public static bool IsLong => Environment.GetEnvironmentVariable(LongRunSwitch) == "1";

    /// <summary>Checks <paramref name="property"/>, throwing with FsCheck's report (seed, size, shrunk case) when it fails.</summary>
    public static void Check(Property property, ulong seed)
    {
        var config = Config.QuickThrowOnFailure
            .WithQuietOnSuccess(true)
            .WithMaxTest(IsLong ? LongCases : CiCases)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, Gamma), FSharpOption<int>.None)));
        FsCheck.Check.One(config, property);
    }
}
