using System.Reflection;
using Xunit.Sdk;

namespace Sweeps.Storage.Tests;

/// <summary>Runs a theory once per <see cref="DatabaseProvider"/>; pair with <c>[SkippableTheory]</c> so the
/// PostgreSQL variant skips where no server was started.</summary>
public sealed class BothProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<DatabaseProvider>().Select(provider => new object[] { provider });
}
