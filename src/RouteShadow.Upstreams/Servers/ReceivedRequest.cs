namespace RouteShadow.Upstreams.Servers;

/// <summary>A request an upstream server received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Body);
