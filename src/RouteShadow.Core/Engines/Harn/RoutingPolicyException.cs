namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// A config <c>routing_policy(...)</c> rejects, with harn's message and the value it is about
/// (whose <see cref="PolicyValue.Origin"/> locates it in a file).
/// </summary>
public sealed class RoutingPolicyException(string message, PolicyValue at) : Exception(message)
{
    public PolicyValue At { get; } = at;
}
