namespace Sweeps.Data;

/// <summary>A class or function a pickle names by module and name (GLOBAL / STACK_GLOBAL).</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public bool Is(string name, params string[] modules) => Name == name && modules.Contains(Module);

    public override string ToString() => $"{Module}.{Name}";
}
