using System.Buffers.Binary;
using System.Text;

namespace Sweeps.Data.Tests;

/// <summary>
/// Writes, opcode by opcode, the pickle CPython produces for <c>pickle.dump({'data': uint8 array,
/// 'labels': [ints], 'mean': float64 array}, f, protocol)</c>: protocol 2 as Python 3 writes it (bytes
/// through <c>_codecs.encode</c>, GLOBAL, BINPUT/BINGET memo) and protocol 4 (FRAME, STACK_GLOBAL,
/// MEMOIZE, SHORT_BINBYTES/BINBYTES8). One FRAME spans everything here, where CPython would close frames
/// around large bytes; the reader skips frame boundaries either way. Test fixtures only.
/// </summary>
internal sealed class PickleBytes
{
    private readonly MemoryStream body = new();
    private readonly int protocol;
    private byte memo;

    private PickleBytes(int protocol) => this.protocol = protocol;

    public static byte[] ImageNetBatch(int protocol, byte[] data, int rows, long[] labels, double[] mean)
    {
        var pickle = new PickleBytes(protocol);
        pickle.Op(0x7d).Remember().Op((byte)'(');
        pickle.Text("data").Remember().Array("u1", '|', [rows, data.Length / rows], data);
        pickle.Text("labels").Remember().Op((byte)']').Remember().Op((byte)'(');
        foreach (var label in labels)
            pickle.Int(label);
        pickle.Op((byte)'e');
        var meanBytes = new byte[mean.Length * 8];
        Buffer.BlockCopy(mean, 0, meanBytes, 0, meanBytes.Length);
        pickle.Text("mean").Remember().Array("f8", '<', [mean.Length], meanBytes);
        pickle.Op((byte)'u').Op((byte)'.');
        return pickle.Finish();
    }

    private byte[] Finish()
    {
        var content = body.ToArray();
        var output = new MemoryStream();
        output.Write([0x80, (byte)protocol]);
        if (protocol >= 4)
        {
            output.WriteByte(0x95);
            output.Write(BitConverter.GetBytes((long)content.Length - 1));
        }
        output.Write(content);
        return output.ToArray();
    }

    private PickleBytes Array(string code, char byteOrder, long[] shape, byte[] raw)
    {
        Global("numpy.core.multiarray", "_reconstruct");
        Global("numpy", "ndarray");
        Int(0).Op(0x85).Remember();
        Bytes("b"u8.ToArray());
        Op(0x87).Remember().Op((byte)'R').Remember();
        Op((byte)'(').Int(1);
        foreach (var extent in shape)
            Int(extent);
        Op(shape.Length == 1 ? (byte)0x85 : (byte)0x86).Remember();
        Global("numpy", "dtype");
        Text(code).Remember().Op(0x89).Op(0x88).Op(0x87).Remember().Op((byte)'R').Remember();
        Op((byte)'(').Int(3).Text(byteOrder.ToString()).Remember().Op((byte)'N').Op((byte)'N').Op((byte)'N').Int(-1).Int(-1).Int(0).Op((byte)'t').Remember().Op((byte)'b');
        Op(0x89);
        Bytes(raw);
        return Op((byte)'t').Remember().Op((byte)'b');
    }

    private PickleBytes Global(string module, string name)
    {
        if (protocol >= 4)
            return Text(module).Remember().Text(name).Remember().Op(0x93).Remember();
        return Op((byte)'c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n")).Remember();
    }

    /// <summary>Protocol 2 has no bytes type: Python 3 writes <c>_codecs.encode(latin-1 text, 'latin1')</c>.</summary>
    private PickleBytes Bytes(byte[] raw)
    {
        if (protocol >= 4)
        {
            if (raw.Length < 256)
                return Op((byte)'C').Op((byte)raw.Length).Raw(raw).Remember();
            return Op(0x8e).Raw(BitConverter.GetBytes((long)raw.Length)).Raw(raw).Remember();
        }
        Global("_codecs", "encode");
        return Text(Encoding.Latin1.GetString(raw)).Remember().Text("latin1").Remember().Op(0x86).Remember().Op((byte)'R').Remember();
    }

    private PickleBytes Text(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        if (protocol >= 4 && utf8.Length < 256)
            return Op(0x8c).Op((byte)utf8.Length).Raw(utf8);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        return Op((byte)'X').Raw(length).Raw(utf8);
    }

    private PickleBytes Int(long value)
    {
        if (value is >= 0 and < 256)
            return Op((byte)'K').Op((byte)value);
        if (value is >= 0 and < 65536)
            return Op((byte)'M').Raw(BitConverter.GetBytes((ushort)value));
        return Op((byte)'J').Raw(BitConverter.GetBytes((int)value));
    }

    private PickleBytes Remember() => protocol >= 4 ? Op(0x94) : Op((byte)'q').Op(memo++);

    private PickleBytes Op(byte value)
    {
        body.WriteByte(value);
        return this;
    }

    private PickleBytes Raw(byte[] bytes)
    {
        body.Write(bytes);
        return this;
    }
}
