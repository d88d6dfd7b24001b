using System.Buffers.Binary;
using System.Text;

namespace Sweeps.Data;

/// <summary>
/// A minimal unpickler for what Python 2/3 write with pickle protocols 2 to 5 for dictionaries of
/// NumPy arrays and integer lists: containers, numbers, strings, bytes, memo, globals, and only the
/// callables NumPy's reduce needs (<c>_reconstruct</c>, <c>dtype</c>, <c>_frombuffer</c>,
/// <c>_codecs.encode</c>). Nothing is ever imported or executed.
/// Values: null, bool, long, double, string, byte[] (Python 2 str and bytes), object?[] (tuple),
/// List&lt;object?&gt;, Dictionary&lt;string, object?&gt;, <see cref="PickledArray"/>, <see cref="PickledDType"/>.
/// </summary>
internal sealed class PickleReader(Stream stream, string path)
{
    private static readonly object Mark = new();
    private readonly List<object?> stack = [];
    private readonly Dictionary<long, object?> memo = [];
    private long position;

    public object? Read()
    {
        while (true)
        {
            var opcodeAt = position;
            var opcode = ReadByte();
            switch (opcode)
            {
                case 0x80: ReadByte(); break; // PROTO
                case 0x95: ReadBytes(8); break; // FRAME: frames are contiguous, so the length is not needed
                case (byte)'.': return Pop();
                case (byte)'(': stack.Add(Mark); break;
                case (byte)'0': Pop(); break;
                case (byte)'1': PopToMark(); break;
                case (byte)'2': stack.Add(Peek()); break;
                case (byte)'N': stack.Add(null); break;
                case 0x88: stack.Add(true); break;
                case 0x89: stack.Add(false); break;
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break;
                case (byte)'K': stack.Add((long)ReadByte()); break;
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break;
                case 0x8a: stack.Add(ReadLong(ReadByte())); break;
                case 0x8b: stack.Add(ReadLong(ReadLength(4))); break;
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break;
                case (byte)'T': stack.Add(ReadBytes(ReadLength(4))); break;
                case (byte)'U': stack.Add(ReadBytes(ReadByte())); break;
                case (byte)'X': stack.Add(Encoding.UTF8.GetString(ReadBytes(ReadLength(4)))); break;
                case 0x8c: stack.Add(Encoding.UTF8.GetString(ReadBytes(ReadByte()))); break;
                case 0x8d: stack.Add(Encoding.UTF8.GetString(ReadBytes(ReadLength(8)))); break;
                case (byte)'B': stack.Add(ReadBytes(ReadLength(4))); break;
                case (byte)'C': stack.Add(ReadBytes(ReadByte())); break;
                case 0x8e or 0x96: stack.Add(ReadBytes(ReadLength(8))); break; // BINBYTES8, BYTEARRAY8
                case (byte)')': stack.Add(Array.Empty<object?>()); break;
                case (byte)'t': stack.Add(PopToMark().ToArray()); break;
                case 0x85: stack.Add(PopMany(1)); break;
                case 0x86: stack.Add(PopMany(2)); break;
                case 0x87: stack.Add(PopMany(3)); break;
                case (byte)']': stack.Add(new List<object?>()); break;
                case (byte)'l': stack.Add(PopToMark()); break;
                case (byte)'a': AppendTo(PopMany(1)); break;
                case (byte)'e': AppendTo(PopToMark()); break;
                case (byte)'}': stack.Add(new Dictionary<string, object?>()); break;
                case (byte)'d': stack.Add(SetItems(new Dictionary<string, object?>(), PopToMark(), opcodeAt)); break;
                case (byte)'s': SetItems(PeekDictionary(opcodeAt, 2), PopMany(2), opcodeAt); break;
                case (byte)'u': { var items = PopToMark(); SetItems(PeekDictionary(opcodeAt, 0), items, opcodeAt); break; }
                case (byte)'c': stack.Add(new PickleGlobal(ReadLine(), ReadLine())); break;
                case 0x93: { var name = PopMany(2); stack.Add(new PickleGlobal(Text(name[0], opcodeAt), Text(name[1], opcodeAt))); break; }
                case (byte)'R': { var arguments = PopMany(2); stack.Add(Reduce(arguments[0], arguments[1], opcodeAt)); break; }
                case (byte)'b': { var state = Pop(); Build(Peek(), state, opcodeAt); break; }
                case (byte)'q': memo[ReadByte()] = Peek(); break;
                case (byte)'r': memo[ReadLength(4)] = Peek(); break;
                case 0x94: memo[memo.Count] = Peek(); break;
                case (byte)'h': stack.Add(Recall(ReadByte(), opcodeAt)); break;
                case (byte)'j': stack.Add(Recall(ReadLength(4), opcodeAt)); break;
                default:
                    throw Error(opcodeAt, $"unsupported pickle opcode 0x{opcode:x2} (protocols 2 to 5 of dictionaries of NumPy arrays are supported)");
            }
        }
    }

    private object? Reduce(object? callable, object? arguments, long at)
    {
        if (callable is not PickleGlobal function || arguments is not object?[] args)
            throw Error(at, "REDUCE needs a global and an argument tuple");
        if (function.Is("_reconstruct", "numpy.core.multiarray", "numpy._core.multiarray"))
            return new PickledArray();
        if (function.Is("dtype", "numpy") && args.Length >= 1)
            return new PickledDType(Text(args[0], at));
        // Python 3 writes bytes under protocol 2 as _codecs.encode(text, 'latin1').
        if (function.Is("encode", "_codecs") && args.Length == 2 && args[0] is string latin1)
            return Encoding.Latin1.GetBytes(latin1);
        if (function.Is("_frombuffer", "numpy.core.numeric", "numpy._core.numeric") && args is [byte[] buffer, PickledDType dtype, object?[] shape, _])
            return new PickledArray { Data = buffer, DType = dtype, Shape = Extents(shape, at) };
        throw Error(at, $"the pickle calls {function}, which this reader does not support (only NumPy arrays, lists and dictionaries are)");
    }

    private void Build(object? target, object? state, long at)
    {
        switch (target, state)
        {
            case (PickledArray array, object?[] { Length: 5 } fields):
                array.Shape = Extents(fields[1] as object?[] ?? throw Error(at, "ndarray state has no shape tuple"), at);
                array.DType = fields[2] as PickledDType ?? throw Error(at, "ndarray state has no dtype");
                array.Fortran = fields[3] is true;
                array.Data = fields[4] as byte[] ?? throw Error(at, "ndarray state holds no raw bytes (object arrays are not supported)");
                break;
            case (PickledDType dtype, object?[] { Length: >= 2 } fields):
                dtype.ByteOrder = Text(fields[1], at).Single();
                break;
            default:
                throw Error(at, $"BUILD on {target?.GetType().Name ?? "None"} is not supported");
        }
    }

    private Dictionary<string, object?> SetItems(Dictionary<string, object?> dictionary, IReadOnlyList<object?> items, long at)
    {
        for (var index = 0; index + 1 < items.Count; index += 2)
            dictionary[Text(items[index], at)] = items[index + 1];
        return dictionary;
    }

    private Dictionary<string, object?> PeekDictionary(long at, int above) =>
        stack.Count > above && stack[^(above + 1)] is Dictionary<string, object?> dictionary
            ? dictionary
            : throw Error(at, "SETITEM(S) without a dictionary below its items");

    private void AppendTo(IEnumerable<object?> items)
    {
        if (Peek() is not List<object?> list)
            throw Error(position, "APPEND(S) without a list below its items");
        list.AddRange(items);
    }

    private long[] Extents(object?[] shape, long at) =>
        shape.Select(extent => extent is long value and >= 0 ? value : throw Error(at, "ndarray shape holds a non-integer")).ToArray();

    /// <summary>Python 3 str, or Python 2 str (bytes) read as Latin-1.</summary>
    private string Text(object? value, long at) => value switch
    {
        string text => text,
        byte[] bytes => Encoding.Latin1.GetString(bytes),
        _ => throw Error(at, $"expected a string, found {value?.GetType().Name ?? "None"}"),
    };

    private object? Recall(long key, long at) =>
        memo.TryGetValue(key, out var value) ? value : throw Error(at, $"memo entry {key} was never stored");

    private object? Peek() => stack.Count > 0 ? stack[^1] : throw Error(position, "the stack is empty");

    private object? Pop()
    {
        var value = Peek();
        stack.RemoveAt(stack.Count - 1);
        return value == Mark ? throw Error(position, "a MARK was popped as a value") : value;
    }

    private object?[] PopMany(int count)
    {
        if (stack.Count < count)
            throw Error(position, $"{count} values needed, the stack holds {stack.Count}");
        var values = stack.GetRange(stack.Count - count, count).ToArray();
        stack.RemoveRange(stack.Count - count, count);
        return values;
    }

    private List<object?> PopToMark()
    {
        var mark = stack.LastIndexOf(Mark);
        if (mark < 0)
            throw Error(position, "no MARK on the stack");
        var values = stack.GetRange(mark + 1, stack.Count - mark - 1);
        stack.RemoveRange(mark, stack.Count - mark);
        return values;
    }

    private static long ReadLong(ReadOnlySpan<byte> littleEndianTwosComplement) =>
        (long)new System.Numerics.BigInteger(littleEndianTwosComplement, isUnsigned: false, isBigEndian: false);

    private long ReadLong(int length) => ReadLong(ReadBytes(length));

    private int ReadLength(int width)
    {
        var at = position;
        var bytes = ReadBytes(width);
        var length = width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return length <= (ulong)Array.MaxLength ? (int)length : throw Error(at, $"length {length} is larger than one array can hold");
    }

    private string ReadLine()
    {
        var line = new StringBuilder();
        for (var character = ReadByte(); character != '\n'; character = ReadByte())
            line.Append((char)character);
        return line.ToString();
    }

    private byte ReadByte() => ReadBytes(1)[0];

    private byte[] ReadBytes(int count)
    {
        var buffer = new byte[count];
        var filled = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        if (filled < count)
            throw Error(position, $"truncated: {count} bytes needed, {filled} follow");
        position += count;
        return buffer;
    }

    private DataFormatException Error(long at, string problem) => new(path, $"pickle, byte {at}: {problem}");
}
