namespace Sweeps.Data;

/// <summary>A <c>numpy.dtype</c> being unpickled: <c>dtype('f8', False, True)</c>, then BUILD sets the byte order.</summary>
internal sealed class PickledDType(string code)
{
    public string Code { get; } = code;
    public char ByteOrder { get; set; } = '|';

    public string Descr => $"{ByteOrder}{Code}";
}
