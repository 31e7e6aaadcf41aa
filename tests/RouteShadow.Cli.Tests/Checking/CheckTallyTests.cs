using RouteShadow.Cli.Checking;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Tests.Checking;

public sealed class CheckTallyTests
{
    [Theory]
    [InlineData(CheckVerdict.Match, 0)]
    [InlineData(CheckVerdict.ExpectedMismatch, 0)]
    [InlineData(CheckVerdict.Mismatch, 1)]
    [InlineData(CheckVerdict.ExpectationFailed, 1)]
    [InlineData(CheckVerdict.EngineError, 1)]
    public void ExitCode_IsOneForEveryFailingVerdictOnly(CheckVerdict verdict, int exitCode)
    {
        var tally = new CheckTally();
        tally.Add(CheckVerdict.Match);
        tally.Add(verdict);

        Assert.Equal(exitCode, tally.ExitCode);
    }

    [Fact]
    public void ExitCode_MalformedInput_OutranksAMismatch()
    {
        var tally = new CheckTally();
        tally.Add(CheckVerdict.Mismatch);
        tally.AddMalformed();

        Assert.Equal(2, tally.ExitCode);
    }

    [Fact]
    public void Add_AnotherTally_SumsEveryCount()
    {
        var total = new CheckTally();
        var part = new CheckTally();
        part.Add(CheckVerdict.ExpectedMismatch);
        part.AddMalformed();

        total.Add(part);
        total.Add(part);

        Assert.Equal(2, total[CheckVerdict.ExpectedMismatch]);
        Assert.Equal(2, total.Malformed);
    }

    [Fact]
    public void ToString_NamesEveryVerdictEvenAtZero()
    {
        var tally = new CheckTally();
        tally.Add(CheckVerdict.Match);
        tally.Add(CheckVerdict.Match);
        tally.Add(CheckVerdict.EngineError);

        Assert.Equal("3 scenarios: 2 match, 0 mismatch, 0 expected mismatch, 0 expectation failed, 1 engine error", tally.ToString());
    }

    [Theory]
    [InlineData(1, "1 malformed line")]
    [InlineData(0, "0 malformed lines")]
    [InlineData(2, "2 malformed lines")]
    public void Count_PluralisesAllButOne(long n, string expected) => Assert.Equal(expected, CheckTally.Count(n, "malformed line"));
}
