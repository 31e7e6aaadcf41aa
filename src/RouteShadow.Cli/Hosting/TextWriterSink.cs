using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace RouteShadow.Cli.Hosting;

/// <summary>Writes log events to a <see cref="TextWriter"/>: stderr when the app runs in-process (tests).</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
        }
    }
}
