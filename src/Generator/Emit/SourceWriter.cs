using System.Text;

namespace GenScheduler.Generator.Emit;

/// <summary>Writes C# source line by line with four-space indentation and <c>\n</c> line endings.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation; an empty line has no indentation.</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(text);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes a line without indentation, for preprocessor directives.</summary>
    public SourceWriter Directive(string text)
    {
        _text.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter Open()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>Indents the lines that follow by one more level.</summary>
    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    /// <summary>Undoes one <see cref="Indent"/>.</summary>
    public SourceWriter Unindent()
    {
        _indent--;
        return this;
    }

    /// <summary>
    /// Writes what <paramref name="write"/> writes, at the current indentation, or nothing at all when it throws: one job
    /// that breaks the emitter then leaves no half-written code, and the caller reports it.
    /// </summary>
    /// <returns><see langword="null"/>, or the exception <paramref name="write"/> threw (never a cancellation, which propagates).</returns>
    public System.Exception? TryWrite(System.Action<SourceWriter> write)
    {
        var fragment = new SourceWriter { _indent = _indent };
        try
        {
            write(fragment);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return e;
        }

        _text.Append(fragment._text);
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
