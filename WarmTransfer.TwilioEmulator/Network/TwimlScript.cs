using System.Xml;
using System.Xml.Linq;

namespace WarmTransfer.TwilioEmulator;

/// <summary>Reads TwiML documents the way the emulator executes them.</summary>
internal static class TwimlScript
{
    public static bool TryParse(string body, out Queue<XElement> verbs)
    {
        verbs = new Queue<XElement>();
        try
        {
            var root = XDocument.Parse(body).Root;
            if (root?.Name.LocalName != "Response")
            {
                return false;
            }

            foreach (var verb in root.Elements())
            {
                verbs.Enqueue(verb);
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <summary>Wait and hold TwiML only keeps the party company if it never runs out: a looping &lt;Play&gt; or a &lt;Redirect&gt;.</summary>
    public static Audio MusicOrSilence(string body, Audio music) =>
        TryParse(body, out var verbs) && verbs.Any(v => (v.Name.LocalName == "Play" && (string?)v.Attribute("loop") == "0") || v.Name.LocalName == "Redirect")
            ? music
            : Audio.Silence;

    public static bool Flag(XElement element, string attribute, bool whenMissing) =>
        element.Attribute(attribute) is { } value ? string.Equals(value.Value, "true", StringComparison.OrdinalIgnoreCase) : whenMissing;
}
