using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.GoModel;

/// <summary>The engine-independent checks as FsCheck properties of a GoModel variant.</summary>
public static class GoModelProperties
{
    /// <summary>
    /// <paramref name="variant"/> passes the check <paramref name="check"/> names on <paramref name="scenario"/>;
    /// a failure is labelled with the violation and the scenario file.
    /// </summary>
    public static Property Holds(Scenario scenario, GoModelVariant variant, GoModelBugs check)
    {
        var violation = GoModelChecks.Run(check, scenario.GoModel!.Question(GoModelVerdict.NowMs), variant);
        return violation is null
            ? Prop.ToProperty(true)
            : Prop.Label(false, $"{variant.Name} violates {violation}\n{Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(scenario))}");
    }
}
