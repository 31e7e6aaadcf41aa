using System.Buffers;
using RouteShadow.Cli.Input;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Output;

/// <summary>
/// Writes one entry of stdout per input, as UTF-8. Called from several threads at once, each with
/// its own buffer, so implementations keep no state between calls.
/// </summary>
internal interface IResultWriter
{
    void WriteResult(CheckResult result, IBufferWriter<byte> output);

    void WriteResult(Testing.GoModel.GoModelCheckResult result, IBufferWriter<byte> output);

    void WriteResult(Core.Scenarios.Harn.HarnCheckResult result, IBufferWriter<byte> output);

    void WriteError(InputError error, IBufferWriter<byte> output);
}
