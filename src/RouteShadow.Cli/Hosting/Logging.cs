using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Sinks.SystemConsole.Themes;

namespace RouteShadow.Cli.Hosting;

/// <summary>The Serilog logger: one line per event on stderr, never an exception's stack trace.</summary>
internal static class Logging
{
    // No {Exception} in the template: a user sees one line per problem, not a stack trace.
    private const string Template = "[{Level:u3}] {Message:lj}{NewLine}";

    public static Logger Create(StandardStreams streams)
    {
        var sinks = new LoggerConfiguration().MinimumLevel.Information().WriteTo;
        var configuration = streams.IsProcessConsole
            ? sinks.Console(
                outputTemplate: Template,
                formatProvider: CultureInfo.InvariantCulture,
                standardErrorFromLevel: LogEventLevel.Verbose,
                theme: AnsiConsoleTheme.Sixteen)
            : sinks.Sink(new TextWriterSink(streams.Error, new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture)));
        return configuration.CreateLogger();
    }
}
