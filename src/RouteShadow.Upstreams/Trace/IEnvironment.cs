namespace RouteShadow.Upstreams.Trace;

/// <summary>Reads environment variables; injected so tests never depend on the process environment.</summary>
public interface IEnvironment
{
    string? Get(string name);
}

/// <summary>The process environment.</summary>
public sealed class ProcessEnvironment : IEnvironment
{
    public static ProcessEnvironment Instance { get; } = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
