using System.Buffers;
using System.Text;
using RouteShadow.Cli.Input;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Output;

/// <summary>The table format: each input's <see cref="TableRenderer"/> block, separated by a blank line.</summary>
internal sealed class TableWriter(bool color) : IResultWriter
{
    public void WriteResult(CheckResult result, IBufferWriter<byte> output) => Write(TableRenderer.Render(result, color), output);

    public void WriteResult(Core.Scenarios.Harn.HarnCheckResult result, IBufferWriter<byte> output) => Write(Harn.HarnTableRenderer.Render(result, color), output);

    public void WriteError(InputError error, IBufferWriter<byte> output) => Write(TableRenderer.Render(error, color), output);

    public void WriteResult(Testing.GoModel.GoModelCheckResult result, IBufferWriter<byte> output) => GoModel.GoModelCheckOutput.WriteTable(result, output);

    private static void Write(string block, IBufferWriter<byte> output)
    {
        Encoding.UTF8.GetBytes(block, output);
        output.Write("\n"u8);
    }
}
