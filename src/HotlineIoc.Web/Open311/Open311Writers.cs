using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace HotlineIoc.Web.Open311;

/// <summary>Writes an <see cref="Open311Document"/> as UTF-8 XML (System.Xml) or JSON (System.Text.Json).</summary>
public static class Open311Writers
{
    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    // Vietnamese and the '+' of offsets stay readable instead of becoming \u escapes. The relaxed encoder leaves HTML
    // characters as they are, which is safe here: the answer is application/json or text/xml, never put into a page.
    private static readonly JsonWriterOptions JsonSettings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream stream, Open311Document document, Open311Format format)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (format == Open311Format.Json)
        {
            using var json = new Utf8JsonWriter(stream, JsonSettings);
            WriteJson(json, document.Root);
            return;
        }

        using var xml = XmlWriter.Create(stream, XmlSettings);
        xml.WriteStartDocument();
        WriteXml(xml, document.RootName, document.Root);
        xml.WriteEndDocument();
    }

    private static void WriteXml(XmlWriter xml, string name, Open311Node node)
    {
        xml.WriteStartElement(name);
        switch (node)
        {
            case Open311Object item:
                foreach (var (field, value) in item.Fields)
                {
                    WriteXml(xml, field, value);
                }

                break;
            case Open311List list:
                foreach (var value in list.Items)
                {
                    WriteXml(xml, list.ItemName, value);
                }

                break;
            case Open311Value { Value: not null } value:
                xml.WriteString(value.Value switch
                {
                    string text => Clean(text),
                    bool flag => flag ? "true" : "false",
                    int number => XmlConvert.ToString(number),
                    double number => XmlConvert.ToString(number),
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                });
                break;
        }

        xml.WriteEndElement();
    }

    private static void WriteJson(Utf8JsonWriter json, Open311Node node)
    {
        switch (node)
        {
            case Open311Object item:
                json.WriteStartObject();
                foreach (var (field, value) in item.Fields)
                {
                    json.WritePropertyName(field);
                    WriteJson(json, value);
                }

                json.WriteEndObject();
                break;
            case Open311List list:
                json.WriteStartArray();
                foreach (var value in list.Items)
                {
                    WriteJson(json, value);
                }

                json.WriteEndArray();
                break;
            case Open311Value value:
                switch (value.Value)
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case string text:
                        json.WriteStringValue(Clean(text));
                        break;
                    case bool flag:
                        json.WriteBooleanValue(flag);
                        break;
                    case int number:
                        json.WriteNumberValue(number);
                        break;
                    case double number:
                        json.WriteNumberValue(number);
                        break;
                    default:
                        json.WriteStringValue(Convert.ToString(value.Value, CultureInfo.InvariantCulture));
                        break;
                }

                break;
        }
    }

    /// <summary>
    /// Drops the characters XML 1.0 cannot carry (control characters, lone surrogates) from stored text, so a stray byte
    /// pasted into a description makes a readable answer instead of a failed one; JSON gets the same text.
    /// </summary>
    private static string Clean(string text)
    {
        StringBuilder? kept = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept?.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                kept?.Append(text[i]);
            }
            else
            {
                kept ??= new StringBuilder(text.Length).Append(text, 0, i);
            }
        }

        return kept?.ToString() ?? text;
    }
}
