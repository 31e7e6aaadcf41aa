namespace RouteShadow.Core.ModelRouting;

/// <summary>codex-helper's <c>is_model_supported</c>: may an upstream serve a requested model?</summary>
public static class ModelSupport
{
    /// <summary>
    /// True when both maps are empty, or any key of either map matches the model exactly or as a
    /// wildcard. The bool values of <paramref name="supportedModels"/> are ignored except for an
    /// exact <c>true</c> — and even a <c>false</c> key matches itself as a pattern, so they never
    /// exclude anything.
    /// </summary>
    public static bool IsSupported(
        IReadOnlyDictionary<string, bool> supportedModels,
        IReadOnlyDictionary<string, string> modelMapping,
        string model)
    {
        if (supportedModels.Count == 0 && modelMapping.Count == 0)
        {
            return true;
        }

        if (supportedModels.TryGetValue(model, out var flag) && flag)
        {
            return true;
        }

        // Over the entries rather than .Keys: a key view costs a projection on every call.
        foreach (var (pattern, _) in supportedModels)
        {
            if (Wildcard.Matches(pattern, model))
            {
                return true;
            }
        }

        if (modelMapping.ContainsKey(model))
        {
            return true;
        }

        foreach (var (pattern, _) in modelMapping)
        {
            if (Wildcard.Matches(pattern, model))
            {
                return true;
            }
        }

        return false;
    }
}
