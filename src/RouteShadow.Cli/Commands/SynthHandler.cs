using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Output;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Synth;

namespace RouteShadow.Cli.Commands;

/// <summary>Runs <c>routeshadow synth</c>: the files in <c>--out</c>, what was written on stdout.</summary>
internal sealed class SynthHandler(StandardStreams streams, TimeProvider clock, ILogger<SynthHandler> logger)
{
    public int Run(SynthCommandOptions options, CancellationToken cancellationToken)
    {
        if (options.Synth.ConfigPath is { } config && !File.Exists(config))
        {
            throw new UsageException($"{config}: no such config");
        }

        var started = clock.GetTimestamp();
        SynthResult result;
        try
        {
            result = TraceSynthesizer.Write(options.Synth, options.Out, cancellationToken);
        }
        catch (ConfigException ex)
        {
            throw new UsageException(ex.Message);
        }

        logger.LogInformation("generated {Requests} requests and {Events} trace events in {Elapsed:0.0} s",
            result.Requests, result.TraceEvents, clock.GetElapsedTime(started).TotalSeconds);
        var text = options.Format == OutputFormat.Table
            ? string.Create(CultureInfo.InvariantCulture, $"synth: {result.Requests:N0} requests, {result.TraceEvents:N0} trace events -> {result.RequestsPath}, {result.TracePath} (config {result.ConfigPath})\n")
            : Json(result) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();
        return ExitCodes.Success;
    }

    private static string Json(SynthResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("requests", result.Requests);
            writer.WriteNumber("trace_events", result.TraceEvents);
            writer.WriteString("requests_file", result.RequestsPath);
            writer.WriteString("trace_file", result.TracePath);
            writer.WriteString("config", result.ConfigPath);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
