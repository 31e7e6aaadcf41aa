using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Synth;
using RouteShadow.Upstreams.Trace;

namespace RouteShadow.Cli.Commands;

/// <summary>Runs <c>routeshadow synth</c>: the files in <c>--out</c>, what was written on stdout.</summary>
internal sealed class SynthHandler(StandardStreams streams, TimeProvider clock, ShadowRunner runner, ILogger<SynthHandler> logger)
{
    public int Run(SynthCommandOptions options, CancellationToken cancellationToken)
    {
        if (options.Staging is { } staging)
        {
            return RunStaging(staging, options, cancellationToken);
        }

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

    private int RunStaging(StagingOptions staging, SynthCommandOptions options, CancellationToken cancellationToken)
    {
        var result = StagingTraceSynthesizer.Write(staging, options.Out, runner, ShadowMismatchTrace.Line, cancellationToken);
        logger.LogInformation("generated {Events} shadow mismatch events and {Malformed} damaged lines", result.Mismatches, result.MalformedLines);
        var text = options.Format == OutputFormat.Table
            ? string.Create(CultureInfo.InvariantCulture, $"synth: {result.Mismatches:N0} shadow mismatch events, {result.MalformedLines} damaged lines -> {string.Join(", ", result.Files)} (config {result.ConfigPath})\n")
            : Json(w =>
            {
                w.WriteNumber("shadow_mismatches", result.Mismatches);
                w.WriteNumber("malformed_lines", result.MalformedLines);
                w.WriteStartArray("trace_files");
                foreach (var file in result.Files)
                {
                    w.WriteStringValue(file);
                }

                w.WriteEndArray();
                w.WriteString("config", result.ConfigPath);
            }) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();
        return ExitCodes.Success;
    }

    private static string Json(SynthResult result) => Json(writer =>
    {
        writer.WriteNumber("requests", result.Requests);
        writer.WriteNumber("trace_events", result.TraceEvents);
        writer.WriteString("requests_file", result.RequestsPath);
        writer.WriteString("trace_file", result.TracePath);
        writer.WriteString("config", result.ConfigPath);
    });

    private static string Json(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
