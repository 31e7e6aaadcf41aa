using Serilog;
using Serilog.Core;
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
        var configuration = new LoggerConfiguration().MinimumLevel.Information();
        return (streams.IsProcessConsole
                ? configuration.WriteTo.Console(
                    outputTemplate: Template,
                    standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose,
                    theme: AnsiConsoleTheme.Sixteen,
                    applyThemeToRedirectedOutput: false,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                : configuration.WriteTo.Sink(new TextWriterSink(streams.Error, new MessageTemplateTextFormatter(Template, System.Globalization.CultureInfo.InvariantCulture))))
            .CreateLogger();
    }
}
