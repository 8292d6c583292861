using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// Writes an XML document as UTF-8 with one reusable writer per thread. <see cref="XmlWriter.Create(Stream)"/> allocates
/// a 6 KB buffer and its checking state for every answer (about a fifth of what an incoming-call webhook allocated); the text
/// writer of <see cref="XmlDictionaryWriter"/> can be pointed at a new stream (<see cref="IXmlTextWriterInitializer"/>),
/// so a thread keeps one. Writing is synchronous, so a thread's writer never serves two documents at once.
/// </summary>
public static class TwimlWriters
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic]
    private static XmlDictionaryWriter? _idle;

    public static void Write(XDocument document, Stream output)
    {
        var writer = _idle;
        _idle = null; // taken: if writing throws, the writer may be left mid-document and is not reused
        if (writer is null)
        {
            writer = XmlDictionaryWriter.CreateTextWriter(output, Utf8, ownsStream: false);
        }
        else
        {
            ((IXmlTextWriterInitializer)writer).SetOutput(output, Utf8, ownsStream: false);
        }

        document.Save(writer);
        writer.Flush();
        _idle = writer;
    }
}
